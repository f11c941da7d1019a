"""Evaluating scenarios on the seed: totals against targets, FTE, breakdowns, findings."""

from __future__ import annotations

from decimal import Decimal

import pytest

from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.core.proposal import Proposal
from budgetkatalog.scenarios.attributes import AttributeOverride, Divisibility
from budgetkatalog.scenarios.decision import Decision, Scenario
from budgetkatalog.scenarios.evaluation import evaluate
from budgetkatalog.scenarios.relations import (
    MutuallyExclusive,
    Overlap,
    Protected,
    Requires,
)
from budgetkatalog.scenarios.round_setup import RoundSetup, build_setup, line_weights
from budgetkatalog.scenarios.targets import Targets


@pytest.fixture(scope="module")
def setup(seed: Catalogue) -> RoundSetup:
    return build_setup(seed, Targets.from_year(2021, seed.round.years, -25700), overrides=(
        AttributeOverride("2.8", divisibility=Divisibility.LINES),
        AttributeOverride("2.10", divisibility=Divisibility.SHARE),
    ))


def test_all_administration_proposals_meet_the_memos_target(
        setup: RoundSetup, administration: tuple[str, ...]) -> None:
    evaluation = evaluate(setup, Scenario.adopting("Alle", administration))
    assert [r.total for r in evaluation.years] == [-13303, -28078, -28078, -28078]
    assert [r.met for r in evaluation.years] == [None, True, True, True]
    assert evaluation.years[1].margin == 2378
    assert evaluation.meets_targets
    # The memo's table rows add up to 49,65 årsværk (it states 49,7); each row
    # belongs to one proposal, 2.3's "Erhvervsteamet" to "Byudvikling & Erhverv".
    assert evaluation.fte_saved == Decimal("49.65")
    assert "2.3" not in evaluation.fte_unknown and "2.1" in evaluation.fte_unknown
    assert "2.13" not in evaluation.citizen_consequences
    assert "2.1" in evaluation.citizen_consequences


def test_a_scenario_short_of_the_target_says_by_how_much(setup: RoundSetup) -> None:
    evaluation = evaluate(setup, Scenario.adopting("Lille", ["2.8", "2.6"]))
    assert evaluation.total_for(2021) == -10993
    assert not evaluation.meets_targets
    missed = [f for f in evaluation.findings if f.rule == "scenario.target-missed"]
    assert len(missed) == 3
    assert "mangler 14.707" in missed[0].message.da


def test_breakdowns_by_department_area_and_group(setup: RoundSetup) -> None:
    evaluation = evaluate(setup, Scenario.adopting("To", ["2.4", "2.12", "2.16"]))
    departments = {b.key: b for b in evaluation.by_department}
    # 2.12's area "8291 – Økonomi & Stab- Adm. og puljer" names its department;
    # nothing states 2.16's.
    assert departments["Økonomi & Stab"].proposals == ("2.4", "2.12")
    assert departments[None].proposals == ("2.16",)
    areas = {b.key: b.totals for b in evaluation.by_area}
    assert areas["8290"] == (-1000, -2784, -2784, -2784)
    groups = {b.key: b.proposals for b in evaluation.by_group}
    assert groups == {"Administrationsanalysen": ("2.4", "2.12"),
                      "1.6 Analyse af Jobcentret": ("2.16",)}


def test_a_share_scales_amounts_and_fte_exactly(setup: RoundSetup) -> None:
    evaluation = evaluate(setup, Scenario.of("Del", {"2.10": Decision.partial("0.37")}))
    assert evaluation.total_for(2020) == Decimal("-396.27")
    assert evaluation.fte_saved == Decimal("1.48")


def test_chosen_lines_add_their_own_amounts(setup: RoundSetup) -> None:
    scenario = Scenario.of("Linjer", {"2.8": Decision.chosen_lines("a", "c")})
    evaluation = evaluate(setup, scenario)
    assert [r.total for r in evaluation.years] == [-3517, -7033, -7033, -7033]
    # Lines a, b, c sum to 13.283, 1.899 and 11.333 of 26.515 over the years:
    # 50,10 %, 7,16 % and 42,74 %; rounded down to 50 + 7 + 42, the percent left over
    # goes to c, which has the largest remainder.
    assert line_weights(seed_proposal(setup, "2.8")) == {"a": 50, "b": 7, "c": 43}
    assert evaluation.fte_saved == Decimal("14.9") * Decimal("0.93")


def seed_proposal(setup: RoundSetup, number: str) -> Proposal:
    proposal = setup.catalogue.proposal(number)
    assert proposal is not None
    return proposal


def test_lines_of_mixed_sign_weigh_equally(setup: RoundSetup) -> None:
    # 2.16 saves on A-dagpenge (line a) and spends on staff (line b).
    assert line_weights(seed_proposal(setup, "2.16")) == {"a": 50, "b": 50}


@pytest.mark.parametrize(("decision", "rule"), [
    (Decision.partial("0.5"), "scenario.partial-not-allowed"),
    (Decision.chosen_lines("a"), "scenario.lines-not-allowed"),
])
def test_a_part_of_a_whole_proposal_is_an_error(setup: RoundSetup, decision: Decision,
                                                rule: str) -> None:
    evaluation = evaluate(setup, Scenario.of("Forkert", {"2.4": decision}))
    assert rule in {f.rule for f in evaluation.findings}


def test_bad_shares_lines_and_numbers_are_errors(setup: RoundSetup) -> None:
    scenario = Scenario.of("Forkert", {"2.10": Decision.partial("1.5"),
                                       "2.8": Decision.chosen_lines("d"),
                                       "7.7": Decision.adopted()})
    rules = {f.rule for f in evaluate(setup, scenario).findings}
    assert {"scenario.share-out-of-range", "scenario.lines-unknown",
            "scenario.unknown-proposal"} <= rules


def test_broken_relations_are_findings(seed: Catalogue) -> None:
    setup = build_setup(seed, relations=(
        MutuallyExclusive(("2.1", "2.7"), "alternative sammenlægninger"),
        Requires("2.11", "2.1"),
        Overlap.of("2.4", "2.12", {2020: 100, 2021: 100}),
        Protected(area_code="2390"),
    ))
    scenario = Scenario.adopting("Brud", ["2.1", "2.7", "2.4", "2.12", "2.8", "2.11"])
    evaluation = evaluate(setup, scenario)
    rules = [f.rule for f in evaluation.findings]
    assert "scenario.exclusive-broken" in rules
    assert "scenario.protected-adopted" in rules
    assert "scenario.overlap-counted" in rules
    assert "scenario.requires-broken" not in rules
    assert evaluation.years[0].overlap_correction == 100
    assert evaluation.total_for(2022) == -900 - 1867 - 2784 - 800 - 7666 - 750
    without = evaluate(setup, scenario.with_decision("2.1", Decision.rejected()))
    assert "scenario.requires-broken" in [f.rule for f in without.findings]


def test_a_locked_agreement_refuses_changes_but_can_be_copied() -> None:
    agreement = Scenario.adopting("Budgetaftale 2020", ["2.4"]).lock()
    with pytest.raises(ValueError, match="locked"):
        agreement.with_decision("2.5", Decision.adopted())
    draft = agreement.copy("Udkast").with_decision("2.5", Decision.adopted())
    assert draft.adopted_numbers == ("2.4", "2.5") and not draft.locked
