"""The catalogue: groups of proposals, the stated overview, the memo's FTE table."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from budgetkatalog.core.finding import Finding, Severity, text
from budgetkatalog.core.proposal import Proposal, number_key
from budgetkatalog.core.text import Block
from budgetkatalog.core.years import BudgetRound


@dataclass(frozen=True)
class ProposalGroup:
    """A group of proposals, e.g. ``Administrationsanalysen`` (2.1–2.15).

    ``heading``, ``intro`` and ``listed_titles`` come from the group's introduction
    page ("På baggrund af administrationsanalysen er der udarbejdet 15 forslag");
    ``stated_count`` is the number it states.
    """

    name: str
    proposal_numbers: tuple[str, ...]
    heading: str | None = None
    intro: str | None = None
    listed_titles: tuple[str, ...] = ()
    stated_count: int | None = None
    line: int | None = None


@dataclass(frozen=True)
class OverviewRow:
    """One row of the source's overview table, amounts in the overview's unit as stated
    (mio. kr. unless the overview says otherwise). ``kind``: ``proposal``, ``group`` (a
    heading, perhaps without amounts), ``group-total`` (a group's "i alt" row) or
    ``total`` (the closing total); ``decimals``: the written precision."""

    label: str
    amounts: tuple[Decimal | None, ...]
    number: str | None = None
    line: int | None = None
    kind: str = field(default="", compare=False)
    decimals: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class StatedOverview:
    """The overview ("Oversigt over forslag") as the source states it."""

    years: tuple[int, ...]
    total: OverviewRow | None
    groups: tuple[tuple[OverviewRow, tuple[OverviewRow, ...]], ...]
    scale: int = 1_000_000
    line: int | None = None
    # Every row as read, in document order (group headings, group totals, the total).
    rows: tuple[OverviewRow, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class FteRow:
    """One row of the memo's FTE table: a department, its tasks and its årsværk."""

    department: str
    tasks: tuple[str, ...]
    fte: Decimal | None
    line: int | None = None


@dataclass(frozen=True)
class FteTable:
    """The memo's table of saved årsværk by department."""

    rows: tuple[FteRow, ...]
    stated_total: Decimal | None
    line: int | None = None

    @property
    def total(self) -> Decimal:
        return sum((row.fte for row in self.rows if row.fte is not None), Decimal(0))


def duplicate_numbers(proposals: tuple[Proposal, ...] | list[Proposal]) -> list[Finding]:
    """One error for each proposal whose number an earlier proposal has, however it is
    written (``UV 1`` and ``UV1`` are one number).

    A catalogue with two proposals of one number is unusable: every later step
    (costing, scenarios, publication, hearing responses) names a proposal by its number.
    """
    first: dict[str, int | None] = {}
    findings: list[Finding] = []
    for proposal in proposals:
        key = number_key(proposal.number)
        if key not in first:
            first[key] = proposal.line
            continue
        where = first[key]
        findings.append(Finding(
            "import.duplicate-number", Severity.ERROR,
            text("Forslagsnummer {number} forekommer igen (først {first}); hvert forslag "
                 "skal have sit eget nummer.",
                 "Proposal number {number} occurs again (first {first_en}); each proposal "
                 "needs a number of its own.",
                 number=proposal.number,
                 first=f"linje {where}" if where is not None else "som forslag nummer ét",
                 first_en=f"on line {where}" if where is not None else "as an earlier proposal"),
            proposal=proposal.number, line=proposal.line))
    return findings


@dataclass(frozen=True)
class SignConvention:
    """The document's sign convention as it states it ("Fortegn: "+" angiver merudgift
    ...", "÷ angiver mindre udgift"). ``savings_negative`` is False only where the
    document says savings are written as positive amounts."""

    text: str
    line: int | None = None
    savings_negative: bool = True


@dataclass(frozen=True)
class Catalogue:
    """A budget catalogue: its round, proposals, groups and what the memo states."""

    title: str
    round: BudgetRound
    proposals: tuple[Proposal, ...]
    groups: tuple[ProposalGroup, ...] = ()
    municipality: str | None = None
    overview: StatedOverview | None = None
    fte_table: FteTable | None = None
    front_matter: tuple[Block, ...] = ()
    sign_convention: SignConvention | None = None

    @cached_property
    def _by_number(self) -> dict[str, Proposal]:
        index: dict[str, Proposal] = {}
        for proposal in self.proposals:
            index.setdefault(proposal.number, proposal)
        return index

    @cached_property
    def _by_key(self) -> dict[str, Proposal]:
        index: dict[str, Proposal] = {}
        for proposal in self.proposals:
            index.setdefault(number_key(proposal.number), proposal)
        return index

    def proposal(self, number: str) -> Proposal | None:
        """The first proposal with this number, written as the proposal writes it or in
        another way of writing the same number (``UV1`` for ``UV 1``)."""
        found = self._by_number.get(number)
        return found if found is not None else self._by_key.get(number_key(number))

    def group_of(self, number: str) -> ProposalGroup | None:
        for group in self.groups:
            if number in group.proposal_numbers:
                return group
        return None
