"""The overview recomputed from the proposals, next to what the source states.

Rounding rule: every proposal's amount is stated in whole table units (1.000 kr.),
so each carries up to half a unit of rounding, and a stated sum may itself be
rounded once more. A stated group or catalogue figure that differs from the sum of
its N non-zero rounded parts by at most (N + 1) / 2 units is explained by rounding
and reported as a note; a larger difference is an error. A proposal row must equal
its table's I alt exactly, because the overview (mio. kr., three decimals) and
Table 1 (1.000 kr.) have the same resolution.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from budgetkatalog.core.catalogue import Catalogue, OverviewRow
from budgetkatalog.core.finding import Finding, Severity, Text, text


class RowKind(StrEnum):
    CATALOGUE = "catalogue"
    GROUP = "group"
    PROPOSAL = "proposal"


@dataclass(frozen=True)
class OverviewLine:
    """One line of the computed overview, beside what the catalogue states."""

    kind: RowKind
    label: str
    number: str | None
    computed: tuple[int, ...]
    stated: tuple[Decimal | None, ...] | None
    addends: tuple[int, ...]
    line: int | None = None
    decimals: int | None = None  # the stated row's written precision (mio. kr.: 1 to 3)

    def stated_in_units(self, unit: int, scale: int) -> tuple[Decimal | None, ...] | None:
        if self.stated is None:
            return None
        return tuple(None if v is None else v * scale / unit for v in self.stated)


@dataclass(frozen=True)
class Overview:
    """The overview of all proposals, computed from their Tables 1."""

    years: tuple[int, ...]
    unit: int
    scale: int
    lines: tuple[OverviewLine, ...]


def row_label(row: OverviewRow) -> str:
    """A stated row's full label, number included ("1.6 Analyse af Jobcentret")."""
    return f"{row.number} {row.label}" if row.number else row.label


def compute_overview(catalogue: Catalogue) -> Overview:
    years = catalogue.round.years
    stated = catalogue.overview
    stated_groups: dict[str, OverviewRow] = {}
    stated_proposals: dict[str, OverviewRow] = {}
    if stated is not None:
        for group_row, proposal_rows in stated.groups:
            stated_groups[row_label(group_row)] = group_row
            for row in proposal_rows:
                if row.number is not None:
                    stated_proposals[row.number] = row

    def stated_amounts(row: OverviewRow | None) -> tuple[Decimal | None, ...] | None:
        if row is None or stated is None:
            return None
        return tuple(row.amounts[stated.years.index(y)] if y in stated.years
                     and stated.years.index(y) < len(row.amounts) else None for y in years)

    def count_nonzero(totals: list[tuple[int, ...]]) -> tuple[int, ...]:
        return tuple(sum(1 for t in totals if t[i] != 0) for i in range(len(years)))

    body: list[OverviewLine] = []
    all_totals: list[tuple[int, ...]] = []
    for group in catalogue.groups:
        totals: list[tuple[int, ...]] = []
        proposal_lines: list[OverviewLine] = []
        for number in group.proposal_numbers:
            proposal = catalogue.proposal(number)
            if proposal is None:
                continue
            total = proposal.total(years)
            totals.append(total)
            stated_row = stated_proposals.get(number)
            proposal_lines.append(OverviewLine(
                RowKind.PROPOSAL, proposal.title, number, total, stated_amounts(stated_row),
                tuple(1 if t else 0 for t in total),
                stated_row.line if stated_row else proposal.line, _decimals(stated_row)))
        all_totals.extend(totals)
        group_total = tuple(sum(t[i] for t in totals) for i in range(len(years)))
        stated_group = stated_groups.get(group.name)
        body.append(OverviewLine(RowKind.GROUP, group.name, None, group_total,
                                 stated_amounts(stated_group), count_nonzero(totals),
                                 stated_group.line if stated_group else group.line,
                                 _decimals(stated_group)))
        body.extend(proposal_lines)
    grand = tuple(sum(t[i] for t in all_totals) for i in range(len(years)))
    total_row = stated.total if stated is not None else None
    head = OverviewLine(RowKind.CATALOGUE, catalogue.title, None, grand,
                        stated_amounts(total_row), count_nonzero(all_totals),
                        total_row.line if total_row else None, _decimals(total_row))
    return Overview(years, catalogue.round.unit, stated.scale if stated else 1_000_000,
                    (head, *body))


