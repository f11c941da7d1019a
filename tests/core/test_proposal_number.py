"""Proposal numbers as catalogues write them: read as one number however they are
spelled, and sorted within their series."""

from __future__ import annotations

import re

import pytest

from budgetkatalog.core.catalogue import Catalogue, duplicate_numbers
from budgetkatalog.core.proposal import (
    PROPOSAL_NUMBER,
    Proposal,
    number_key,
    proposal_sort_key,
    same_number,
)
from budgetkatalog.core.years import BudgetRound


@pytest.mark.parametrize("number", ["2.1", "1.01", "17", "A.1", "R1", "B-12", "ØK-01",
                                    "TEK - 01", "UV 1", "SOC 3", "B&U 2", "K/F 4", "UV1",
                                    "ÆH-2", "R1a"])
def test_every_numbering_catalogues_use_is_a_proposal_number(number: str) -> None:
    assert re.fullmatch(PROPOSAL_NUMBER, number)


@pytest.mark.parametrize("text", ["I 12", "Å 3", "Udvalg 2", "2026", "I alt"])
def test_a_capital_and_a_number_that_start_a_sentence_are_not_a_number(text: str) -> None:
    assert re.fullmatch(PROPOSAL_NUMBER, text) is None


@pytest.mark.parametrize(("one", "other"), [
    ("UV 1", "UV1"), ("UV 1", "UV-1"), ("UV 1", "UV-01"), ("ØK-01", "ØK 1"),
    ("B&U 2", "B&U2"), ("SOC 3", "soc 3"), ("TEK - 01", "TEK-01"), ("A.1", "A 1"),
])
def test_one_number_written_in_different_ways_is_one_number(one: str, other: str) -> None:
    assert same_number(one, other)
    assert number_key(one) == number_key(other)


@pytest.mark.parametrize(("one", "other"), [
    ("UV 1", "UV 10"), ("UV 1", "U 1"), ("2.5", "2-5"), ("2.1", "2.10"), ("B&U 2", "BU 2"),
    ("A.1", "B.1"), ("17", "1.7"),
])
def test_different_numbers_stay_different(one: str, other: str) -> None:
    assert not same_number(one, other)


@pytest.mark.parametrize(("shuffled", "ordered"), [
    (["2.10", "2.9", "2.1"], ["2.1", "2.9", "2.10"]),
    (["UV 10", "UV 9", "UV 1"], ["UV 1", "UV 9", "UV 10"]),
    (["B.1", "A.2", "A.1"], ["A.1", "A.2", "B.1"]),
    (["SOC 3", "B&U 2", "B&U 10", "B&U 1"], ["B&U 1", "B&U 2", "B&U 10", "SOC 3"]),
    (["ØK-02", "ØK-1", "ØK-10"], ["ØK-1", "ØK-02", "ØK-10"]),
    (["R1", "2.1", "17"], ["2.1", "17", "R1"]),
])
def test_numbers_sort_by_series_then_by_number(shuffled: list[str], ordered: list[str]
                                                ) -> None:
    assert sorted(shuffled, key=proposal_sort_key) == ordered


def _catalogue(*numbers: str) -> Catalogue:
    return Catalogue("Katalog", BudgetRound.from_years((2026, 2027, 2028, 2029)),
                     tuple(Proposal(n, f"Forslag {n}", (), None, line=i)
                           for i, n in enumerate(numbers, start=1)))


def test_a_proposal_is_found_by_any_spelling_of_its_number() -> None:
    catalogue = _catalogue("UV 1", "UV 2", "B&U 1")
    for asked, found in [("UV1", "UV 1"), ("UV-02", "UV 2"), ("B&U1", "B&U 1"),
                         ("UV 1", "UV 1")]:
        proposal = catalogue.proposal(asked)
        assert proposal is not None and proposal.number == found
    assert catalogue.proposal("UV 3") is None


def test_one_number_written_twice_in_different_ways_is_a_duplicate() -> None:
    catalogue = _catalogue("UV 1", "UV2", "UV1")
    assert [(f.rule, f.proposal, f.line) for f in duplicate_numbers(catalogue.proposals)] == [
        ("import.duplicate-number", "UV1", 3)]
