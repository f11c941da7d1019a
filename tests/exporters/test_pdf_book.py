"""The catalogue book as PDF: the numbers in its text layer, its tags, its pages."""

from __future__ import annotations

import io

import pikepdf
import pypdf

from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.core.money import format_number
from budgetkatalog.core.proposal import Proposal
from budgetkatalog.exporters.pdf_book import render_pdf
from tests.exporters.conftest import hostile

MINUSES = str.maketrans({"\u2212": "-", "\u2013": "-"})


def _cells(values: tuple[int | None, ...]) -> list[str]:
    return [format_number(v, 0, "da") for v in values if v is not None]


def expected_rows(proposal: Proposal) -> list[str]:
    """Each Table 1 row as the text layer must show it: label, then the non-blank cells
    in year order (a blank cell has no text)."""
    table = proposal.table
    assert table is not None
    rows = []
    for line in table.lines:
        label = " ".join(p for p in (f"{line.letter}.", line.code, line.name) if p)
        rows.append(" ".join([label, *_cells(line.amounts)]))
    rows.append(" ".join(["e. Delsum (a+b+c+d)", *_cells(table.stated_subtotal)]))
    rows.append(" ".join(["f. Anlægsinvestering", *_cells(table.investment.amounts)]))
    rows.append(" ".join(["g. Afledte driftsudgifter", *_cells(table.derived_operating.amounts)]))
    rows.append(" ".join(["I alt (e+f+g)", *_cells(table.stated_total)]))
    return rows


def table_blocks(pages: list[str]) -> list[list[str]]:
    """The rows of every Table 1 in the text layer, in page order."""
    lines = [" ".join(line.translate(MINUSES).split())
             for page in pages for line in page.splitlines()]
    blocks: list[list[str]] = []
    current: list[str] | None = None
    for line in lines:
        if line.startswith("Række Pengepose-nr. Pengeposenavn"):
            current = []
            blocks.append(current)
        elif current is not None:
            current.append(line)
            if line.startswith("I alt (e+f+g)"):
                current = None
    return blocks


def test_every_proposals_table_1_is_in_the_text_layer_as_in_the_data(
        seed: Catalogue, seed_pdf_pages: list[str]) -> None:
    blocks = table_blocks(seed_pdf_pages)
    with_tables = [p for p in seed.proposals if p.table is not None]
    assert len(blocks) == len(with_tables) == 17
    for proposal, block in zip(with_tables, blocks, strict=True):
        assert block == expected_rows(proposal), proposal.number


def test_the_sign_convention_is_stated_with_every_table(seed_pdf_pages: list[str]) -> None:
    text = "\n".join(seed_pdf_pages)
    assert text.count('Fortegn: "+" angiver merudgift/mindre indtægt og "-" angiver mindre '
                      "udgift/merindtægt.") == 17
    assert text.count("Tabel 1. 2390 i 1.000 kr.") == 1


def test_the_book_has_cover_contents_foreword_overview_and_every_proposal(
        seed: Catalogue, seed_pdf_pages: list[str]) -> None:
    cover = seed_pdf_pages[0]
    assert "Albertslund Kommune" in cover and "Budget 2020" in cover
    assert "Offentliggjort version 1" in cover
    contents = seed_pdf_pages[1]
    assert contents.splitlines()[1].startswith("Indhold")
    for proposal in seed.proposals:
        assert f"{proposal.number} {proposal.title[:30]}" in " ".join(contents.split())
    text = "\n".join(seed_pdf_pages)
    assert "\nForord\n" in text and "\nOversigt over forslag\n" in text
    overview = next(p for p in seed_pdf_pages if "\nOversigt over forslag\n" in p)
    row = next(line for line in overview.splitlines() if line.startswith("2.8 "))
    assert row.translate(MINUSES).split()[-4:] == ["-3,517", "-7,666", "-7,666", "-7,666"]
    flat = " ".join(text.split())
    for heading in ("1. Type", "2. Beskrivelse af forslaget", "7. Konsekvenser for økonomien"):
        assert flat.count(heading) == 17
    for proposal in seed.proposals:
        # In the contents and as the proposal's heading (and in running headers).
        assert flat.count(f"{proposal.number} {proposal.title}") >= 2


def test_pages_carry_numbers_and_a_running_header(seed_pdf_pages: list[str]) -> None:
    total = len(seed_pdf_pages) - 1  # the cover is not counted
    for number, page in enumerate(seed_pdf_pages[1:], start=1):
        lines = page.splitlines()
        assert lines[0].startswith("Albertslund Kommune · Budget 2020"), number
        assert lines[-1] == f"Side {number} af {total}"
    page_of_2_8 = next(p for p in seed_pdf_pages if "Tabel 1. 2390" in p)
    assert "Reduktion i medarbejdere i Borger & Arbejdsmarked" in page_of_2_8.splitlines()[0]


