"""Excel: numbers as numbers, frozen headers, no formulas from catalogue text."""

from __future__ import annotations

import io

import openpyxl

from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.exporters.xlsx_workbook import render_xlsx
from tests.exporters.conftest import hostile


def test_the_workbook_holds_the_overview_every_table_line_and_fte(seed: Catalogue) -> None:
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(seed)))
    assert book.sheetnames == ["Oversigt", "Tabel 1", "Årsværk"]
    overview, lines, fte = book["Oversigt"], book["Tabel 1"], book["Årsværk"]
    for sheet in (overview, lines, fte):
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
    fte_rows = list(fte.iter_rows(min_row=2, values_only=True))
    assert fte_rows[-1][0] == "I alt"
    assert seed.fte_table is not None
    assert str(fte_rows[-1][2]) == str(seed.fte_table.total)


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
