"""Scenario settings JSON: overrides and relations, and clear errors with their place."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from budgetkatalog.formats.scenario_settings import loads_settings
from budgetkatalog.scenarios.attributes import CitizenImpact, Divisibility
from budgetkatalog.scenarios.relations import MutuallyExclusive, Overlap, Protected, Requires

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / \
    "albertslund-2020-katalog-2-indstillinger.json"


def test_every_kind_of_setting_is_read() -> None:
    settings, findings = loads_settings(json.dumps({
        "attributes": {"2.8": {"fte": "14,9", "citizen_impact": "limited",
                               "divisibility": "share", "min_share_percent": 25}},
        "relations": [
            {"kind": "exclusive", "proposals": ["2.1", "2.7"], "note": "sammenlægninger"},
            {"kind": "requires", "proposal": "2.11", "required": "2.1"},
            {"kind": "overlap", "first": "2.4", "second": "2.12",
             "double_counted": {"2021": 300}},
            {"kind": "protected", "area_code": "4410"},
        ]}))
    assert findings == [] and settings is not None
    override = settings.overrides[0]
    assert (override.number, override.fte, override.citizen_impact, override.divisibility,
            override.min_share_percent) == ("2.8", Decimal("14.9"), CitizenImpact.LIMITED,
                                            Divisibility.SHARE, 25)
    assert settings.relations == (
        MutuallyExclusive(("2.1", "2.7"), "sammenlægninger"), Requires("2.11", "2.1"),
        Overlap.of("2.4", "2.12", {2021: 300}), Protected(area_code="4410"))


def test_problems_name_their_place_in_the_document() -> None:
    settings, findings = loads_settings(json.dumps({
        "attributes": {"2.1": {"fte": "mange", "colour": "blå"}},
        "relations": [{"kind": "protected"}, {"kind": "friends"},
                      {"kind": "exclusive", "proposals": ["2.1"]}]}))
    assert settings is None
    assert [f.cell for f in findings] == [
        "attributes.2.1.colour", "attributes.2.1.fte", "relations[0]",
        "relations[1].kind", "relations[2].proposals"]
    assert "skal være et antal årsværk" in findings[1].message.da


def test_broken_json_is_reported_with_its_line() -> None:
    settings, findings = loads_settings('{\n "attributes": }')
    assert settings is None and findings[0].cell == "linje 2"


def test_the_example_settings_set_the_memos_own_figures() -> None:
    settings, findings = loads_settings(EXAMPLE.read_text(encoding="utf-8"))
    assert findings == [] and settings is not None
    assert {o.number: o.fte for o in settings.overrides} == {"2.1": 1, "2.3": 2}


def test_unknown_choices_list_the_allowed_ones() -> None:
    _, findings = loads_settings(json.dumps({"attributes": {"2.2": {
        "citizen_impact": "some", "divisibility": "halves"}}}))
    assert [f.message.en for f in findings] == [
        "attributes.2.2.citizen_impact: must be none, limited or direct.",
        "attributes.2.2.divisibility: must be whole, share or lines."]


@pytest.mark.parametrize(("written", "value"), [
    ("1.5", Decimal("1.5")),          # a JSON number, exactly as written
    ("1.25", Decimal("1.25")),
    ('"1,5"', Decimal("1.5")),        # Danish decimal comma
    ('"-0,75"', Decimal("-0.75")),
    ("4", Decimal(4)),
    ('"12"', Decimal(12)),
])
def test_fte_numbers_and_danish_strings_give_their_documented_value(
        written: str, value: Decimal) -> None:
    settings, findings = loads_settings('{"attributes": {"2.4": {"fte": ' + written + '}}}')
    assert findings == [] and settings is not None
    assert settings.overrides[0].fte == value


@pytest.mark.parametrize(("written", "says"), [
    ('"1.500"', "får 1.500 årsværk, mere end grænsen på 100"),  # Danish: 1500
    ("1500", "får 1.500 årsværk, mere end grænsen på 100"),
    ('"1.50"', "decimalkomma"),  # a dot that is no thousands separator
    ('"4.45"', "decimalkomma"),
    ('"mange"', "decimalkomma"),
    ("true", "decimalkomma"),
])
def test_implausible_or_ambiguous_fte_is_an_error_naming_the_proposal(
        written: str, says: str) -> None:
    settings, findings = loads_settings('{"attributes": {"2.4": {"fte": ' + written + '}}}')
    assert settings is None and len(findings) == 1
    assert findings[0].proposal == "2.4" and findings[0].cell == "attributes.2.4.fte"
    assert says in findings[0].message.da


def test_the_fte_limit_can_be_set_and_whole_numbers_come_in_either_form() -> None:
    settings, findings = loads_settings(json.dumps({
        "fte_limit": "2.000",
        "attributes": {"2.4": {"fte": "1.500", "min_share_percent": 20.0}},
        "relations": [{"kind": "overlap", "first": "2.4", "second": "2.12",
                       "double_counted": {"2021": "1.200", "2022": 300}}]}))
    assert findings == [] and settings is not None
    assert settings.fte_limit == 2000 and settings.overrides[0].fte == 1500
    assert settings.overrides[0].min_share_percent == 20
    assert settings.relations == (Overlap.of("2.4", "2.12", {2021: 1200, 2022: 300}),)
    _, findings = loads_settings('{"fte_limit": 0}')
    assert [f.cell for f in findings] == ["fte_limit"]