def test_each_proposal_states_its_department_and_fte(seed_pdf_pages: list[str]) -> None:
    """The proposal's own fields, "ikke angivet" where nobody has stated them."""
    flat = " ".join(" ".join(seed_pdf_pages).split())
    assert "Afdeling: Økonomi & Stab Årsværk: 5" in flat
    assert flat.count("Afdeling: ") == 17 and flat.count("Årsværk: ") == 17
    assert "Afdeling: Borger & Arbejdsmarked Årsværk: ikke angivet" in flat
    assert "Afdeling: ikke angivet Årsværk: ikke angivet" in flat
    assert "Afdeling: Dagtilbud Årsværk: 4,45" in flat


def test_the_pdf_is_tagged_in_danish_with_a_title_and_bookmarks(
        seed: Catalogue, seed_pdf: bytes) -> None:
    with pikepdf.open(io.BytesIO(seed_pdf)) as pdf:
        assert not pdf.is_encrypted
        root = pdf.Root
        assert str(root.Lang) in ("da", "da-DK")
        assert bool(root.MarkInfo.Marked)
        assert bool(root.ViewerPreferences.DisplayDocTitle)
        assert str(pdf.docinfo.Title) == seed.title
        with pdf.open_metadata() as meta:
            assert meta["dc:title"] == seed.title
        kinds: dict[str, int] = {}
        stack = [root.StructTreeRoot]
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Array):
                stack.extend(node)
            elif isinstance(node, pikepdf.Dictionary):
                if "/S" in node:
                    kinds[str(node.S)] = kinds.get(str(node.S), 0) + 1
                if "/K" in node:
                    stack.append(node.K)
        # Headings, paragraphs, lists and tables with header cells, in the tree.
        assert kinds.get("/Table", 0) >= 18  # the overview and 17 Table 1s
        assert kinds.get("/TH", 0) >= 18 * 4
        assert kinds.get("/L", 0) > 0 and kinds.get("/LI", 0) > 0
        assert sum(kinds.get(k, 0) for k in ("/H1", "/H2", "/H3")) >= 17 * 8
        with pdf.open_outline() as outline:
            titles = []
            stack_items = list(outline.root)
            while stack_items:
                item = stack_items.pop(0)
                titles.append(item.title)
                stack_items.extend(item.children)
        for proposal in seed.proposals:
            assert f"{proposal.number} {proposal.title}" in titles


def test_the_structure_tree_reads_in_page_order(seed_pdf: bytes) -> None:
    """Marked content is reached from the tree in the order the pages show it: the
    proposals' headings come in the tree in the same order as in the text."""
    with pikepdf.open(io.BytesIO(seed_pdf)) as pdf:
        headings: list[int] = []
        pages = {page.objgen: index for index, page in enumerate(pdf.pages)}

        def walk(node: object) -> None:
            if isinstance(node, pikepdf.Array):
                for child in node:
                    walk(child)
            elif isinstance(node, pikepdf.Dictionary):
                if "/S" in node and str(node.S) == "/H2" and "/Pg" in node:
                    headings.append(pages[node.Pg.objgen])
                if "/K" in node:
                    walk(node.K)

        walk(pdf.Root.StructTreeRoot)
        assert len(headings) >= 17
        assert headings == sorted(headings)


def test_catalogue_text_is_printed_as_text_never_read_as_markup(seed: Catalogue) -> None:
    pdf = render_pdf(hostile(seed))
    pages = [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]
    text = " ".join(" ".join(pages).split())
    assert "=1+2 #set page(width: 1cm) $x$ *fed* <b>" in text
    assert "@SUM(A1) Katalog [x] _y_ `z` \\ #pagebreak()" in text
    assert len(pages) > 40  # a page width of 1 cm would have made thousands


def test_a_table_in_a_sections_text_is_printed_as_a_table(
        seed_pdf_pages: list[str]) -> None:
    # 2.8's staffing table: its column headings side by side in one row, and the two rows
    # the source's text ran together ("... 203 Total 36,1 2.705") as two rows.
    page = next(p for p in seed_pdf_pages if "Fleksjobsagsbehandling" in p)
    lines = [" ".join(line.split()) for line in page.splitlines()]
    assert "Årsværk Antal sager 24/7- 2019 Gns. antal i sagsstammerne" in lines
    assert "Sager hos andre medarbejdere 203" in lines and "Total 36,1 2.705" in lines
