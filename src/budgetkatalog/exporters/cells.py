"""Cell text for spreadsheets and CSV: user text never becomes a formula.

A spreadsheet program treats a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab,
a carriage return or a line feed as a formula (or the start of one). Text from a
catalogue or a hearing response that starts so gets a leading apostrophe, as OWASP
advises for CSV injection; numbers are written as numbers and are never affected.
Control characters an .xlsx cannot hold (XML 1.0) are dropped.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import overload

from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "{=")
_ILLEGAL = {c: None for c in range(32) if chr(c) not in "\t\r\n"}


@overload
def safe_text(value: str) -> str: ...
@overload
def safe_text(value: None) -> None: ...
def safe_text(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.translate(_ILLEGAL)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def sheet_cell(sheet: Worksheet, row: int, column: int,
               value: str | int | Decimal | datetime | None) -> Cell:
    """The cell at (row, column) holding ``value``: text always as text (never a
    formula, whatever it starts with), anything else as it is."""
    cell = sheet.cell(row=row, column=column)
    assert isinstance(cell, Cell)
    if isinstance(value, str):
        cell.value = safe_text(value)
        cell.data_type = "s"
    else:
        cell.value = value
    return cell
