"""Importer for catalogue text in the seed's form (text extracted from the PDF).

The document is read in parts: the front matter (foreword and memo, with the FTE
table), the overview ("Oversigt over forslag"), group introductions and the
proposals, each with sections 1–7 and Table 1. Every problem becomes a finding
with the source line; nothing raises, and no number is dropped without one.
"""

from __future__ import annotations

import bisect
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
    SignConvention,
    StatedOverview,
    duplicate_numbers,
)
from budgetkatalog.core.department import with_proposed_departments
from budgetkatalog.core.files import read_input
from budgetkatalog.core.finding import Finding, Severity, has_errors, text
from budgetkatalog.core.money import format_number, parse_danish_number
from budgetkatalog.core.overview import row_label
from budgetkatalog.core.proposal import PROPOSAL_NUMBER, Proposal, number_key
from budgetkatalog.core.table import LINE_LETTERS, AmountsTable, TableLine, parse_areas
from budgetkatalog.core.text import Block, Section
from budgetkatalog.core.years import BudgetRound
from budgetkatalog.importers.cells import (
    Cell,
    Reading,
    needs_grouping,
    readings,
    trailing_run,
)
from budgetkatalog.importers.document import docx_text, kind_of, pdf_text
from budgetkatalog.importers.source import (
    Furniture,
    SourceLine,
    build_blocks,
    join_wrapped,
    normalise,
    page_starts,
    remove_furniture,
    remove_glyphs,
    strip_bullet,
)
from budgetkatalog.importers.units import unit_of

# A proposal's number ("2.1", "ØK-01", "B-12", "A.1", "R1", "UV 1", "B&U 2" or a bare
# "17", core.proposal.PROPOSAL_NUMBER), then its title.
_HEADING = re.compile(r"^(" + PROPOSAL_NUMBER + r")\.?\s+(\S.*)$")
_SECTION = re.compile(
    r"^([1-7])\s*\.\s*(Type|Beskrivelse|Konsekvenser|Vigtige)\b(.*)$", re.IGNORECASE)
_CAPTION = re.compile(r"^(?:\d+\.\s*)?Tabel\s*1\s*\.?\s*(.*)$", re.IGNORECASE)
_ROW = re.compile(r"^([a-g])\.\s*(.*)$")
_TOTAL_ROW = re.compile(r"^I\s*alt\b(.*)$", re.IGNORECASE)
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
_CODE = re.compile(r"^(?:\d{4,8}|x{3,})$", re.IGNORECASE)
# "Oversigt over forslag", "Oversigt over budgetforslag (1.000 kr.)", "Oversigt (mio. kr.)"
_OVERVIEW_START = re.compile(
    r"^(?:samlet\s+)?(?:oversigt(?:\s+over\s+\w*forslag\w*)?|forslagsoversigt)\b(?!\s+\w+\s+\w)"
    r"|^(?:samlet\s+)?oversigt\s+over\s+\w*forslag", re.IGNORECASE)
_CATALOGUE_TITLE = re.compile(r"^Katalog\s+\S+\s*:")
_AREA_LINE = re.compile(r"^\d{4}\b")
# A line under a proposal's heading that names its committee, department or area rather
# than continuing the title: "Magistratsafdeling: Sundhed og Omsorg", "Økonomiudvalget ·
# 6010 Administrativ organisation".
_AREA_HINT = re.compile(r"[:·|]|\b\d{4}\s+[A-ZÆØÅ]|^(?:Udvalg|Magistrat|Område|Politikområde"
                        r"|Bevilling|Fagudvalg|Forvaltning|Afdeling|Center)", re.IGNORECASE)
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
_SIGN_CONVENTION = re.compile(
    r"^Fortegn\b|[-+÷−–]\s*[”“\"']?\s*(?:angiver|betyder|er)\s+(?:en\s+)?(?:mer|mindre|bespar)"
    r"|negative\s+beløb\b[^.]{0,60}?\b(?:er|angiver|betyder|vises|angives)\b"
    r"|besparelser\s+(?:er\s+)?(?:angivet|vist"
    r"|anført|angives|vises)\s+(?:med|som)", re.IGNORECASE)
_SAVINGS_POSITIVE = re.compile(
    r"besparelser\s+(?:er\s+)?(?:angivet|vist|anført|angives|vises)\s+(?:med|som)\s+"
    r"(?:positiv|plus|\+)|\+\s*[”“\"']?\s*(?:angiver|betyder)\s+(?:en\s+)?(?:besparelse"
    r"|mindre\s*udgift|mindreudgift)", re.IGNORECASE)
