"""The corpus under tests/corpus/: catalogue documents and their hand-written truth
(format in tests/corpus/README.md)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

Json = dict[str, Any]


@dataclass(frozen=True)
class Entry:
    """One corpus catalogue: its document and its truth."""

    name: str
    document: Path
    truth: Json

    @property
    def years(self) -> list[int]:
        return list(self.truth["years"])

    def lines(self) -> list[str]:
        """The document's lines, 1-based through ``line(n)``; split on line feeds only."""
        return self.document.read_text(encoding="utf-8").split("\n")

    def line(self, number: int) -> str:
        return self.lines()[number - 1]


def entries() -> list[Entry]:
    found = []
    for path in sorted(CORPUS.glob("*.truth.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))
        found.append(Entry(path.name.removesuffix(".truth.json"),
                           CORPUS / truth["document"], truth))
    return found


def names() -> list[str]:
    return [entry.name for entry in entries()]


def entry(name: str) -> Entry:
    [found] = [e for e in entries() if e.name == name]
    return found


def amount(value: str | int | None) -> Decimal | None:
    """A truth amount (a string as written, ``.`` as decimal point) or ``None``."""
    return None if value is None else Decimal(str(value))


def kroner(value: str | int | None, unit_kr: int) -> Decimal | None:
    number = amount(value)
    return None if number is None else number * unit_kr


def rows(table: Json) -> dict[str, Json]:
    return {row["row"]: row for row in table["rows"]}


def planted_cells(truth: Json, proposal: str) -> set[str]:
    """Cells (``e/2028``) named by a planted discrepancy of this proposal."""
    cells: set[str] = set()
    for discrepancy in truth["discrepancies"]:
        for place in (discrepancy["at"], *discrepancy["also"]):
            if place["proposal"] == proposal:
                cells.update(place["cells"])
    return cells


def planted_lines(truth: Json) -> set[int]:
    lines: set[int] = set()
    for discrepancy in truth["discrepancies"]:
        for place in (discrepancy["at"], *discrepancy["also"]):
            lines.update(place["lines"])
    return lines


def squash(text: str) -> str:
    """Whitespace (form feeds, no-break spaces, line ends) as single spaces."""
    return " ".join(text.replace("\f", " ").replace("\u00a0", " ").split())
