"""The catalogue as an Excel workbook, for finance staff.

Sheets: ``Oversigt`` (one row per proposal with its I alt per year, årsværk and
department), ``Tabel 1`` (every line of every Table 1: proposal, row, account code,
account name, one column per year), ``Årsværk`` (FTE by department, from the
proposals' own department and årsværk fields; "ikke angivet" where a proposal states
none) and, when the catalogue has one, ``Notatets årsværk`` (the memo's FTE table as
the document states it). Amounts are numbers
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
from budgetkatalog.core.department import NOT_STATED
from budgetkatalog.core.department import label as department_label
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
                       "Årsværk", "Afdeling"])
    row = 2
    for group, _, members in grouped(catalogue):
        for proposal in members:
            _put(overview, row, 1, group)
            _put(overview, row, 2, proposal.number)
            _put(overview, row, 3, proposal.title)
            for index, value in enumerate(proposal.total(years)):
                _put(overview, row, 4 + index, value, AMOUNT_FORMAT)
            _put(overview, row, 4 + len(years),
                 proposal.fte if proposal.fte is not None else NOT_STATED["da"], FTE_FORMAT)
            _put(overview, row, 5 + len(years), department_label(proposal.department))
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

    _fte_by_department(workbook.create_sheet("Årsværk"), catalogue)
    if catalogue.fte_table is not None:
        _memo_fte(workbook.create_sheet("Notatets årsværk"), catalogue)

    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def fte_by_department(catalogue: Catalogue
                      ) -> list[tuple[str | None, list[str], Decimal | None, list[str]]]:
    """Per department (the proposals' own field, in catalogue order, "not stated" last):
    its proposals, the sum of their stated årsværk (None when none states any), and the
    proposals that state none."""
    rows: dict[str | None, tuple[list[str], list[Decimal], list[str]]] = {}
    ordered = [p for _, _, members in grouped(catalogue) for p in members]
    for proposal in sorted(ordered, key=lambda p: p.department is None):
        numbers, known, unknown = rows.setdefault(proposal.department, ([], [], []))
        numbers.append(proposal.number)
        if proposal.fte is None:
            unknown.append(proposal.number)
        else:
            known.append(proposal.fte)
    return [(name, numbers, sum(known, Decimal(0)) if known else None, unknown)
            for name, (numbers, known, unknown) in rows.items()]


def _fte_by_department(sheet: Worksheet, catalogue: Catalogue) -> None:
    _header(sheet, ["Afdeling", "Forslag", "Årsværk", "Forslag uden angivne årsværk"])
    row = 2
    total: list[Decimal] = []
    for name, numbers, fte, unknown in fte_by_department(catalogue):
        _put(sheet, row, 1, department_label(name))
        _put(sheet, row, 2, ", ".join(numbers))
        _put(sheet, row, 3, fte if fte is not None else NOT_STATED["da"], FTE_FORMAT)
        _put(sheet, row, 4, ", ".join(unknown) or None)
        if fte is not None:
            total.append(fte)
        row += 1
    _put(sheet, row, 1, "I alt").font = BOLD
    _put(sheet, row, 3, sum(total, Decimal(0)) if total else NOT_STATED["da"],
         FTE_FORMAT).font = BOLD
    sheet.column_dimensions["A"].width = 40
    sheet.column_dimensions["B"].width = 30
    sheet.column_dimensions["D"].width = 30


def _memo_fte(sheet: Worksheet, catalogue: Catalogue) -> None:
    """The memo's own FTE table, as the document states it."""
    assert catalogue.fte_table is not None
    _header(sheet, ["Afdeling", "Opgaver", "Årsværk"])
    row = 2
    for fte_row in catalogue.fte_table.rows:
        _put(sheet, row, 1, fte_row.department)
        _put(sheet, row, 2, "; ".join(fte_row.tasks))
        _put(sheet, row, 3, fte_row.fte, FTE_FORMAT)
        row += 1
    _put(sheet, row, 1, "I alt").font = BOLD
    _put(sheet, row, 3, catalogue.fte_table.total, FTE_FORMAT).font = BOLD
    sheet.column_dimensions["A"].width = 40
    sheet.column_dimensions["B"].width = 80