_MUNICIPALITY = re.compile(r"\b([A-ZÆØÅ][\wæøå-]+) Kommune\b")
MAX_PLACEMENTS = 200_000


@dataclass(frozen=True)
class ImportResult:
    """What an import gives: the catalogue (if any), its findings and the record kept."""

    catalogue: Catalogue | None
    findings: tuple[Finding, ...]
    # Page furniture removed before parsing (running headers and footers, page
    # numbers, table header rows repeated after a page break), kept for the record.
    furniture: tuple[Furniture, ...] = ()
    # Lines that start a new page (a form feed; a PDF's pages), for findings' pages.
    page_starts: tuple[int, ...] = ()

    def page_of(self, line: int | None) -> int | None:
        """The page a source line is on, where the source has pages."""
        if line is None or not self.page_starts:
            return None
        return 1 + bisect.bisect_right(self.page_starts, line)

    def with_pages(self, findings: list[Finding] | tuple[Finding, ...]) -> list[Finding]:
        """``findings`` with the page of each line, where the source has pages."""
        if not self.page_starts:
            return list(findings)
        return [f if f.page is not None or f.line is None
                else dataclasses.replace(f, page=self.page_of(f.line)) for f in findings]

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
    read = read_input(path)
    if read.data is None:
        return ImportResult(None, tuple(f for f in (read.problem,) if f is not None))
    return import_catalogue_bytes(read.data)


def import_catalogue_bytes(data: bytes) -> ImportResult:
    """Catalogue text (UTF-8), a Word document (.docx) or a PDF, told by content."""
    kind = kind_of(data)
    if kind != "text":
        try:
            content = docx_text(data) if kind == "docx" else pdf_text(data)
        except Exception as error:  # a damaged file of any kind: a finding, not a crash
            return _unusable("import.unreadable-document",
                             "Filen kan ikke læses som {kind}: {why}.",
                             "The file cannot be read as {kind}: {why}.",
                             kind="Word-dokument" if kind == "docx" else "PDF",
                             why=str(error) or type(error).__name__)
        return import_catalogue_text(content)
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
    starts = page_starts(content)
    lines, furniture = remove_furniture(normalise(content), starts)
    result = _Parser(lines).parse()
    if result.catalogue is not None:
        result = dataclasses.replace(
            result, catalogue=with_proposed_departments(result.catalogue))
    if starts:
        result = dataclasses.replace(result, page_starts=tuple(sorted(starts)))
        result = dataclasses.replace(result, findings=tuple(result.with_pages(result.findings)))
    removed = sorted([*furniture, *result.furniture])
    if not removed:
        return result
    shown = ", ".join(str(f.number) for f in removed[:12]) + (" …" if len(removed) > 12 else "")
    note = Finding("import.page-furniture", Severity.NOTE, text(
        "{count} linjer er læst som sidehoved, sidefod, sidetal eller gentaget "
        "tabeloverskrift og er ikke en del af teksten (linje {lines}).",
        "{count} lines were read as running header, footer, page number or repeated table "
        "header and are not part of the text (lines {lines}).",
        count=len(removed), lines=shown), line=removed[0].number)
    return dataclasses.replace(result, findings=(*result.with_pages([note]), *result.findings),
                               furniture=tuple(removed))


@dataclass
class _RawRow:
    """A Table 1 row as read: its key and the text parts of its cells."""

    key: str
    line: int
    parts: list[tuple[str, str]] = field(default_factory=list)


