"""Importer for catalogue text in the seed's form (text extracted from the PDF).

The document is read in parts: the front matter (foreword and memo, with the FTE
table), the overview ("Oversigt over forslag"), group introductions and the
proposals, each with sections 1–7 and Table 1. Every problem becomes a finding
with the source line; nothing raises, and no number is dropped without one.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from budgetkatalog.core.catalogue import (
    Catalogue,
    FteRow,
    FteTable,
    OverviewRow,
    ProposalGroup,
    StatedOverview,
)
from budgetkatalog.core.department import with_proposed_departments
from budgetkatalog.core.finding import Finding, Severity, has_errors, text
from budgetkatalog.core.money import parse_danish_integer, parse_danish_number
from budgetkatalog.core.overview import row_label
from budgetkatalog.core.proposal import Proposal
from budgetkatalog.core.table import LINE_LETTERS, AmountsTable, TableLine, parse_areas
from budgetkatalog.core.text import Block, Section
from budgetkatalog.core.years import BudgetRound
from budgetkatalog.importers.source import (
    SourceLine,
    build_blocks,
    join_wrapped,
    normalise,
    remove_glyphs,
    strip_bullet,
)

MAX_UPLOAD_BYTES = 20 * 1024 * 1024

_HEADING = re.compile(r"^(\d{1,3}\.\d{1,4})\s+(\S.*)$")
_SECTION = re.compile(
    r"^([1-7])\s*\.\s*(Type|Beskrivelse|Konsekvenser|Vigtige)\b(.*)$", re.IGNORECASE)
_CAPTION = re.compile(r"^(?:\d+\.\s*)?Tabel\s*1\s*\.?\s*(.*)$", re.IGNORECASE)
_UNIT = re.compile(r"\bi\s+(\d{1,3}(?:\.\d{3})*)\s*kr\.?\s*$", re.IGNORECASE)
_ROW = re.compile(r"^([a-g])\.\s*(.*)$")
_TOTAL_ROW = re.compile(r"^I\s*alt\b(.*)$", re.IGNORECASE)
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
_CODE = re.compile(r"^(?:\d{4,8}|x{3,})$", re.IGNORECASE)
_OVERVIEW_START = re.compile(r"^Oversigt over forslag", re.IGNORECASE)
_CATALOGUE_TITLE = re.compile(r"^Katalog\s+\S+\s*:")
_AREA_LINE = re.compile(r"^\d{4}\b")
_ROW_LABELS = {
    "e": re.compile(r"^Delsum\s*(\([^)]*\))?", re.IGNORECASE),
    "f": re.compile(r"^Anlægsinvestering(er)?", re.IGNORECASE),
    "g": re.compile(r"^Afledte\s+driftsudgifter", re.IGNORECASE),
    "I alt": re.compile(r"^\(e\s*\+\s*f\s*\+\s*g\)"),
}
_COUNT_WORDS = {"to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "syv": 7, "otte": 8,
                "ni": 9, "ti": 10, "elleve": 11, "tolv": 12}
_PRICE_LEVEL = re.compile(r"\b((?:19|20)\d{2})(?:-| )?(?:pris- og lønniveau|P/L)",
                          re.IGNORECASE)
_MUNICIPALITY = re.compile(r"\b([A-ZÆØÅ][\wæøå-]+) Kommune\b")
MAX_PLACEMENTS = 200_000


@dataclass(frozen=True)
class ImportResult:
    catalogue: Catalogue | None
    findings: tuple[Finding, ...]

    @property
    def usable(self) -> bool:
        return self.catalogue is not None

    @property
    def exit_code(self) -> int:
        if self.catalogue is None:
            return 2
        return 1 if has_errors(self.findings) else 0


def import_catalogue_file(path: str | Path) -> ImportResult:
    """Read a catalogue text file; unreadable or non-UTF-8 input is a finding, not a crash."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_UPLOAD_BYTES:
            return _unusable("import.too-large",
                             "Filen er {size} byte; grænsen er {limit} byte.",
                             "The file is {size} bytes; the limit is {limit} bytes.",
                             size=size, limit=MAX_UPLOAD_BYTES)
        data = path.read_bytes()
    except OSError as error:
        return _unusable("import.unreadable", "Filen kan ikke læses: {why}.",
                         "The file cannot be read: {why}.", why=error.strerror or str(error))
    return import_catalogue_bytes(data)


