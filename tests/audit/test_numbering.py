"""The numbering rule: each series of numbers keeps its order, the catalogue chooses the
order of its series, and a gap in a chapter's numbers is worth a look."""

from __future__ import annotations

import pytest

from budgetkatalog.audit.references import numbering
from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.core.proposal import Proposal
from budgetkatalog.core.years import BudgetRound


def _numbering(*numbers: str) -> list[tuple[str, str | None, str]]:
    catalogue = Catalogue("Katalog", BudgetRound.from_years((2026, 2027, 2028, 2029)),
                          tuple(Proposal(n, f"Forslag {n}", (), None, line=i)
                                for i, n in enumerate(numbers, start=1)))
    return [(f.rule, f.proposal, f.message.en) for f in numbering(catalogue)]


@pytest.mark.parametrize("numbers", [
    ("2.8", "2.9", "2.10"),
    ("5.1", "5.2", "6.1", "6.2"),
    ("17", "18", "19"),
    ("A.1", "A.2", "B.1", "B.2"),
    ("ØK-01", "ØK-02", "BU-01", "BU-02", "SO-01"),  # the committees' own order
    ("UV 1", "UV 2", "SOC 1", "SOC 2"),
    ("B&U 1", "B&U 2", "B&U 10", "K&F 1"),
    ("R1", "R2", "R3", "U1", "U2"),
    ("TEK-01", "KUL-02", "SOC-03", "SOC-04"),  # one count through the committees
    ("TM-01", "SO-02", "TM-03"),
    ("BU-12", "SO-07", "KF-03"),  # a selection from each committee's list
])
def test_a_numbering_in_order_is_not_reported(numbers: tuple[str, ...]) -> None:
    assert _numbering(*numbers) == []


@pytest.mark.parametrize(("numbers", "found", "previous"), [
    (("2.1", "2.3", "2.2"), "2.2", "2.3"),
    (("6.1", "5.1"), "5.1", "6.1"),
    (("UV 1", "UV 3", "UV 2", "SOC 1"), "UV 2", "UV 3"),
    (("A.1", "B.1", "A.2"), "A.2", "B.1"),
    (("ØK-02", "ØK-01", "BU-01"), "ØK-01", "ØK-02"),
    (("B&U 10", "B&U 2"), "B&U 2", "B&U 10"),
])
def test_a_number_out_of_its_place_is_a_note(numbers: tuple[str, ...], found: str,
                                              previous: str) -> None:
    assert _numbering(*numbers) == [
        ("numbering.order", found,
         f"The proposals are out of order: {found} stands after {previous}.")]


def test_a_gap_in_a_chapter_s_numbers_is_reported() -> None:
    assert [rule for rule, *_ in _numbering("2.1", "2.2", "2.4")] == ["numbering.gap"]
    assert [rule for rule, *_ in _numbering("A.1", "A.3")] == ["numbering.gap"]
