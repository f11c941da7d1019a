"""A proposal's department, read from the memo's FTE table.

The template has no department field (the budget round will state it); until then this
is the one place that decides which department a proposal belongs to. A row of the
memo's table belongs to the proposal its tasks name ("se det konkrete budgetforslag
2.7"), else to the one proposal whose title names the department, else to the one
whose title or heading areas do. Names are compared word by word, "&" read as "og"; a
long word shared is enough ("Sekretariat for Byudvikling & Erhverv" runs
"Erhvervsteamet"). A proposal claimed by no row, or by more than one, has no
department.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from budgetkatalog.core.catalogue import Catalogue, FteRow
from budgetkatalog.core.proposal import Proposal
from budgetkatalog.core.words import title_matches, words

_EXPLICIT = re.compile(r"\bforslag\s+(\d{1,2}\.\d{1,3})\b", re.IGNORECASE)


@dataclass(frozen=True)
class DepartmentMatch:
    """The memo's row a proposal belongs to, and how it was found: ``"task"`` (the row's
    tasks name the proposal), ``"title"`` or ``"areas"``."""

    row: FteRow
    how: str

    @property
    def department(self) -> str:
        return self.row.department


def names_department(department: str, text: str) -> bool:
    """Whether ``text`` (a title, heading areas) names the department."""
    if title_matches(department, text):
        return True
    long_words = [w for w in words(department) if len(w) >= 7]
    return any(w in t for w in long_words for t in words(text))


def proposal_of_row(row: FteRow, catalogue: Catalogue) -> tuple[Proposal, str] | None:
    """The proposal a row of the memo's FTE table belongs to, and how it was found."""
    for task in row.tasks:
        match = _EXPLICIT.search(task)
        proposal = catalogue.proposal(match.group(1)) if match else None
        if proposal is not None:
            return proposal, "task"
    by_title = [p for p in catalogue.proposals if names_department(row.department, p.title)]
    if len(by_title) == 1:
        return by_title[0], "title"
    if by_title:
        return None
    by_areas = [p for p in catalogue.proposals
                if names_department(row.department, f"{p.title} {p.areas_text or ''}")]
    return (by_areas[0], "areas") if len(by_areas) == 1 else None


def departments(catalogue: Catalogue) -> dict[str, DepartmentMatch]:
    """Each proposal's department (by number); proposals without one are left out."""
    claims: dict[str, list[DepartmentMatch]] = {}
    for row in catalogue.fte_table.rows if catalogue.fte_table else ():
        found = proposal_of_row(row, catalogue)
        if found is not None:
            proposal, how = found
            claims.setdefault(proposal.number, []).append(DepartmentMatch(row, how))
    return {number: matches[0] for number, matches in claims.items() if len(matches) == 1}
