"""Cross-references: areas in heading and caption, account codes, template
placeholders, the group introductions' lists, numbering and the overview's titles."""

from __future__ import annotations

import itertools
import re

from budgetkatalog.audit.registry import make
from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.core.finding import Finding, Severity
from budgetkatalog.core.proposal import Proposal, proposal_sort_key
from budgetkatalog.core.words import title_matches

_PLACEHOLDER_CAPTION = re.compile(r"\(\s*nummer\s+og\s+navn\s*\)|områdebevilling\s*$",
                                  re.IGNORECASE)
_PLACEHOLDER_CODE = re.compile(r"^x{3,}$", re.IGNORECASE)
_PLACEHOLDER_NAME = re.compile(r"^(?:x{3,}|flere\s+pengeposer|pengeposenavn)$",
                               re.IGNORECASE)
_SEVERAL_AREAS = re.compile(r"flere\s+områdebevillinger", re.IGNORECASE)


def _codes(areas: tuple[object, ...]) -> list[str]:
    return [getattr(a, "code") for a in areas]  # noqa: B009 - AppropriationArea.code


def areas(catalogue: Catalogue) -> list[Finding]:
    findings: list[Finding] = []
    for proposal in catalogue.proposals:
        findings.extend(_areas_of(proposal))
    return findings


def _areas_of(proposal: Proposal) -> list[Finding]:
    findings: list[Finding] = []
    table = proposal.table
    if table is None:
        return findings
    number = proposal.number
    heading = _codes(proposal.areas)
    caption = _codes(table.caption_areas)
    if heading and caption and set(heading) != set(caption):
        findings.append(make(
            "areas.caption-mismatch", Severity.ERROR,
            "Overskriften nævner områdebevilling {heading}, men Tabel 1 er for {caption}.",
            "The heading names appropriation area {heading}, but Table 1 is for {caption}.",
            proposal=number, line=table.line, section="tabel 1", cell="caption",
            heading=", ".join(heading), caption=", ".join(caption)))
    if _PLACEHOLDER_CAPTION.search(table.caption):
        findings.append(make(
            "areas.placeholder", Severity.WARNING,
            "Tabel 1's overskrift er skabelonens tekst '{caption}' i stedet for "
            "områdebevillingens nummer og navn.",
            "Table 1's caption is the template's text '{caption}' instead of the area's "
            "number and name.",
            proposal=number, line=table.line, section="tabel 1", cell="caption",
            caption=table.caption))
    elif not heading and not caption:
        several = _SEVERAL_AREAS.search(table.caption) is not None
        findings.append(make(
            "areas.missing", Severity.NOTE if several else Severity.WARNING,
            "Hverken overskriften eller Tabel 1 nævner en områdebevilling"
            + (" (tabellen siger 'Flere områdebevillinger' uden at nævne dem)." if several
               else "."),
            "Neither the heading nor Table 1 names an appropriation area"
            + (" (the table says 'Flere områdebevillinger' without naming them)."
               if several else "."),
            proposal=number, line=table.line, section="tabel 1", cell="caption"))
    known = set(heading) | set(caption)
    for line in table.lines:
        cell = f"{line.letter}/konto"
        if (line.code and _PLACEHOLDER_CODE.match(line.code)) or \
                (line.name and _PLACEHOLDER_NAME.match(line.name)):
            findings.append(make(
                "areas.placeholder", Severity.WARNING,
                "Række {row} har pladsholder i stedet for pengepose: '{text}'.",
                "Row {row} has a placeholder instead of a budget line: '{text}'.",
                proposal=number, line=line.line, section="tabel 1", cell=cell,
                row=line.letter, text=" ".join(p for p in (line.code, line.name) if p)))
            continue
        if line.code is None or not line.code.isdigit():
            continue
        if len(line.code) not in (4, 6):
            findings.append(make(
                "areas.account-code", Severity.WARNING,
                "Pengepose-nummeret {code} i række {row} har {n} cifre; et pengepose-nummer "
                "har 6 (områdebevilling + 2) og en områdebevilling 4.",
                "Account code {code} in row {row} has {n} digits; an account code has 6 "
                "(appropriation area + 2) and an appropriation area 4.",
                proposal=number, line=line.line, section="tabel 1", cell=cell,
                code=line.code, row=line.letter, n=len(line.code)))
            continue
        area = line.code[:4]
        if known and area not in known:
            findings.append(make(
                "areas.account", Severity.WARNING,
                "Pengepose {code} i række {row} hører under område {area}, som hverken "
                "overskriften eller tabellen nævner ({known}).",
                "Account {code} in row {row} belongs to area {area}, which neither the "
                "heading nor the caption names ({known}).",
                proposal=number, line=line.line, section="tabel 1", cell=cell,
                code=line.code, row=line.letter, area=area,
                known=", ".join(sorted(known))))
    return findings


