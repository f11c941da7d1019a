"""Proposal attributes derived from the seed: department, FTE, citizen impact."""

from __future__ import annotations

from decimal import Decimal

import pytest

from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.scenarios.attributes import (
    AttributeOverride,
    CitizenImpact,
    Divisibility,
    classify_citizen_impact,
    derive_attributes,
)
from budgetkatalog.scenarios.relations import Protected, relations_from_memo


@pytest.mark.parametrize(("number", "department", "fte"), [
    ("2.2", "Den Kriminalpræventive Enhed", "4"),
    ("2.3", "Sekretariat for Byudvikling & Erhverv", "2"),  # "Erhvervsteamet"
    ("2.4", "Økonomi & Stab", "5"),
    ("2.5", "Dagtilbud", "4.45"),          # by its heading area "4410 og 4490 Dagtilbud"
    ("2.8", "Borger & Arbejdsmarked", "14.9"),
    ("2.9", "Sundhed, Pleje & Omsorg", "3.2"),  # title says "Sundhed, Pleje og Omsorg"
    ("2.11", "Drift & Service", "1.7"),
])
def test_fte_comes_from_the_memo_table_matched_by_department_name(
        seed: Catalogue, number: str, department: str, fte: str) -> None:
    attributes, _ = derive_attributes(seed)
    assert attributes[number].department == department
    assert attributes[number].fte == Decimal(fte)
    assert attributes[number].fte_known


def test_an_area_only_match_does_not_take_a_row_claimed_by_a_title(
        seed: Catalogue) -> None:
    attributes, _ = derive_attributes(seed)
    # 2.12's area "Økonomi & Stab- Adm. og puljer" names its department, but the
    # memo's five årsværk for Økonomi & Stab belong to 2.4 and are counted once.
    assert attributes["2.12"].department == "Økonomi & Stab"
    assert attributes["2.12"].fte == 0 and attributes["2.12"].fte_known
    assert "no staff consequences" in attributes["2.12"].fte_source


def test_unknown_fte_counts_as_zero_with_a_warning_until_set(seed: Catalogue) -> None:
    attributes, findings = derive_attributes(seed)
    assert attributes["2.1"].fte == 0 and not attributes["2.1"].fte_known
    unknown = {f.proposal for f in findings if f.rule == "scenario.fte-unknown"}
    assert {"2.1", "2.13"} <= unknown and "2.3" not in unknown
    set_values, findings = derive_attributes(seed, (
        AttributeOverride("2.1", fte=Decimal(1), divisibility=Divisibility.SHARE),))
    assert set_values["2.1"].fte == 1 and set_values["2.1"].fte_source == "set"
    assert set_values["2.1"].divisibility is Divisibility.SHARE
    assert "2.1" not in {f.proposal for f in findings if f.rule == "scenario.fte-unknown"}


def test_an_override_for_a_missing_proposal_is_an_error(seed: Catalogue) -> None:
    _, findings = derive_attributes(seed, (AttributeOverride("9.9", fte=Decimal(1)),))
    assert [f.rule for f in findings if f.proposal == "9.9"] == [
        "scenario.override-unknown-proposal"]


@pytest.mark.parametrize(("number", "impact"), [
    ("2.13", CitizenImpact.NONE),     # "forventes ikke at have negativ betydning"
    ("2.15", CitizenImpact.NONE),     # "vurderes ikke at have direkte konsekvens"
    ("2.1", CitizenImpact.LIMITED),   # "berøre borgerne i mindre omfang"
    ("2.4", CitizenImpact.LIMITED),   # "berøre borgerne indirekte"
    ("2.2", CitizenImpact.DIRECT),
    ("2.6", CitizenImpact.DIRECT),    # one part has "ingen direkte konsekvenser", others do
    ("2.7", CitizenImpact.DIRECT),    # "Derimod har forslaget ... direkte konsekvens"
])
def test_citizen_impact_is_read_from_section_3(seed: Catalogue, number: str,
                                               impact: CitizenImpact) -> None:
    attributes, _ = derive_attributes(seed)
    assert attributes[number].citizen_impact is impact


def test_a_missing_section_3_is_unknown() -> None:
    assert classify_citizen_impact("") is None
    assert classify_citizen_impact(
        "De organisatoriske ændringer har ingen direkte konsekvenser for borgerne.") \
        is CitizenImpact.NONE


def test_the_memo_keeps_social_og_familie_out(seed: Catalogue) -> None:
    assert relations_from_memo(seed) == (
        Protected(department="Social & Familie", note="Social og Familie holdes ude"),)
