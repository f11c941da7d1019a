"""A proposal (forslag): number, title, heading areas, seven sections and Table 1."""

from __future__ import annotations

import re
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
        if years == self.table.years:
            return self.table.total
        by_year = dict(zip(self.table.years, self.table.total, strict=True))
        return tuple(by_year.get(year, 0) for year in years)


# A proposal's number as catalogues write it: "2.1", "1.01", "17"; a series of capitals
# and a number, joined or not: "A.1", "R1", "B-12", "ØK-01", "UV 1", "SOC 3", "B&U 2";
# perhaps a letter after it ("3a"). A lone capital and a space ("I 12") starts a sentence
# more often than it numbers a proposal, so a space needs two capitals or more.
_SERIES = r"[A-ZÆØÅ]{1,3}[&/][A-ZÆØÅ]{1,3}|[A-ZÆØÅ]{1,4}"
PROPOSAL_NUMBER = (r"(?:\d{1,3}\.\d{1,4}"
                   r"|(?:" + _SERIES + r")(?:\s?-\s?|\.)?\d{1,3}[a-z]?"
                   r"|(?:[A-ZÆØÅ]{1,3}[&/][A-ZÆØÅ]{1,3}|[A-ZÆØÅ]{2,4})\s\d{1,3}[a-z]?"
                   r"|\d{1,3})")
_NUMBER_PARTS = re.compile(r"^(?P<series>[^\d]*?)[\s.\-–]*"
                           r"(?P<digits>\d+(?:\s*[.\-–]\s*\d+)*)(?P<suffix>[a-zæøå]?)$")

ProposalSortKey = tuple[str, tuple[int, ...], str]


@lru_cache(maxsize=8192)
def proposal_sort_key(number: str) -> ProposalSortKey:
    """(series, numbers, suffix): ``2.10`` sorts after ``2.9``, ``A.2`` after ``A.1`` and
    before ``B.1``, ``UV 10`` after ``UV 9``; numbers without a series come first."""
    match = _NUMBER_PARTS.match(" ".join(number.split()))
    if match is None:
        return (number.upper(), (), "")
    digits = tuple(int(part) for part in re.findall(r"\d+", match.group("digits")))
    return ("".join(match.group("series").split()).upper(), digits, match.group("suffix"))


@lru_cache(maxsize=8192)
def number_key(number: str) -> str:
    """One key for every way of writing one proposal number: ``UV 1``, ``UV1``, ``UV-1``
    and ``UV-01`` are one number, as are ``ØK-1`` and ``ØK-01``; ``2.5`` and ``2-5`` are
    not (the separator between two numbers is part of the number)."""
    match = _NUMBER_PARTS.match(" ".join(number.split()))
    if match is None:
        return " ".join(number.split()).upper()
    digits = re.sub(r"\s+", "", match.group("digits"))
    digits = re.sub(r"\d+", lambda m: str(int(m.group(0))), digits)
    series = "".join(match.group("series").split()).upper()
    return f"{series}|{digits}{match.group('suffix')}"


def same_number(one: str, other: str) -> bool:
    """Whether two written numbers name the same proposal (``UV 1`` and ``UV1``)."""
    return number_key(one) == number_key(other)
