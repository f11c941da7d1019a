"""Overview tables in layouts the corpus does not show: the closing row is recognised by
where it stands and what it adds up, not by its wording, and a group's closing row is
told from the catalogue's by its sum.

The catalogue is in the style of a smaller municipality (Skovlund): two committees, three
proposals in 1.000 kr., an overview in mio. kr. with one decimal and minus as ``÷``.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from budgetkatalog.audit import audit
from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.core.finding import Severity
from budgetkatalog.importers.catalogue_text import import_catalogue_text

PROPOSAL = """\
{number} {title}
{area}

1. Type
{kind}

2. Beskrivelse af forslaget
Forslaget er beskrevet i bilaget.

7. Konsekvenser for økonomien
Se tabellen.

Tabel 1. {area} i 1.000 kr.
Pengepose-nr. Pengeposenavn 2026 2027 2028 2029
a. {account} {amounts}
e. Delsum (a+b+c+d) {amounts}
f. Anlægsinvestering
g. Afledte driftsudgifter
I alt (e+f+g) {amounts}
"""

PROPOSALS = "\n".join(PROPOSAL.format(**fields) for fields in (
    {"number": "UV1", "title": "Færre åbningstimer i svømmehallen",
     "area": "3520 Idrætsfaciliteter", "kind": "Besparelse.",
     "account": "352010 Svømmehal", "amounts": "÷400 ÷800 ÷800 ÷800"},
    {"number": "UV2", "title": "Lukning af ungdomsklubben i Nørreby",
     "area": "3820 Ungdomsklubber", "kind": "Besparelse.",
     "account": "382030 Nørreby Klub", "amounts": "÷300 ÷600 ÷600 ÷600"},
    {"number": "SU1", "title": "Ny demenskoordinator",
     "area": "5320 Ældrepleje", "kind": "Udvidelse.",
     "account": "532040 Demens", "amounts": "500 500 500 500"},
))

HEAD = """\
Skovlund Kommune
Budgetkatalog 2026–2029

Oversigt over forslag (mio. kr.)

Forslag 2026 2027 2028 2029
Udvalget for Kultur og Fritid
UV1 Færre åbningstimer i svømmehallen ÷0,4 ÷0,8 ÷0,8 ÷0,8
UV2 Lukning af ungdomsklubben i Nørreby ÷0,3 ÷0,6 ÷0,6 ÷0,6
Udvalget for Sundhed og Omsorg
SU1 Ny demenskoordinator 0,5 0,5 0,5 0,5
{closing}

"""

# The closing row in wordings no list of total words has to know.
CLOSING_WORDS = [
    "Samlet virkning ÷0,2 ÷0,9 ÷0,9 ÷0,9",
    "Kataloget, netto ÷0,2 ÷0,9 ÷0,9 ÷0,9",
    "Forslagene under ét ÷0,2 ÷0,9 ÷0,9 ÷0,9",
    "Effekt for kommunen ÷0,2 ÷0,9 ÷0,9 ÷0,9",
    "Forslagene i alt ÷0,2 ÷0,9 ÷0,9 ÷0,9",
    "I alt for hele kataloget ÷0,2 ÷0,9 ÷0,9 ÷0,9",
]


def _import(closing: str) -> Catalogue:
    result = import_catalogue_text(HEAD.format(closing=closing) + PROPOSALS)
    assert result.catalogue is not None, [f.message.en for f in result.findings]
    return result.catalogue


def _errors(catalogue: Catalogue) -> list[str]:
    return [f"{f.rule}: {f.message.en}" for f in audit(catalogue)
            if f.severity is Severity.ERROR]


@pytest.mark.parametrize("closing", CLOSING_WORDS)
def test_the_last_row_under_the_proposals_is_the_closing_total_however_it_is_named(
        closing: str) -> None:
    catalogue = _import(closing)
    assert catalogue.overview is not None
    last = catalogue.overview.rows[-1]
    assert (last.kind, last.line) == ("total", 12)
    assert catalogue.overview.total is not None
    assert catalogue.overview.total.amounts == tuple(
        Decimal(v) for v in ("-0.2", "-0.9", "-0.9", "-0.9"))
    assert _errors(catalogue) == []


def test_a_closing_row_that_does_not_add_up_is_an_error_on_its_line() -> None:
    catalogue = _import("Samlet virkning ÷0,2 ÷1,9 ÷0,9 ÷0,9")
    found = [f for f in audit(catalogue) if f.severity is Severity.ERROR]
    assert [(f.rule, f.line, f.cell) for f in found] == [
        ("overview.mismatch", 12, f"{catalogue.title}/2027")]


@pytest.mark.parametrize("closing", ["Sundhed og Omsorg, netto 0,5 0,5 0,5 0,5",
                                     "Udvalget for Sundhed og Omsorg i alt 0,5 0,5 0,5 0,5"])
def test_a_last_row_that_adds_up_the_last_group_alone_is_that_groups_total(
        closing: str) -> None:
    catalogue = _import(closing)
    assert catalogue.overview is not None
    assert catalogue.overview.rows[-1].kind == "group-total"
    assert catalogue.overview.total is None
    assert _errors(catalogue) == []


# The overview's tolerance follows its written precision. UV1's table is ÷350 / ÷750:
# "÷0,4" and "÷0,8" are those amounts at one decimal; at three decimals they are wrong.
ROUNDED = PROPOSALS.replace("÷400 ÷800 ÷800 ÷800", "÷350 ÷750 ÷750 ÷750")


def _overview_errors(uv1: str, closing: str = "÷0,2 ÷0,9 ÷0,9 ÷0,9"
                     ) -> list[tuple[str, int | None]]:
    head = HEAD.format(closing=f"Samlet virkning {closing}").replace(
        "svømmehallen ÷0,4 ÷0,8 ÷0,8 ÷0,8", f"svømmehallen {uv1}")
    result = import_catalogue_text(head + ROUNDED)
    assert result.catalogue is not None
    return [(f.rule, f.line) for f in audit(result.catalogue)
            if f.severity is Severity.ERROR and f.rule.startswith("overview")]


def test_an_overview_figure_at_one_decimal_agrees_with_the_table_it_rounds() -> None:
    assert _overview_errors("÷0,4 ÷0,8 ÷0,8 ÷0,8") == []


def test_an_overview_figure_off_by_more_than_its_last_digit_is_an_error() -> None:
    assert _overview_errors("÷0,5 ÷0,8 ÷0,8 ÷0,8") == [("overview.mismatch", 8)]


def test_an_overview_written_to_three_decimals_is_compared_exactly() -> None:
    assert _overview_errors("÷0,400 ÷0,750 ÷0,750 ÷0,750",
                            "÷0,150 ÷0,850 ÷0,850 ÷0,850") == [("overview.mismatch", 8)]
    assert _overview_errors("÷0,350 ÷0,750 ÷0,750 ÷0,750",
                            "÷0,150 ÷0,850 ÷0,850 ÷0,850") == []
