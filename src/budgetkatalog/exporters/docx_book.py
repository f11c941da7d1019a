"""The catalogue as Word (DOCX): the whole book, and the template for one proposal.

Both use real Word structure: the built-in heading styles (so Word's navigation pane
and table of contents work), bulleted lists in ``List Bullet``, and Table 1 as a
real table with a header row. In the book, a table inside a section's text (the rule
is ``core.text.with_text_tables``, as in the PDF book and on the web pages) is a real
table too; the importer reads it back as the lines of text it stands for
(``core.text.text_table_lines``). The template keeps such lines as paragraphs, so a
proposal uploaded unchanged is the same proposal, line for line.

The template is what a department fills in and uploads again;
``budgetkatalog.importers.proposal_docx`` reads it back, and the structure it relies
on is described in ``docs/word-template.md``:

- a heading (any level) ``<number> <title>``, e.g. ``2.8 Reduktion i medarbejdere``;
- optionally a paragraph ``Områdebevilling: <areas>`` right after it, and
  ``Afdeling: <department>`` and ``Årsværk: <fte>`` ("ikke angivet" or blank when
  nobody has stated it);
- the seven sections as headings one level below, ``1. Type`` … ``7. Konsekvenser for
  økonomien``, with paragraphs and bulleted lists;
- after section 7 the caption ``Tabel 1. <caption> i 1.000 kr.``, the sign convention,
  and the table: ``Række | Pengepose-nr. | Pengeposenavn | <year> …`` with rows
  a., b., … then e. Delsum, f. Anlægsinvestering, g. Afledte driftsudgifter and I alt.
"""

from __future__ import annotations

import io
from datetime import date

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.core.money import format_number
from budgetkatalog.core.proposal import Proposal
from budgetkatalog.core.text import (
    SECTION_HEADINGS,
    Block,
    Paragraph,
    TextTable,
    with_text_tables,
)
from budgetkatalog.core.years import BudgetRound
from budgetkatalog.exporters.book_content import (
    LABELS,
    BookProposal,
    TableRows,
    book_proposal,
    build_book,
    text_table_rows,
)

AREAS_LABEL = "Områdebevilling"
TITLE_PLACEHOLDER = "N.N Forslagets titel"


def _new_document(title: str, subject: str) -> DocumentObject:
    document = Document()
    document.core_properties.title = title
    document.core_properties.subject = subject
    document.core_properties.language = "da-DK"
    # Danish for the spelling checker and for screen readers, on every run by default.
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        run_defaults = defaults.find(qn("w:rPrDefault"))
        properties = run_defaults.find(qn("w:rPr")) if run_defaults is not None else None
        if properties is not None:
            lang = OxmlElement("w:lang")
            lang.set(qn("w:val"), "da-DK")
            lang.set(qn("w:eastAsia"), "da-DK")
            lang.set(qn("w:bidi"), "ar-SA")
            properties.append(lang)
    document.styles["Normal"].font.size = Pt(10.5)
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    return document


def _blocks(document: DocumentObject, blocks: tuple[Block, ...], text_tables: bool) -> None:
    """Paragraphs and bulleted lists; with ``text_tables``, the tables the text holds
    as real tables."""
    previous: Block | TextTable | None = None
    for block in with_text_tables(blocks) if text_tables else blocks:
        if isinstance(block, Paragraph):
            document.add_paragraph(block.text)
        elif isinstance(block, TextTable):
            if isinstance(previous, TextTable):
                # Word shows two tables with nothing between them as one table.
                document.add_paragraph()
            _table(document, text_table_rows(block))
        else:
            for item in block.items:
                document.add_paragraph(item.text, style="List Bullet")
        previous = block


