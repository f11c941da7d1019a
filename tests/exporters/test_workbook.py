"""Excel: numbers as numbers, frozen headers, no formulas from catalogue text."""

from __future__ import annotations

import io

import openpyxl

from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.exporters.xlsx_workbook import render_xlsx
from tests.exporters.conftest import hostile


def test_the_workbook_holds_the_overview_every_table_line_and_fte(seed: Catalogue) -> None:
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(seed)))
    assert book.sheetnames == ["Oversigt", "Tabel 1", "Årsværk", "Notatets årsværk"]
    overview, lines = book["Oversigt"], book["Tabel 1"]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
    rows = {row[1]: row for row in overview.iter_rows(min_row=2, values_only=True)}
    assert rows["2.8"][3:7] == (-3517, -7666, -7666, -7666)
    assert len(rows) == 17
    table_rows = list(lines.iter_rows(min_row=2, values_only=True))
    assert len(table_rows) == 17 * 6
    b = next(r for r in table_rows if r[0] == "2.8" and r[2] == "b")
    assert b[3:] == ("239030", "Analyse og Udvikling", None, -633, -633, -633)
    for proposal in seed.proposals:
        assert proposal.table is not None
        got = [r[5:] for r in table_rows if r[0] == proposal.number]
        want = [line.amounts for line in (*proposal.table.lines, proposal.table.investment,
                                          proposal.table.derived_operating)]
        assert got == want
    cell = lines.cell(row=2, column=7)
    assert cell.data_type == "n" and cell.number_format == "#,##0;-#,##0;0"
    memo_rows = list(book["Notatets årsværk"].iter_rows(min_row=2, values_only=True))
    assert memo_rows[-1][0] == "I alt"
    assert seed.fte_table is not None
    assert str(memo_rows[-1][2]) == str(seed.fte_table.total)

def test_catalogue_text_that_looks_like_a_formula_stays_text(seed: Catalogue) -> None:
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(hostile(seed))))
    title = book["Oversigt"].cell(row=2, column=3)
    assert title.data_type == "s"
    assert title.value == "'=1+2 #set page(width: 1cm) $x$ *fed* <b>"
    row = next(r for r in book["Tabel 1"].iter_rows(min_row=2) if r[2].value == "a")
    assert (row[3].value, row[4].value) == ("'+45 #set", "'=HYPERLINK(\"http://x\";\"klik\")")
    for sheet in book.worksheets:
        for cells in sheet.iter_rows():
            assert all(c.data_type != "f" for c in cells)


def test_fte_by_department_reads_the_proposals_own_fields(seed: Catalogue) -> None:
    """The Årsværk sheet sums each department's proposals' stated årsværk, names the
    proposals that state none, and says "ikke angivet" for an unknown department or an
    unknown sum, never 0."""
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(seed)))
    rows = {r[0]: r[1:] for r in book["Årsværk"].iter_rows(min_row=2, values_only=True)}
    assert rows["Økonomi & Stab"] == ("2.4, 2.12", 5, "2.12")
    assert rows["Dagtilbud"] == ("2.5", 4.45, None)
    assert rows["Borger & Arbejdsmarked"] == ("2.8", "ikke angivet", "2.8")
    assert rows["ikke angivet"] == ("2.1, 2.13, 2.14, 2.15, 2.16, 2.17", "ikke angivet",
                                    "2.1, 2.13, 2.14, 2.15, 2.16, 2.17")
    assert list(rows)[-2:] == ["ikke angivet", "I alt"]
    stated = [p.fte for p in seed.proposals if p.fte is not None]
    assert rows["I alt"][1] == float(sum(stated))
    # Every proposal is counted once, under its own department.
    listed = [n for name, r in rows.items() if name != "I alt" for n in r[0].split(", ")]
    assert sorted(listed) == sorted(p.number for p in seed.proposals)
    for proposal in seed.proposals:
        name = proposal.department or "ikke angivet"
        assert proposal.number in rows[name][0].split(", ")
    overview = {r[1]: r for r in book["Oversigt"].iter_rows(min_row=2, values_only=True)}
    assert overview["2.8"][7:9] == ("ikke angivet", "Borger & Arbejdsmarked")
    assert overview["2.4"][7:9] == (5, "Økonomi & Stab")
    assert overview["2.1"][8] == "ikke angivet"
