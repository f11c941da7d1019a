"""Each corpus truth file agrees with its own document and its own arithmetic.

The truth files are written by hand; these checks catch a typo in one before any
importer is compared with it: quoted text must stand on the lines given, and a sum
that does not add up must be a planted discrepancy, not a slip.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.importers.corpus import (
    Entry,
    amount,
    entries,
    entry,
    kroner,
    names,
    planted_cells,
    planted_lines,
    rows,
    squash,
)


def test_the_corpus_has_at_least_ten_catalogues() -> None:
    assert len(entries()) >= 10


def test_the_catalogues_are_different_municipalities_and_rounds() -> None:
    municipalities = {e.truth["municipality"] for e in entries()}
    assert len(municipalities) == len(entries())
    assert {len(e.years) for e in entries()} >= {3, 4, 5}


@pytest.mark.parametrize("name", names())
def test_years_are_consecutive_and_every_amount_names_each_year(name: str) -> None:
    corpus = entry(name)
    years = corpus.years
    assert 3 <= len(years) <= 5
    assert years == list(range(years[0], years[0] + len(years)))
    keys = [str(y) for y in years]
    for proposal in corpus.truth["proposals"]:
        for row in proposal["table"]["rows"]:
            assert list(row["amounts"]) == keys, (proposal["number"], row["row"])
    overview = corpus.truth.get("overview")
    for row in overview["rows"] if overview else []:
        if row["amounts"] is not None:
            assert list(row["amounts"]) == keys, row["label"]


def _text_at(corpus: Entry, lines: list[int]) -> str:
    return squash(" ".join(corpus.line(n) for n in lines))


@pytest.mark.parametrize("name", names())
def test_quoted_text_stands_on_the_lines_given(name: str) -> None:
    corpus = entry(name)
    truth = corpus.truth
    sign = truth["sign_convention"]
    assert squash(corpus.line(sign["line"])) == squash(sign["text"])
    for proposal in truth["proposals"]:
        assert squash(corpus.line(proposal["line"])).startswith(proposal["number"]), proposal
        table = proposal["table"]
        assert squash(corpus.line(table["line"])) == squash(table["caption"]), proposal
    for statement in truth["consistent"]:
        assert squash(statement["text"]) in _text_at(corpus, statement["lines"]), statement
    for discrepancy in truth["discrepancies"]:
        for place in (discrepancy["at"], *discrepancy["also"]):
            for line in place["lines"]:
                assert squash(corpus.line(line)), (discrepancy["id"], line)
        if "text" in discrepancy["at"]:
            assert squash(discrepancy["at"]["text"]) in _text_at(
                corpus, discrepancy["at"]["lines"]), discrepancy["id"]
    for warning in truth["warnings"]:
        for line in warning["at"]["lines"]:
            assert squash(corpus.line(line)), (warning["id"], line)
        if "text" in warning["at"]:
            assert squash(warning["at"]["text"]) in _text_at(
                corpus, warning["at"]["lines"]), warning["id"]
    overview = truth.get("overview")
    for row in overview["rows"] if overview else []:
        written = squash(corpus.line(row["line"]))
        assert squash(row.get("number") or row["label"]) in written, row


def _sum(values: list[Decimal | None]) -> Decimal:
    return sum((v for v in values if v is not None), Decimal(0))


@pytest.mark.parametrize("name", names())
def test_table_sums_hold_except_where_a_discrepancy_is_planted(name: str) -> None:
    corpus = entry(name)
    for proposal in corpus.truth["proposals"]:
        table = rows(proposal["table"])
        assert {"e", "f", "g", "I alt"} <= set(table), proposal["number"]
        planted = planted_cells(corpus.truth, proposal["number"])
        for year in map(str, corpus.years):
            lines = _sum([amount(table[r]["amounts"][year]) for r in "abcd" if r in table])
            stated_e = amount(table["e"]["amounts"][year]) or Decimal(0)
            extra = _sum([amount(table[r]["amounts"][year]) for r in "fg"])
            stated_total = amount(table["I alt"]["amounts"][year]) or Decimal(0)
            if f"e/{year}" not in planted:
                assert stated_e == lines, (proposal["number"], year)
            if f"I alt/{year}" not in planted:
                assert stated_total == lines + extra, (proposal["number"], year)


def _computed_totals(corpus: Entry) -> dict[str, dict[str, Decimal]]:
    """Each proposal's I alt per year in kroner, computed from its rows."""
    totals: dict[str, dict[str, Decimal]] = {}
    for proposal in corpus.truth["proposals"]:
        table = rows(proposal["table"])
        unit = proposal["table"]["unit_kr"]
        totals[proposal["number"]] = {
            year: _sum([kroner(table[r]["amounts"][year], unit)
                        for r in ("a", "b", "c", "d", "f", "g") if r in table])
            for year in map(str, corpus.years)}
    return totals


