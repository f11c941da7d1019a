"""Proposal attributes a scenario needs but the template does not state as fields:
department, FTE (årsværk saved), consequences for citizens, and whether the
proposal may be adopted in part.

Derivation (each value records where it came from, and overrides win):

- Department: the proposal's own (``Proposal.department``), which the importer sets
  from what the document states and a person may confirm or change
  (``core.department``); nothing is guessed here.
- FTE: the figure of the memo's FTE-table row that belongs to the proposal
  (``core.department.memo_rows``, the same rule that proposes its department);
  otherwise the total årsværk the proposal states (``Proposal.fte``, kept by the
  importer); otherwise 0 when section 4 or 7 says there are no staff consequences.
  Anything else is unknown: left out of FTE totals, with a warning, and refused by the
  FTE objective. When the table and the proposal's own statement disagree, the table is
  used and a note says so.
- Citizen impact (section 3): each sentence is read on its own. A sentence denying a
  consequence ("ingen direkte konsekvenser", "forventes ikke at have negativ
  betydning", "ikke vil påvirke") says nothing further; a sentence naming one
  ("konsekvens", "berøre", "forringelse", "længere", "færre", ...) is an impact. No
  impact sentence: none. Only impact sentences softened by "i mindre omfang",
  "indirekte" or "i begrænset omfang": limited. Otherwise: direct. A missing or empty
  section 3 is unknown and counted as direct with a warning.
- Divisibility: whole, unless an override allows a share or chosen lines.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from budgetkatalog.core.catalogue import Catalogue, FteRow
from budgetkatalog.core.department import memo_rows
from budgetkatalog.core.finding import Finding, Severity, text
from budgetkatalog.core.proposal import Proposal


class CitizenImpact(StrEnum):
    NONE = "none"
    LIMITED = "limited"
    DIRECT = "direct"

    @property
    def has_consequences(self) -> bool:
        return self is not CitizenImpact.NONE


# The default weights of the "impact" objective: a limited consequence counts half a
# direct one.
DEFAULT_IMPACT_WEIGHTS: Mapping[CitizenImpact, int] = {
    CitizenImpact.NONE: 0, CitizenImpact.LIMITED: 1, CitizenImpact.DIRECT: 2}


class Divisibility(StrEnum):
    WHOLE = "whole"
    SHARE = "share"
    LINES = "lines"


@dataclass(frozen=True)
class ProposalAttributes:
    """What the optimiser and scenarios know of a proposal beyond its text."""

    number: str
    department: str | None = None
    fte: Decimal = Decimal(0)
    fte_known: bool = False
    fte_source: str = "unknown"
    citizen_impact: CitizenImpact = CitizenImpact.DIRECT
    impact_source: str = "unknown"
    divisibility: Divisibility = Divisibility.WHOLE
    # Smallest share of a partly adopted proposal, in whole percent; a politician
    # adopting 0,3 % of a proposal has not adopted it.
    min_share_percent: int = 10


@dataclass(frozen=True)
class AttributeOverride:
    """Values set by finance staff; ``None`` keeps the derived value."""

    number: str
    department: str | None = None
    fte: Decimal | None = None
    citizen_impact: CitizenImpact | None = None
    divisibility: Divisibility | None = None
    min_share_percent: int | None = None
    # The FTE is a field nobody has filled in (the web's proposal without årsværk):
    # unknown, whatever the text suggests.
    fte_unknown: bool = False


_NO_STAFF = re.compile(
    r"ikke\s+(?:har\s+)?(?:umiddelbare\s+|direkte\s+)?personalemæssige\s+konsekvenser"
    r"|ingen\s+personalemæssige\s+konsekvenser", re.IGNORECASE)


def _stated_fte(proposal: Proposal) -> tuple[Decimal | None, str]:
    """The proposal's own total årsværk (as the importer keeps it), or 0 when section 4
    or 7 says there are no staff consequences."""
    if proposal.fte is not None:
        return proposal.fte, "stated in the proposal"
    for number in (4, 7):
        section = proposal.section(number)
        if section is not None and _NO_STAFF.search(section.plain_text):
            return Decimal(0), f"section {number}: no staff consequences"
    return None, "unknown"


_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_DENIAL = re.compile(
    r"ingen\s+(?:direkte\s+|negative?\s+)?(?:konsekvens|betydning)"
    r"|ikke\s+(?:at\s+)?(?:have|få)\s+(?:nogen\s+)?(?:negativ|direkte)\w*\s+"
    r"(?:betydning|konsekvens)"
    r"|ikke\s+vil\s+påvirke", re.IGNORECASE)
_IMPACT = re.compile(
    r"konsekvens|berør|forringe|implikation|tab\s+af|længere|færre|lukket|begrænset"
    r"|reducere\w*\s+borger|påvirke", re.IGNORECASE)
_SOFTENED = re.compile(r"i\s+mindre\s+omfang|indirekte|i\s+begrænset\s+omfang",
                       re.IGNORECASE)


def suggest_affects_staff(section_text: str | None) -> bool | None:
    """Section 4's suggestion: no staff consequences when it says so, else some;
    ``None`` when there is no text to read."""
    if not section_text or not section_text.strip():
        return None
    return not _NO_STAFF.search(section_text)


def classify_citizen_impact(section_text: str | None) -> CitizenImpact | None:
    """Section 3's verdict, or ``None`` when there is no text to read."""
    if not section_text or not section_text.strip():
        return None
    impacts = [sentence for sentence in _SENTENCE.split(section_text)
               if not _DENIAL.search(sentence) and _IMPACT.search(sentence)]
    if not impacts:
        return CitizenImpact.NONE
    if all(_SOFTENED.search(sentence) for sentence in impacts):
        return CitizenImpact.LIMITED
    return CitizenImpact.DIRECT