def _table(document: DocumentObject, rows: TableRows) -> None:
    table = document.add_table(rows=1, cols=len(rows.header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    header = table.rows[0]
    # Repeat the header row on every page, and mark it as the table's header.
    row_properties = header._tr.get_or_add_trPr()
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row_properties.append(marker)
    for column, (cell, text) in enumerate(zip(header.cells, rows.header, strict=True)):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        if column >= rows.numeric_from:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for index, values in enumerate(rows.rows):
        cells = table.add_row().cells
        for column, (cell, text) in enumerate(zip(cells, values, strict=True)):
            paragraph = cell.paragraphs[0]
            run = paragraph.add_run(text)
            run.bold = index in rows.bold
            if column >= rows.numeric_from:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _proposal(document: DocumentObject, proposal: BookProposal, level: int, sign: str,
              text_tables: bool) -> None:
    document.add_heading(proposal.heading, level=level)
    if proposal.areas is not None:
        document.add_paragraph(f"{AREAS_LABEL}: {proposal.areas}")
    document.add_paragraph(f"{LABELS['department']}: {proposal.department}")
    document.add_paragraph(f"{LABELS['fte']}: {proposal.fte}")
    for heading, blocks in proposal.sections:
        document.add_heading(heading, level=level + 1)
        _blocks(document, blocks, text_tables)
    if proposal.table is None or proposal.caption is None:
        return
    caption = document.add_paragraph(style="Caption")
    caption.add_run(proposal.caption).bold = True
    document.add_paragraph(sign)
    _table(document, proposal.table)


def _bytes(document: DocumentObject) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _toc_field(document: DocumentObject) -> None:
    """A Word table of contents field; Word and LibreOffice fill it in when updating."""
    paragraph = document.add_paragraph()
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = 'TOC \\o "1-2" \\h \\z \\u'
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    placeholder = OxmlElement("w:t")
    placeholder.text = "Højreklik og vælg Opdater felt for at vise indholdsfortegnelsen."
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, instruction, separate, placeholder, end):
        run._r.append(element)


def render_docx(catalogue: Catalogue, version: int | None = None,
                published: date | None = None) -> bytes:
    """The whole catalogue as one Word document."""
    book = build_book(catalogue, version, published)
    document = _new_document(book.title, book.header)
    if book.municipality:
        document.add_paragraph(book.municipality)
    document.add_heading(book.title, level=0)
    for line in book.cover:
        document.add_paragraph(line)
    document.add_heading(LABELS["toc"], level=1)
    _toc_field(document)
    if book.foreword:
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        document.add_heading(LABELS["foreword"], level=1)
        _blocks(document, book.foreword, text_tables=True)
    document.add_heading(LABELS["overview"], level=1)
    document.add_paragraph(book.overview_note)
    _table(document, book.overview)
    for group in book.groups:
        document.add_heading(group.name, level=1)
        if group.intro:
            document.add_paragraph(group.intro)
        for proposal in group.proposals:
            _proposal(document, proposal, 2, book.sign, text_tables=True)
    return _bytes(document)


def _blank_table(years: tuple[int, ...]) -> TableRows:
    blank = tuple("" for _ in years)
    rows = [(f"{letter}.", "", "", *blank) for letter in "abcd"]
    rows += [("e.", "", LABELS["subtotal"], *blank), ("f.", "", LABELS["investment"], *blank),
             ("g.", "", LABELS["derived"], *blank), ("", "", LABELS["total"], *blank)]
    header = (LABELS["row"], LABELS["code"], LABELS["name"], *(str(y) for y in years))
    return TableRows(header, tuple(rows), (4, 7), 3)


def render_template(round_: BudgetRound, proposal: Proposal | None = None,
                    title: str = "") -> bytes:
    """The Word template for one proposal, filled in with ``proposal`` or empty."""
    sign = LABELS["sign"].format(unit=format_number(round_.unit, 0, "da"),
                                 price_level=round_.price_level_label)
    if proposal is not None:
        content = book_proposal(proposal)
    else:
        content = BookProposal(
            number="", heading=TITLE_PLACEHOLDER, areas="", department="", fte="",
            sections=tuple((f"{n}. {h}", ()) for n, h in SECTION_HEADINGS.items()),
            caption=LABELS["caption"].format(caption="", unit=format_number(
                round_.unit, 0, "da")).replace("  ", " "),
            table=_blank_table(round_.years))
    document = _new_document(content.heading, title)
    # A text table stays as its lines here: read back from a table, lines the source ran
    # together come back apart, and an upload must give the same proposal.
    _proposal(document, content, 1, sign, text_tables=False)
    return _bytes(document)
