"""Holding a costed table against the Table 1 a proposal states."""

from __future__ import annotations

from budgetkatalog.core.finding import Finding, Severity, text
from budgetkatalog.core.table import AmountsTable, TableLine
from budgetkatalog.costing.compute import CostResult


def _rows(table: AmountsTable) -> dict[str, TableLine]:
    return {line.letter: line for line in (*table.lines, table.investment,
                                           table.derived_operating)}


def compare_with_table(result: CostResult, stated: AmountsTable) -> tuple[Finding, ...]:
    """A warning for each cell where the costing and the stated table differ.

    A blank cell and ``0`` both mean no effect and count as equal; years only one of
    the tables has are not compared.
    """
    findings: list[Finding] = []
    costed_rows, stated_rows = _rows(result.table), _rows(stated)
    for letter, costed in costed_rows.items():
        theirs = stated_rows.get(letter)
        for index, year in enumerate(result.table.years):
            if theirs is None or year not in stated.years:
                continue
            ours = costed.amounts[index]
            stated_value = theirs.amounts[stated.years.index(year)]
            if (ours or 0) == (stated_value or 0):
                continue
            difference = (ours or 0) - (stated_value or 0)
            findings.append(Finding(
                "costing.differs-from-table", Severity.WARNING,
                text("Linje {letter} {year}: beregnet {ours}, tabellen angiver {stated} "
                     "(forskel {difference}).",
                     "Line {letter} {year}: costed {ours}, the table states {stated} "
                     "(difference {difference}).",
                     letter=letter, year=str(year), ours=ours, stated=stated_value,
                     difference=difference),
                proposal=result.number, cell=f"{letter}/{year}",
                numbers=(("costed", ours), ("stated", stated_value),
                         ("difference", difference))))
    return tuple(findings)
