"""The importer never crashes, never drops a number silently, and shrugs off the
artefacts of PDF text extraction."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.importers.catalogue_text import (
    import_catalogue_bytes,
    import_catalogue_text,
)
from tests.conftest import SEED

SEED_TEXT = SEED.read_text(encoding="utf-8")


def _same(a: Catalogue | None, b: Catalogue | None) -> bool:
    return a is not None and a == b


def test_crlf_line_endings_give_the_same_catalogue(seed: Catalogue) -> None:
    assert _same(import_catalogue_text(SEED_TEXT.replace("\n", "\r\n")).catalogue, seed)


def test_form_feeds_between_pages_give_the_same_catalogue(seed: Catalogue) -> None:
    # Page starts show as a leading space in the extracted text; put a form feed there.
    with_ff = re.sub(r"\n (?=\S)", "\n\f ", SEED_TEXT)
    assert with_ff.count("\f") > 20
    assert _same(import_catalogue_text(with_ff).catalogue, seed)


def test_non_breaking_spaces_give_the_same_catalogue(seed: Catalogue) -> None:
    nbsp = SEED_TEXT.replace(" kr.", "\u00a0kr.").replace(" i 1.000", "\u00a0i\u00a01.000")
    nbsp = re.sub(r"(-?\d) (-?\d)", "\\1\u00a0\\2", nbsp)
    assert nbsp.count("\u00a0") > 100
    assert _same(import_catalogue_text(nbsp).catalogue, seed)


def test_soft_hyphens_give_the_same_catalogue(seed: Catalogue) -> None:
    soft = re.sub(r"([a-zæøå]{4})([a-zæøå]{4})", "\\1\u00ad\\2", SEED_TEXT)
    assert soft.count("\u00ad") > 1000
    assert _same(import_catalogue_text(soft).catalogue, seed)


def test_a_byte_order_mark_is_ignored(seed: Catalogue) -> None:
    assert _same(import_catalogue_bytes(b"\xef\xbb\xbf" + SEED_TEXT.encode()).catalogue, seed)


def test_non_utf8_input_is_unusable_with_its_line() -> None:
    result = import_catalogue_bytes("2.1 Forslag\n1. Type\nKøbenhavn".encode("latin-1"))
    assert result.catalogue is None and result.exit_code == 2
    (finding,) = result.findings
    assert finding.rule == "import.not-utf8" and finding.line == 3


def test_text_without_proposals_is_unusable() -> None:
    result = import_catalogue_text("Forord\nIngen forslag her.\n")
    assert result.catalogue is None
    assert [f.rule for f in result.findings] == ["import.no-proposals"]


TABLE = """\
2.1 Et forslag
1. Type
Tekst.
7. Konsekvenser for økonomien
Tekst.
Tabel 1. 1234 Område i 1.000 kr.
Pengepose-nr. Pengeposenavn 2020 2021 2022 2023
a. 123401 Løn -100 -200 -200 -200
b. 123402 Senere start {b}
c.
d.
e. Delsum (a+b+c+d) {e}
f. Anlægsinvestering
g. Afledte driftsudgifter
I alt (e+f+g) {e}
"""


def _table(b: str, e: str) -> tuple[tuple[int | None, ...], list[str]]:
    result = import_catalogue_text(TABLE.format(b=b, e=e))
    assert result.catalogue is not None
    table = result.catalogue.proposals[0].table
    assert table is not None
    return table.lines[1].amounts, [f.rule for f in result.findings
                                     if f.rule.startswith("import.placement")]


def test_blank_cells_are_placed_by_the_delsum() -> None:
    assert _table("-50 -50", "-100 -200 -250 -250") == ((None, None, -50, -50), [])
    assert _table("-50 -50", "-150 -250 -200 -200") == ((-50, -50, None, None), [])


def test_no_fitting_placement_is_an_error_not_a_silent_guess() -> None:
    cells, rules = _table("-50 -50", "-100 -200 -200 -999")
    assert cells.count(-50) == 2
    assert "import.placement-no-fit" in rules


def test_several_fitting_placements_are_reported() -> None:
    cells, rules = _table("0 0", "-100 -200 -200 -200")
    assert cells.count(0) == 2
    assert "import.placement-ambiguous" in rules


def test_a_decimal_amount_in_a_table_is_reported_not_dropped() -> None:
    result = import_catalogue_text(TABLE.format(b="-1,5 -50 -50 -50", e="-101 -250 -250 -250"))
    assert any(f.rule == "import.not-whole" and f.line == 9 and "-1,5" in f.message.da
               for f in result.findings)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("2.1 Type\nTabel1abcdefgIalt-0123456789,\f\r"
                                             "\u00a0\u00ad\uf0b7•ÆØÅæøå()+:")),
               max_size=400))
def test_arbitrary_text_never_crashes(content: str) -> None:
    result = import_catalogue_text(content)
    assert result.exit_code in (0, 1, 2)


LINES = SEED_TEXT.split("\n")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(LINES) - 1),
                          st.sampled_from(["drop", "dup", "junk", "num"])),
                min_size=1, max_size=6),
       st.text(max_size=30))
def test_a_damaged_seed_never_crashes(edits: list[tuple[int, str]], junk: str) -> None:
    lines = list(LINES)
    for index, kind in edits:
        index = min(index, len(lines) - 1)
        if kind == "drop":
            del lines[index]
        elif kind == "dup":
            lines.insert(index, lines[index])
        elif kind == "junk":
            lines[index] = junk
        else:
            lines[index] = lines[index] + " -12"
    result = import_catalogue_text("\n".join(lines))
    assert result.exit_code in (0, 1, 2)


def test_every_number_in_a_table_row_is_accounted_for() -> None:
    """An extra amount on the I alt row is reported with its line, not dropped."""
    damaged = SEED_TEXT.replace("I alt (e+f+g) -946 -1891 -1891 -1891",
                                "I alt (e+f+g) -946 -1891 -1891 -1891 -7")
    result = import_catalogue_text(damaged)
    assert any(f.rule == "import.extra-numbers" and f.proposal == "2.3" and "-7" in f.message.da
               for f in result.findings)