def _tidy(message: Text) -> Text:
    """One point where a unit's abbreviation ends a sentence ("mio. kr.." → "mio. kr.")."""
    return Text(message.da.replace(".. ", ". "), message.en.replace(".. ", ". "))


def unit_name(unit: int, lang: str) -> str:
    """``mio. kr.``, ``1.000 kr.``, ``kr.`` (``DKK m``, ``DKK 1,000``, ``DKK``)."""
    if unit == 1_000_000:
        return "mio. kr." if lang == "da" else "DKK m"
    if unit == 1:
        return "kr." if lang == "da" else "DKK"
    return f"{unit:,} kr.".replace(",", ".") if lang == "da" else f"DKK {unit:,}"


def _decimals(row: OverviewRow | None) -> int | None:
    """The decimals a stated row is written with: as read, or from its amounts."""
    if row is None:
        return None
    if row.decimals is not None:
        return row.decimals
    written = [-v.as_tuple().exponent for v in row.amounts  # type: ignore[operator]
               if v is not None]
    return max(written, default=0)


def precision(line: OverviewLine, unit: int, scale: int) -> Decimal:
    """Half a unit of the stated row's last written digit, in the catalogue's unit; at
    least half a unit (a figure in whole units is as exact as Table 1)."""
    if line.decimals is None:
        return Decimal("0.5")
    written = Decimal(1).scaleb(-line.decimals) * scale / unit / 2
    return max(written, Decimal("0.5"))


def compare_overview(overview: Overview) -> list[Finding]:
    """Findings where the stated overview differs from the recomputed one."""
    findings: list[Finding] = []
    names = {"su_da": unit_name(overview.scale, "da"), "su_en": unit_name(overview.scale, "en"),
             "cu_da": unit_name(overview.unit, "da"), "cu_en": unit_name(overview.unit, "en")}
    for line in overview.lines:
        stated = line.stated_in_units(overview.unit, overview.scale)
        if stated is None:
            continue
        for index, year in enumerate(overview.years):
            value = stated[index]
            computed = line.computed[index]
            if value is None or value == computed:
                continue
            difference = value - computed
            own = precision(line, overview.unit, overview.scale)
            if abs(difference) <= own and (own > Decimal("0.5") or difference == 0):
                continue  # the stated figure is the computed one at its written precision
            where = line.number or line.label
            stated_mio = value * overview.unit / overview.scale
            computed_mio = Decimal(computed) * overview.unit / overview.scale
            numbers = (("stated", stated_mio), ("computed", computed_mio),
                       ("difference", difference))
            explained_by_rounding = (line.kind is not RowKind.PROPOSAL
                                     and abs(difference) <= own
                                     + Decimal(line.addends[index]) / 2)
            if explained_by_rounding:
                findings.append(Finding(
                    "overview.rounding", Severity.NOTE,
                    _tidy(text("Oversigten angiver {stated} {su_da} for {where} i {year}; "
                         "summen af forslagene er {computed} {su_da}. Forskellen på {diff} "
                         "({cu_da}) skyldes afrunding af {n} beløb.",
                         "The overview states {stated} {su_en} for {where} in {year}; the "
                         "proposals sum to {computed} {su_en}. The difference of {diff} "
                         "({cu_en}) comes from rounding {n} amounts.",
                         stated=stated_mio, computed=computed_mio, diff=difference,
                         where=where, year=str(year), n=line.addends[index], **names)),
                    proposal=line.number, line=line.line, section="oversigt",
                    cell=f"{where}/{year}", numbers=numbers))
            else:
                findings.append(Finding(
                    "overview.mismatch", Severity.ERROR,
                    text("Oversigten angiver {stated} {su_da} for {where} i {year}, men "
                         "forslagene giver {computed} {su_da} (forskel {diff} i {cu_da}).",
                         "The overview states {stated} {su_en} for {where} in {year}, but the "
                         "proposals give {computed} {su_en} (difference {diff} in {cu_en}).",
                         stated=stated_mio, computed=computed_mio, diff=difference,
                         where=where, year=str(year), **names),
                    proposal=line.number, line=line.line, section="oversigt",
                    cell=f"{where}/{year}", numbers=numbers))
    return findings
