"""Word: the whole catalogue and the proposal template, read back by the importer."""

from __future__ import annotations

import dataclasses
import io
from decimal import Decimal

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph as DocxParagraph

from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.core.proposal import Proposal
from budgetkatalog.core.text import Paragraph, with_text_tables
from budgetkatalog.exporters.docx_book import render_docx, render_template
from budgetkatalog.importers.catalogue_text import import_catalogue_file
from budgetkatalog.importers.proposal_docx import import_docx_bytes
from tests.exporters.conftest import without_source_lines
from tests.importers.corpus import entry, names


@pytest.mark.parametrize("number", [f"2.{n}" for n in range(1, 18)])
def test_a_downloaded_proposal_uploaded_unchanged_is_the_same_proposal(
        seed: Catalogue, number: str) -> None:
    proposal = seed.proposal(number)
    assert proposal is not None
    result = import_docx_bytes(render_template(seed.round, proposal, seed.title))
    assert result.findings == ()
    assert result.catalogue is not None
    assert result.catalogue.round.years == seed.round.years
    (back,) = result.catalogue.proposals
    assert without_source_lines(back) == without_source_lines(proposal)


def test_the_whole_catalogue_in_word_reads_back_to_the_same_proposals_and_groups(
        seed: Catalogue) -> None:
    result = import_docx_bytes(render_docx(seed, version=1))
    assert result.findings == ()
    catalogue = result.catalogue
    assert catalogue is not None
    assert catalogue.title == seed.title
    back = [without_source_lines(p) for p in catalogue.proposals]
    expected = [without_source_lines(p) for p in seed.proposals]
    # A table in a section's text is a real table in the book and reads back as the
    # lines it stands for: the same table, but the row the source ran together with the
    # next ("... 203 Total 36,1 2.705") comes back as two lines. Only 2.8 has such tables.
    assert [p.number for p, q in zip(back, expected, strict=True) if p != q] == ["2.8"]
    assert [_as_read(p) for p in back] == [_as_read(p) for p in expected]
    (mine,) = [p for p in back if p.number == "2.8"]
    (theirs,) = [p for p in expected if p.number == "2.8"]
    assert mine.sections[0] == theirs.sections[0] and mine.sections[2:] == theirs.sections[2:]
    lines = [b.text for b in theirs.sections[1].blocks if isinstance(b, Paragraph)]
    joined = lines.index("Sager hos andre medarbejdere  203 Total 36,1 2.705")
    assert [b.text for b in mine.sections[1].blocks if isinstance(b, Paragraph)] == [
        *lines[:joined], "Sager hos andre medarbejdere  203", "Total 36,1 2.705",
        *lines[joined + 1:]]
    assert [(g.name, g.proposal_numbers) for g in catalogue.groups] == \
        [(g.name, g.proposal_numbers) for g in seed.groups]


def _as_read(proposal: Proposal) -> tuple[Proposal, list[tuple[int, str, list[object]]]]:
    """The proposal with each section's text as the pages and books read it."""
    return (dataclasses.replace(proposal, sections=()),
            [(s.number, s.heading, list(with_text_tables(s.blocks)))
             for s in proposal.sections])


def test_the_word_book_uses_real_headings_lists_and_tables(seed: Catalogue) -> None:
    document = docx.Document(io.BytesIO(render_docx(seed)))
    styles = [p.style.name for p in document.paragraphs if p.style is not None]
    assert styles.count("Heading 2") == 17  # one per proposal
    assert styles.count("Heading 3") == 17 * 7
    assert "List Bullet" in styles
    # The foreword's benchmark table, the overview, 2.8's two staffing tables and the
    # 17 Table 1s.
    assert len(document.tables) == 21
    headers = [[c.text for c in table.rows[0].cells] for table in document.tables]
    assert headers[1] == ["Nr.", "Forslag", "2020", "2021", "2022", "2023"]
    assert headers.count(["Række", "Pengepose-nr.", "Pengeposenavn", "2020", "2021", "2022",
                          "2023"]) == 17
    assert document.core_properties.title == seed.title
    assert document.core_properties.language == "da-DK"