def numbering(catalogue: Catalogue) -> list[Finding]:
    findings: list[Finding] = []
    # Duplicated numbers never get this far: the importers refuse them
    # (core.catalogue.duplicate_numbers).
    by_prefix: dict[str, list[int]] = {}
    for number in dict.fromkeys(p.number for p in catalogue.proposals):
        head, _, tail = number.rpartition(".")
        if tail.isdigit():
            by_prefix.setdefault(head, []).append(int(tail))
    for head, tails in by_prefix.items():
        present = set(tails)
        missing = [n for n in range(min(present), max(present) + 1) if n not in present]
        if missing:
            after = max((n for n in present if n < missing[0]), default=min(present))
            proposal = catalogue.proposal(f"{head}.{after}")
            findings.append(make(
                "numbering.gap", Severity.WARNING,
                "Nummereringen springer over {missing}.",
                "The numbering skips {missing}.",
                line=proposal.line if proposal else None,
                missing=", ".join(f"{head}.{n}" for n in missing)))
    order = _out_of_order(catalogue.proposals)
    if order is not None:
        found, previous = order
        findings.append(make(
            "numbering.order", Severity.NOTE,
            "Forslagene står ikke i nummerorden: {found} står efter {previous}.",
            "The proposals are out of order: {found} stands after {previous}.",
            proposal=found.number, line=found.line, found=found.number,
            previous=previous.number))
    return findings


def _out_of_order(proposals: tuple[Proposal, ...]) -> tuple[Proposal, Proposal] | None:
    """The first proposal out of its place and the one it stands after, or ``None``.

    Each series keeps its own order, and the catalogue chooses the order of the series
    (committees have theirs): "ØK-01, ØK-02, BU-01" and "R1, R2, U1" are in order. A
    series does not start again once the next has begun ("A.1, B.1, A.2"), unless the
    numbers run on through the series ("TM-01, SO-02, TM-03"). Numbers without a series
    ("2.1", "5.2", "17") are one series."""
    keys = [proposal_sort_key(p.number) for p in proposals]
    running = all(a[1] < b[1] for a, b in itertools.pairwise(keys))
    latest: dict[str, int] = {}
    for index, (proposal, key) in enumerate(zip(proposals, keys, strict=True)):
        series = key[0]
        before = latest.get(series)
        if before is not None and key < keys[before]:
            return proposal, proposals[before]
        if before is not None and before != index - 1 and not running:
            return proposal, proposals[index - 1]
        latest[series] = index
    return None


def intro_lists(catalogue: Catalogue) -> list[Finding]:
    findings: list[Finding] = []
    for group in catalogue.groups:
        members = [p for n in group.proposal_numbers if (p := catalogue.proposal(n))]
        if group.stated_count is not None and group.stated_count != len(members):
            findings.append(make(
                "intro.count", Severity.ERROR,
                "Indledningen til '{group}' siger {stated} forslag, men gruppen har {actual}.",
                "The introduction to '{group}' says {stated} proposals, but the group has "
                "{actual}.", line=group.line, section="indledning",
                numbers=(("stated", group.stated_count), ("actual", len(members))),
                group=group.heading or group.name, stated=group.stated_count,
                actual=len(members)))
        listed = group.listed_titles
        if not listed:
            continue
        if len(listed) != len(members):
            findings.append(make(
                "intro.list-length", Severity.WARNING,
                "Indledningen til '{group}' oplister {listed} forslag, men gruppen har "
                "{actual}.",
                "The introduction to '{group}' lists {listed} proposals, but the group has "
                "{actual}.", line=group.line, section="indledning",
                group=group.heading or group.name, listed=len(listed), actual=len(members)))
        unmatched = [p for p in members]
        for position, title in enumerate(listed):
            candidate = members[position] if position < len(members) else None
            if candidate is not None and _names(title, candidate):
                if candidate in unmatched:
                    unmatched.remove(candidate)
                continue
            elsewhere = next((p for p in unmatched if _names(title, p)), None)
            if elsewhere is not None:
                unmatched.remove(elsewhere)
                findings.append(make(
                    "intro.list-order", Severity.NOTE,
                    "Indledningen nævner '{title}' som nr. {position}, men forslaget er "
                    "{number}.",
                    "The introduction lists '{title}' as item {position}, but the proposal "
                    "is {number}.", proposal=elsewhere.number, line=group.line,
                    section="indledning", title=title, position=position + 1,
                    number=elsewhere.number))
                continue
            findings.append(make(
                "intro.list-mismatch", Severity.WARNING,
                "Indledningen nævner '{title}', men forslag {number} hedder '{actual}'.",
                "The introduction lists '{title}', but proposal {number} is titled "
                "'{actual}'.", proposal=candidate.number if candidate else None,
                line=group.line, section="indledning", title=title,
                number=candidate.number if candidate else "-",
                actual=candidate.title if candidate else "-"))
    return findings


def _names(title: str, proposal: Proposal) -> bool:
    return title_matches(title, f"{proposal.title} {proposal.areas_text or ''}")


def overview_titles(catalogue: Catalogue) -> list[Finding]:
    findings: list[Finding] = []
    if catalogue.overview is None:
        return findings
    for _, rows in catalogue.overview.groups:
        for row in rows:
            proposal = catalogue.proposal(row.number) if row.number else None
            if proposal is None:
                continue
            if not (title_matches(row.label, proposal.title)
                    and title_matches(proposal.title, row.label)):
                findings.append(make(
                    "overview-titles", Severity.WARNING,
                    "Oversigten kalder forslag {number} '{stated}', men forslaget hedder "
                    "'{actual}'.",
                    "The overview calls proposal {number} '{stated}', but the proposal is "
                    "titled '{actual}'.", proposal=row.number, line=row.line,
                    section="oversigt", number=row.number or "", stated=row.label,
                    actual=proposal.title))
    return findings
