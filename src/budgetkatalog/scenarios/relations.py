"""Relations between proposals, entered by finance staff.

- ``MutuallyExclusive``: at most one of the proposals may be adopted (whole or in
  part), e.g. the memo's alternative department mergers.
- ``Requires``: ``proposal`` may only be adopted if ``required`` is adopted too.
- ``Overlap``: both proposals count the same saving; ``double_counted`` is that saving
  per year as a positive number of 1.000 kr., added back once when both are adopted.
- ``Protected``: a department or appropriation area kept out of the round entirely
  (the memo keeps "Social & Familie" out); none of its proposals may be adopted.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from budgetkatalog.core.catalogue import Catalogue


@dataclass(frozen=True)
class MutuallyExclusive:
    """At most one of these proposals may be adopted."""

    proposals: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class Requires:
    """``proposal`` may be adopted only together with ``required``."""

    proposal: str
    required: str
    note: str = ""


@dataclass(frozen=True)
class Overlap:
    """Two proposals whose savings overlap by the amounts counted twice."""

    first: str
    second: str
    double_counted: tuple[tuple[int, int], ...]
    note: str = ""

    @classmethod
    def of(cls, first: str, second: str, double_counted: Mapping[int, int],
           note: str = "") -> Overlap:
        return cls(first, second, tuple(sorted(double_counted.items())), note)

    def amount_for(self, year: int) -> int:
        return dict(self.double_counted).get(year, 0)


@dataclass(frozen=True)
class Protected:
    """Exactly one of ``department`` (a name as in the memo's FTE table) or
    ``area_code`` (an appropriation area, e.g. ``4410``)."""

    department: str | None = None
    area_code: str | None = None
    note: str = ""


Relation = MutuallyExclusive | Requires | Overlap | Protected

_KEPT_OUT = re.compile(r"holdes\s+ude", re.IGNORECASE)


def relations_from_memo(catalogue: Catalogue) -> tuple[Relation, ...]:
    """Relations the memo itself states: a department in the FTE table without a
    figure whose task says it is kept out ("holdes ude") is protected."""
    if catalogue.fte_table is None:
        return ()
    protected: list[Relation] = []
    for row in catalogue.fte_table.rows:
        if row.fte is None and any(_KEPT_OUT.search(task) for task in row.tasks):
            protected.append(Protected(department=row.department, note="; ".join(row.tasks)))
    return tuple(protected)
