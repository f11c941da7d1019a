"""Open data: CSV and a Fiscal Data Package that frictionless validates and reads."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import frictionless

from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.exporters.open_data import table_csv, write_fiscal_data_package
from budgetkatalog.scenarios.decision import Decision, Scenario
from budgetkatalog.scenarios.evaluation import contribution
from tests.exporters.conftest import hostile


def test_the_fiscal_data_package_validates_and_reads_back_to_the_same_amounts(
        seed: Catalogue, tmp_path: Path) -> None:
    write_fiscal_data_package(seed, tmp_path)
    report = frictionless.validate(tmp_path / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = frictionless.Package(tmp_path / "datapackage.json")
    measure = package.custom["model"]["measures"]["amount"]
    assert measure == {"source": "amount", "currency": "DKK", "factor": 1000,
                       "direction": "expenditure", "phase": "proposed"}
    rows = package.get_resource("budget").read_rows()
    read = {(r["proposal"], r["line"], r["year"]): r["amount"] for r in rows}
    expected = {}
    for proposal in seed.proposals:
        table = proposal.table
        assert table is not None
        for line in (*table.lines, table.investment, table.derived_operating):
            for year, value in zip(table.years, line.amounts, strict=True):
                if value is not None:
                    expected[(proposal.number, line.letter, year)] = value
    assert read == expected
    assert all(isinstance(v, int) for v in read.values())
    # Per proposal the lines add up to the stated I alt.
    for proposal in seed.proposals:
        assert proposal.table is not None
        for index, year in enumerate(proposal.table.years):
            total = sum(v for (n, _, y), v in read.items() if n == proposal.number and y == year)
            assert total == proposal.table.total[index]


def test_the_package_marks_adopted_amounts_as_approved(seed: Catalogue,
                                                       tmp_path: Path) -> None:
    write_fiscal_data_package(seed, tmp_path, phase="approved")
    doc = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert doc["model"]["measures"]["amount"]["phase"] == "approved"


def test_a_package_with_a_broken_amount_does_not_validate(seed: Catalogue,
                                                          tmp_path: Path) -> None:
    """The validation can fail: a non-integer amount is caught."""
    write_fiscal_data_package(seed, tmp_path)
    path = tmp_path / "budget.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",-3795\n", ",-3795.5\n", 1),
                    encoding="utf-8")
    assert not frictionless.validate(tmp_path / "datapackage.json").valid


def test_the_csv_has_every_table_line_and_no_formula_text(seed: Catalogue) -> None:
    rows = list(csv.reader(io.StringIO(table_csv(seed))))
    assert rows[0] == ["group", "proposal", "title", "line", "code", "name",
                       "2020", "2021", "2022", "2023"]
    b = next(r for r in rows if r[1] == "2.8" and r[3] == "b")
    assert b[4:] == ["239030", "Analyse og Udvikling", "", "-633", "-633", "-633"]
    hostile_rows = list(csv.reader(io.StringIO(table_csv(hostile(seed)))))
    first = hostile_rows[1]
    assert first[2].startswith("'=1+2") and first[4] == "'+45 #set"
    assert first[5].startswith("'=HYPERLINK")


def test_the_agreements_package_holds_what_it_adopted_and_reads_back(
        seed: Catalogue, tmp_path: Path) -> None:
    """Phase approved: the adopted amounts only, a share exact, chosen lines with rows f
    and g; per proposal the same sums the scenarios count."""
    agreement = Scenario.of("Budgetaftale 2020", {
        "2.8": Decision.adopted(), "2.4": Decision.partial("0.375"),
        "2.10": Decision.chosen_lines("a"), "2.5": Decision.rejected()}, locked=True)
    write_fiscal_data_package(seed, tmp_path, agreement=agreement)
    report = frictionless.validate(tmp_path / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = frictionless.Package(tmp_path / "datapackage.json")
    assert package.custom["model"]["measures"]["amount"]["phase"] == "approved"
    rows = package.get_resource("budget").read_rows()
    assert {r["proposal"] for r in rows} == {"2.8", "2.4", "2.10"}
    assert {r["decision"] for r in rows if r["proposal"] == "2.4"} == {"partial"}
    assert {r["share"] for r in rows if r["proposal"] == "2.4"} == {Decimal("0.375")}
    years = seed.round.years
    for number in ("2.8", "2.4", "2.10"):
        proposal = seed.proposal(number)
        assert proposal is not None
        got = tuple(sum((Decimal(str(r["amount"])) for r in rows
                         if r["proposal"] == number and r["year"] == y), Decimal(0))
                    for y in years)
        assert got == contribution(proposal, agreement.decision(number), years), number
    assert {r["line"] for r in rows if r["proposal"] == "2.10"} <= {"a", "f", "g"}
