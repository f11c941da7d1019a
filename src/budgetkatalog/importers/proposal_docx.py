"""Word documents in the proposal template's form: one proposal or a whole catalogue.

Reads what ``budgetkatalog.exporters.docx_book`` writes, and what a department makes
of it in Word: headings by their built-in style (``Heading N``, Danish ``Overskrift N``),
paragraphs and bulleted lists, a table inside a section's text (the catalogue book
writes one where the text holds a table) as the lines of text it stands for, and
Table 1 as a real table. The structure is described
in ``docs/word-template.md``. Problems are findings located by proposal, section and
table cell (``a/2021``), with the paragraph's position in the document; nothing is
raised and no number is dropped silently.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from budgetkatalog.core.catalogue import Catalogue, ProposalGroup
from budgetkatalog.core.department import NOT_STATED
from budgetkatalog.core.finding import Finding, Severity, text
from budgetkatalog.core.money import parse_danish_integer, parse_danish_number
from budgetkatalog.core.proposal import PROPOSAL_NUMBER, Proposal
from budgetkatalog.core.table import AmountsTable, TableLine, parse_areas
from budgetkatalog.core.text import (
    Block,
    BulletList,
    ListItem,
    Paragraph,
    Section,
    TextTable,
    text_table_lines,
)
from budgetkatalog.core.years import BudgetRound
from budgetkatalog.importers.catalogue_text import ImportResult, stated_fte

if TYPE_CHECKING:  # python-docx is loaded only when a document is read
    from docx.table import Table, _Row

_PROPOSAL_HEADING = re.compile(r"^(" + PROPOSAL_NUMBER + r")\s+(\S.*)$")
_SECTION_HEADING = re.compile(r"^([1-7])\.(?!\d)\s*(\S.*)$")
_HEADING_STYLE = re.compile(r"^(?:Heading|Overskrift)\s+(\d)$", re.IGNORECASE)
_CAPTION = re.compile(r"^Tabel\s+1\.\s*(?P<caption>.*?)\s*i\s+(?P<unit>[\d.]+)\s+kr\.?$")
_AREAS = re.compile(r"^Områdebevilling\s*:\s*(.*)$")
_DEPARTMENT = re.compile(r"^Afdeling\s*:\s*(.*)$")
_FTE = re.compile(r"^Årsværk\s*:\s*(.*)$")
_YEAR = re.compile(r"^(?:19|20|21)\d\d$")
_ROW_LETTER = re.compile(r"^([a-z])\.?$")
_LIST_STYLE = re.compile(r"^(?:List Bullet|Listeopstilling|List Paragraph)", re.IGNORECASE)
_NOT_STATED = {name.casefold() for name in NOT_STATED.values()}
_SKIP = re.compile(r"^(?:Fortegn\s*:|Beregnet\s*:)")


def _level(style_name: str) -> int | None:
    if style_name == "Title":
        return 0
    match = _HEADING_STYLE.match(style_name)
    return int(match.group(1)) if match else None


def _minus(token: str) -> str:
    return token.replace("÷", "-").replace("\u2212", "-").replace("\u00a0", "").strip()


@dataclass
class _Draft:
    number: str
    title: str
    level: int
    position: int
    group: str | None
    areas_text: str | None = None
    department: str | None = None
    # Årsværk as the "Årsværk:" line states it; without the line, read from the text.
    fte_line: bool = False
    fte: Decimal | None = None
    sections: list[tuple[int, str, list[Block], int]] = field(default_factory=list)
    caption: str | None = None
    unit: int = 1000
    stated_unit: int | None = None
    table: AmountsTable | None = None


class _Reader:
    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.proposals: list[Proposal] = []
        self.groups: dict[str, list[str]] = {}
        self.draft: _Draft | None = None
        self.years: tuple[int, ...] | None = None

    def find(self, rule: str, da: str, en: str, *, proposal: str | None = None,
             section: str | None = None, cell: str | None = None, position: int | None = None,
             severity: Severity = Severity.ERROR, **values: str | int) -> None:
        where_da = f" (afsnit nr. {position} i dokumentet)" if position is not None else ""
        where_en = f" (paragraph {position} of the document)" if position is not None else ""
        self.findings.append(Finding(rule, severity, text(da + where_da, en + where_en,
                                                          **values),
                                     proposal=proposal, section=section, cell=cell))

    # -- proposals -------------------------------------------------------------------

    def close(self) -> None:
        draft = self.draft
        self.draft = None
        if draft is None:
            return
        numbers = [number for number, *_ in draft.sections]
        for expected in range(1, 8):
            if expected not in numbers:
                self.find("docx.section-missing",
                          "Forslag {number} mangler punkt {point}.",
                          "Proposal {number} lacks section {point}.",
                          proposal=draft.number, section=str(expected),
                          severity=Severity.WARNING, number=draft.number, point=expected)
        sections = tuple(Section(number, heading, _merge(blocks), position)
                         for number, heading, blocks, position in draft.sections)
        if draft.table is None:
            self.find("docx.table-missing", "Forslag {number} har ingen Tabel 1.",
                      "Proposal {number} has no Table 1.", proposal=draft.number,
                      position=draft.position, number=draft.number)
        self.proposals.append(Proposal(
            number=draft.number, title=draft.title, sections=sections, table=draft.table,
            areas_text=draft.areas_text, areas=parse_areas(draft.areas_text),
            fte=draft.fte if draft.fte_line else stated_fte(sections), line=None,
            department=draft.department))
        if draft.group is not None:
            self.groups.setdefault(draft.group, []).append(draft.number)

    def heading(self, level: int, content: str, position: int, group: str | None,
                next_heading: tuple[int, str] | None) -> bool:
        """A heading: a new proposal, a section of the current one, or neither.

        A numbered heading is a proposal only when the next heading is its section 1
        one level below, so a numbered group heading ("1.6 Analyse af Jobcentret")
        is not taken for a proposal."""
        proposal = _PROPOSAL_HEADING.match(content)
        if proposal is not None and (next_heading is None or next_heading[0] != level + 1
                                     or not _SECTION_HEADING.match(next_heading[1])):
            proposal = None
        draft = self.draft
        if draft is not None and level == draft.level + 1:
            section = _SECTION_HEADING.match(content)
            if section is not None:
                draft.sections.append((int(section.group(1)), section.group(2), [], position))
                return True
        if proposal is not None and not _SECTION_HEADING.match(content):
            self.close()
            self.draft = _Draft(proposal.group(1), proposal.group(2).strip(), level, position,
                                group)
            return True
        if draft is not None and level <= draft.level:
            self.close()
        elif level > 0 and content.startswith("N.N"):
            self.find("docx.number-missing",
                      "Overskriften '{heading}' mangler forslagets nummer (fx 2.8).",
                      "The heading '{heading}' lacks the proposal's number (e.g. 2.8).",
                      position=position, heading=content)
        return False

    def paragraph(self, content: str, is_list: bool, style: str, position: int) -> None:
        draft = self.draft
        # An empty bullet is kept (a list item left blank is part of the text); an
        # empty paragraph is only spacing.
        if draft is None or (not content and not is_list):
            return
        if not draft.sections:
            areas = _AREAS.match(content)
            if areas is not None:
                draft.areas_text = areas.group(1).strip() or None
            department = _DEPARTMENT.match(content)
            if department is not None:
                name = department.group(1).strip()
                # "ikke angivet" (or nothing) is what the template says for unknown.
                draft.department = (None if name.casefold() in _NOT_STATED else name) or None
            fte = _FTE.match(content)
            if fte is not None:
                self.fte(draft, fte.group(1).strip(), position)
            return
        caption = _CAPTION.match(content)
        if caption is not None and draft.table is None:
            draft.caption = caption.group("caption").strip()
            unit = parse_danish_integer(caption.group("unit"))
            if unit is None or unit <= 0:
                self.find("docx.unit", "Enheden i '{caption}' kan ikke læses.",
                          "The unit in '{caption}' cannot be read.", proposal=draft.number,
                          position=position, caption=content)
            else:
                draft.unit = draft.stated_unit = unit
            return
        if _SKIP.match(content) or draft.caption is not None:
            return
        blocks = draft.sections[-1][2]
        if is_list:
            if blocks and isinstance(blocks[-1], BulletList):
                blocks[-1] = BulletList((*blocks[-1].items, ListItem(content, position)))
            else:
                blocks.append(BulletList((ListItem(content, position),)))
        else:
            blocks.append(Paragraph(content, position))

    def fte(self, draft: _Draft, value: str, position: int) -> None:
        draft.fte_line = True
        if not value or value.casefold() in _NOT_STATED:
            return
        number = parse_danish_number(value)
        if number is None or number < 0:
            self.find("docx.fte", "Forslag {number}: årsværk '{value}' er ikke et tal "
                      "(skriv fx 4,45 eller 'ikke angivet').",
                      "Proposal {number}: FTE '{value}' is not a number (write e.g. 4,45 "
                      "or 'ikke angivet').", proposal=draft.number, position=position,
                      number=draft.number, value=value)
            return
        draft.fte = number

    def section_table(self, rows: list[list[str]], header: bool, position: int) -> bool:
        """A table inside a section's text, before Table 1's caption: its rows become
        the section's lines, as the text holds a table (``core.text.text_table_lines``),
        so the book's text tables read back as the same text. The first row is the
        header only when it is marked as one (Word's "repeat as header row")."""
        draft = self.draft
        if draft is None or draft.caption is not None or not draft.sections or not rows:
            return False
        width = max(len(row) for row in rows)
        cells = [tuple(" ".join(c.split()) for c in row) + ("",) * (width - len(row))
                 for row in rows]
        head = cells[0] if header else ("",) * width
        body = tuple(row for row in (cells[1:] if header else cells) if any(row))
        blocks = draft.sections[-1][2]
        blocks.extend(Paragraph(line, position)
                      for line in text_table_lines(TextTable(head, body)))
        return True

    # -- Table 1 -----------------------------------------------------------------------

    def table(self, rows: list[list[str]], position: int) -> None:
        draft = self.draft
        if draft is None or draft.caption is None or draft.table is not None or not rows:
            return
        number = draft.number
        years = tuple(int(c) for c in rows[0] if _YEAR.match(c.strip()))
        first_year = next((i for i, c in enumerate(rows[0]) if _YEAR.match(c.strip())), None)
        if not years or first_year is None:
            self.find("docx.table-years", "Tabel 1 i forslag {number} har ingen årstal i "
                      "overskriftsrækken.", "Table 1 of proposal {number} has no years in "
                      "its header row.", proposal=number, position=position, number=number)
            return
        lines: list[TableLine] = []
        special: dict[str, tuple[int | None, ...]] = {}
        for row in rows[1:]:
            cells = [c.strip() for c in row]
            label = cells[0]
            name_cells = cells[1:first_year]
            values = cells[first_year:first_year + len(years)]
            values += [""] * (len(years) - len(values))
            joined = " ".join(c for c in name_cells if c)
            if _SKIP.match(joined):
                continue
            key = "I alt" if joined.startswith("I alt") or label.startswith("I alt") else None
            letter = _ROW_LETTER.match(label)
            if key is None and letter is None:
                if any(cells):
                    self.find("docx.row", "Tabel 1 i forslag {number}: rækken '{row}' har "
                              "intet bogstav (a., b., …) og er ikke læst.",
                              "Table 1 of proposal {number}: the row '{row}' has no letter "
                              "(a., b., …) and was not read.", proposal=number,
                              position=position, number=number, row=" ".join(cells))
                continue
            row_key = key or (letter.group(1) if letter else "")
            amounts = tuple(self.cell(v, number, f"{row_key}/{year}", position)
                            for v, year in zip(values, years, strict=True))
            if row_key in ("e", "f", "g", "I alt"):
                special[row_key] = amounts
            else:
                code = name_cells[0] if len(name_cells) > 1 else None
                name = name_cells[-1] if len(name_cells) > 1 else (name_cells[0]
                                                                   if name_cells else None)
                lines.append(TableLine(row_key, code or None, name or None, amounts))
        blank = tuple(None for _ in years)
        for key, name in (("e", "Delsum"), ("I alt", "I alt")):
            if key not in special:
                self.find("docx.row-missing", "Tabel 1 i forslag {number} mangler rækken "
                          "{row}.", "Table 1 of proposal {number} lacks the row {row}.",
                          proposal=number, position=position, number=number, row=name)
        draft.table = AmountsTable(
            caption=draft.caption, years=years, lines=tuple(lines),
            investment=TableLine("f", None, None, special.get("f", blank)),
            derived_operating=TableLine("g", None, None, special.get("g", blank)),
            stated_subtotal=special.get("e", blank), stated_total=special.get("I alt", blank),
            unit=draft.unit, caption_areas=parse_areas(draft.caption), line=None,
            stated_unit=draft.stated_unit)
        if self.years is None:
            self.years = years

    def cell(self, value: str, number: str, cell: str, position: int) -> int | None:
        value = _minus(value)
        if not value:
            return None
        amount = parse_danish_integer(value)
        if amount is None:
            self.find("docx.cell", "Tabel 1 i forslag {number}, celle {at}: '{value}' er "
                      "ikke et helt beløb.", "Table 1 of proposal {number}, cell {at}: "
                      "'{value}' is not a whole amount.", proposal=number, cell=cell,
                      position=position, number=number, value=value, at=cell)
        return amount


def _merge(blocks: list[Block]) -> tuple[Block, ...]:
    return tuple(blocks)


def _cell_texts(row: _Row) -> list[str]:
    """A row's cell texts, a merged cell once (python-docx repeats it per column)."""
    cells = row.cells
    return [cell.text for i, cell in enumerate(cells)
            if i == 0 or cell._tc is not cells[i - 1]._tc]


def _header_row(table: Table) -> bool:
    """Whether the table's first row is marked as its header row."""
    from docx.oxml.ns import qn

    if not table.rows:
        return False
    properties = table.rows[0]._tr.trPr
    marker = properties.find(qn("w:tblHeader")) if properties is not None else None
    return marker is not None and marker.get(qn("w:val"), "true") in ("true", "1", "on")


def import_docx_bytes(data: bytes) -> ImportResult:
    """Read a Word document in the template's form; never raises on bad input."""
    from docx import Document
    from docx.table import Table

    try:
        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        return ImportResult(None, (Finding(
            "docx.unreadable", Severity.ERROR,
            text("Filen er ikke et Word-dokument (.docx): {why}.",
                 "The file is not a Word document (.docx): {why}.", why=str(error))),))
    reader = _Reader()
    title = (document.core_properties.title or "").strip()
    group: str | None = None
    items = list(document.iter_inner_content())
    headings: list[tuple[int, int, str]] = []  # (index, level, text)
    for index, item in enumerate(items):
        if not isinstance(item, Table) and item.style is not None:
            level = _level(item.style.name)
            if level is not None:
                headings.append((index, level, " ".join(item.text.split())))
    following = {index: (headings[k + 1][1], headings[k + 1][2])
                 for k, (index, _, _) in enumerate(headings[:-1])}
    levels = {index: (level, content) for index, level, content in headings}
    for index, item in enumerate(items):
        position = index + 1
        if isinstance(item, Table):
            rows = [_cell_texts(row) for row in item.rows]
            if not reader.section_table(rows, _header_row(item), position):
                reader.table([[cell.text for cell in row.cells] for row in item.rows],
                             position)
            continue
        if index in levels:
            level, content = levels[index]
            if level == 0:
                title = title or content
            elif not reader.heading(level, content, position, group, following.get(index)) \
                    and reader.draft is None and level == 1:
                group = content
            continue
        style = item.style.name if item.style is not None else ""
        reader.paragraph(item.text.strip(), bool(_LIST_STYLE.match(style)), style, position)
    reader.close()
    if not reader.proposals:
        return ImportResult(None, (*reader.findings, Finding(
            "docx.no-proposal", Severity.ERROR,
            text("Dokumentet har ingen overskrift med et forslagsnummer og en titel "
                 "(fx '2.8 Reduktion i medarbejdere').",
                 "The document has no heading with a proposal number and title "
                 "(e.g. '2.8 Reduktion i medarbejdere')."))))
    years = reader.years or ()
    round_ = BudgetRound.from_years(years) if years else BudgetRound(0, ())
    groups = tuple(ProposalGroup(name, tuple(numbers)) for name, numbers in reader.groups.items())
    catalogue = Catalogue(title=title or reader.proposals[0].title, round=round_,
                          proposals=tuple(reader.proposals), groups=groups)
    return ImportResult(catalogue, tuple(reader.findings))


def import_docx_file(path: str | Path) -> ImportResult:
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        return ImportResult(None, (Finding(
            "import.unreadable", Severity.ERROR,
            text("Filen {path} kan ikke læses: {why}.", "The file {path} cannot be read: {why}.",
                 path=str(path), why=error.strerror or str(error))),))
    return import_docx_bytes(data)


__all__ = ["Decimal", "import_docx_bytes", "import_docx_file"]
