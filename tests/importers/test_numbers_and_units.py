"""Table 1 in every number form and unit Danish documents use: each cell read exactly,
or an error on the row's own line; never a silently wrong number."""

from __future__ import annotations

from decimal import Decimal

import pytest

from budgetkatalog.core.finding import Severity
from budgetkatalog.core.money import parse_danish_number
from budgetkatalog.importers.catalogue_text import ImportResult, import_catalogue_text

TABLE = """\
2.1 Et forslag
1. Type
Tekst.
7. Konsekvenser for økonomien
Tekst.
Tabel 1. 4020 Kultur{unit}
Konto Tekst 2025 2026 2027 2028
a. 402010 Løn {a}
b. 402020 Drift {b}
c.
d.
e. Delsum (a+b+c+d) {e}
f. Anlægsinvestering
g. Afledte driftsudgifter
I alt (e+f+g) {e}
"""


def _import(a: str, b: str, e: str, unit: str = " i 1.000 kr.") -> ImportResult:
    return import_catalogue_text(TABLE.format(a=a, b=b, e=e, unit=unit))


def _rows(result: ImportResult) -> list[tuple[int | None, ...]]:
    assert result.catalogue is not None
    table = result.catalogue.proposals[0].table
    assert table is not None
    return [line.amounts for line in table.lines if not line.is_blank] + [table.stated_subtotal]


@pytest.mark.parametrize(("token", "value"), [
    ("-1.280", "-1280"), ("-1280", "-1280"), ("–1.280", "-1280"), ("\u22121.280", "-1280"),
    ("÷1.280", "-1280"), ("÷ 1.280", "-1280"), ("(1.280)", "-1280"), ("(1 280)", "-1280"),
    ("+1.280", "1280"), ("1 280", "1280"), ("1\u00a0280", "1280"), ("1\u202f280", "1280"),
    ("12,5", "12.5"), ("-0,865", "-0.865"), ("2.126.000", "2126000"),
])
def test_every_danish_number_form_is_read(token: str, value: str) -> None:
    assert parse_danish_number(token) == Decimal(value)


@pytest.mark.parametrize("token", ["1.28", "1 000.000", "(-1.280)", "1.2800", "12,", "abc",
                                   "(1.280", "1..280"])
def test_a_malformed_number_is_not_guessed(token: str) -> None:
    assert parse_danish_number(token) is None


@pytest.mark.parametrize(("a", "b", "e"), [
    ("÷420 ÷840 ÷840 ÷840", "÷1.000 ÷1.000 ÷1.000 ÷1.000", "÷1.420 ÷1.840 ÷1.840 ÷1.840"),
    ("(420) (840) (840) (840)", "(1.000) (1.000) (1.000) (1.000)",
     "(1.420) (1.840) (1.840) (1.840)"),
    ("÷ 420 ÷ 840 ÷ 840 ÷ 840", "÷ 1 000 ÷ 1 000 ÷ 1 000 ÷ 1 000",
     "÷ 1 420 ÷ 1 840 ÷ 1 840 ÷ 1 840"),
    ("\u2212420 \u2212840 \u2212840 \u2212840", "\u22121000 \u22121000 \u22121000 \u22121000",
     "\u22121420 \u22121840 \u22121840 \u22121840"),
    ("–420 –840 –840 –840", "-1 000 -1 000 -1 000 -1 000", "-1 420 -1 840 -1 840 -1 840"),
    ("-420 -840 -840 -840", "-1\u00a0000 -1\u00a0000 -1\u00a0000 -1\u00a0000",
     "-1\u00a0420 -1\u00a0840 -1\u00a0840 -1\u00a0840"),
])
def test_negative_amounts_in_every_form_give_the_same_table(a: str, b: str, e: str) -> None:
    result = _import(a, b, e)
    assert _rows(result) == [(-420, -840, -840, -840), (-1000, -1000, -1000, -1000),
                             (-1420, -1840, -1840, -1840)]
    assert result.exit_code == 0, [f.message.da for f in result.findings]


def test_space_separated_thousands_are_told_from_separate_amounts_by_the_sums() -> None:
    # "1 280 2 560" could be four amounts or two; the Delsum says two, in 2026 and 2028.
    result = _import("100 200 300 400", "1 280 2 560", "100 1 480 300 2 960")
    assert _rows(result) == [(100, 200, 300, 400), (None, 1280, None, 2560),
                             (100, 1480, 300, 2960)]
    assert result.exit_code == 0, [f.message.da for f in result.findings]


def test_a_reading_the_sums_cannot_decide_is_an_error_not_a_guess() -> None:
    # Row b shows the document separates thousands with spaces; row a and the sums are
    # then "1 280 2 560" four ways alike.
    grouped = TABLE.format(a="-1 000 -1 000 -1 000 -1 000", b="", unit=" i 1.000 kr.",
                           e="-1 000 -1 000 -1 000 -1 000").replace("2.1 Et", "2.2 Et")
    result = import_catalogue_text(
        TABLE.format(a="1 280 2 560", b="", e="1 280 2 560", unit=" i 1.000 kr.") + grouped)
    assert result.exit_code == 1
    assert any(f.rule == "import.reading-ambiguous" and f.line == 8 and
               f.severity is Severity.ERROR for f in result.findings)


def test_a_dash_is_an_empty_cell_in_its_own_year() -> None:
    result = _import("- -840 -840 -840", "– -1.000 -1.000 -1.000", "- -1.840 -1.840 -1.840")
    assert _rows(result) == [(None, -840, -840, -840), (None, -1000, -1000, -1000),
                             (None, -1840, -1840, -1840)]
    assert not any(f.rule.startswith("import.placement") for f in result.findings)


