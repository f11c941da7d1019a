"""Differences between two versions' catalogue JSON: per proposal, per section, per
Table 1 cell."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from budgetkatalog.core.proposal import proposal_sort_key

Doc = dict[str, Any]


@dataclass(frozen=True)
class CellChange:
    row: str  # letter a–d, f, g
    year: str
    old: int | None
    new: int | None


@dataclass(frozen=True)
class SectionChange:
    number: int
    heading: str
    old: str
    new: str


@dataclass(frozen=True)
class ProposalChange:
    number: str
    title: str
    kind: str  # "added", "removed", "changed"
    fields: tuple[tuple[str, Any, Any], ...] = ()
    sections: tuple[SectionChange, ...] = ()
    cells: tuple[CellChange, ...] = ()
    rows: tuple[tuple[str, str, str], ...] = field(default=())  # letter, old label, new label


def _section_text(section: Doc) -> str:
    parts: list[str] = []
    for block in section["blocks"]:
        if block["type"] == "paragraph":
            parts.append(block["text"])
        else:
            parts.append("\n".join(f"- {item['text']}" for item in block["items"]))
    return "\n\n".join(parts)


def _rows(doc: Doc) -> dict[str, Doc]:
    table = doc.get("table")
    if not table:
        return {}
    rows = {line["letter"]: line for line in doc.get("lines", [])}
    rows["f"] = table["investment"]
    rows["g"] = table["derived_operating"]
    return rows


def diff_proposals(old: Doc, new: Doc) -> ProposalChange | None:
    fields = tuple((name, old.get(name), new.get(name))
                   for name in ("title", "areas_text", "fte")
                   if old.get(name) != new.get(name))
    old_sections = {s["number"]: s for s in old["sections"]}
    new_sections = {s["number"]: s for s in new["sections"]}
    sections = []
    for number in sorted(set(old_sections) | set(new_sections)):
        a = _section_text(old_sections[number]) if number in old_sections else ""
        b = _section_text(new_sections[number]) if number in new_sections else ""
        if a != b:
            heading = (new_sections.get(number) or old_sections[number])["heading"]
            sections.append(SectionChange(number, heading, a, b))
    old_rows, new_rows = _rows(old), _rows(new)
    cells = []
    labels = []
    for letter in sorted(set(old_rows) | set(new_rows)):
        a_row, b_row = old_rows.get(letter, {}), new_rows.get(letter, {})
        a_amounts, b_amounts = a_row.get("amounts", {}), b_row.get("amounts", {})
        for year in sorted(set(a_amounts) | set(b_amounts)):
            if a_amounts.get(year) != b_amounts.get(year):
                cells.append(CellChange(letter, year, a_amounts.get(year), b_amounts.get(year)))
        a_label = " ".join(x for x in (a_row.get("code"), a_row.get("name")) if x)
        b_label = " ".join(x for x in (b_row.get("code"), b_row.get("name")) if x)
        if a_label != b_label:
            labels.append((letter, a_label, b_label))
    if not (fields or sections or cells or labels):
        return None
    return ProposalChange(new["number"], new["title"], "changed", fields, tuple(sections),
                          tuple(cells), tuple(labels))


def diff_documents(old: Doc, new: Doc) -> list[ProposalChange]:
    old_by = {p["number"]: p for p in old["proposals"]}
    new_by = {p["number"]: p for p in new["proposals"]}
    changes: list[ProposalChange] = []
    for number in sorted(set(old_by) | set(new_by), key=proposal_sort_key):
        if number not in old_by:
            changes.append(ProposalChange(number, new_by[number]["title"], "added"))
        elif number not in new_by:
            changes.append(ProposalChange(number, old_by[number]["title"], "removed"))
        else:
            change = diff_proposals(old_by[number], new_by[number])
            if change is not None:
                changes.append(change)
    return changes
