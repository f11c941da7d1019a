"""Page furniture: running headers and footers, ``Side N af M``, bare page numbers and a
table's header row repeated after a page break are removed before anything is parsed,
and kept for the record; nothing else is."""

from __future__ import annotations

import re

import pytest

from budgetkatalog.importers.catalogue_text import import_catalogue_text
from tests.importers.corpus import entries, entry

# A table broken over a page: the footer, the page mark and the next page's header fall
# between a wrapped row name and its amounts, and the header row is repeated.
BROKEN = """\
Holmsted Kommune – Spareforslag 2026
Budget 2026–2029

KF-03 Kortere åbningstid i Holmsted Hallen
3510 Idrætsanlæg

1. Type
Besparelse.

7. Konsekvenser for økonomien
Hallen lukker en time tidligere på hverdage, hvilket sparer 0,4 mio. kr.
årligt med halv effekt i 2026.

Tabel 1. 3510 Idrætsanlæg (1.000 kr.)
Konto Tekst 2026 2027 2028 2029
a. 351010 Holmsted Hallen, løn -150 -300 -300 -300
b. 351020 Holmsted Hallen, el og
Holmsted Kommune – Spareforslag 2026
Side 4 af 9
\fHolmsted Kommune – Spareforslag 2026
Konto Tekst 2026 2027 2028 2029
varme -50 -100 -100 -100
e. Delsum (a+b+c+d) -200 -400 -400 -400
f. Anlægsinvestering
g. Afledte driftsudgifter
I alt (e+f+g) -200 -400 -400 -400

Side 5 af 9
\fHolmsted Kommune – Spareforslag 2026
"""


def test_furniture_inside_a_table_is_removed_and_the_row_keeps_its_amounts() -> None:
    result = import_catalogue_text(BROKEN)
    assert result.catalogue is not None and result.exit_code == 0, [
        f.message.en for f in result.findings]
    table = result.catalogue.proposals[0].table
    assert table is not None
    assert [(line.letter, line.name, line.amounts) for line in table.lines
            if not line.is_blank] == [
        ("a", "Holmsted Hallen, løn", (-150, -300, -300, -300)),
        ("b", "Holmsted Hallen, el og varme", (-50, -100, -100, -100))]
    assert table.stated_total == (-200, -400, -400, -400)


def test_every_removed_line_is_kept_for_the_record_with_its_line_and_kind() -> None:
    result = import_catalogue_text(BROKEN)
    removed = {(f.number, f.text, f.kind) for f in result.furniture}
    assert {(19, "Side 4 af 9", "page-number"), (28, "Side 5 af 9", "page-number"),
            (18, "Holmsted Kommune – Spareforslag 2026", "running"),
            (20, "Holmsted Kommune – Spareforslag 2026", "running"),
            (29, "Holmsted Kommune – Spareforslag 2026", "running"),
            (21, "Konto Tekst 2026 2027 2028 2029", "repeated-header")} <= removed
    # No line of the proposal is furniture.
    assert {f.number for f in result.furniture} <= {1, 18, 19, 20, 21, 28, 29}
    assert any(f.rule == "import.page-furniture" for f in result.findings)


_PAGE = re.compile(r"^\s*Side\s+\d+\s+af\s+\d+\s*$|·\s*Side\s+\d+", re.IGNORECASE)


@pytest.mark.parametrize("name", [e.name for e in entries()])
def test_in_the_corpus_page_marks_are_furniture_and_no_line_the_truth_names_is(
        name: str) -> None:
    corpus = entry(name)
    result = import_catalogue_text(corpus.document.read_text(encoding="utf-8"))
    removed = {f.number for f in result.furniture}
    marks = {n for n, text in enumerate(corpus.lines(), start=1)
             if _PAGE.search(text.replace("\f", ""))}
    assert marks <= removed
    truth = corpus.truth
    named = {p["line"] for p in truth["proposals"]} | {
        p["table"]["line"] for p in truth["proposals"]}
    named |= {row["line"] for row in truth.get("overview", {}).get("rows", [])}
    named |= {line for s in truth["consistent"] for line in s["lines"]}
    assert named.isdisjoint(removed)


def test_a_sentence_that_ends_like_a_page_mark_once_is_kept() -> None:
    text = BROKEN.replace("7. Konsekvenser for økonomien\n",
                          "7. Konsekvenser for økonomien\nBeregningen står i bilaget – side 4\n\n")
    result = import_catalogue_text(text)
    assert "Beregningen står i bilaget – side 4" not in {f.text for f in result.furniture}
    assert result.catalogue is not None
    section = result.catalogue.proposals[0].sections[-1]
    assert "bilaget – side 4" in str(section)
