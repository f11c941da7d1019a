from __future__ import annotations

from budgetkatalog.core.text import BulletList, ListItem, Paragraph, TextTable, with_text_tables


def test_rows_after_their_headings_become_one_table() -> None:
    blocks = (Paragraph("Fordelingen ses herunder:"), Paragraph("Årsværk"),
              Paragraph("Udgift"), Paragraph("Team A 2,5 1.200"),
              Paragraph("Team B  300"), Paragraph("Total 2,5 1.500"),
              Paragraph("Det er alt."))
    out = with_text_tables(blocks)
    assert out[0] == blocks[0] and out[-1] == blocks[-1]
    table = out[1]
    assert isinstance(table, TextTable)
    assert table.header == ("", "Årsværk", "Udgift")
    assert table.rows == (("Team A", "2,5", "1.200"), ("Team B", "", "300"),
                          ("Total", "2,5", "1.500"))


def test_prose_and_lists_stay_as_they_are() -> None:
    blocks = (Paragraph("Der spares 2 årsværk i 2020."), Paragraph("Forslag 2"),
              BulletList((ListItem("Punkt 1"),)), Paragraph("Fra 2021 er effekten 3"))
    assert with_text_tables(blocks) == list(blocks)


def test_two_rows_joined_on_one_line_are_two_rows() -> None:
    blocks = (Paragraph("Stab 2,5"), Paragraph("Ledelse 6"),
              Paragraph("Sager hos andre  203 Total 27,9"))
    (table,) = with_text_tables(blocks)
    assert isinstance(table, TextTable)
    assert table.rows[-2:] == (("Sager hos andre", "203"), ("Total", "27,9"))
