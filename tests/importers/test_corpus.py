"""The corpus: every catalogue in tests/corpus/ is imported and audited against the
truth written by hand from the document (format in tests/corpus/README.md).

For each catalogue: the proposals come in order with their titles; every Table 1
cell equals the truth in kroner, blank cells blank; the sign convention line is
kept; the overview's rows are read; every planted discrepancy is an error finding at
its place; no consistent statement draws an error; no error stands anywhere a
discrepancy is not planted; every warning the truth expects (something to look at that
the document cannot settle) is a warning at its place; and no warning stands anywhere
else than at an expected warning or a planted discrepancy.

``NOT_YET`` lists the (catalogue, check) pairs the importer does not pass yet. They
run as strict expected failures: a pair that starts passing fails the run until it is
taken off the list, so the list can only shrink.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import Any

import pytest

from budgetkatalog.audit import audit
from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.core.finding import Finding, Severity
from budgetkatalog.importers.catalogue_text import import_catalogue_file
from tests.importers.corpus import Json, entry, kroner, names, squash

CHECKS = ("proposals", "cells", "sign", "overview", "planted", "consistent", "unplanted",
          "warned", "unwarned")

NOT_YET: set[tuple[str, str]] = set()


def cases(check: str) -> list[Any]:
    return [pytest.param(name, id=name,
                         marks=[pytest.mark.xfail(strict=True, reason="importer not there yet")]
                         if (name, check) in NOT_YET else [])
            for name in names()]


@cache
def imported(name: str) -> tuple[Catalogue, tuple[Finding, ...]]:
    """The catalogue and every finding: the importer's and the audit's."""
    result = import_catalogue_file(entry(name).document)
    assert result.catalogue is not None, [f.message.en for f in result.findings]
    return result.catalogue, (*result.findings, *audit(result.catalogue))


def errors(name: str) -> list[Finding]:
    return [f for f in imported(name)[1] if f.severity is Severity.ERROR]


def warnings(name: str) -> list[Finding]:
    return [f for f in imported(name)[1] if f.severity is Severity.WARNING]


def at(finding: Finding, place: Json) -> bool:
    return finding.proposal == place["proposal"] and (
        finding.line in place["lines"] or finding.cell in place["cells"])


def in_kroner(values: tuple[Any, ...], unit: int) -> list[Decimal | None]:
    return [None if v is None else Decimal(v) * unit for v in values]


@pytest.mark.parametrize("name", cases("proposals"))
def test_every_proposal_is_found_in_order_with_its_title(name: str) -> None:
    catalogue, _ = imported(name)
    truth = entry(name).truth
    assert [(p.number, squash(p.title)) for p in catalogue.proposals] == [
        (p["number"], squash(p["title"])) for p in truth["proposals"]]
    assert list(catalogue.round.years) == truth["years"]


@pytest.mark.parametrize("name", cases("cells"))
def test_every_table_1_cell_is_read_exactly(name: str) -> None:
    catalogue, _ = imported(name)
    truth = entry(name).truth
    years = [str(y) for y in truth["years"]]
    for expected in truth["proposals"]:
        number = expected["number"]
        proposal = catalogue.proposal(number)
        assert proposal is not None and proposal.table is not None, number
        table = proposal.table
        assert [str(y) for y in table.years] == years, number
        unit = expected["table"]["unit_kr"]

        def want(row: Json) -> list[Decimal | None]:
            return [kroner(row["amounts"][y], unit) for y in years]  # noqa: B023

        rows = {row["row"]: row for row in expected["table"]["rows"]}
        for line in table.lines:
            row = rows.get(line.letter)
            if row is None:
                assert line.is_blank, (number, line)
                continue
            assert (line.code, squash(line.name) if line.name else None) == (
                row["code"], row["name"]), (number, line.letter)
            assert in_kroner(line.amounts, table.unit) == want(row), (number, line.letter)
        read = {line.letter for line in table.lines}
        assert {r for r in rows if r in "abcd"} <= read, number
        assert in_kroner(table.stated_subtotal, table.unit) == want(rows["e"]), number
        assert in_kroner(table.investment.amounts, table.unit) == want(rows["f"]), number
        assert in_kroner(table.derived_operating.amounts, table.unit) == want(rows["g"]), number
        assert in_kroner(table.stated_total, table.unit) == want(rows["I alt"]), number


@pytest.mark.parametrize("name", cases("sign"))
def test_the_sign_convention_line_is_kept(name: str) -> None:
    catalogue, _ = imported(name)
    expected = entry(name).truth["sign_convention"]
    convention = catalogue.sign_convention
    assert convention is not None
    assert (squash(convention.text), convention.line) == (
        squash(expected["text"]), expected["line"])


@pytest.mark.parametrize("name", cases("overview"))
def test_the_overview_rows_are_read_with_their_amounts(name: str) -> None:
    catalogue, _ = imported(name)
    truth = entry(name).truth
    expected = truth.get("overview")
    if expected is None:
        assert catalogue.overview is None
        return
    overview = catalogue.overview
    assert overview is not None
    years = [str(y) for y in truth["years"]]
    unit = expected["unit_kr"]
    read = [(row.line, row.kind, row.number,
             None if all(a is None for a in row.amounts)
             else in_kroner(row.amounts, overview.scale))
            for row in overview.rows]
    # A row names its proposal by the heading's number ("B&U 1" for an overview's "B&U1").
    assert read == [(row["line"], row["kind"], row.get("proposal", row.get("number")),
                     None if row["amounts"] is None
                     else [kroner(row["amounts"][y], unit) for y in years])
                    for row in expected["rows"]]


@pytest.mark.parametrize("name", cases("planted"))
def test_every_planted_discrepancy_is_an_error_at_its_place(name: str) -> None:
    found = errors(name)
    missed = [d["id"] for d in entry(name).truth["discrepancies"]
              if not any(at(f, d["at"]) for f in found)]
    assert missed == []


@pytest.mark.parametrize("name", cases("consistent"))
def test_no_consistent_statement_is_an_error(name: str) -> None:
    found = errors(name)
    wrong = [(s["proposal"], s["text"], [f.message.en for f in found
                                         if f.proposal == s["proposal"]
                                         and f.line in s["lines"]])
             for s in entry(name).truth["consistent"]]
    assert [w for w in wrong if w[2]] == []


@pytest.mark.parametrize("name", cases("unplanted"))
def test_no_error_stands_where_no_discrepancy_is_planted(name: str) -> None:
    places = [place for d in entry(name).truth["discrepancies"]
              for place in (d["at"], *d["also"])]
    stray = [(f.rule, f.proposal, f.line, f.cell, f.message.en) for f in errors(name)
             if not any(at(f, place) for place in places)]
    assert stray == []


@pytest.mark.parametrize("name", cases("warned"))
def test_every_expected_warning_is_a_warning_at_its_place(name: str) -> None:
    found = warnings(name)
    missed = [w["id"] for w in entry(name).truth["warnings"]
              if not any(at(f, w["at"]) for f in found)]
    assert missed == []


@pytest.mark.parametrize("name", cases("unwarned"))
def test_no_warning_stands_where_none_is_expected(name: str) -> None:
    truth = entry(name).truth
    places = [place for d in truth["discrepancies"] for place in (d["at"], *d["also"])]
    places += [w["at"] for w in truth["warnings"]]
    stray = [(f.rule, f.proposal, f.line, f.cell, f.message.en) for f in warnings(name)
             if not any(at(f, place) for place in places)]
    assert stray == []
