"""What finance staff set up around a catalogue before anyone composes scenarios:
proposal attributes, relations and targets."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction
from functools import cached_property
from typing import Any

from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.core.department import normalise_name
from budgetkatalog.core.finding import Finding
from budgetkatalog.core.proposal import Proposal, proposal_sort_key
from budgetkatalog.core.table import AppropriationArea, TableLine
from budgetkatalog.scenarios.attributes import (
    DEFAULT_IMPACT_WEIGHTS,
    AttributeOverride,
    CitizenImpact,
    Divisibility,
    ProposalAttributes,
    derive_attributes,
)
from budgetkatalog.scenarios.relations import Protected, Relation, relations_from_memo
from budgetkatalog.scenarios.targets import Targets


@dataclass(frozen=True)
class Columns:
    """The catalogue's proposals as arrays in the catalogue's order, what the
    optimiser's knapsack path reads instead of going proposal by proposal."""

    numbers: tuple[str, ...]
    attributes: tuple[ProposalAttributes, ...]  # as :meth:`RoundSetup.attributes_of`
    amounts: Mapping[int, tuple[int, ...]]  # I alt per year of the round
    fte: tuple[Decimal, ...]
    fte_units: tuple[int, ...]  # in whole units of :attr:`RoundSetup.fte_scale`
    # each proposal's place among the others as a scenario orders them (2.2 before
    # 2.10, see ``Scenario.of``)
    ranks: tuple[int, ...]
    unique: bool  # no number twice
    whole: bool  # every proposal can only be adopted whole
    fte_known: bool  # every proposal's FTE is known


@dataclass(frozen=True)
class RoundSetup:
    """A catalogue with its attributes, relations and targets, ready to evaluate."""

    catalogue: Catalogue
    attributes: Mapping[str, ProposalAttributes]
    relations: tuple[Relation, ...] = ()
    targets: Targets = field(default_factory=Targets)
    impact_weights: Mapping[CitizenImpact, int] = field(
        default_factory=lambda: dict(DEFAULT_IMPACT_WEIGHTS))
    findings: tuple[Finding, ...] = ()

    @property
    def years(self) -> tuple[int, ...]:
        return self.catalogue.round.years

    @cached_property
    def totals(self) -> Mapping[str, tuple[int, ...]]:
        """Each proposal's I alt per year of the round, computed once per setup."""
        return {p.number: p.total(self.years) for p in self.catalogue.proposals}

    @cached_property
    def decimal_totals(self) -> Mapping[str, tuple[Decimal, ...]]:
        """:attr:`totals` as ``Decimal``, for the exact evaluation of every scenario."""
        return {number: tuple(Decimal(amount) for amount in amounts)
                for number, amounts in self.totals.items()}

    @cached_property
    def fte_units(self) -> Mapping[str, int]:
        """Each proposal's FTE in whole units of :attr:`fte_scale` (exact: the scale is
        10 to the most decimals any FTE has)."""
        scale = self.fte_scale
        return {number: int(a.fte * scale) for number, a in self.attributes.items()}

    @cached_property
    def columns(self) -> Columns:
        """The proposals as arrays (:class:`Columns`), computed once per setup."""
        proposals = self.catalogue.proposals
        numbers = tuple(proposal.number for proposal in proposals)
        attributes = tuple(map(self.attributes_of, numbers))
        totals = self.totals
        units = self.fte_units
        scale = self.fte_scale
        keys = sorted(range(len(numbers)),
                      key=lambda i: (proposal_sort_key(numbers[i]), numbers[i]))
        ranks = [0] * len(numbers)
        for rank, index in enumerate(keys):
            ranks[index] = rank
        whole, share = Divisibility.WHOLE, Divisibility.SHARE
        return Columns(
            numbers, attributes,
            {year: tuple(totals[number][i] for number in numbers)
             for i, year in enumerate(self.years)},
            tuple(a.fte for a in attributes),
            tuple(units[a.number] if a.number in units else int(a.fte * scale)
                  for a in attributes),
            tuple(ranks), len(set(numbers)) == len(numbers),
            all(a.divisibility is whole or (a.divisibility is not share
                                            and len(choosable_lines(proposal)) < 2)
                for proposal, a in zip(proposals, attributes, strict=True)),
            all(a.fte_known for a in attributes))

    @cached_property
    def prepared(self) -> dict[object, Any]:
        """What the optimiser prepares once per setup and reuses at every target (its
        knapsack's items ordered by efficiency, per year and objective)."""
        return {}

    def with_targets(self, targets: Targets) -> RoundSetup:
        """This setup with other targets, sharing what it has computed that does not
        depend on them (totals, arrays, FTE units, the optimiser's prepared knapsacks),
        so that trying one target after another prepares the round once."""
        derived = replace(self, targets=targets)
        computed = self.__dict__
        for name in _TARGET_FREE:
            if name in computed:
                derived.__dict__[name] = computed[name]
        return derived

    def attributes_of(self, number: str) -> ProposalAttributes:
        return self.attributes.get(number) or ProposalAttributes(number)

    @cached_property
    def protected(self) -> tuple[Protected, ...]:
        return tuple(r for r in self.relations if isinstance(r, Protected))

    @cached_property
    def fte_scale(self) -> int:
        """10 to the most decimals any FTE has (at most 6): FTE in whole units of it."""
        decimals = max((max(0, -int(a.fte.as_tuple().exponent))
                        for a in self.attributes.values()), default=0)
        return int(10 ** min(decimals, 6))

    def protection_of(self, proposal: Proposal) -> Protected | None:
        """The protected department or area this proposal belongs to, if any."""
        if not self.protected:
            return None
        department = self.attributes_of(proposal.number).department
        codes = {area.code for area in area_codes(proposal)}
        for relation in self.relations:
            if not isinstance(relation, Protected):
                continue
            if relation.department is not None and department is not None \
                    and normalise_name(relation.department) == normalise_name(department):
                return relation
            if relation.area_code is not None and relation.area_code in codes:
                return relation
        return None

    def group_name(self, number: str) -> str | None:
        group = self.catalogue.group_of(number)
        return group.name if group else None