def import_catalogue_bytes(data: bytes) -> ImportResult:
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return _unusable("import.not-utf8",
                         "Filen er ikke UTF-8: ugyldig byte ved position {pos} (linje {line}).",
                         "The file is not UTF-8: invalid byte at offset {pos} (line {line}).",
                         pos=error.start, line=line, at_line=line)
    return import_catalogue_text(content)


def _unusable(rule: str, da: str, en: str, at_line: int | None = None,
              **numbers: int | str) -> ImportResult:
    return ImportResult(None, (Finding(rule, Severity.ERROR, text(da, en, **numbers),
                                       line=at_line),))


def import_catalogue_text(content: str) -> ImportResult:
    """Import catalogue text; the result holds the catalogue (or ``None`` if unusable)
    and every finding, each with its source line. Each proposal's department is the
    one the document states (``core.department``), or none."""
    result = _Parser(normalise(content)).parse()
    if result.catalogue is None:
        return result
    return dataclasses.replace(result,
                               catalogue=with_proposed_departments(result.catalogue))


@dataclass
class _RawRow:
    key: str
    line: int
    parts: list[tuple[str, str]] = field(default_factory=list)


class _Parser:
    def __init__(self, lines: list[SourceLine]) -> None:
        self.lines = lines
        self.findings: list[Finding] = []
        self.years: tuple[int, ...] = ()

    # -- helpers ---------------------------------------------------------------

    def find(self, rule: str, severity: Severity, da: str, en: str, *, line: int | None,
             proposal: str | None = None, section: str | None = None,
             cell: str | None = None, numbers: tuple[tuple[str, Decimal | int | None], ...] = (),
             **params: Decimal | int | str | None) -> None:
        self.findings.append(Finding(rule, severity, text(da, en, **params), proposal, line,
                                     section, cell, numbers))

    # -- the whole document ------------------------------------------------------

    def parse(self) -> ImportResult:
        starts = self._proposal_starts()
        if not starts:
            self.find("import.no-proposals", Severity.ERROR,
                      "Der blev ikke fundet nogen forslag (en linje som '2.1 Titel' efterfulgt "
                      "af '1. Type').",
                      "No proposals were found (a line such as '2.1 Title' followed by "
                      "'1. Type').", line=None)
            return ImportResult(None, tuple(self.findings))
        first = starts[0][0]
        overview_index = next((i for i in range(first)
                               if _OVERVIEW_START.match(self.lines[i].text)), None)
        front_end = overview_index if overview_index is not None else first
        front = self.lines[:front_end]
        self.years = self._years(front_end, first)

        proposals: list[Proposal] = []
        interludes: list[tuple[int, list[SourceLine]]] = []  # (index of next proposal, lines)
        overview: StatedOverview | None = None
        title = ""
        if overview_index is not None:
            overview, title, rest = self._overview(overview_index, first)
            interludes.append((0, rest))
        for position, (start, type_index) in enumerate(starts):
            end = starts[position + 1][0] if position + 1 < len(starts) else len(self.lines)
            proposal, trailing = self._proposal(start, type_index, end)
            proposals.append(proposal)
            if any(not line.blank for line in trailing):
                interludes.append((position + 1, trailing))
        if interludes and interludes[-1][0] == len(starts):
            trailing = interludes.pop()[1]
            first_text = next(line for line in trailing if not line.blank)
            self.find("import.trailing-text", Severity.WARNING,
                      "Tekst efter det sidste forslags tabel er ikke en del af noget forslag.",
                      "Text after the last proposal's table belongs to no proposal.",
                      line=first_text.number)
        self._duplicates(proposals)

        round_ = BudgetRound.from_years(self.years or (0,), 1000, self._price_level())
        groups, overview = self._groups(proposals, overview, interludes)
        catalogue = Catalogue(
            title=title or "Budgetkatalog",
            round=round_,
            proposals=tuple(proposals),
            groups=groups,
            municipality=self._municipality(),
            overview=overview,
            fte_table=self._fte_table(front),
            front_matter=build_blocks(front),
        )
        return ImportResult(catalogue, tuple(self.findings))

    def _proposal_starts(self) -> list[tuple[int, int]]:
        """(heading index, '1. Type' index) of each proposal, in order."""
        starts: list[tuple[int, int]] = []
        floor = 0
        for index, line in enumerate(self.lines):
            if not line.text.startswith("1"):
                continue
            match = _SECTION.match(line.text)
            if not match or match.group(1) != "1":
                continue
            heading = None
            seen = 0
            for back in range(index - 1, floor - 1, -1):
                candidate = self.lines[back]
                if candidate.blank:
                    continue
                if _HEADING.match(candidate.text) and not _ends_with_numbers(candidate.text):
                    heading = back
                    break
                seen += 1
                if seen > 8:
                    break
            if heading is None:
                self.find("import.heading-missing", Severity.ERROR,
                          "Afsnittet '1. Type' står uden en forslagsoverskrift ('2.1 Titel') "
                          "lige før; teksten indgår ikke i noget forslag.",
                          "Section '1. Type' has no proposal heading ('2.1 Title') just "
                          "before it; its text belongs to no proposal.", line=line.number)
                continue
            starts.append((heading, index))
            floor = index + 1
        return starts

    def _years(self, front_end: int, first: int) -> tuple[int, ...]:
        for line in self.lines[front_end:]:
            if re.match(r"^Pengepose", line.text, re.IGNORECASE):
                years = tuple(int(y) for y in _YEAR.findall(line.text))
                if years:
                    return years
        years = tuple(int(y) for line in self.lines[front_end:first]
                      for y in _YEAR.findall(line.text) if "mio" not in line.text)
        return tuple(dict.fromkeys(years))[:4]

    def _price_level(self) -> int | None:
        for line in self.lines:
            if "niveau" not in line.text and "P/L" not in line.text:
                continue
            match = _PRICE_LEVEL.search(line.text)
            if match:
                return int(match.group(1))
        return None

    def _municipality(self) -> str | None:
        for line in self.lines:
            if "Kommune" not in line.text:
                continue
            match = _MUNICIPALITY.search(line.text)
            if match:
                return f"{match.group(1)} Kommune"
        return None

    def _duplicates(self, proposals: list[Proposal]) -> None:
        seen: dict[str, int | None] = {}
        for proposal in proposals:
            if proposal.number in seen:
                self.find("import.duplicate-number", Severity.ERROR,
                          "Forslagsnummer {number} forekommer igen (først linje {first}).",
                          "Proposal number {number} occurs again (first on line {first}).",
                          line=proposal.line, proposal=proposal.number,
                          number=proposal.number, first=seen[proposal.number])
            else:
                seen[proposal.number] = proposal.line

    # -- overview ----------------------------------------------------------------

    def _overview(self, start: int, end: int
                  ) -> tuple[StatedOverview, str, list[SourceLine]]:
        years = self.years
        rows: list[OverviewRow] = []
        buffer: list[tuple[str, str]] = []
        buffer_line: int | None = None
        title = ""
        stop = end
        header_done = False
        for index in range(start + 1, end):
            line = self.lines[index]
            if line.blank:
                continue
            if _CATALOGUE_TITLE.match(line.text):
                title = line.text
                stop = index + 1
                break
            if not header_done and (_YEAR.fullmatch(line.text.strip())
                                    or "mio. kr" in line.text.lower()):
                continue
            tokens = line.text.split()
            count = _trailing_numbers(tokens, len(years) or 4, decimals=True)
            complete = count == (len(years) or 4) or (0 < count == len(tokens))
            if not complete:
                if buffer_line is None:
                    buffer_line = line.number
                buffer.append((line.raw, line.text))
                continue
            header_done = True
            label = join_wrapped([*buffer, (line.raw, " ".join(tokens[:-count]))]).strip()
            amounts: list[Decimal | None] = [parse_danish_number(t) for t in tokens[-count:]]
            if len(amounts) < len(years):
                self.find("import.overview-short-row", Severity.WARNING,
                          "Oversigtens række '{label}' har {count} beløb for {n} år; de "
                          "manglende år er sat til tom.",
                          "Overview row '{label}' has {count} amounts for {n} years; the "
                          "missing years are left blank.", line=line.number,
                          section="oversigt", label=label, count=count, n=len(years))
                amounts += [None] * (len(years) - len(amounts))
            number_match = re.match(r"^(\d{1,3}\.\d{1,4})\s+(.*)$", label)
            rows.append(OverviewRow(
                number_match.group(2) if number_match else label,
                tuple(amounts),
                number_match.group(1) if number_match else None,
                buffer_line or line.number))
            buffer, buffer_line = [], None
            stop = index + 1
        leftover = self.lines[stop:end]
        if buffer and not title:
            leftover = [line for line in self.lines[start + 1:end]
                        if line.number >= (buffer_line or 0)]
        return self._overview_structure(rows, self.lines[start].number), title, leftover

    def _overview_structure(self, rows: list[OverviewRow], line: int) -> StatedOverview:
        total = None
        if rows and not rows[0].label and rows[0].number is None:
            total, rows = rows[0], rows[1:]
        # Group rows are told from proposal rows once the proposals are known; keep order.
        groups: list[tuple[OverviewRow, list[OverviewRow]]] = []
        for row in rows:
            if row.number is None or not groups:
                groups.append((row, []))
            else:
                groups[-1][1].append(row)
        return StatedOverview(self.years, total,
                              tuple((g, tuple(members)) for g, members in groups), line=line)

    # -- groups ------------------------------------------------------------------

    def _groups(self, proposals: list[Proposal], overview: StatedOverview | None,
                interludes: list[tuple[int, list[SourceLine]]]
                ) -> tuple[tuple[ProposalGroup, ...], StatedOverview | None]:
        present = {p.number for p in proposals}
        order = [p.number for p in proposals]
        intros: list[tuple[int, ProposalGroup]] = []
        for position, lines in interludes:
            intro = self._intro(lines)
            if intro is not None:
                intros.append((position, intro))

        named: list[tuple[str, list[str], int | None]] = []
        if overview is not None:
            # A row numbered like a proposal that is not in the catalogue is a group row
            # ("1.6 Analyse af Jobcentret").
            regrouped: list[tuple[OverviewRow, list[OverviewRow]]] = []
            for group_row, member_rows in overview.groups:
                if group_row.number is not None and group_row.number in present:
                    if not regrouped:
                        regrouped.append((OverviewRow("", (), None, None), []))
                    regrouped[-1][1].append(group_row)
                else:
                    regrouped.append((group_row, []))
                for member in member_rows:
                    if member.number in present:
                        regrouped[-1][1].append(member)
                    else:
                        regrouped.append((member, []))
            for group_row, members in regrouped:
                if group_row.number is not None and not members:
                    self.find("import.overview-unknown-proposal", Severity.ERROR,
                              "Oversigten nævner forslag {number}, som ikke findes i "
                              "kataloget.",
                              "The overview lists proposal {number}, which is not in the "
                              "catalogue.", line=group_row.line, section="oversigt",
                              proposal=group_row.number, number=group_row.number)
            regrouped = [(g, m) for g, m in regrouped if m or g.number is None]
            overview = dataclasses.replace(
                overview, groups=tuple((g, tuple(m)) for g, m in regrouped))
            for group_row, members in regrouped:
                named.append((row_label(group_row) or "Forslag",
                              [m.number for m in members if m.number], group_row.line))
        else:
            boundaries = [position for position, _ in intros] or [0]
            for index, position in enumerate(boundaries):
                stop = boundaries[index + 1] if index + 1 < len(boundaries) else len(order)
                heading = intros[index][1].heading if intros else None
                named.append((heading or "Forslag", order[position:stop], None))

        assigned = {n for _, numbers, _ in named for n in numbers}
        for number in order:
            if number in assigned:
                continue
            position = order.index(number)
            target = 0
            for index, (intro_position, _) in enumerate(intros):
                if intro_position <= position:
                    target = index
            if not named:
                named.append(("Forslag", [], None))
            target = min(target, len(named) - 1)
            named[target][1].append(number)
            self.find("import.not-in-overview", Severity.WARNING,
                      "Forslag {number} står ikke i oversigten; det er lagt i gruppen '{group}'.",
                      "Proposal {number} is not in the overview; it was put in group '{group}'.",
                      line=next(p.line for p in proposals if p.number == number),
                      proposal=number, number=number, group=named[target][0])

        groups: list[ProposalGroup] = []
        for index, (name, numbers, line) in enumerate(named):
            intro = intros[index][1] if index < len(intros) else None
            groups.append(ProposalGroup(
                name=name,
                proposal_numbers=tuple(sorted(numbers, key=order.index)),
                heading=intro.heading if intro else None,
                intro=intro.intro if intro else None,
                listed_titles=intro.listed_titles if intro else (),
                stated_count=intro.stated_count if intro else None,
                line=line if line is not None else (intro.line if intro else None)))
        return tuple(groups), overview

    def _intro(self, lines: list[SourceLine]) -> ProposalGroup | None:
        content = [line for line in lines if not line.blank]
        if not content:
            return None
        blocks = build_blocks(lines)
        heading = remove_glyphs(content[0].text)
        paragraphs: list[str] = []
        titles: list[str] = []
        for block in blocks:
            if hasattr(block, "items"):
                titles.extend(item.text for item in block.items)
            else:
                paragraphs.append(block.text)
        if paragraphs and paragraphs[0] == heading:
            paragraphs = paragraphs[1:]
        intro = " ".join(paragraphs) or None
        count = None
        match = re.search(r"udarbejdet\s+(\d+|\w+)\s+forslag", intro or "", re.IGNORECASE)
        if match:
            word = match.group(1).lower()
            count = int(word) if word.isdigit() else _COUNT_WORDS.get(word)
        return ProposalGroup(heading, (), heading, intro, tuple(titles), count,
                             content[0].number)

    # -- the FTE table -----------------------------------------------------------------

    def _fte_table(self, front: list[SourceLine]) -> FteTable | None:
        header = next((i for i, line in enumerate(front)
                       if re.match(r"^Afdeling\s+Hvad\s+Sparet", line.text)), None)
        if header is None:
            return None
        rows: list[FteRow] = []
        name: list[tuple[str, str]] = []
        name_line: int | None = None
        tasks: list[list[tuple[str, str]]] = []
        stated_total: Decimal | None = None
        index = header + 1
        while index < len(front) and front[index].blank:
            index += 1
        if index < len(front) and front[index].text.lower() == "årsværk":
            index += 1

        def close(fte: Decimal | None) -> None:
            nonlocal name, tasks, name_line
            if name or tasks:
                rows.append(FteRow(join_wrapped(name),
                                   tuple(join_wrapped(t) for t in tasks), fte, name_line))
            name, tasks, name_line = [], [], None

        while index < len(front):
            line = front[index]
            index += 1
            if line.blank:
                continue
            if re.match(r"^I\s*ALT\b", line.text, re.IGNORECASE):
                close(None)
                for after in front[index:index + 6]:
                    value = parse_danish_number(after.text.split()[0]) if after.text else None
                    if value is not None:
                        stated_total = value
                        break
                break
            value = parse_danish_number(line.text)
            if value is not None:
                close(value)
                continue
            is_item, body = strip_bullet(line.raw)
            if is_item:
                tasks.append([(line.raw, body)])
            elif tasks:
                tasks[-1].append((line.raw, line.text))
            else:
                if name_line is None:
                    name_line = line.number
                name.append((line.raw, line.text))
        return FteTable(tuple(rows), stated_total, front[header].number)

    # -- one proposal --------------------------------------------------------------------

    def _proposal(self, start: int, type_index: int, end: int
                  ) -> tuple[Proposal, list[SourceLine]]:
        heading = self.lines[start]
        match = _HEADING.match(heading.text)
        assert match is not None  # guaranteed by _proposal_starts
        number = match.group(1)
        title_parts = [(heading.raw, match.group(2))]
        area_parts: list[tuple[str, str]] = []
        saw_blank = False
        for line in self.lines[start + 1:type_index]:
            if line.blank:
                saw_blank = True
                continue
            if not area_parts and not saw_blank and not _AREA_LINE.match(line.text):
                title_parts.append((line.raw, line.text))
            else:
                area_parts.append((line.raw, line.text))
        title = join_wrapped(title_parts)
        areas_text = join_wrapped(area_parts) or None

        caption_index = next((i for i in range(type_index, end)
                              if "abel" in self.lines[i].text
                              and _CAPTION.match(self.lines[i].text)), None)
        body_end = caption_index if caption_index is not None else end
        sections = self._sections(number, type_index, body_end)
        table = None
        trailing: list[SourceLine] = []
        if caption_index is None:
            self.find("import.table-missing", Severity.ERROR,
                      "Forslag {number} har ingen Tabel 1.",
                      "Proposal {number} has no Table 1.", line=heading.number,
                      proposal=number, number=number)
        else:
            table, table_end = self._table(number, caption_index, end)
            trailing = self.lines[table_end:end]
        proposal = Proposal(number=number, title=title, sections=sections, table=table,
                            areas_text=areas_text, areas=parse_areas(areas_text),
                            fte=stated_fte(sections), line=heading.number)
        return proposal, trailing

    def _sections(self, number: str, start: int, end: int) -> tuple[Section, ...]:
        marks: list[tuple[int, int, str]] = []
        expected = 1
        for index in range(start, end):
            if not self.lines[index].text[:1].isdigit():
                continue
            match = _SECTION.match(self.lines[index].text)
            if match and int(match.group(1)) >= expected:
                heading = (match.group(2) + match.group(3)).strip()
                marks.append((index, int(match.group(1)), heading))
                expected = int(match.group(1)) + 1
        present = {n for _, n, _ in marks}
        for missing in sorted(set(range(1, 8)) - present):
            self.find("import.section-missing", Severity.WARNING,
                      "Forslag {number} mangler afsnit {sec}.",
                      "Proposal {number} lacks section {sec}.",
                      line=self.lines[start].number, proposal=number,
                      section=str(missing), number=number, sec=str(missing))
        sections: list[Section] = []
        for position, (index, section_number, heading) in enumerate(marks):
            stop = marks[position + 1][0] if position + 1 < len(marks) else end
            blocks: tuple[Block, ...] = build_blocks(self.lines[index + 1:stop])
            sections.append(Section(section_number, heading, blocks, self.lines[index].number))
        return tuple(sections)

    # -- Table 1 ---------------------------------------------------------------------------

    def _table(self, number: str, caption_index: int, end: int
               ) -> tuple[AmountsTable, int]:
        caption_line = self.lines[caption_index]
        caption_match = _CAPTION.match(caption_line.text)
        caption_rest = caption_match.group(1).strip() if caption_match else ""
        unit = 1000
        unit_match = _UNIT.search(caption_rest)
        if unit_match:
            unit = int(unit_match.group(1).replace(".", ""))
            caption_rest = caption_rest[: unit_match.start()].strip()
        else:
            self.find("import.table-unit", Severity.WARNING,
                      "Tabel 1 i forslag {number} angiver ikke enheden ('i 1.000 kr.'); "
                      "1.000 kr. er antaget.",
                      "Table 1 of proposal {number} states no unit ('i 1.000 kr.'); "
                      "DKK 1,000 is assumed.", line=caption_line.number, proposal=number,
                      number=number)
        years = self.years
        rows: list[_RawRow] = []
        table_end = end
        index = caption_index + 1
        while index < end:
            line = self.lines[index]
            index += 1
            if line.blank:
                continue
            if re.match(r"^Pengepose", line.text, re.IGNORECASE):
                found = tuple(int(y) for y in _YEAR.findall(line.text))
                if found:
                    years = found
                continue
            row_match = _ROW.match(line.text)
            total_match = _TOTAL_ROW.match(line.text)
            if row_match:
                rows.append(_RawRow(row_match.group(1), line.number,
                                    [(line.raw, row_match.group(2).strip())]))
            elif total_match:
                row = _RawRow("I alt", line.number, [(line.raw, total_match.group(1).strip())])
                rows.append(row)
                # The total ends the table, once its numbers are read.
                while not _row_has_numbers(row) and index < end and (
                        self.lines[index].blank or _all_numbers(self.lines[index].text)):
                    if not self.lines[index].blank:
                        row.parts.append((self.lines[index].raw, self.lines[index].text))
                    index += 1
                table_end = index
                break
            elif rows:
                rows[-1].parts.append((line.raw, line.text))
        else:
            self.find("import.table-incomplete", Severity.ERROR,
                      "Tabel 1 i forslag {number} slutter ikke med en 'I alt'-række.",
                      "Table 1 of proposal {number} does not end with an 'I alt' row.",
                      line=caption_line.number, proposal=number, number=number)
        table = self._table_rows(number, rows, years, caption_line.number)
        return AmountsTable(
            caption=caption_rest, years=years, lines=table[0], investment=table[1],
            derived_operating=table[2], stated_subtotal=table[3], stated_total=table[4],
            unit=unit, caption_areas=parse_areas(caption_rest), line=caption_line.number,
        ), table_end

    def _table_rows(self, number: str, rows: list[_RawRow], years: tuple[int, ...],
                    caption_line: int
                    ) -> tuple[tuple[TableLine, ...], TableLine, TableLine,
                               tuple[int | None, ...], tuple[int | None, ...]]:
        n = len(years)
        parsed: dict[str, tuple[str | None, str | None, list[int | None], int]] = {}
        for row in rows:
            if row.key in parsed:
                self.find("import.row-repeated", Severity.ERROR,
                          "Række {row} står to gange i Tabel 1 i forslag {number}; den anden "
                          "er ikke læst.",
                          "Row {row} appears twice in Table 1 of proposal {number}; the second "
                          "was not read.", line=row.line, proposal=number, cell=row.key,
                          row=row.key, number=number)
                continue
            parsed[row.key] = self._row_content(number, row, n)
        for key in (*LINE_LETTERS, "e", "f", "g", "I alt"):
            if key not in parsed and key not in ("f", "g"):
                self.find("import.row-missing", Severity.WARNING,
                          "Tabel 1 i forslag {number} mangler række {row}.",
                          "Table 1 of proposal {number} lacks row {row}.",
                          line=caption_line, proposal=number, cell=key, row=key, number=number)

        placed = self._place(number, parsed, n, years)

        def make(letter: str) -> TableLine:
            code, name, _, line = parsed.get(letter, (None, None, [], None))
            return TableLine(letter, code, name, placed.get(letter, (None,) * n), line)

        lines = tuple(make(letter) for letter in LINE_LETTERS if letter in parsed)
        return (lines, make("f"), make("g"), placed.get("e", (None,) * n),
                placed.get("I alt", (None,) * n))

    def _row_content(self, number: str, row: _RawRow, n: int
                     ) -> tuple[str | None, str | None, list[int | None], int]:
        joined = join_wrapped(row.parts)
        label = _ROW_LABELS.get(row.key)
        if label is not None:
            joined = label.sub("", joined, count=1).strip()
        tokens = joined.split()
        count = _trailing_numbers(tokens, len(tokens), decimals=True)
        head, numbers = tokens[: len(tokens) - count], tokens[len(tokens) - count:]
        if row.key in LINE_LETTERS and count > n:
            head, numbers = tokens[: len(tokens) - n], tokens[len(tokens) - n:]
            self.find("import.extra-numbers", Severity.WARNING,
                      "Række {row} i forslag {number} har flere tal end år; de første er læst "
                      "som kontonummer og navn: '{head}'.",
                      "Row {row} of proposal {number} has more numbers than years; the first "
                      "are read as account code and name: '{head}'.",
                      line=row.line, proposal=number, cell=row.key, row=row.key,
                      number=number, head=" ".join(head))
        elif count > n:
            self.find("import.extra-numbers", Severity.ERROR,
                      "Række {row} i forslag {number} har {count} tal for {n} år: {values}.",
                      "Row {row} of proposal {number} has {count} numbers for {n} years: "
                      "{values}.", line=row.line, proposal=number, cell=row.key, row=row.key,
                      number=number, count=count, n=n, values=" ".join(numbers))
            numbers = numbers[:n]
        values: list[int | None] = []
        for token in numbers:
            value = parse_danish_integer(token)
            if value is None:
                self.find("import.not-whole", Severity.ERROR,
                          "Beløbet {token} i række {row} i forslag {number} er ikke et helt "
                          "antal 1.000 kr.; cellen er sat til tom.",
                          "The amount {token} in row {row} of proposal {number} is not a whole "
                          "number of DKK 1,000; the cell is left blank.",
                          line=row.line, proposal=number, cell=row.key, row=row.key,
                          number=number, token=token)
            values.append(value)
        code: str | None = None
        name: str | None = None
        if row.key in LINE_LETTERS:
            if head and _CODE.match(head[0]) and (len(head) > 1 or values):
                code, head = head[0], head[1:]
            name = " ".join(head) or None
        elif head:
            self.find("import.unexpected-text", Severity.WARNING,
                      "Uventet tekst i række {row} i forslag {number}: '{extra}'.",
                      "Unexpected text in row {row} of proposal {number}: '{extra}'.",
                      line=row.line, proposal=number, cell=row.key, row=row.key,
                      number=number, extra=" ".join(head))
        return code, name, values, row.line

    def _place(self, number: str,
               parsed: dict[str, tuple[str | None, str | None, list[int | None], int]],
               n: int, years: tuple[int, ...]) -> dict[str, tuple[int | None, ...]]:
        """Put each row's numbers in its years. A row with fewer numbers than years lost
        blank cells in extraction; the Delsum and I alt rows decide where they belong."""
        fixed: dict[str, tuple[int | None, ...]] = {}
        open_rows: list[str] = []
        for key, (_, _, values, _) in parsed.items():
            if len(values) >= n:
                fixed[key] = tuple(values[:n])
            elif not values:
                fixed[key] = (None,) * n
            else:
                open_rows.append(key)
        if not open_rows:
            return fixed

        def cell(assignment: dict[str, tuple[int | None, ...]], key: str, i: int) -> int:
            row = assignment.get(key)
            return (row[i] or 0) if row is not None else 0

        check_sub = bool(parsed.get("e", (None, None, [], 0))[2])
        check_total = bool(parsed.get("I alt", (None, None, [], 0))[2])

        def violations(assignment: dict[str, tuple[int | None, ...]]) -> int:
            bad = 0
            for i in range(n):
                if check_sub and sum(cell(assignment, k, i) for k in LINE_LETTERS) != \
                        cell(assignment, "e", i):
                    bad += 1
                if check_total and sum(cell(assignment, k, i) for k in ("e", "f", "g")) != \
                        cell(assignment, "I alt", i):
                    bad += 1
            return bad

        choices = [list(itertools.combinations(range(n), len(parsed[key][2])))
                   for key in open_rows]
        size = 1
        for options in choices:
            size *= len(options)
        best: list[dict[str, tuple[int | None, ...]]] = []
        best_score: int | None = None
        if size <= MAX_PLACEMENTS:
            for combination in itertools.product(*choices):
                assignment = dict(fixed)
                for key, positions in zip(open_rows, combination, strict=True):
                    cells: list[int | None] = [None] * n
                    for position, value in zip(positions, parsed[key][2], strict=True):
                        cells[position] = value
                    assignment[key] = tuple(cells)
                score = violations(assignment)
                if best_score is None or score < best_score:
                    best, best_score = [assignment], score
                elif score == best_score:
                    best.append(assignment)
        if not best:
            assignment = dict(fixed)
            for key in open_rows:
                values = parsed[key][2]
                assignment[key] = tuple(values) + (None,) * (n - len(values))
            best, best_score = [assignment], None
        chosen = best[0]
        for key in open_rows:
            line = parsed[key][3]
            shown = " ".join("·" if v is None else str(v) for v in chosen[key])
            if best_score is None or best_score > 0:
                self.find("import.placement-no-fit", Severity.ERROR,
                          "Række {row} i forslag {number} har {count} tal for {n} år, og ingen "
                          "placering stemmer med Delsum og I alt; de er placeret som {shown}.",
                          "Row {row} of proposal {number} has {count} numbers for {n} years, "
                          "and no placement agrees with the Delsum and I alt rows; they are "
                          "placed as {shown}.", line=line, proposal=number, cell=key, row=key,
                          number=number, count=len(parsed[key][2]), n=n, shown=shown)
            elif len({tuple(a[key]) for a in best}) > 1:
                self.find("import.placement-ambiguous", Severity.WARNING,
                          "Række {row} i forslag {number} har {count} tal for {n} år, og flere "
                          "placeringer stemmer med Delsum og I alt; de er placeret som {shown}.",
                          "Row {row} of proposal {number} has {count} numbers for {n} years, "
                          "and several placements agree with the Delsum and I alt rows; they "
                          "are placed as {shown}.", line=line, proposal=number, cell=key,
                          row=key, number=number, count=len(parsed[key][2]), n=n, shown=shown)
        return chosen


