"""Cell text for spreadsheets and CSV: user text never becomes a formula.

A spreadsheet program treats a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab,
a carriage return or a line feed as a formula (or the start of one). Text from a
catalogue that starts so gets a leading apostrophe, as OWASP advises for CSV
injection; numbers are written as numbers and are never affected.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_text(value: str | None) -> str | None:
    if value is None:
        return None
    return "'" + value if value.startswith(FORMULA_STARTS) else value
