"""The catalogue as an Excel workbook, for finance staff.

Sheets: ``Oversigt`` (one row per proposal with its I alt per year and årsværk),
``Tabel 1`` (every line of every Table 1: proposal, row, account code, account name,
one column per year), ``Årsværk`` (the memo's FTE by department). Amounts are numbers
in 1.000 kr. with a thousands-separated format (Excel shows ``-1.898`` in a Danish
locale); a blank Table 1 cell stays blank. Header rows are frozen. Text from the
catalogue is written as text and neutralised (:mod:`cells`), never as a formula.
"""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.exporters.book_content import LABELS, grouped
from budgetkatalog.exporters.cells import sheet_cell

AMOUNT_FORMAT = "#,##0;-#,##0;0"
FTE_FORMAT = "#,##0.0#"
BOLD = Font(bold=True)


def _put(sheet: Worksheet, row: int, column: int,
         value: str | int | Decimal | None, number_format: str | None = None) -> Cell:
    # openpyxl writes a Decimal exactly as its decimal string.
    cell = sheet_cell(sheet, row, column, value)
    if number_format is not None and value is not None and not isinstance(value, str):
        cell.number_format = number_format
    return cell


def _header(sheet: Worksheet, values: list[str]) -> None:
    for column, value in enumerate(values, start=1):
        _put(sheet, 1, column, value).font = BOLD
    sheet.freeze_panes = "A2"


def render_xlsx(catalogue: Catalogue) -> bytes:
    years = catalogue.round.years
    unit = f"{catalogue.round.unit:,}".replace(",", ".")
    workbook = Workbook()
    overview = workbook.active
    assert overview is not None
    overview.title = "Oversigt"
    _header(overview, ["Gruppe", "Nr.", "Forslag", *(f"{y} ({unit} kr.)" for y in years),
                       "Årsværk"])
    row = 2
    for group, _, members in grouped(catalogue):
        for proposal in members:
            _put(overview, row, 1, group)
            _put(overview, row, 2, proposal.number)
            _put(overview, row, 3, proposal.title)
            for index, value in enumerate(proposal.total(years)):
                _put(overview, row, 4 + index, value, AMOUNT_FORMAT)
            _put(overview, row, 4 + len(years), proposal.fte, FTE_FORMAT)
            row += 1
    overview.column_dimensions["A"].width = 28
    overview.column_dimensions["C"].width = 60

    lines = workbook.create_sheet("Tabel 1")
    _header(lines, ["Nr.", "Forslag", LABELS["row"], LABELS["code"], LABELS["name"],
                    *(f"{y} ({unit} kr.)" for y in years)])
    row = 2
    for proposal in catalogue.proposals:
        table = proposal.table
        if table is None:
            continue
        for line, name in ([(line, line.name) for line in table.lines]
                           + [(table.investment, LABELS["investment"]),
                              (table.derived_operating, LABELS["derived"])]):
            _put(lines, row, 1, proposal.number)
            _put(lines, row, 2, proposal.title)
            _put(lines, row, 3, line.letter)
            _put(lines, row, 4, line.code)
            _put(lines, row, 5, name)
            for year, cell_value in zip(table.years, line.amounts, strict=True):
                if year in years:
                    _put(lines, row, 6 + years.index(year), cell_value, AMOUNT_FORMAT)
            row += 1
    lines.column_dimensions["B"].width = 50
    lines.column_dimensions["E"].width = 36

    fte = workbook.create_sheet("Årsværk")
    _header(fte, ["Afdeling", "Opgaver", "Årsværk"])
    row = 2
    if catalogue.fte_table is not None:
        for fte_row in catalogue.fte_table.rows:
            _put(fte, row, 1, fte_row.department)
            _put(fte, row, 2, "; ".join(fte_row.tasks))
            _put(fte, row, 3, fte_row.fte, FTE_FORMAT)
            row += 1
        _put(fte, row, 1, "I alt").font = BOLD
        _put(fte, row, 3, fte_row_total(catalogue), FTE_FORMAT).font = BOLD
    fte.column_dimensions["A"].width = 40
    fte.column_dimensions["B"].width = 80

    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def fte_row_total(catalogue: Catalogue) -> Decimal | None:
    return catalogue.fte_table.total if catalogue.fte_table is not None else None