def derive_attributes(
        catalogue: Catalogue,
        overrides: tuple[AttributeOverride, ...] = (),
) -> tuple[dict[str, ProposalAttributes], list[Finding]]:
    """Attributes for every proposal of the catalogue, with findings for guesses."""
    memo = memo_rows(catalogue)
    findings: list[Finding] = []
    result: dict[str, ProposalAttributes] = {}
    by_number = {o.number: o for o in overrides}
    known = {p.number for p in catalogue.proposals}
    for override in overrides:
        if override.number not in known:
            findings.append(Finding(
                "scenario.override-unknown-proposal", Severity.ERROR,
                text("Der er angivet værdier for forslag {n}, som ikke findes i kataloget.",
                     "Values are set for proposal {n}, which is not in the catalogue.",
                     n=override.number), proposal=override.number))
    for proposal in catalogue.proposals:
        row = memo.get(proposal.number)
        attributes, own = _derive_one(proposal, row[0] if row else None)
        given = by_number.get(proposal.number)
        if given is not None:
            attributes = _apply(attributes, given)
            settled = {"scenario.fte-unknown": given.fte is not None,
                       "scenario.impact-unknown": given.citizen_impact is not None}
            own = [f for f in own if not settled.get(f.rule, False)]
        findings.extend(own)
        result[proposal.number] = attributes
    return result, findings


def _derive_one(proposal: Proposal, row: FteRow | None
                ) -> tuple[ProposalAttributes, list[Finding]]:
    findings: list[Finding] = []
    stated, stated_source = _stated_fte(proposal)
    fte = Decimal(0)
    fte_known = True
    if row is not None and row.fte is not None:
        fte = row.fte
        source = f"FTE table ({row.department})"
        if stated is not None and stated != row.fte:
            findings.append(Finding(
                "scenario.fte-sources-differ", Severity.NOTE,
                text("Notatets tabel angiver {table} årsværk for {dept}, mens forslaget "
                     "selv angiver {stated} årsværk ({where}); tabellens tal bruges.",
                     "The memo's table gives {table} FTE for {dept}, while the proposal "
                     "states {stated} FTE ({where}); the table's figure is used.",
                     table=row.fte, dept=row.department, stated=stated, where=stated_source),
                proposal=proposal.number, line=row.line,
                numbers=(("table", row.fte), ("stated", stated))))
    elif stated is not None:
        fte = stated
        source = stated_source
    else:
        fte_known = False
        source = stated_source
        findings.append(Finding(
            "scenario.fte-unknown", Severity.WARNING,
            text("Antallet af årsværk for forslag {n} kan ikke udledes af notatets tabel "
                 "eller afsnit 4/7: det er ukendt, indtil det angives. Summer af årsværk "
                 "tæller det ikke med, og en optimering på årsværk kræver det angivet "
                 "eller forslaget udeladt.",
                 "The FTE of proposal {n} cannot be derived from the memo's table or "
                 "sections 4/7: it is unknown until it is set. FTE totals leave it out, "
                 "and optimising on FTE needs it set or the proposal left out.",
                 n=proposal.number),
            proposal=proposal.number, line=proposal.line, section="4"))
    section = proposal.section(3)
    impact = classify_citizen_impact(section.plain_text if section else None)
    impact_source = "section 3"
    if impact is None:
        impact = CitizenImpact.DIRECT
        impact_source = "unknown"
        findings.append(Finding(
            "scenario.impact-unknown", Severity.WARNING,
            text("Forslag {n} har intet afsnit 3; konsekvenser for borgerne regnes som "
                 "direkte, indtil andet angives.",
                 "Proposal {n} has no section 3; consequences for citizens count as "
                 "direct until set otherwise.", n=proposal.number),
            proposal=proposal.number, line=proposal.line, section="3"))
    return ProposalAttributes(
        number=proposal.number, department=proposal.department, fte=fte,
        fte_known=fte_known, fte_source=source, citizen_impact=impact,
        impact_source=impact_source), findings


def _apply(attributes: ProposalAttributes, override: AttributeOverride) -> ProposalAttributes:
    changes: dict[str, object] = {}
    if override.department is not None:
        changes["department"] = override.department
    if override.fte is not None:
        changes.update(fte=override.fte, fte_known=True, fte_source="set")
    elif override.fte_unknown:
        changes.update(fte=Decimal(0), fte_known=False, fte_source="not set")
    if override.citizen_impact is not None:
        changes.update(citizen_impact=override.citizen_impact, impact_source="set")
    if override.divisibility is not None:
        changes["divisibility"] = override.divisibility
    if override.min_share_percent is not None:
        changes["min_share_percent"] = override.min_share_percent
    return replace(attributes, **changes)  # type: ignore[arg-type]
