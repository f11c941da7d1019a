"""A proposal's department (afdeling): the one rule that reads it from a catalogue.

The template has no department field, so a department is *proposed* from what the
document states, and a person confirms it where there is one (the web application's
finance staff). Everything downstream — public pages, the editor, scenarios, the audit
— reads :attr:`Proposal.department`; nothing guesses a default. Unknown is ``None``,
shown as "ikke angivet".

What counts as the document stating a department, strongest first:

1. The memo's FTE table: a row naming a proposal number in its tasks ("se det konkrete
   budgetforslag 2.7"), else a row whose department name is in one proposal's title
   ("Reduktion i medarbejdere i Borger & Arbejdsmarked"), else a long word of the
   department's name that begins a word of one proposal's title ("Erhverv" in
   "Erhvervsteamet"), else the department named in one proposal's heading areas or
   Table 1 caption. Each row belongs to at most one proposal and each proposal to at
   most one row (:func:`memo_rows`), so the table's årsværk are counted once.
2. The round's departments (finance staff's data): the one owning all the proposal's
   appropriation area codes, else the one whose account ranges hold all its Table 1
   account numbers.
3. A department name (of the memo or the round) in the proposal's heading areas
   ("8291 – Økonomi & Stab- Adm. og puljer").

Names compare with "&" read as "og", case and punctuation ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from budgetkatalog.core.catalogue import Catalogue, FteRow
from budgetkatalog.core.proposal import Proposal

NOT_STATED = {"da": "ikke angivet", "en": "not stated"}

_EXPLICIT = re.compile(r"forslag\s+(\d{1,2}\.\d{1,3})\b", re.IGNORECASE)
_LONG_WORD = 7


@dataclass(frozen=True)
class Department:
    """A department of a budget round: the appropriation areas (four-digit codes) and
    account ranges (inclusive, by number) it owns."""

    name: str
    short_name: str = ""
    area_codes: tuple[str, ...] = ()
    account_ranges: tuple[tuple[int, int], ...] = ()

    def owns_account(self, code: str) -> bool:
        digits = code.strip()
        if not digits.isdigit():
            return False
        number = int(digits)
        return any(low <= number <= high for low, high in self.account_ranges)


class Source(StrEnum):
    MEMO_NUMBER = "memo-number"
    MEMO_TITLE = "memo-title"
    MEMO_WORD = "memo-word"
    MEMO_AREAS = "memo-areas"
    AREA_CODES = "area-codes"
    ACCOUNTS = "accounts"
    AREA_NAME = "area-name"
    NONE = "none"

    def label(self, lang: str = "da") -> str:
        da, en = SOURCE_LABELS[self]
        return en if lang == "en" else da


SOURCE_LABELS: Mapping[Source, tuple[str, str]] = {
    Source.MEMO_NUMBER: ("notatets årsværkstabel nævner forslaget",
                         "the memo's FTE table names the proposal"),
    Source.MEMO_TITLE: ("notatets årsværkstabel, afdelingen står i titlen",
                        "the memo's FTE table, department in the title"),
    Source.MEMO_WORD: ("notatets årsværkstabel, afdelingens opgave står i titlen",
                       "the memo's FTE table, the department's task in the title"),
    Source.MEMO_AREAS: ("notatets årsværkstabel, afdelingen står i områdebevillingen",
                        "the memo's FTE table, department in the appropriation area"),
    Source.AREA_CODES: ("områdebevillingens nummer", "the appropriation area's code"),
    Source.ACCOUNTS: ("Tabel 1's pengeposer", "Table 1's accounts"),
    Source.AREA_NAME: ("områdebevillingens navn", "the appropriation area's name"),
    Source.NONE: ("dokumentet angiver ingen afdeling", "the document states no department"),
}


@dataclass(frozen=True)
class ProposedDepartment:
    """The department the document states for one proposal, and where it says so."""

    number: str
    name: str | None
    source: Source
    line: int | None = None

    def explain(self, lang: str = "da") -> str:
        return self.source.label(lang)


def normalise_name(name: str) -> str:
    """A name for comparison: "&" as "og", case and punctuation ignored."""
    name = name.lower().replace("&", " og ")
    name = re.sub(r"[^\w]+", " ", name)
    return f" {' '.join(name.split())} "


def mentions(haystack: str | None, name: str) -> bool:
    return bool(haystack) and bool(name.strip()) and \
        normalise_name(name) in normalise_name(haystack or "")


def label(name: str | None, lang: str = "da") -> str:
    """A department for display: its name, or "ikke angivet"."""
    return name if name else NOT_STATED.get(lang, NOT_STATED["da"])


def _area_text(proposal: Proposal) -> str:
    parts = [proposal.areas_text or ""]
    parts.extend(area.name or "" for area in proposal.areas)
    if proposal.table is not None:
        parts.append(proposal.table.caption)
        parts.extend(area.name or "" for area in proposal.table.caption_areas)
    return " | ".join(parts)


def _title_words(title: str) -> list[str]:
    return normalise_name(title).split()


def _word_match(row: FteRow, title: str) -> bool:
    long_words = [w for w in normalise_name(row.department).split() if len(w) >= _LONG_WORD]
    return any(t.startswith(w) for w in long_words for t in _title_words(title))


def memo_rows(catalogue: Catalogue) -> dict[str, tuple[FteRow, Source]]:
    """Each proposal the memo's FTE table states a row for: proposal number -> (row,
    how). A row goes to at most one proposal and a proposal gets at most one row."""
    rows = catalogue.fte_table.rows if catalogue.fte_table else ()
    taken: dict[str, tuple[FteRow, Source]] = {}
    used: set[int] = set()

    def claim(number: str, index: int, how: Source) -> None:
        taken[number] = (rows[index], how)
        used.add(index)

    for index, row in enumerate(rows):
        for task in row.tasks:
            for match in _EXPLICIT.finditer(task):
                number = match.group(1)
                if catalogue.proposal(number) is not None and number not in taken \
                        and index not in used:
                    claim(number, index, Source.MEMO_NUMBER)
    passes: tuple[tuple[Source, object], ...] = (
        (Source.MEMO_TITLE, lambda row, p: mentions(p.title, row.department)),
        (Source.MEMO_WORD, lambda row, p: _word_match(row, p.title)),
        (Source.MEMO_AREAS, lambda row, p: mentions(_area_text(p), row.department)),
    )
    for how, test in passes:
        matches: dict[int, list[str]] = {}
        for index, row in enumerate(rows):
            if index in used:
                continue
            matches[index] = [p.number for p in catalogue.proposals
                              if p.number not in taken and test(row, p)]  # type: ignore[operator]
        by_proposal: dict[str, list[int]] = {}
        for index, numbers in matches.items():
            for number in numbers:
                by_proposal.setdefault(number, []).append(index)
        for index, numbers in matches.items():
            if len(numbers) == 1 and len(by_proposal[numbers[0]]) == 1:
                claim(numbers[0], index, how)
    return taken


def _by_areas(proposal: Proposal, departments: Sequence[Department]) -> Department | None:
    codes = {area.code for area in proposal.areas}
    if proposal.table is not None:
        codes |= {area.code for area in proposal.table.caption_areas}
    if not codes:
        return None
    owners = [d for d in departments if codes <= set(d.area_codes)]
    return owners[0] if len(owners) == 1 else None


def _by_accounts(proposal: Proposal, departments: Sequence[Department]) -> Department | None:
    if proposal.table is None:
        return None
    codes = [line.code for line in proposal.table.lines if line.code and line.code.isdigit()]
    if not codes:
        return None
    owners = [d for d in departments if all(d.owns_account(c) for c in codes)]
    return owners[0] if len(owners) == 1 else None


def _by_area_name(proposal: Proposal, names: Iterable[str]) -> str | None:
    text = " | ".join([proposal.areas_text or "",
                       *(area.name or "" for area in proposal.areas)])
    found = sorted({n for n in names if mentions(text, n)})
    return found[0] if len(found) == 1 else None


def propose_departments(catalogue: Catalogue, departments: Sequence[Department] = ()
                        ) -> dict[str, ProposedDepartment]:
    """What the document (and the round's departments) state for every proposal."""
    memo = memo_rows(catalogue)
    names = [row.department for row in (catalogue.fte_table.rows if catalogue.fte_table
                                         else ())]
    names += [d.name for d in departments if d.name not in names]
    result: dict[str, ProposedDepartment] = {}
    for proposal in catalogue.proposals:
        found: ProposedDepartment
        if proposal.number in memo:
            row, how = memo[proposal.number]
            found = ProposedDepartment(proposal.number, row.department, how, row.line)
        elif (owner := _by_areas(proposal, departments)) is not None:
            found = ProposedDepartment(proposal.number, owner.name, Source.AREA_CODES,
                                       proposal.line)
        elif (owner := _by_accounts(proposal, departments)) is not None:
            found = ProposedDepartment(proposal.number, owner.name, Source.ACCOUNTS,
                                       proposal.table.line if proposal.table else None)
        elif (name := _by_area_name(proposal, names)) is not None:
            found = ProposedDepartment(proposal.number, name, Source.AREA_NAME, proposal.line)
        else:
            found = ProposedDepartment(proposal.number, None, Source.NONE, proposal.line)
        result.setdefault(proposal.number, found)
    return result


def with_proposed_departments(catalogue: Catalogue,
                              departments: Sequence[Department] = ()) -> Catalogue:
    """The catalogue with each proposal's department set where the document states one
    and the proposal has none yet; a department already set is kept."""
    proposed = propose_departments(catalogue, departments)
    proposals = tuple(
        p if p.department is not None or proposed[p.number].name is None
        else replace(p, department=proposed[p.number].name)
        for p in catalogue.proposals)
    return replace(catalogue, proposals=proposals)
