"""Word: the whole catalogue and the proposal template, read back by the importer."""

from __future__ import annotations

import dataclasses
import io
from decimal import Decimal

import docx
import pytest

from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.core.proposal import Proposal
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
    assert [without_source_lines(p) for p in catalogue.proposals] == \
        [without_source_lines(p) for p in seed.proposals]
    assert [(g.name, g.proposal_numbers) for g in catalogue.groups] == \
        [(g.name, g.proposal_numbers) for g in seed.groups]


def test_the_word_book_uses_real_headings_lists_and_tables(seed: Catalogue) -> None:
    document = docx.Document(io.BytesIO(render_docx(seed)))
    styles = [p.style.name for p in document.paragraphs if p.style is not None]
    assert styles.count("Heading 2") == 17  # one per proposal
    assert styles.count("Heading 3") == 17 * 7
    assert "List Bullet" in styles
    assert len(document.tables) == 18  # the overview and 17 Table 1s
    header = [c.text for c in document.tables[1].rows[0].cells]
    assert header == ["Række", "Pengepose-nr.", "Pengeposenavn", "2020", "2021", "2022", "2023"]
    assert document.core_properties.title == seed.title
    assert document.core_properties.language == "da-DK"


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