# RoundSetup's computed values that depend on the catalogue, attributes and relations
# only, never on the targets.
_TARGET_FREE = ("totals", "decimal_totals", "fte_units", "fte_scale", "columns", "prepared",
                "protected")


def build_setup(catalogue: Catalogue, targets: Targets | None = None,
                relations: tuple[Relation, ...] = (),
                overrides: tuple[AttributeOverride, ...] = (), *,
                memo_relations: bool = True) -> RoundSetup:
    """Derive the attributes, add the memo's own relations, and keep the findings."""
    attributes, findings = derive_attributes(catalogue, overrides)
    all_relations = (*relations_from_memo(catalogue), *relations) if memo_relations \
        else relations
    return RoundSetup(catalogue, attributes, tuple(all_relations), targets or Targets(),
                      findings=tuple(findings))


def area_codes(proposal: Proposal) -> tuple[AppropriationArea, ...]:
    """The heading's areas, or the Table 1 caption's when the heading names none."""
    if proposal.areas:
        return proposal.areas
    if proposal.table is not None:
        return proposal.table.caption_areas
    return ()


def choosable_lines(proposal: Proposal) -> tuple[TableLine, ...]:
    """Budget lines a–d with an amount in some year."""
    if proposal.table is None:
        return ()
    return tuple(line for line in proposal.table.lines
                 if any(amount is not None for amount in line.amounts))


def line_weights(proposal: Proposal) -> dict[str, int]:
    """Each choosable line's part of the proposal in whole percent, summing to 100; it
    scales the proposal's FTE and overlaps when only some lines are adopted.

    The part is the line's share of the sub-total summed over the round's years (equal
    parts when that sum is zero or the lines' signs differ, a saving line next to an
    expense line as in 2.16), rounded down to whole percent; the percents left over go
    one each to the lines with the largest remainders, earliest line first on ties."""
    lines = choosable_lines(proposal)
    if not lines:
        return {}
    sums = {line.letter: sum(a or 0 for a in line.amounts) for line in lines}
    whole = sum(sums.values())
    if whole == 0 or any(s != 0 and (s > 0) != (whole > 0) for s in sums.values()):
        exact = {letter: Fraction(100, len(lines)) for letter in sums}
    else:
        exact = {letter: Fraction(100 * s, whole) for letter, s in sums.items()}
    percents = {letter: int(value) for letter, value in exact.items()}
    leftover = 100 - sum(percents.values())
    by_remainder = sorted(exact, key=lambda letter: -(exact[letter] - percents[letter]))
    for letter in by_remainder[:leftover]:
        percents[letter] += 1
    return percents
