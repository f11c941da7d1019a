"""Evaluating a scenario: per-year totals against the targets, FTE, consequences for
citizens, breakdowns and findings for broken relations.

Amounts are exact ``Decimal`` in the catalogue's unit (1.000 kr.): a share of a
proposal scales every year's I alt by the share, with no rounding; chosen lines add
their own amounts plus the proposal's rows f and g in full, since capital investment
and derived operating costs belong to the proposal, not to a line.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from budgetkatalog.core.finding import Finding, Severity, text
from budgetkatalog.core.proposal import Proposal
from budgetkatalog.scenarios.attributes import Divisibility
from budgetkatalog.scenarios.decision import Decision, DecisionKind, Scenario
from budgetkatalog.scenarios.relations import MutuallyExclusive, Overlap, Requires
from budgetkatalog.scenarios.round_setup import (
    RoundSetup,
    area_codes,
    choosable_lines,
    line_weights,
)

ONE = Decimal(1)
ZERO = Decimal(0)


@dataclass(frozen=True)
class YearResult:
    """One year's total under a scenario, against its target."""

    year: int
    total: Decimal
    target: Decimal | None
    overlap_correction: Decimal = ZERO

    @property
    def met(self) -> bool | None:
        return None if self.target is None else self.total <= self.target

    @property
    def margin(self) -> Decimal | None:
        """How much further the total is below the target (negative: short by)."""
        return None if self.target is None else self.target - self.total


@dataclass(frozen=True)
class Breakdown:
    """Adopted proposals' own amounts for one department, area or group."""

    key: str | None
    proposals: tuple[str, ...]
    totals: tuple[Decimal, ...]
    fte_saved: Decimal


@dataclass(frozen=True)
class Evaluation:
    """A scenario evaluated exactly: totals per year, FTE, consequences, findings."""

    scenario: Scenario
    years: tuple[YearResult, ...]
    adopted: tuple[str, ...]
    levels: tuple[tuple[str, Decimal], ...]
    fte_saved: Decimal
    fte_unknown: tuple[str, ...]
    citizen_consequences: tuple[str, ...]
    impact_score: int
    findings: tuple[Finding, ...]
    # What the breakdowns are computed from, on first use: a page shows them, the
    # optimiser and the command do not.
    setup: RoundSetup = field(repr=False, compare=False, kw_only=True)
    shares: Mapping[str, tuple[Proposal, tuple[Decimal, ...], Decimal]] = field(
        repr=False, compare=False, kw_only=True)

    @cached_property
    def by_department(self) -> tuple[Breakdown, ...]:
        setup = self.setup
        return self._breakdown(lambda n: setup.attributes_of(n).department)

    @cached_property
    def by_area(self) -> tuple[Breakdown, ...]:
        def area_key(number: str) -> str | None:
            codes = [area.code for area in area_codes(self.shares[number][0])]
            return ", ".join(codes) if codes else None
        return self._breakdown(area_key)

    @cached_property
    def by_group(self) -> tuple[Breakdown, ...]:
        return self._breakdown(self.setup.group_name)

    def _breakdown(self, key_of: Callable[[str], str | None]) -> tuple[Breakdown, ...]:
        setup, shares = self.setup, self.shares
        groups: dict[str | None, list[str]] = {}
        for number in self.adopted:
            groups.setdefault(key_of(number), []).append(number)
        out = []
        for key, numbers in groups.items():
            sums = tuple(sum((shares[n][1][i] for n in numbers), ZERO)
                         for i in range(len(self.years)))
            fte_sum = sum((setup.attributes_of(n).fte * shares[n][2] for n in numbers), ZERO)
            out.append(Breakdown(key, tuple(numbers), sums, fte_sum))
        return tuple(out)

    @property
    def meets_targets(self) -> bool:
        return all(result.met is not False for result in self.years)

    def total_for(self, year: int) -> Decimal:
        for result in self.years:
            if result.year == year:
                return result.total
        raise KeyError(year)

    @property
    def proposal_count(self) -> int:
        return len(self.adopted)