class _Parser:
    def __init__(self, lines: list[SourceLine], grouping: bool = False,
                 unit: int = 1000) -> None:
        self.lines = lines
        self.findings: list[Finding] = []
        self.years: tuple[int, ...] = ()
        # Whether a space may separate thousands in this document; set when a row can
        # be read no other way, and the document is then read again.
        self.grouping = grouping
        self.wants_grouping = False
        # The catalogue's unit: 1.000 kr. unless a table's whole kroner need kroner.
        self.unit = unit
        self.smaller_unit = False
        self.furniture: list[tuple[int, str]] = []

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
        # The last overview heading before the first proposal: a table of contents may
        # name it earlier.
        overview_index = next((i for i in range(first - 1, -1, -1)
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
        duplicates = duplicate_numbers(proposals)
        if duplicates:
            return ImportResult(None, tuple(duplicates))

        if self.wants_grouping and not self.grouping:
            return _Parser(self.lines, True, self.unit).parse()
        if self.smaller_unit and self.unit > 1:
            return _Parser(self.lines, self.grouping, 1).parse()
        round_ = BudgetRound.from_years(self.years or (0,), self.unit, self._price_level())
        if overview is not None:
            overview = _numbers_as_headed(overview, proposals)
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
            sign_convention=self._sign_convention(),
        )
        return ImportResult(catalogue, tuple(self.findings), tuple(
            Furniture(number, line, "repeated-header") for number, line in self.furniture))

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
        for line in self.lines[first:]:
            if line.blank or (line.text[:1].isdigit() and not line.text.startswith("1.000")):
                continue
            years = _header_years(line.text)
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

    def _sign_convention(self) -> SignConvention | None:
        """The document's sign-convention line, kept as written: the first one under a
        Table 1 caption (the template's "Fortegn:" line), else the first anywhere."""
        captions = [i for i, line in enumerate(self.lines)
                    if "abel" in line.text and _CAPTION.match(line.text)]
        near = [i for c in captions for i in range(c + 1, min(c + 5, len(self.lines)))]
        for index in [*near, *range(len(self.lines))]:
            line = self.lines[index]
            lowered = line.text.lower()
            if not ("fortegn" in lowered or "angiver" in lowered or "negative beløb" in lowered
                    or "besparelser er" in lowered or "besparelser angives" in lowered):
                continue
            if not _SIGN_CONVENTION.search(line.text):
                continue
            positive = _SAVINGS_POSITIVE.search(line.text) is not None
            return SignConvention(line.text, line.number, not positive)
        return None

    def _municipality(self) -> str | None:
        for line in self.lines:
            if "Kommune" not in line.text:
                continue
            match = _MUNICIPALITY.search(line.text)
            if match:
                return f"{match.group(1)} Kommune"
        return None

    # -- overview ----------------------------------------------------------------

    def _overview(self, start: int, end: int
                  ) -> tuple[StatedOverview, str, list[SourceLine]]:
        """The overview table in its common layouts: a header row of years or none,
        group heading rows with or without amounts, group "i alt" rows, a closing total
        or net total; amounts in mio. kr. (one to three decimals), 1.000 kr. or kr."""
        heading = self.lines[start].text
        found_unit = unit_of(heading, True)
        scale = found_unit[0] if found_unit else 1_000_000
        years = self.years
        n = len(years) or 4
        read: list[OverviewRow] = []
        buffer: list[SourceLine] = []
        title = ""
        stop = end
        for index in range(start + 1, end):
            line = self.lines[index]
            if line.blank:
                continue
            if _CATALOGUE_TITLE.match(line.text):
                title = line.text
                stop = index + 1
                break
            if read and not buffer and _header_years(line.text):
                self.furniture.append((line.number, line.text))  # repeated after a break
                continue
            if not read and not buffer and (
                    _header_years(line.text) or _YEAR.fullmatch(line.text.strip())
                    or _HEADER_WORD.fullmatch(line.text.strip())
                    or (unit_of(line.text, True) and not _trailing_cells_count(line.text))):
                if found_unit is None and (unit := unit_of(line.text, True)):
                    scale, found_unit = unit[0], unit
                continue
            tokens = line.text.split()
            run = trailing_run(tokens, len(tokens))
            options = [r for r in readings(tuple(tokens[len(tokens) - run:]), self.grouping)
                       if len(r) <= n] if run else []
            if run and not options:
                # A name ending in a number ("Område 2 -0,3 ..."): fewer cells.
                for skip in range(1, run):
                    piece = tuple(tokens[len(tokens) - run + skip:])
                    options = [r for r in readings(piece, self.grouping) if len(r) <= n]
                    if options:
                        run -= skip
                        break
            label_tokens = tokens[:len(tokens) - run] if options else tokens
            complete = bool(options) and (len(options[0]) == n or not label_tokens)
            if not complete:
                if read and _ends_overview(line.text, buffer):
                    break
                buffer.append(line)
                continue
            cells = options[0]
            label_part = " ".join(label_tokens)
            groups_before: list[SourceLine] = []
            if buffer and not _HEADING.match(buffer[0].text) and _HEADING.match(label_part):
                # "Økonomiudvalget" alone, then "ØK-01 ... amounts": a group heading
                # without amounts of its own.
                groups_before, buffer = buffer, []
            for group_line in groups_before:
                read.append(OverviewRow(group_line.text, (), None, group_line.number,
                                        kind="group"))
            label = join_wrapped([*((b.raw, b.text) for b in buffer),
                                  (line.raw, label_part)]).strip()
            first_line = buffer[0].number if buffer else line.number
            buffer = []
            amounts: list[Decimal | None] = []
            decimals = 0
            for cell in cells:
                amounts.append(cell.value)
                if "," in cell.text:
                    decimals = max(decimals, len(cell.text.rsplit(",", 1)[1].rstrip(")")))
            if len(amounts) < n:
                self.find("import.overview-short-row", Severity.WARNING,
                          "Oversigtens række '{label}' har {count} beløb for {n} år; de "
                          "manglende år er sat til tom.",
                          "Overview row '{label}' has {count} amounts for {n} years; the "
                          "missing years are left blank.", line=line.number,
                          section="oversigt", label=label, count=len(amounts), n=n)
                amounts += [None] * (n - len(amounts))
            number_match = _HEADING.match(label)
            kind = _overview_kind(label, number_match is not None)
            read.append(OverviewRow(
                number_match.group(2) if number_match else label, tuple(amounts),
                number_match.group(1) if number_match else None, first_line,
                kind=kind, decimals=decimals))
            stop = index + 1
            if kind == "total" and read[:-1]:
                break
        _mark_closing_row(read)
        leftover = self.lines[stop:end]
        if buffer and not title:
            leftover = [line for line in self.lines[start + 1:end]
                        if line.number >= buffer[0].number]
        overview = self._overview_structure(read, self.lines[start].number)
        return dataclasses.replace(overview, scale=scale, rows=tuple(read)), title, leftover

    def _overview_structure(self, rows: list[OverviewRow], line: int) -> StatedOverview:
        total = None
        rest: list[OverviewRow] = []
        for position, row in enumerate(rows):
            if row.kind == "total" or (position == 0 and not row.label and row.number is None):
                total = row
            else:
                rest.append(row)
        # Group rows are told from proposal rows once the proposals are known; keep order.
        # A group's "i alt" row gives the group's amounts (and the line to report).
        groups: list[tuple[OverviewRow, list[OverviewRow]]] = []
        for row in rest:
            if row.kind == "group-total":
                name = _group_name(row.label)
                target = next((g for g in reversed(groups)
                               if g[0].number is None and _same_name(g[0].label, name)), None)
                if target is None and groups and groups[-1][0].number is None:
                    target = groups[-1]
                if target is not None:
                    index = groups.index(target)
                    groups[index] = (dataclasses.replace(
                        target[0], amounts=row.amounts, line=row.line,
                        decimals=row.decimals), target[1])
                    continue
                groups.append((dataclasses.replace(row, label=name, kind="group"), []))
            elif row.number is None or not groups:
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
            if not area_parts and not saw_blank and not _AREA_LINE.match(line.text) \
                    and not _AREA_HINT.search(line.text):
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
        stated_unit: int | None = None
        found_unit = unit_of(caption_rest)
        if found_unit is not None:
            stated_unit = found_unit[0]
            caption_rest = caption_rest[: found_unit[1]].strip()
        years = self.years
        rows: list[_RawRow] = []
        table_end = end
        index = caption_index + 1
        header_seen = False
        while index < end:
            line = self.lines[index]
            index += 1
            if line.blank:
                continue
            row_match = _ROW.match(line.text)
            total_match = _TOTAL_ROW.match(line.text)
            header = None if row_match or total_match else _header_years(line.text)
            if header is not None:
                if header_seen and rows:
                    self.furniture.append((line.number, line.text))  # repeated after a break
                else:
                    years = header
                    header_seen = True
                if stated_unit is None and (found_unit := unit_of(line.text, True)):
                    stated_unit = found_unit[0]
                continue
            if not rows and not row_match and not total_match:
                if stated_unit is None and (found_unit := unit_of(line.text, True)):
                    stated_unit = found_unit[0]
                continue
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
        if stated_unit is None:
            self.find("import.table-unit", Severity.WARNING,
                      "Tabel 1 i forslag {number} angiver ikke enheden ('i 1.000 kr.'); "
                      "1.000 kr. er antaget.",
                      "Table 1 of proposal {number} states no unit ('i 1.000 kr.'); "
                      "DKK 1,000 is assumed.", line=caption_line.number, proposal=number,
                      number=number)
        source_unit = stated_unit or 1000
        table = self._table_rows(number, rows, years, caption_line.number, source_unit)
        return AmountsTable(
            caption=caption_rest, years=years, lines=table[0], investment=table[1],
            derived_operating=table[2], stated_subtotal=table[3], stated_total=table[4],
            unit=self.unit, caption_areas=parse_areas(caption_rest), line=caption_line.number,
            stated_unit=stated_unit,
        ), table_end

    def _table_rows(self, number: str, rows: list[_RawRow], years: tuple[int, ...],
                    caption_line: int, source_unit: int
                    ) -> tuple[tuple[TableLine, ...], TableLine, TableLine,
                               tuple[int | None, ...], tuple[int | None, ...]]:
        n = len(years)
        parsed: dict[str, _ReadRow] = {}
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
        converted = {key: self._convert(number, key, parsed[key], cells, years, source_unit)
                     for key, cells in placed.items()}

        def make(letter: str) -> TableLine:
            row = parsed.get(letter)
            if row is None:
                return TableLine(letter, None, None, (None,) * n, None)
            return TableLine(letter, row.code, row.name, converted.get(letter, (None,) * n),
                             row.line)

        lines = tuple(make(letter) for letter in LINE_LETTERS if letter in parsed)
        return (lines, make("f"), make("g"), converted.get("e", (None,) * n),
                converted.get("I alt", (None,) * n))

    def _convert(self, number: str, key: str, row: _ReadRow,
                 cells: tuple[Cell | None, ...], years: tuple[int, ...], source_unit: int
                 ) -> tuple[int | None, ...]:
        """Each cell in the catalogue's unit; a cell that is not a whole number of it is
        an error on the row's line, and left blank."""
        values: list[int | None] = []
        for year, cell in zip(years, cells, strict=False):
            if cell is None or cell.value is None:
                values.append(None)
                continue
            exact = cell.value * source_unit / self.unit
            if exact == exact.to_integral_value():
                values.append(int(exact))
                continue
            if source_unit < self.unit and (cell.value * source_unit) == \
                    (cell.value * source_unit).to_integral_value():
                # A table in whole kroner that 1.000 kr. cannot hold exactly: the
                # catalogue is read again in kroner.
                self.smaller_unit = True
            values.append(None)
            unit_da = format_number(self.unit, 0, "da")
            unit_en = format_number(self.unit, 0, "en")
            self.find("import.not-whole", Severity.ERROR,
                      "Beløbet {token} i række {row} i forslag {number} ({year}) er ikke et "
                      "helt antal {unit_da} kr.; cellen er sat til tom.",
                      "The amount {token} in row {row} of proposal {number} ({year}) is not a "
                      "whole number of DKK {unit_en}; the cell is left blank.",
                      line=row.line, proposal=number, cell=f"{key}/{year}", row=key,
                      number=number, token=cell.text, year=str(year), unit_da=unit_da,
                      unit_en=unit_en)
        return tuple(values)

    def _row_content(self, number: str, row: _RawRow, n: int) -> _ReadRow:
        joined = join_wrapped(row.parts)
        label = _ROW_LABELS.get(row.key)
        if label is not None:
            joined = label.sub("", joined, count=1).strip()
        tokens = joined.split()
        run = trailing_run(tokens, len(tokens))
        start = len(tokens) - run
        options: list[Reading] = []
        while start < len(tokens):
            piece = tuple(tokens[start:])
            if not self.grouping and needs_grouping(piece, n):
                self.wants_grouping = True
            found = readings(piece, self.grouping)
            if found and any(len(r) <= n for r in found):
                options = [r for r in found if len(r) <= n]
                break
            if found and row.key not in LINE_LETTERS and start == len(tokens) - run:
                longest = found[0]
                self.find("import.extra-numbers", Severity.ERROR,
                          "Række {row} i forslag {number} har {count} tal for {n} år: {values}.",
                          "Row {row} of proposal {number} has {count} numbers for {n} years: "
                          "{values}.", line=row.line, proposal=number, cell=row.key,
                          row=row.key, number=number, count=len(longest), n=n,
                          values=" ".join(c.text for c in longest))
                options = [longest[:n]]
                break
            start += 1
        head = tokens[:start] if options else tokens
        if options and start > len(tokens) - run and row.key in LINE_LETTERS:
            self.find("import.extra-numbers", Severity.WARNING,
                      "Række {row} i forslag {number} har flere tal end år; de første er læst "
                      "som kontonummer og navn: '{head}'.",
                      "Row {row} of proposal {number} has more numbers than years; the first "
                      "are read as account code and name: '{head}'.",
                      line=row.line, proposal=number, cell=row.key, row=row.key,
                      number=number, head=" ".join(head))
        if not options and run:
            self.find("import.unreadable-number", Severity.ERROR,
                      "Tallene i række {row} i forslag {number} kan ikke læses: '{values}'.",
                      "The numbers in row {row} of proposal {number} cannot be read: "
                      "'{values}'.", line=row.line, proposal=number, cell=row.key,
                      row=row.key, number=number, values=" ".join(tokens[-run:]))
        code: str | None = None
        name: str | None = None
        if row.key in LINE_LETTERS:
            if head and _CODE.match(head[0]) and (len(head) > 1 or options):
                code, head = head[0], head[1:]
            name = " ".join(head) or None
        elif head:
            self.find("import.unexpected-text", Severity.WARNING,
                      "Uventet tekst i række {row} i forslag {number}: '{extra}'.",
                      "Unexpected text in row {row} of proposal {number}: '{extra}'.",
                      line=row.line, proposal=number, cell=row.key, row=row.key,
                      number=number, extra=" ".join(head))
        return _ReadRow(code, name, options or [()], row.line)

    def _place(self, number: str, parsed: dict[str, _ReadRow], n: int,
               years: tuple[int, ...]) -> dict[str, tuple[Cell | None, ...]]:
        """Put each row's cells in its years. A row with fewer cells than years lost
        blank cells in extraction, and a row whose thousands are separated by spaces can
        be read more than one way; the Delsum and I alt rows decide."""
        fixed: dict[str, tuple[Cell | None, ...]] = {}
        open_rows: list[str] = []
        options: dict[str, list[tuple[Cell | None, ...]]] = {}
        for key, row in parsed.items():
            choices: list[tuple[Cell | None, ...]] = []
            for reading in row.readings:
                if len(reading) >= n:
                    choices.append(tuple(reading[:n]))
                elif not reading:
                    choices.append((None,) * n)
                else:
                    for positions in itertools.combinations(range(n), len(reading)):
                        cells: list[Cell | None] = [None] * n
                        for position, cell in zip(positions, reading, strict=True):
                            cells[position] = cell
                        choices.append(tuple(cells))
            if len(choices) == 1:
                fixed[key] = choices[0]
            else:
                open_rows.append(key)
                options[key] = choices
        if not open_rows:
            return fixed

        def stated(key: str) -> bool:
            row = parsed.get(key)
            return row is not None and any(len(r) for r in row.readings)

        check_sub = stated("e")
        check_total = stated("I alt")
        zeros = (0,) * n
        numbers: dict[tuple[Cell | None, ...], tuple[int | Decimal, ...]] = {}

        def numeric(cells: tuple[Cell | None, ...]) -> tuple[int | Decimal, ...]:
            # Whole numbers as int: adding ints is several times faster than Decimals.
            found = numbers.get(cells)
            if found is None:
                found = tuple(_as_number(c) for c in cells)
                numbers[cells] = found
            return found

        def violations(assignment: dict[str, tuple[Cell | None, ...]]) -> int:
            rows = {k: numeric(v) for k, v in assignment.items()}
            lines = [rows[k] for k in LINE_LETTERS if k in rows]
            sub, f, g, total = (rows.get(k, zeros) for k in ("e", "f", "g", "I alt"))
            bad = 0
            for i in range(n):
                if check_sub and sum(line[i] for line in lines) != sub[i]:
                    bad += 1
                if check_total and sub[i] + f[i] + g[i] != total[i]:
                    bad += 1
            return bad

        size = 1
        for key in open_rows:
            size *= len(options[key])
        best: list[dict[str, tuple[Cell | None, ...]]] = []
        best_score: int | None = None
        if size <= MAX_PLACEMENTS:
            for combination in itertools.product(*(options[key] for key in open_rows)):
                assignment = dict(fixed)
                assignment.update(zip(open_rows, combination, strict=True))
                score = violations(assignment)
                if best_score is None or score < best_score:
                    best, best_score = [assignment], score
                elif score == best_score:
                    best.append(assignment)
        if not best:
            assignment = dict(fixed)
            for key in open_rows:
                assignment[key] = options[key][0]
            best, best_score = [assignment], None
        # Readings that fill every year come first: "100 200 300 400" is four amounts
        # unless the sums say otherwise.
        best.sort(key=lambda a: sum(_shortfall(a[key]) for key in open_rows))
        chosen = best[0]
        for key in open_rows:
            line = parsed[key].line
            shown = " ".join("·" if c is None or c.value is None else c.text
                             for c in chosen[key])
            count = sum(1 for c in chosen[key] if c is not None)
            values = {_values(a[key]) for a in best}
            if best_score is None or best_score > 0:
                self.find("import.placement-no-fit", Severity.ERROR,
                          "Række {row} i forslag {number} har {count} tal for {n} år, og ingen "
                          "placering stemmer med Delsum og I alt; de er placeret som {shown}.",
                          "Row {row} of proposal {number} has {count} numbers for {n} years, "
                          "and no placement agrees with the Delsum and I alt rows; they are "
                          "placed as {shown}.", line=line, proposal=number, cell=key, row=key,
                          number=number, count=count, n=n, shown=shown)
            elif len(values) > 1:
                self.find("import.reading-ambiguous", Severity.ERROR,
                          "Tallene i række {row} i forslag {number} kan læses på flere måder, "
                          "der alle stemmer med Delsum og I alt; de er læst som {shown}.",
                          "The numbers in row {row} of proposal {number} can be read in "
                          "several ways that all agree with the Delsum and I alt rows; they "
                          "were read as {shown}.", line=line, proposal=number, cell=key,
                          row=key, number=number, shown=shown)
            elif len({a[key] for a in best}) > 1 and count < n:
                self.find("import.placement-ambiguous", Severity.WARNING,
                          "Række {row} i forslag {number} har {count} tal for {n} år, og flere "
                          "placeringer stemmer med Delsum og I alt; de er placeret som {shown}.",
                          "Row {row} of proposal {number} has {count} numbers for {n} years, "
                          "and several placements agree with the Delsum and I alt rows; they "
                          "are placed as {shown}.", line=line, proposal=number, cell=key,
                          row=key, number=number, count=count, n=n, shown=shown)
        return chosen


_ZERO = Decimal(0)


@dataclass(frozen=True)
class _ReadRow:
    """A budget line as read, with every reading of its numbers."""

    code: str | None
    name: str | None
    readings: list[Reading]
    line: int


def _as_number(cell: Cell | None) -> int | Decimal:
    if cell is None or cell.value is None:
        return 0
    value = cell.value
    return int(value) if value == value.to_integral_value() else value


def _shortfall(cells: tuple[Cell | None, ...]) -> int:
    return sum(1 for c in cells if c is None)


def _values(cells: tuple[Cell | None, ...]) -> tuple[Decimal | None, ...]:
    return tuple(sorted(c.value for c in cells if c is not None and c.value is not None))


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


def _numbers_as_headed(overview: StatedOverview, proposals: list[Proposal]
                       ) -> StatedOverview:
    """The overview with each proposal number written as the proposal's heading writes
    it: an overview short of room writes ``UV1`` or ``ØK-1`` for ``UV 1`` and ``ØK-01``."""
    headed = {number_key(p.number): p.number for p in proposals}

    def mapped(row: OverviewRow) -> OverviewRow:
        if row.number is None:
            return row
        number = headed.get(number_key(row.number), row.number)
        return row if number == row.number else dataclasses.replace(row, number=number)

    return dataclasses.replace(
        overview, rows=tuple(map(mapped, overview.rows)),
        total=mapped(overview.total) if overview.total is not None else None,
        groups=tuple((mapped(group), tuple(map(mapped, members)))
                     for group, members in overview.groups))


def _ends_with_numbers(text: str) -> bool:
    tokens = text.split()
    return len(tokens) > 1 and _trailing_numbers(tokens, 2) == 2


def _trailing_cells_count(text: str) -> int:
    tokens = text.split()
    return trailing_run(tokens, len(tokens))


_TOTAL_LABEL = re.compile(
    r"^(?:(?:netto\s*)?i\s*alt(?:\s*netto)?|total|totalt|samlet(?:\s+i\s*alt)?"
    r"|netto(?:resultat|virkning|effekt)?|resultat|balance"
    r"|(?:alle\s+)?forslag\s+i\s*alt|sum|nettovirkning|i\s*alt\s+(?:alle|samlet).*)$",
    re.IGNORECASE)
_GROUP_TOTAL = re.compile(r"^(?:(?P<pre>.+?)\s+i\s*alt|i\s*alt\s+(?P<post>.+))$",
                          re.IGNORECASE)


_HEADER_WORD = re.compile(r"(?:nr\.?|forslag|tekst|navn|beløb|konto|titel|overskrift)",
                          re.IGNORECASE)


def _overview_kind(label: str, numbered: bool) -> str:
    if numbered:
        return "proposal"
    if not label or _TOTAL_LABEL.match(label):
        return "total"
    if _GROUP_TOTAL.match(label):
        return "group-total"
    return "group"


def _mark_closing_row(rows: list[OverviewRow]) -> None:
    """The overview's last row, when it is unnumbered, carries amounts and comes after
    the last proposal, closes the table whatever it is called ("Samlet virkning",
    "Forslagene i alt", "Kataloget netto"): a heading with nothing under it is no group.
    It is the closing total unless it adds up the last group's proposals alone and not
    all of them (then it is that group's total)."""
    if not rows or any(r.kind == "total" and r.label for r in rows):
        return
    last = rows[-1]
    if last.kind not in ("group", "group-total") or last.number is not None or not any(
            a is not None for a in last.amounts):
        return
    headings = [r for r in rows[:-1] if r.kind == "group"]
    if last.kind == "group-total" and any(_same_name(h.label, _group_name(last.label))
                                          for h in headings):
        return  # "Social og Ældre i alt" under the heading "Social og Ældre"
    proposals = [r for r in rows if r.kind == "proposal"]
    if not proposals:
        return
    kind = "total"
    heading = next((i for i in range(len(rows) - 2, -1, -1) if rows[i].kind == "group"), None)
    if heading is not None:
        own = [r for r in rows[heading + 1:-1] if r.kind == "proposal"]
        if len(own) < len(proposals) and _adds_up(last, own) and not _adds_up(last, proposals):
            kind = "group-total"
    rows[-1] = dataclasses.replace(last, kind=kind)


def _adds_up(row: OverviewRow, parts: list[OverviewRow]) -> bool:
    """Whether ``row`` is the sum of ``parts`` in every year, at the written precision
    (each part and the sum may carry half a unit of their last digit)."""
    decimals = max((r.decimals or 0 for r in (row, *parts)), default=0)
    slack = Decimal(1).scaleb(-decimals) / 2 * (len(parts) + 1)
    for index, value in enumerate(row.amounts):
        if value is None:
            continue
        summed = sum((p.amounts[index] or 0 for p in parts if index < len(p.amounts)),
                     Decimal(0))
        if abs(value - summed) > slack:
            return False
    return True


def _group_name(label: str) -> str:
    match = _GROUP_TOTAL.match(label)
    if match is None:
        return label
    return (match.group("pre") or match.group("post") or label).strip(" ,:-–")


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.lower().split()) == " ".join(b.lower().split())


