"""Word and PDF catalogues: the example, rendered here to a .docx (headings, paragraphs
and real tables, with python-docx) and to a PDF (text pages with a running footer, with
fpdf2), imports to the same proposals, tables, groups and overview as its text."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest

from budgetkatalog.core.catalogue import Catalogue, OverviewRow
from budgetkatalog.core.money import format_number
from budgetkatalog.core.proposal import Proposal
from budgetkatalog.core.table import AmountsTable
from budgetkatalog.core.text import BulletList, Paragraph
from budgetkatalog.importers.catalogue_text import (
    ImportResult,
    import_catalogue_bytes,
    import_catalogue_file,
)
from budgetkatalog.importers.document import kind_of

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


# -- what must agree ----------------------------------------------------------------

def _table_shape(table: AmountsTable | None) -> object:
    if table is None:
        return None
    return (table.caption, table.years, table.unit, table.stated_unit,
            [(line.letter, line.code, line.name, line.amounts) for line in table.lines
             if not line.is_blank],
            table.investment.amounts, table.derived_operating.amounts,
            table.stated_subtotal, table.stated_total)


def _blocks(proposal: Proposal) -> object:
    # Text as words: a PDF does not keep a double space.
    return [(s.number, s.heading,
             [squash(b.text) if isinstance(b, Paragraph)
              else tuple(squash(i.text) for i in b.items) for b in s.blocks])
            for s in proposal.sections]


def squash(text: str) -> str:
    return " ".join(text.split())


def shape(catalogue: Catalogue) -> object:
    """The catalogue without source lines: proposals (title, areas, sections, Table 1),
    groups and the stated overview."""
    overview = catalogue.overview
    return {
        "title": catalogue.title,
        "years": catalogue.round.years,
        "proposals": [(p.number, p.title, p.areas_text, _blocks(p), _table_shape(p.table),
                       p.fte) for p in catalogue.proposals],
        "groups": [(g.name, g.proposal_numbers, g.heading, g.intro, g.listed_titles,
                    g.stated_count) for g in catalogue.groups],
        "overview": None if overview is None else (
            overview.scale, _row(overview.total),
            [(_row(g), [_row(m) for m in members]) for g, members in overview.groups]),
    }


def _row(row: OverviewRow | None) -> object:
    return None if row is None else (row.label, row.number, row.amounts)


# -- rendering ---------------------------------------------------------------------

def _cell(value: int | Decimal | None, decimals: int = 0) -> str:
    return "" if value is None else format_number(value, decimals, "da")


def _overview_rows(catalogue: Catalogue) -> list[list[str]]:
    overview = catalogue.overview
    assert overview is not None
    rows = [["Forslag", *(str(y) for y in overview.years)]]

    def add(row: OverviewRow) -> None:
        label = f"{row.number} {row.label}" if row.number else row.label
        rows.append([label, *(_cell(v, 3) for v in row.amounts)])

    if overview.total is not None:
        add(overview.total)
    for group, members in overview.groups:
        add(group)
        for member in members:
            add(member)
    return rows


def _table_rows(table: AmountsTable) -> list[list[str]]:
    rows = [["", "Pengepose-nr.", "Pengeposenavn", *(str(y) for y in table.years)]]
    for line in table.lines:
        rows.append([f"{line.letter}.", line.code or "", line.name or "",
                     *(_cell(v) for v in line.amounts)])
    rows.append(["e.", "", "Delsum (a+b+c+d)", *(_cell(v) for v in table.stated_subtotal)])
    rows.append(["f.", "", "Anlægsinvestering",
                 *(_cell(v) for v in table.investment.amounts)])
    rows.append(["g.", "", "Afledte driftsudgifter",
                 *(_cell(v) for v in table.derived_operating.amounts)])
    rows.append(["", "", "I alt (e+f+g)", *(_cell(v) for v in table.stated_total)])
    return rows


SIGN = ("Fortegn: ”+” angiver merudgift/mindre indtægt og ”-” angiver mindre "
        "udgift/merindtægt.")


def document(catalogue: Catalogue) -> list[tuple[str, object]]:
    """The catalogue as a document: ("heading" | "paragraph" | "table", content)."""
    parts: list[tuple[str, object]] = [("heading", "Oversigt over forslag (mio. kr.)"),
                                       ("table", _overview_rows(catalogue)),
                                       ("heading", catalogue.title)]
    for group in catalogue.groups:
        first = group.proposal_numbers[0] if group.proposal_numbers else None
        for proposal in catalogue.proposals:
            if proposal.number == first and group.heading:
                parts.append(("heading", group.heading))
                if group.intro:
                    parts.append(("paragraph", group.intro))
                parts.extend(("paragraph", f"• {title}") for title in group.listed_titles)
            if proposal.number in group.proposal_numbers:
                parts.extend(_proposal(proposal))
    return parts


def _proposal(proposal: Proposal) -> list[tuple[str, object]]:
    parts: list[tuple[str, object]] = [("heading", f"{proposal.number} {proposal.title}")]
    if proposal.areas_text:
        parts.append(("paragraph", proposal.areas_text))
    for section in proposal.sections:
        parts.append(("heading", f"{section.number}. {section.heading}"))
        for block in section.blocks:
            if isinstance(block, BulletList):
                parts.extend(("paragraph", f"• {item.text}") for item in block.items)
            else:
                parts.append(("paragraph", block.text))
    table = proposal.table
    if table is not None:
        parts.append(("paragraph", f"Tabel 1. {table.caption} i 1.000 kr.".replace("  ", " ")))
        parts.append(("paragraph", SIGN))
        parts.append(("table", _table_rows(table)))
    return parts


def to_docx(catalogue: Catalogue) -> bytes:
    from docx import Document

    doc = Document()
    for kind, content in document(catalogue):
        if kind == "heading":
            doc.add_heading(str(content), level=2)
        elif kind == "paragraph":
            doc.add_paragraph(str(content))
        else:
            rows = content
            assert isinstance(rows, list)
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def to_pdf(catalogue: Catalogue) -> bytes:
    from fpdf import FPDF

    class Book(FPDF):
        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("DejaVu", size=8)
            self.cell(0, 5, f"Side {self.page_no()}", align="C")

    pdf = Book(format="A4")
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    for kind, content in document(catalogue):
        if kind == "table":
            pdf.set_font("DejaVu", size=7)
            rows = content
            assert isinstance(rows, list)
            for row in rows:
                # Text extraction loses empty cells, as it does in a published PDF; the
                # importer places the others by the table's sums.
                pdf.multi_cell(0, 4, " ".join(cell for cell in row if cell),
                               new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.set_font("DejaVu", size=12 if kind == "heading" else 10)
            pdf.multi_cell(0, 5, str(content), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    return bytes(pdf.output())


@pytest.fixture(scope="module")
def example(seed: Catalogue) -> Catalogue:
    return seed


def _imported(data: bytes) -> ImportResult:
    result = import_catalogue_bytes(data)
    assert result.catalogue is not None, [f.message.da for f in result.findings]
    return result


def test_the_example_as_word_imports_to_the_same_catalogue(example: Catalogue) -> None:
    data = to_docx(example)
    assert kind_of(data) == "docx"
    result = _imported(data)
    assert shape(result.catalogue) == shape(example)  # type: ignore[arg-type]
    assert result.exit_code == 0


@pytest.mark.skipif(not FONT.exists(), reason="Debian's fonts-dejavu-core is installed by CI")
def test_the_example_as_pdf_imports_to_the_same_catalogue(example: Catalogue) -> None:
    data = to_pdf(example)
    assert kind_of(data) == "pdf"
    result = _imported(data)
    assert shape(result.catalogue) == shape(example)  # type: ignore[arg-type]
    assert any(f.text.startswith("Side") for f in result.furniture)
    # Its findings name the page as well as the line of the extracted text.
    assert len(result.page_starts) > 30
    assert all(f.page is not None for f in result.findings if f.line is not None)


def test_a_damaged_word_file_is_a_located_refusal_not_a_crash(tmp_path: Path) -> None:
    broken = tmp_path / "katalog.docx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    result = import_catalogue_file(broken)
    assert result.exit_code == 2
    assert result.catalogue is None