def contribution(proposal: Proposal, decision: Decision,
                 years: tuple[int, ...]) -> tuple[Decimal, ...]:
    """The proposal's amounts per year under a decision."""
    if not decision.is_adopted:
        return tuple(ZERO for _ in years)
    totals = proposal.total(years)
    if decision.kind is DecisionKind.PARTIAL:
        share = decision.share if decision.share is not None else ZERO
        return tuple(share * amount for amount in totals)
    if decision.kind is DecisionKind.LINES and proposal.table is not None:
        table = proposal.table
        chosen = [line for line in table.lines if line.letter in decision.lines]
        rows = (*chosen, table.investment, table.derived_operating)
        return tuple(
            Decimal(sum(row.amounts[table.years.index(y)] or 0 for row in rows))
            if y in table.years else ZERO for y in years)
    return tuple(Decimal(amount) for amount in totals)


def level(proposal: Proposal, decision: Decision) -> Decimal:
    """How much of the proposal is adopted, 0–1: scales its FTE and overlaps."""
    if not decision.is_adopted:
        return ZERO
    if decision.kind is DecisionKind.PARTIAL:
        return decision.share if decision.share is not None else ZERO
    if decision.kind is DecisionKind.LINES:
        weights = line_weights(proposal)
        return Decimal(sum(weights.get(letter, 0) for letter in decision.lines)) / 100
    return ONE


def evaluate(setup: RoundSetup, scenario: Scenario) -> Evaluation:
    catalogue = setup.catalogue
    years = setup.years
    findings: list[Finding] = []
    for number, decision in scenario.decisions:
        proposal = catalogue.proposal(number)
        if proposal is None:
            findings.append(Finding(
                "scenario.unknown-proposal", Severity.ERROR,
                text("Scenariet har en beslutning om forslag {n}, som ikke findes i "
                     "kataloget.", "The scenario decides on proposal {n}, which is not in "
                     "the catalogue.", n=number), proposal=number))
        elif decision.kind is DecisionKind.PARTIAL or decision.kind is DecisionKind.LINES:
            findings.extend(_check_decision(setup, proposal, decision))

    totals = [ZERO for _ in years]
    adopted: list[str] = []
    levels: list[tuple[str, Decimal]] = []
    fte = ZERO
    fte_unknown: list[str] = []
    consequences: list[str] = []
    impact = 0
    shares: dict[str, tuple[Proposal, tuple[Decimal, ...], Decimal]] = {}
    decided = {number: decision for number, decision in scenario.decisions
               if decision.is_adopted}
    decimal_totals = setup.decimal_totals
    for proposal in catalogue.proposals:
        if proposal.number not in decided:
            continue
        decision = decided[proposal.number]
        attributes = setup.attributes_of(proposal.number)
        whole = decision.kind is DecisionKind.ADOPTED
        amounts = decimal_totals[proposal.number] if whole \
            else contribution(proposal, decision, years)
        share = ONE if whole else level(proposal, decision)
        shares[proposal.number] = (proposal, amounts, share)
        adopted.append(proposal.number)
        levels.append((proposal.number, share))
        totals = [t + a for t, a in zip(totals, amounts, strict=True)]
        fte += attributes.fte if whole else attributes.fte * share
        if not attributes.fte_known:
            fte_unknown.append(proposal.number)
        if attributes.citizen_impact.has_consequences:
            consequences.append(proposal.number)
        impact += setup.impact_weights.get(attributes.citizen_impact, 0)

    corrections = [ZERO for _ in years]
    findings.extend(_check_relations(setup, shares, years, corrections))
    results = tuple(
        YearResult(year, totals[i] + corrections[i], setup.targets.for_year(year),
                   corrections[i]) for i, year in enumerate(years))
    for result in results:
        if result.met is False and result.target is not None:
            findings.append(Finding(
                "scenario.target-missed", Severity.WARNING,
                text("Målet for {year} er {target}, men scenariet giver {total} "
                     "(mangler {short}).",
                     "The target for {year} is {target}, but the scenario gives {total} "
                     "(short by {short}).", year=str(result.year), target=result.target,
                     total=result.total, short=-(result.margin or ZERO)),
                numbers=(("target", result.target), ("total", result.total))))
    if fte_unknown:
        findings.append(Finding(
            "scenario.fte-unknown", Severity.WARNING,
            text("Årsværk er ukendt for {which} og tæller som 0.",
                 "The FTE of {which} is unknown and counts as 0.",
                 which=", ".join(fte_unknown))))

    return Evaluation(
        scenario=scenario, years=results, adopted=tuple(adopted), levels=tuple(levels),
        fte_saved=fte, fte_unknown=tuple(fte_unknown),
        citizen_consequences=tuple(consequences), impact_score=impact,
        findings=tuple(findings), setup=setup, shares=shares)