# The proposal's total årsværk as its text states it: the economy section (7) first, then
# staff (4), then the description (2), where "svarende til" too often names a part. The
# figure is found first and the words before it checked, which is much faster than
# scanning every position of long texts for the leading phrases.
_FTE_FIGURE = re.compile(r"(\d+(?:,\d+)?)\s+(årsværk|i årsnorm)\b")
_FTE_LEAD = re.compile(
    r"(reduktion på|reduceres med(?: samlet| i alt)?|med i alt|nedlæggelse af"
    r"|svarende til)\s+$", re.IGNORECASE)
_NORM_LEAD = re.compile(r"svarer til\s+$", re.IGNORECASE)


def stated_fte(sections: tuple[Section, ...]) -> Decimal | None:
    """The årsværk a proposal states as its total, or ``None`` where it states none."""
    by_number = {s.number: s for s in sections}
    for number in (7, 4, 2):
        section = by_number.get(number)
        if section is None:
            continue
        content = section.plain_text
        if "årsværk" not in content and "årsnorm" not in content:
            continue
        for match in _FTE_FIGURE.finditer(content):
            before = content[max(0, match.start() - 40):match.start()]
            lead = (_FTE_LEAD if match.group(2) == "årsværk" else _NORM_LEAD).search(before)
            if lead is None or (number == 2 and lead.group(0).lower().startswith("svarende")):
                continue
            return parse_danish_number(match.group(1))
    return None


def _is_number(token: str, decimals: bool) -> bool:
    value = parse_danish_number(token)
    return value is not None


def _trailing_numbers(tokens: list[str], limit: int, decimals: bool = False) -> int:
    count = 0
    for token in reversed(tokens):
        if count >= limit or not _is_number(token, decimals):
            break
        count += 1
    return count


def _ends_with_numbers(text: str) -> bool:
    tokens = text.split()
    return len(tokens) > 1 and _trailing_numbers(tokens, 2) == 2


def _all_numbers(text: str) -> bool:
    tokens = text.split()
    return bool(tokens) and all(_is_number(t, True) for t in tokens)


def _row_has_numbers(row: _RawRow) -> bool:
    tokens = join_wrapped(row.parts).split()
    return _trailing_numbers(tokens, len(tokens), True) > 0
