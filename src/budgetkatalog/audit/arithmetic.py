"""Arithmetic: Delsum and I alt against their rows, the overview against the
proposals, the memo's FTE table against its rows."""

from __future__ import annotations

from budgetkatalog.audit.registry import make, with_tables
from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.core.finding import Finding, Severity
from budgetkatalog.core.money import round_half_up
from budgetkatalog.core.overview import compare_overview, compute_overview


def table_sums(catalogue: Catalogue) -> list[Finding]:
    findings: list[Finding] = []
    for proposal, table in with_tables(catalogue):
        computed_e = table.subtotal
        for index, year in enumerate(table.years):
            stated_e = table.stated_subtotal[index] if index < len(table.stated_subtotal) \
                else None
            lines_text = " + ".join(
                f"{line.letter}" for line in table.lines if line.amounts[index] is not None)
            if stated_e is None:
                if computed_e[index] != 0:
                    findings.append(make(
                        "table.subtotal-blank", Severity.WARNING,
                        "Delsum er tom i {year}, men rækkerne {rows} giver {computed}.",
                        "The subtotal is blank in {year}, but rows {rows} give {computed}.",
                        proposal=proposal.number, line=table.line, section="tabel 1",
                        cell=f"e/{year}", numbers=(("computed", computed_e[index]),),
                        year=str(year), rows=lines_text or "-", computed=computed_e[index]))
            elif stated_e != computed_e[index]:
                findings.append(make(
                    "table.subtotal", Severity.ERROR,
                    "Delsum i {year} er {stated}, men rækkerne {rows} summer til {computed} "
                    "(forskel {diff}).",
                    "The subtotal for {year} is {stated}, but rows {rows} sum to {computed} "
                    "(difference {diff}).",
                    proposal=proposal.number, line=table.line, section="tabel 1",
                    cell=f"e/{year}",
                    numbers=(("stated", stated_e), ("computed", computed_e[index])),
                    year=str(year), stated=stated_e, rows=lines_text or "-",
                    computed=computed_e[index], diff=stated_e - computed_e[index]))
            base_e = stated_e if stated_e is not None else computed_e[index]
            expected_total = base_e + (table.investment.amounts[index] or 0) + \
                (table.derived_operating.amounts[index] or 0)
            stated_total = table.stated_total[index] if index < len(table.stated_total) \
                else None
            if stated_total is not None and stated_total != expected_total:
                findings.append(make(
                    "table.total", Severity.ERROR,
                    "I alt i {year} er {stated}, men e + f + g giver {computed} "
                    "(forskel {diff}).",
                    "I alt for {year} is {stated}, but e + f + g gives {computed} "
                    "(difference {diff}).",
                    proposal=proposal.number, line=table.line, section="tabel 1",
                    cell=f"I alt/{year}",
                    numbers=(("stated", stated_total), ("computed", expected_total)),
                    year=str(year), stated=stated_total, computed=expected_total,
                    diff=stated_total - expected_total))
            elif stated_total is None and expected_total != 0:
                findings.append(make(
                    "table.total-blank", Severity.WARNING,
                    "I alt er tom i {year}, men e + f + g giver {computed}.",
                    "I alt is blank in {year}, but e + f + g gives {computed}.",
                    proposal=proposal.number, line=table.line, section="tabel 1",
                    cell=f"I alt/{year}", numbers=(("computed", expected_total),),
                    year=str(year), computed=expected_total))
    return findings


def overview(catalogue: Catalogue) -> list[Finding]:
    return compare_overview(compute_overview(catalogue))


def fte_table_total(catalogue: Catalogue) -> list[Finding]:
    table = catalogue.fte_table
    if table is None or table.stated_total is None:
        return []
    stated = table.stated_total
    computed = table.total
    if stated == computed:
        return []
    decimals = max(0, -stated.as_tuple().exponent)  # type: ignore[operator]
    rounded = round_half_up(computed, decimals)
    rows = sum(1 for row in table.rows if row.fte is not None)
    numbers = (("stated", stated), ("computed", computed))
    if rounded == stated:
        return [make("fte.table.rounding", Severity.NOTE,
                     "Årsværkstabellen angiver I ALT {stated}; de {n} rækker summer til "
                     "{computed}, som afrundet er {stated}.",
                     "The FTE table states I ALT {stated}; its {n} rows sum to {computed}, "
                     "which rounds to {stated}.",
                     line=table.line, section="notat", cell="I ALT", numbers=numbers,
                     stated=stated, computed=computed, n=rows)]
    return [make("fte.table.total", Severity.ERROR,
                 "Årsværkstabellen angiver I ALT {stated}, men de {n} rækker summer til "
                 "{computed} (forskel {diff}).",
                 "The FTE table states I ALT {stated}, but its {n} rows sum to {computed} "
                 "(difference {diff}).",
                 line=table.line, section="notat", cell="I ALT", numbers=numbers,
                 stated=stated, computed=computed, diff=stated - computed, n=rows)]