def _check_decision(setup: RoundSetup, proposal: Proposal,
                    decision: Decision) -> list[Finding]:
    attributes = setup.attributes_of(proposal.number)
    n = proposal.number
    if decision.kind is DecisionKind.PARTIAL:
        share = decision.share
        if attributes.divisibility is not Divisibility.SHARE:
            return [Finding("scenario.partial-not-allowed", Severity.ERROR, text(
                "Forslag {n} kan ikke vedtages delvist med en andel.",
                "Proposal {n} cannot be adopted in part by a share.", n=n), proposal=n)]
        if share is None or not ZERO < share <= ONE:
            return [Finding("scenario.share-out-of-range", Severity.ERROR, text(
                "Andelen for forslag {n} skal ligge over 0 og højst være 1.",
                "The share of proposal {n} must be above 0 and at most 1.", n=n),
                proposal=n, numbers=(("share", share),))]
    if decision.kind is DecisionKind.LINES:
        if attributes.divisibility is not Divisibility.LINES:
            return [Finding("scenario.lines-not-allowed", Severity.ERROR, text(
                "For forslag {n} kan der ikke vælges enkelte linjer.",
                "Single lines cannot be chosen for proposal {n}.", n=n), proposal=n)]
        letters = {line.letter for line in choosable_lines(proposal)}
        wrong = [letter for letter in decision.lines if letter not in letters]
        if wrong or not decision.lines:
            return [Finding("scenario.lines-unknown", Severity.ERROR, text(
                "Forslag {n} har ikke linjerne {wrong}; der kan vælges {letters}.",
                "Proposal {n} has no lines {wrong}; choose from {letters}.", n=n,
                wrong=", ".join(wrong) or "-", letters=", ".join(sorted(letters))),
                proposal=n, section="tabel 1")]
    return []


def _check_relations(setup: RoundSetup,
                     shares: dict[str, tuple[Proposal, tuple[Decimal, ...], Decimal]],
                     years: tuple[int, ...], corrections: list[Decimal]) -> list[Finding]:
    findings: list[Finding] = []
    for relation in setup.relations:
        if isinstance(relation, MutuallyExclusive):
            chosen = [n for n in relation.proposals if n in shares]
            if len(chosen) > 1:
                findings.append(Finding("scenario.exclusive-broken", Severity.ERROR, text(
                    "Forslagene {chosen} udelukker hinanden, men er alle vedtaget.",
                    "Proposals {chosen} exclude each other but are all adopted.",
                    chosen=", ".join(chosen)), proposal=chosen[0]))
        elif isinstance(relation, Requires):
            if relation.proposal in shares and relation.required not in shares:
                findings.append(Finding("scenario.requires-broken", Severity.ERROR, text(
                    "Forslag {p} forudsætter forslag {r}, som ikke er vedtaget.",
                    "Proposal {p} requires proposal {r}, which is not adopted.",
                    p=relation.proposal, r=relation.required), proposal=relation.proposal))
        elif isinstance(relation, Overlap) and relation.first in shares \
                and relation.second in shares:
            both = min(shares[relation.first][2], shares[relation.second][2])
            for i, year in enumerate(years):
                corrections[i] += both * relation.amount_for(year)
            findings.append(Finding("scenario.overlap-counted", Severity.NOTE, text(
                "Forslag {a} og {b} overlapper; den dobbelt talte besparelse lægges "
                "til én gang.", "Proposals {a} and {b} overlap; the saving counted "
                "twice is added back once.", a=relation.first, b=relation.second),
                proposal=relation.first))
    for number, (proposal, _, _) in shares.items():
        protected = setup.protection_of(proposal)
        if protected is not None:
            what = protected.department or protected.area_code or ""
            findings.append(Finding("scenario.protected-adopted", Severity.ERROR, text(
                "Forslag {n} hører til {what}, som holdes ude af runden.",
                "Proposal {n} belongs to {what}, which is kept out of the round.",
                n=number, what=what), proposal=number))
    return findings