def _section(document: docx.document.Document, proposal: str,
             heading: str) -> list[DocxParagraph | Table]:
    """What the document holds under a proposal's section heading, up to the next heading."""
    items = list(document.iter_inner_content())

    def style(item: DocxParagraph | Table) -> str:
        return "" if isinstance(item, Table) or item.style is None else item.style.name

    start = next(i for i, item in enumerate(items) if style(item) == "Heading 2"
                 and isinstance(item, DocxParagraph) and item.text.startswith(f"{proposal} "))
    section = next(i for i, item in enumerate(items) if i > start
                   and style(item) == "Heading 3" and isinstance(item, DocxParagraph)
                   and item.text == heading)
    end = next(i for i, item in enumerate(items) if i > section
               and style(item).startswith("Heading"))
    return items[section + 1:end]


def _cells(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_a_table_in_a_sections_text_is_a_word_table_in_the_book(seed: Catalogue) -> None:
    document = docx.Document(io.BytesIO(render_docx(seed)))
    content = _section(document, "2.8", "2. Beskrivelse af forslaget")
    kinds = ["table" if isinstance(item, Table) else "p" for item in content]
    # Paragraphs, the two staffing tables apart by an empty paragraph (Word would show
    # two adjacent tables as one), then paragraphs again.
    assert kinds == ["p"] * 7 + ["table", "p", "table"] + ["p"] * 3
    between = content[8]
    assert isinstance(between, DocxParagraph) and between.text == ""
    first, second = (item for item in content if isinstance(item, Table))
    assert _cells(first) == [
        ["", "Årsværk", "Antal sager 24/7- 2019", "Gns. antal i sagsstammerne"],
        ["Sagsbehandlere i team arbejdsmarkedsparate", "9,2", "952", "103,5"],
        ["Sygedagpengesagsbehandlere", "10,3", "478", "46,4"],
        ["Sagsbehandlere i team afklaring", "10,1", "474", "46,9"],
        ["Fleksjobsagsbehandling", "2", "390", "195,0"],
        ["Ungesagsbehandlere", "4,5", "208", "46,2"],
        ["Sager hos andre medarbejdere", "", "203", ""],
        ["Total", "36,1", "2.705", ""]]
    assert _cells(second)[0] == ["Andre medarbejdere i jobcentret, som ikke er egentlig "
                                 "sagsbærende", "Årsværk"]
    assert _cells(second)[1:] == [
        ["Sekretariat og reception", "5"], ["Fastholdelseskonsulenter", "2,9"],
        ["Virksomhedskonsulenter", "8,5"], ["Visitation", "1"],
        ["Fleksjobambassadører", "2"], ["Stab", "2,5"], ["Ledelse", "6"], ["Total", "27,9"]]
    for table in (first, second):
        # Like Table 1: grid, bold header row repeated on every page, numbers right.
        assert table.style is not None and table.style.name == "Table Grid"
        header = table.rows[0]
        marker = header._tr.trPr.find(qn("w:tblHeader"))
        assert marker is not None and marker.get(qn("w:val")) == "true"
        assert all(run.bold for cell in header.cells for p in cell.paragraphs
                   for run in p.runs if run.text)
        assert all(row.cells[-1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
                   for row in table.rows)
    # The table's lines are no longer loose paragraphs, in the section or anywhere.
    texts = {p.text for p in document.paragraphs}
    for line in ("Årsværk", "Fleksjobsagsbehandling 2 390 195,0",
                 "Sager hos andre medarbejdere  203 Total 36,1 2.705", "Total 27,9",
                 "Andre medarbejdere i jobcentret, som ikke er egentlig sagsbærende  Årsværk"):
        assert line not in texts
    paragraphs = [item.text for item in content if isinstance(item, DocxParagraph)]
    assert paragraphs[6].startswith("Reduktion i medarbejdere i Jobcentret")
    assert paragraphs[8].startswith("Det giver kun mening")


def test_the_template_keeps_a_text_table_as_its_lines(seed: Catalogue) -> None:
    """The template is read back line for line, so its text tables stay lines; the
    same proposal comes back (the round trip above covers 2.8 too)."""
    proposal = seed.proposal("2.8")
    assert proposal is not None
    document = docx.Document(io.BytesIO(render_template(seed.round, proposal)))
    assert len(document.tables) == 1  # Table 1 only
    texts = [p.text for p in document.paragraphs]
    assert "Sager hos andre medarbejdere  203 Total 36,1 2.705" in texts
    assert "Total 27,9" in texts


def test_a_table_a_department_puts_in_a_section_is_read_as_its_lines(
        seed: Catalogue) -> None:
    proposal = seed.proposal("2.1")
    assert proposal is not None
    document = docx.Document(io.BytesIO(render_template(seed.round, proposal)))
    section_3 = next(p for p in document.paragraphs if p.text.startswith("3. "))
    table = document.add_table(rows=3, cols=3)
    rows = [["Team", "Årsværk", "Udgift"], ["Team A", "2,5", "1.200"], ["Team B", "", "300"]]
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    # Just before section 3's heading: the end of section 2.
    section_3._p.addprevious(table._tbl)
    out = io.BytesIO()
    document.save(out)
    result = import_docx_bytes(out.getvalue())
    assert result.findings == () and result.catalogue is not None
    (back,) = result.catalogue.proposals
    before = [b.text for b in proposal.sections[1].blocks if isinstance(b, Paragraph)]
    # No header row is marked, so every row is a line, a blank first cell a wide gap:
    # nothing in the table is dropped.
    assert [b.text for b in back.sections[1].blocks if isinstance(b, Paragraph)] == \
        [*before, "Team Årsværk Udgift", "Team A 2,5 1.200", "Team B  300"]


def _fill(document: docx.document.Document, old: str, new: str) -> None:
    for paragraph in document.paragraphs:
        if paragraph.text == old:
            paragraph.text = new
            return
    raise AssertionError(old)


def test_a_department_fills_in_the_empty_template(seed: Catalogue) -> None:
    document = docx.Document(io.BytesIO(render_template(seed.round)))
    _fill(document, "N.N Forslagets titel", "3.1 Lukning af cafeen")
    document.paragraphs[1].text = "Områdebevilling: 4110 Kultur og Fritid"
    headings = [p for p in document.paragraphs if p.style is not None
                and p.style.name == "Heading 2"]
    assert len(headings) == 7
    headings[1].insert_paragraph_before  # noqa: B018 - the API exists
    table = document.tables[0]
    row_a = table.rows[1].cells
    row_a[1].text, row_a[2].text = "411020", "Cafeen"
    for cell, value in zip(row_a[3:], ["-200", "-400", "-400", "-400"], strict=True):
        cell.text = value
    for cell, value in zip(table.rows[5].cells[3:], ["-200", "-400", "-400", "-400"],
                           strict=True):
        cell.text = value
    for cell, value in zip(table.rows[8].cells[3:], ["-200", "-400", "-400", "-400"],
                           strict=True):
        cell.text = value
    out = io.BytesIO()
    document.save(out)
    result = import_docx_bytes(out.getvalue())
    assert result.catalogue is not None
    (proposal,) = result.catalogue.proposals
    assert (proposal.number, proposal.title) == ("3.1", "Lukning af cafeen")
    assert proposal.areas_text == "4110 Kultur og Fritid"
    assert [a.code for a in proposal.areas] == ["4110"]
    assert proposal.table is not None
    assert proposal.table.lines[0].amounts == (-200, -400, -400, -400)
    assert proposal.table.total == (-200, -400, -400, -400)
    assert proposal.table.stated_total == (-200, -400, -400, -400)
    assert [s.number for s in proposal.sections] == [1, 2, 3, 4, 5, 6, 7]


def test_an_empty_template_uploaded_unfilled_is_refused_with_the_reason(
        seed: Catalogue) -> None:
    result = import_docx_bytes(render_template(seed.round))
    assert result.catalogue is None
    rules = [f.rule for f in result.findings]
    assert rules == ["docx.number-missing", "docx.no-proposal"]
    assert "mangler forslagets nummer" in result.findings[0].message.da


def test_a_cell_that_is_not_an_amount_gets_a_located_finding(seed: Catalogue) -> None:
    proposal = seed.proposal("2.8")
    assert proposal is not None
    document = docx.Document(io.BytesIO(render_template(seed.round, proposal)))
    document.tables[0].rows[2].cells[4].text = "ca. 600"
    out = io.BytesIO()
    document.save(out)
    result = import_docx_bytes(out.getvalue())
    (finding,) = [f for f in result.findings if f.rule == "docx.cell"]
    assert (finding.proposal, finding.cell) == ("2.8", "b/2021")
    assert "'ca. 600' er ikke et helt beløb" in finding.message.da


def test_a_file_that_is_not_word_is_refused_not_raised() -> None:
    result = import_docx_bytes(b"PK\x03\x04 not really a zip")
    assert result.catalogue is None
    assert result.findings[0].rule == "docx.unreadable"


def _paragraphs(content: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(content)).paragraphs]


def test_the_template_states_department_and_fte_and_reads_them_back(
        seed: Catalogue) -> None:
    """The proposal's own department and årsværk fields go out as lines of their own
    and come back; unknown is "ikke angivet", never a guess or 0."""
    known, unknown = seed.proposal("2.4"), seed.proposal("2.1")
    assert known is not None and unknown is not None
    assert (known.department, known.fte, unknown.department, unknown.fte) == \
        ("Økonomi & Stab", Decimal(5), None, None)
    text = _paragraphs(render_template(seed.round, known))
    assert text[1:4] == [f"Områdebevilling: {known.areas_text}", "Afdeling: Økonomi & Stab",
                         "Årsværk: 5"]
    assert _paragraphs(render_template(seed.round, unknown))[1:3] == \
        ["Afdeling: ikke angivet", "Årsværk: ikke angivet"]
    document = docx.Document(io.BytesIO(render_template(seed.round, unknown)))
    _fill(document, "Afdeling: ikke angivet", "Afdeling: Miljø & Teknik")
    _fill(document, "Årsværk: ikke angivet", "Årsværk: 2,5")
    out = io.BytesIO()
    document.save(out)
    result = import_docx_bytes(out.getvalue())
    assert result.catalogue is not None and result.findings == ()
    (back,) = result.catalogue.proposals
    assert (back.department, back.fte) == ("Miljø & Teknik", Decimal("2.5"))
    # The empty template leaves both blank, for the department to fill in.
    assert {"Afdeling: ", "Årsværk: "} <= set(_paragraphs(render_template(seed.round)))


def test_fte_that_is_not_a_number_gets_a_located_finding(seed: Catalogue) -> None:
    proposal = seed.proposal("2.4")
    assert proposal is not None
    document = docx.Document(io.BytesIO(render_template(seed.round, proposal)))
    _fill(document, "Årsværk: 5", "Årsværk: mange")
    out = io.BytesIO()
    document.save(out)
    result = import_docx_bytes(out.getvalue())
    (finding,) = result.findings
    assert (finding.rule, finding.proposal) == ("docx.fte", "2.4")
    assert "årsværk 'mange' er ikke et tal" in finding.message.da
    assert result.catalogue is not None
    assert result.catalogue.proposals[0].fte is None


@pytest.mark.parametrize("name", names())
def test_every_corpus_catalogue_reads_back_from_word_whatever_its_numbering(
        name: str) -> None:
    # ØK-01, B-12, A.1, R1, UV1, B&U 1, 17 and 1.01 are proposal headings in Word too. The
    # book writes each table in the catalogue's unit, so the unit the source stated goes.
    catalogue = import_catalogue_file(entry(name).document).catalogue
    assert catalogue is not None
    back = import_docx_bytes(render_docx(catalogue, version=1))
    assert back.findings == () and back.catalogue is not None

    def compared(proposal: Proposal) -> Proposal:
        proposal = without_source_lines(proposal)
        if proposal.table is None:
            return proposal
        return dataclasses.replace(proposal, table=dataclasses.replace(
            proposal.table, stated_unit=None))

    assert [compared(p) for p in back.catalogue.proposals] == [
        compared(p) for p in catalogue.proposals]