@pytest.mark.parametrize("name", [
    "Ledsagelse efter servicelovens § 85",
    "Botilbud, §§ 107",
    "Aflastning efter § 84, stk. 2",
    "Tilskud efter lov nr. 548",
    "Vintertjeneste, kapitel 4",
])
def test_a_number_a_reference_word_points_at_is_part_of_the_name(name: str) -> None:
    # The name ends in a number ("§ 85"); the row still has one amount for each year.
    result = _import(f"{name} -420 -840 -840 -840", "-1.000 -1.000 -1.000 -1.000",
                     "-1.420 -1.840 -1.840 -1.840")
    assert _rows(result) == [(-420, -840, -840, -840), (-1000, -1000, -1000, -1000),
                             (-1420, -1840, -1840, -1840)]
    line = result.catalogue.proposals[0].table.lines[0]  # type: ignore[union-attr]
    assert (line.code, line.name) == ("402010", f"Løn {name}")
    assert [f.rule for f in result.findings if f.rule.startswith("import.extra")
            or f.severity is Severity.ERROR] == []


def test_a_name_ending_in_a_number_without_a_reference_word_is_still_reported() -> None:
    # "Skole 3" may be a name or a lost cell: the reader is told which reading was taken.
    result = _import("Skole 3 -420 -840 -840 -840", "-1.000 -1.000 -1.000 -1.000",
                     "-1.420 -1.840 -1.840 -1.840")
    assert _rows(result)[0] == (-420, -840, -840, -840)
    assert [(f.rule, f.severity) for f in result.findings if f.rule.startswith(
        "import.extra")] == [("import.extra-numbers", Severity.WARNING)]


def test_a_table_in_whole_kroner_is_not_read_as_thousands() -> None:
    result = _import("-420.000 -840.000 -840.000 -840.000", "-1.000 -2.000 -2.000 -2.000",
                     "-421.000 -842.000 -842.000 -842.000", unit=" i kr.")
    assert _rows(result) == [(-420, -840, -840, -840), (-1, -2, -2, -2),
                             (-421, -842, -842, -842)]
    table = result.catalogue.proposals[0].table  # type: ignore[union-attr]
    assert table is not None and table.stated_unit == 1 and table.unit == 1000
    assert not any(f.rule == "import.table-unit" for f in result.findings)


def test_whole_kroner_that_thousands_cannot_hold_make_the_catalogue_count_kroner() -> None:
    result = _import("-420.500 -840.000 -840.000 -840.000", "-1.000 -2.000 -2.000 -2.000",
                     "-421.500 -842.000 -842.000 -842.000", unit=" i kr.")
    assert result.catalogue is not None and result.catalogue.round.unit == 1
    assert _rows(result)[0] == (-420500, -840000, -840000, -840000)
    assert result.exit_code == 0


@pytest.mark.parametrize("unit", [" i 1.000 kr.", " (1.000 kr.)", " i t.kr.", ", tkr.",
                                  " i tkr."])
def test_thousands_are_recognised_in_every_spelling(unit: str) -> None:
    result = _import("-420 -840 -840 -840", "", "-420 -840 -840 -840", unit=unit)
    table = result.catalogue.proposals[0].table  # type: ignore[union-attr]
    assert table is not None and table.stated_unit == 1000
    assert table.caption == "4020 Kultur"


def test_a_table_in_millions_converts_exactly_or_says_which_cell_cannot() -> None:
    result = _import("-0,42 -0,84 -0,84 -0,84", "-1,0 -1,0 -1,0 -1,0",
                     "-1,42 -1,84 -1,84 -1,84", unit=" i mio. kr.")
    assert _rows(result) == [(-420, -840, -840, -840), (-1000, -1000, -1000, -1000),
                             (-1420, -1840, -1840, -1840)]
    bad = _import("-0,4205 -0,84 -0,84 -0,84", "", "-0,4205 -0,84 -0,84 -0,84",
                  unit=" i mio. kr.")
    errors = [f for f in bad.findings if f.severity is Severity.ERROR]
    assert bad.exit_code == 1
    assert {(f.rule, f.line, f.cell) for f in errors} >= {("import.not-whole", 8, "a/2025")}


def test_a_number_that_cannot_be_read_is_an_error_on_its_line() -> None:
    result = _import("-420 -840 -840 (840", "", "-420 -840 -840 -840")
    assert result.exit_code == 1
    assert any(f.severity is Severity.ERROR and f.line == 8 for f in result.findings)


@pytest.mark.parametrize(("line", "negative"), [
    ("Fortegn: ”+” angiver merudgift/mindre indtægt og ”-” angiver mindre udgift.", True),
    ("÷ angiver mindre udgift / merindtægt.", True),
    ("Negative beløb er besparelser.", True),
    ("Besparelser er angivet med positivt fortegn.", False),
])
def test_the_sign_convention_line_is_read_and_kept(line: str, negative: bool) -> None:
    text = TABLE.format(a="-420 -840 -840 -840", b="", e="-420 -840 -840 -840",
                        unit=" i 1.000 kr.").replace("Konto Tekst", line + "\nKonto Tekst")
    result = import_catalogue_text(text)
    assert result.catalogue is not None
    convention = result.catalogue.sign_convention
    assert convention is not None
    assert (convention.text, convention.line, convention.savings_negative) == (line, 7, negative)
