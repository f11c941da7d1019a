"""A proposal (forslag): number, title, heading areas, seven sections and Table 1."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from budgetkatalog.core.table import AmountsTable, AppropriationArea
from budgetkatalog.core.text import Section


@dataclass(frozen=True)
class Proposal:
    """A proposal: number, title, heading areas, sections and Table 1."""

    number: str
    title: str
    sections: tuple[Section, ...]
    table: AmountsTable | None
    areas_text: str | None = None
    areas: tuple[AppropriationArea, ...] = ()
    fte: Decimal | None = None
    line: int | None = None
    # The department (afdeling) the proposal belongs to; None when nobody has stated it.
    # Set by ``core.department`` from what the document states, or by a person.
    department: str | None = None

    def section(self, number: int) -> Section | None:
        for section in self.sections:
            if section.number == number:
                return section
        return None

    @property
    def origin(self) -> str:
        """The proposal's type (section 1): which analysis or round it comes from."""
        section = self.section(1)
        return section.plain_text if section else ""

    def total(self, years: tuple[int, ...]) -> tuple[int, ...]:
        """I alt per year; a proposal without a table totals zero."""
        if self.table is None:
            return tuple(0 for _ in years)
        by_year = dict(zip(self.table.years, self.table.total, strict=True))
        return tuple(by_year.get(year, 0) for year in years)


@lru_cache(maxsize=8192)
def proposal_sort_key(number: str) -> tuple[int, ...]:
    """``2.10`` sorts after ``2.9``."""
    parts: list[int] = []
    for part in number.split("."):
        parts.append(int(part) if part.isdigit() else 0)
    return tuple(parts)