def _ends_overview(text: str, buffer: list[SourceLine]) -> bool:
    """A line of running text after the overview's rows: the overview has ended."""
    return len(text) > 90 or text.endswith((".", ":")) or len(buffer) >= 3


def _header_years(text: str) -> tuple[int, ...] | None:
    """The years of a table's header row (``Pengepose-nr. Pengeposenavn 2020 2021 2022
    2023``, ``Konto Tekst B2026 BO2027``, ``(1.000 kr.) 2026 2027``): two or more
    consecutive years and no other amounts."""
    if "20" not in text and "19" not in text:
        return None
    tokens = text.replace("(", " ").replace(")", " ").split()
    years: list[int] = []
    while tokens:
        match = _HEADER_YEAR.fullmatch(tokens[-1])
        if match is None:
            break
        years.insert(0, int(match.group(1)))
        tokens.pop()
    if len(years) < 2 or any(b != a + 1 for a, b in itertools.pairwise(years)):
        return None
    if any(parse_danish_number(t) is not None for t in tokens if t != "1.000"):
        return None
    return tuple(years)


_HEADER_YEAR = re.compile(r"(?:[A-ZÆØÅ]{1,3})?((?:19|20)\d{2})")


def _all_numbers(text: str) -> bool:
    tokens = text.split()
    return bool(tokens) and all(_is_number(t, True) for t in tokens)


def _row_has_numbers(row: _RawRow) -> bool:
    tokens = join_wrapped(row.parts).split()
    return _trailing_numbers(tokens, len(tokens), True) > 0