def _proposal_of(row: dict[str, str]) -> str:
    """The proposal an overview row names: its number as the overview writes it, or the
    heading's where the truth says the overview writes it another way."""
    return row.get("proposal", row["number"])


@pytest.mark.parametrize("name", names())
def test_overview_agrees_with_the_tables_except_where_a_discrepancy_is_planted(
        name: str) -> None:
    corpus = entry(name)
    overview = corpus.truth.get("overview")
    if overview is None:
        return
    unit = overview["unit_kr"]
    precision = Decimal(unit) / 10 ** overview["decimals"]
    totals = _computed_totals(corpus)
    planted = planted_lines(corpus.truth)
    members: dict[str, list[str]] = {}
    group: str | None = None
    for row in overview["rows"]:
        if row["kind"] == "group":
            group = row["label"]
            members[group] = []
        elif row["kind"] == "proposal" and group is not None:
            members[group].append(_proposal_of(row))
    numbers = [_proposal_of(row) for row in overview["rows"] if row["kind"] == "proposal"]
    assert sorted(numbers) == sorted(totals), "the overview names every proposal once"
    for row in overview["rows"]:
        if row["amounts"] is None or row["line"] in planted:
            continue
        if row["kind"] == "proposal":
            parts = [_proposal_of(row)]
        elif row["kind"] == "total":
            parts = numbers
        else:
            parts = members[row.get("group") or row["label"]]
        for year in map(str, corpus.years):
            stated = kroner(row["amounts"][year], unit)
            computed = _sum([totals[n][year] for n in parts])
            # Each part carries half a written unit of rounding, the stated sum one more.
            nonzero = sum(1 for n in parts if totals[n][year] != 0)
            slack = precision / 2 * (1 if row["kind"] == "proposal" else nonzero + 1)
            assert stated is not None and abs(stated - computed) <= slack, (row, year)


@pytest.mark.parametrize("name", names())
def test_no_planted_or_warned_place_overlaps_a_consistent_statement(name: str) -> None:
    truth = entry(name).truth
    planted = {(place["proposal"], line) for d in truth["discrepancies"]
               for place in (d["at"], *d["also"]) for line in place["lines"]}
    warned = {(w["at"]["proposal"], line) for w in truth["warnings"]
              for line in w["at"]["lines"]}
    consistent = {(s["proposal"], line) for s in truth["consistent"] for line in s["lines"]}
    assert planted & consistent == set()
    assert warned & consistent == set()


@pytest.mark.parametrize("name", names())
def test_every_truth_file_says_which_warnings_it_expects(name: str) -> None:
    truth = entry(name).truth
    assert isinstance(truth["warnings"], list)
    ids = [d["id"] for d in truth["discrepancies"]] + [w["id"] for w in truth["warnings"]]
    assert len(ids) == len(set(ids))
    for warning in truth["warnings"]:
        assert set(warning) == {"id", "what", "at"}, warning["id"]
        assert {"proposal", "lines", "cells"} <= set(warning["at"]), warning["id"]
