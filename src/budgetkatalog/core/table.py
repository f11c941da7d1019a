"""Table 1: the amounts per budget line and year, in the table's unit (1.000 kr.).

A blank cell is ``None`` and stays distinct from ``0``. The sub-total (Delsum) and
total (I alt) are kept both as the source states them and as computed here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LINE_LETTERS = ("a", "b", "c", "d")

Amounts = tuple[int | None, ...]


@dataclass(frozen=True)
class TableLine:
    """A row of Table 1: rows a–d are budget lines (pengeposer); f and g are the
    capital investment and derived operating rows."""

    letter: str
    code: str | None
    name: str | None
    amounts: Amounts
    line: int | None = None

    @property
    def is_blank(self) -> bool:
        return self.code is None and self.name is None and all(a is None for a in self.amounts)


@dataclass(frozen=True)
class AppropriationArea:
    """An appropriation area (områdebevilling), e.g. ``4410`` with name ``Dagtilbud``."""

    code: str
    name: str | None = None


_AREA_CODE = re.compile(r"(?<![\d.])(\d{4})(?![\d.])")


def parse_areas(text: str | None) -> tuple[AppropriationArea, ...]:
    """Read area codes and names from a heading or caption such as
    ``2050 Ejendomme og 2590 Administration Miljø & Teknik`` or ``4410 og 4490 Dagtilbud``."""
    if not text:
        return ()
    matches = list(_AREA_CODE.finditer(text))
    areas: list[AppropriationArea] = []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        name = text[match.end():end]
        name = re.sub(r"(?:,|\bog)\s*$", "", name.strip()).strip(" –-,")
        areas.append(AppropriationArea(match.group(1), name or None))
    return tuple(areas)


def column_sum(lines: tuple[TableLine, ...], years: tuple[int, ...]) -> tuple[int, ...]:
    """Per-year sum of the lines, a blank cell counting as nothing."""
    sums = [0] * len(years)
    columns = range(len(years))
    for line in lines:
        amounts = line.amounts
        for i in columns:
            amount = amounts[i]
            if amount:
                sums[i] += amount
    return tuple(sums)


@dataclass(frozen=True)
class AmountsTable:
    """Table 1 of one proposal."""

    caption: str
    years: tuple[int, ...]
    lines: tuple[TableLine, ...]
    investment: TableLine
    derived_operating: TableLine
    stated_subtotal: Amounts
    stated_total: Amounts
    unit: int = 1000
    caption_areas: tuple[AppropriationArea, ...] = ()
    line: int | None = None
    # The unit the source's caption or header states (1, 1000 or 1_000_000 kr.), or
    # None where it states none; the amounts are in ``unit``, converted exactly.
    stated_unit: int | None = None

    @property
    def subtotal(self) -> tuple[int, ...]:
        """Delsum (a+b+c+d), computed."""
        return column_sum(self.lines, self.years)

    @property
    def total(self) -> tuple[int, ...]:
        """I alt (e+f+g), computed from the lines."""
        return column_sum((*self.lines, self.investment, self.derived_operating),
                          self.years)

    def total_for(self, year: int) -> int:
        return self.total[self.years.index(year)]

    def line_by_letter(self, letter: str) -> TableLine | None:
        for line in (*self.lines, self.investment, self.derived_operating):
            if line.letter == letter:
                return line
        return None
