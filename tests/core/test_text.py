from __future__ import annotations

from budgetkatalog.core.text import (
    BulletList,
    ListItem,
    Paragraph,
    TextTable,
    text_table_lines,
    with_text_tables,
)


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


def test_a_tables_lines_read_as_the_same_table_again() -> None:
    """What a format that writes a text table as a real table reads back (Word)."""
    before = Paragraph("Fordelingen ses herunder:")
    tables = [
        TextTable(("", "Årsværk", "Udgift"),
                  (("Team A", "2,5", "1.200"), ("Team B", "", "300"), ("Total", "2,5", "1.500"))),
        TextTable(("Andre medarbejdere", "Årsværk"),
                  (("Stab", "2,5"), ("Ledelse", "6"), ("Total", "8,5"))),
        TextTable(("", "", ""), (("Albertslund", "116", "102"), ("Ballerup", "115", "128"),
                                 ("Ishøj", "107", ""))),
    ]
    assert text_table_lines(tables[0]) == ["Årsværk", "Udgift", "Team A 2,5 1.200",
                                           "Team B  300", "Total 2,5 1.500"]
    assert text_table_lines(tables[1])[0] == "Andre medarbejdere  Årsværk"
    assert text_table_lines(tables[2])[-1] == "Ishøj 107"
    for table in tables:
        lines = (before, *(Paragraph(line) for line in text_table_lines(table)))
        assert with_text_tables(lines) == [before, table]
