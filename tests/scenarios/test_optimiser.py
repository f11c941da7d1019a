"""The optimiser against exhaustive search over the seed's administration proposals.

HiGHS really runs. The exhaustive search tries all 2^15 subsets of 2.1–2.15 with the
same attributes and relations, coded independently of the optimiser's model.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

import pytest

from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.scenarios.attributes import AttributeOverride, Divisibility
from budgetkatalog.scenarios.evaluation import evaluate
from budgetkatalog.scenarios.optimiser import (
    BindingKind,
    Limits,
    Objective,
    Status,
    objective_value,
    optimise,
)
from budgetkatalog.scenarios.relations import (
    MutuallyExclusive,
    Overlap,
    Protected,
    Relation,
    Requires,
)
from budgetkatalog.scenarios.round_setup import RoundSetup, build_setup
from budgetkatalog.scenarios.targets import Targets

TARGET = -25700


def exhaustive(setup: RoundSetup, numbers: tuple[str, ...],
               objective: Objective) -> tuple[Decimal | None, int]:
    """The least cost over all feasible subsets, and how many subsets reach it."""
    years = setup.years
    totals = [setup.catalogue.proposal(n).total(years) for n in numbers]  # type: ignore[union-attr]
    attrs = [setup.attributes_of(n) for n in numbers]
    index = {n: i for i, n in enumerate(numbers)}
    excluded = {i for i, n in enumerate(numbers)
                if setup.protection_of(setup.catalogue.proposal(n)) is not None}  # type: ignore[arg-type]
    targets = [(years.index(y), amount) for y, amount in setup.targets.amounts]
    best: Decimal | None = None
    ties = 0
    for mask in range(1 << len(numbers)):
        chosen = [i for i in range(len(numbers)) if mask >> i & 1]
        if excluded & set(chosen) or not _relations_hold(setup.relations, index, mask):
            continue
        sums = [sum(totals[i][y] for i in chosen) for y in range(len(years))]
        for relation in setup.relations:
            if isinstance(relation, Overlap) and mask >> index[relation.first] & 1 \
                    and mask >> index[relation.second] & 1:
                sums = [s + relation.amount_for(year) for s, year in zip(sums, years,
                                                                          strict=True)]
        if any(sums[y] > amount for y, amount in targets):
            continue
        if objective is Objective.FTE:
            cost = sum((attrs[i].fte for i in chosen), Decimal(0))
        elif objective is Objective.COUNT:
            cost = Decimal(len(chosen))
        else:
            cost = Decimal(sum(setup.impact_weights[attrs[i].citizen_impact] for i in chosen))
        if best is None or cost < best:
            best, ties = cost, 1
        elif cost == best:
            ties += 1
    return best, ties


def _relations_hold(relations: tuple[Relation, ...], index: dict[str, int], mask: int) -> bool:
    def on(number: str) -> bool:
        return bool(mask >> index[number] & 1)
    for relation in relations:
        if isinstance(relation, MutuallyExclusive) and \
                sum(on(n) for n in relation.proposals) > 1:
            return False
        if isinstance(relation, Requires) and on(relation.proposal) \
                and not on(relation.required):
            return False
    return True


# FTE the example does not state, as finance staff would fill them in: 2.1 removes a
# department head; 2.13-2.15 change no posts.
FILLED_IN = (AttributeOverride("2.1", fte=Decimal(1)),
             *(AttributeOverride(n, fte=Decimal(0)) for n in ("2.13", "2.14", "2.15")))


def admin_setup(seed: Catalogue, administration: tuple[str, ...], target: int = TARGET,
                relations: tuple[Relation, ...] = ()) -> RoundSetup:
    setup = build_setup(seed, Targets.from_year(2021, seed.round.years, target), relations,
                        FILLED_IN)
    return replace(setup, catalogue=replace(seed, proposals=tuple(
        p for p in seed.proposals if p.number in administration)))


@pytest.mark.parametrize("objective", list(Objective))
def test_the_optimum_equals_exhaustive_search_for_the_memos_target(
        seed: Catalogue, administration: tuple[str, ...], objective: Objective) -> None:
    setup = admin_setup(seed, administration)
    result = optimise(setup, objective)
    best, _ = exhaustive(setup, administration, objective)
    assert result.status is Status.OPTIMAL
    assert result.best is not None and best is not None
    assert result.best.objective_value == best
    assert result.best.evaluation.meets_targets
    assert all(result.best.evaluation.total_for(y) <= TARGET for y in (2021, 2022, 2023))
    proof = result.best.proof
    assert proof.model_status == "Optimal" and proof.proven_optimal
    assert abs(proof.dual_bound - float(best)) < 1e-6


RELATIONS: tuple[Relation, ...] = (
    MutuallyExclusive(("2.8", "2.6"), "enten Borger & Arbejdsmarked eller Skoler"),
    MutuallyExclusive(("2.1", "2.7", "2.11")),
    Requires("2.5", "2.9"),
    Requires("2.12", "2.4"),
    Overlap.of("2.4", "2.12", {2021: 300, 2022: 300, 2023: 300}),
    Protected(department="Miljø & Teknik"),
)


@pytest.mark.parametrize("objective", list(Objective))
def test_the_optimum_equals_exhaustive_search_under_relations(
        seed: Catalogue, administration: tuple[str, ...], objective: Objective) -> None:
    setup = admin_setup(seed, administration, -17000, RELATIONS)
    result = optimise(setup, objective)
    best, _ = exhaustive(setup, administration, objective)
    assert result.best is not None and result.best.objective_value == best
    evaluation = result.best.evaluation
    assert evaluation.meets_targets
    assert not [f for f in evaluation.findings if f.severity == "error"]
    assert "2.10" not in evaluation.adopted


def test_alternatives_differ_and_are_no_better_than_the_optimum(
        seed: Catalogue, administration: tuple[str, ...]) -> None:
    setup = admin_setup(seed, administration)
    result = optimise(setup, Objective.COUNT, alternatives=3, min_distance=2)
    assert result.best is not None and len(result.alternatives) == 3
    best, ties = exhaustive(setup, administration, Objective.COUNT)
    # Equal-sized subsets differ in at least two proposals, so every tied optimum
    # comes first, then the next best.
    values = [s.objective_value for s in (result.best, *result.alternatives)]
    assert ties == 3 and values == [best, best, best, best + 1]  # type: ignore[operator]
    found = [set(s.evaluation.adopted) for s in (result.best, *result.alternatives)]
    for i, first in enumerate(found):
        for second in found[i + 1:]:
            assert len(first ^ second) >= 2
    for alternative in result.alternatives:
        assert alternative.objective_value >= result.best.objective_value
        assert alternative.evaluation.meets_targets


def test_an_unreachable_target_names_the_year_and_the_best_reachable_total(
        seed: Catalogue, administration: tuple[str, ...]) -> None:
    setup = admin_setup(seed, administration, -30000)
    result = optimise(setup, Objective.FTE)
    assert result.status is Status.INFEASIBLE and result.best is None
    assert [(b.kind, b.year, b.best) for b in result.binding] == [
        (BindingKind.TARGET, year, -28078) for year in (2021, 2022, 2023)]
    assert "højst give -28.078 (mangler 1.922)" in result.binding[0].message.da
    assert {f.rule for f in result.findings} == {"optimise.infeasible.target"}


def test_an_fte_cap_that_blocks_the_target_is_named(
        seed: Catalogue, administration: tuple[str, ...]) -> None:
    setup = admin_setup(seed, administration)
    result = optimise(setup, Objective.COUNT, Limits(max_fte=Decimal(20)))
    assert result.status is Status.INFEASIBLE
    assert {b.kind for b in result.binding} == {BindingKind.MAX_FTE}
    assert "loftet på 20 årsværk" in result.binding[0].message.da


def test_a_cap_that_allows_the_target_is_respected(
        seed: Catalogue, administration: tuple[str, ...]) -> None:
    setup = admin_setup(seed, administration)
    result = optimise(setup, Objective.COUNT, Limits(max_fte=Decimal(47)))
    assert result.best is not None and result.best.evaluation.fte_saved <= 47


def test_excluding_a_department_that_is_needed_is_named(
        seed: Catalogue, administration: tuple[str, ...]) -> None:
    setup = admin_setup(seed, administration)
    result = optimise(setup, Objective.FTE,
                      Limits(excluded_departments=("Borger & Arbejdsmarked",)))
    assert [b.kind for b in result.binding] == [BindingKind.EXCLUSIONS] * 3
    assert result.binding[0].best == -28078 + 7666


def test_targets_that_conflict_only_together_are_named(seed: Catalogue) -> None:
    # 2.16 and 2.17 exclude each other: 2020 needs 2.16, 2022 needs 2.17.
    setup = build_setup(seed, Targets.of({2020: -1000, 2022: -1000}),
                        (MutuallyExclusive(("2.16", "2.17")),))
    result = optimise(setup, Objective.COUNT, Limits(candidates=("2.16", "2.17")))
    assert result.status is Status.INFEASIBLE
    assert [b.kind for b in result.binding] == [BindingKind.RELATIONS]


def _shares(seed: Catalogue, administration: tuple[str, ...]) -> RoundSetup:
    setup = admin_setup(seed, administration)
    overrides = (AttributeOverride("2.8", divisibility=Divisibility.SHARE,
                                   min_share_percent=20),
                 AttributeOverride("2.6", divisibility=Divisibility.LINES))
    attributes = dict(setup.attributes)
    rebuilt = build_setup(seed, setup.targets, overrides=(*FILLED_IN, *overrides))
    attributes.update({n: rebuilt.attributes[n] for n in ("2.8", "2.6")})
    return replace(setup, attributes=attributes)


def test_partial_adoption_is_exact_and_never_worse_than_whole(
        seed: Catalogue, administration: tuple[str, ...]) -> None:
    setup = _shares(seed, administration)
    whole, _ = exhaustive(admin_setup(seed, administration), administration, Objective.FTE)
    result = optimise(setup, Objective.FTE)
    assert result.best is not None and whole is not None
    evaluation = result.best.evaluation
    assert result.status is Status.OPTIMAL and evaluation.meets_targets
    assert result.best.objective_value <= whole
    assert objective_value(Objective.FTE, evaluate(setup, result.best.scenario)) \
        == result.best.objective_value
    share = result.best.scenario.decision("2.8").share
    assert share is None or Decimal("0.2") <= share < 1


def test_every_solution_is_checked_by_exact_evaluation(
        seed: Catalogue, administration: tuple[str, ...]) -> None:
    setup = _shares(seed, administration)
    for objective in Objective:
        result = optimise(setup, objective, alternatives=2)
        for solution in _all(result.best, result.alternatives):
            assert solution.evaluation.meets_targets
            assert not [f for f in solution.evaluation.findings if f.severity == "error"]


def _all(best: object, alternatives: tuple[object, ...]) -> Iterator[object]:
    if best is not None:
        yield best
    yield from alternatives


def test_ties_are_broken_by_the_fewest_proposals(
        seed: Catalogue, administration: tuple[str, ...]) -> None:
    setup = admin_setup(seed, administration)
    totals = {n: setup.catalogue.proposal(n).total(setup.years)  # type: ignore[union-attr]
              for n in administration}
    best: tuple[Decimal, int] | None = None
    for mask in range(1 << len(administration)):
        chosen = [n for i, n in enumerate(administration) if mask >> i & 1]
        if any(sum(totals[n][y] for n in chosen) > TARGET for y in (1, 2, 3)):
            continue
        key = (sum((setup.attributes_of(n).fte for n in chosen), Decimal(0)), len(chosen))
        best = key if best is None or key < best else best
    result = optimise(setup, Objective.FTE)
    assert result.best is not None and best is not None
    assert (result.best.objective_value, result.best.evaluation.proposal_count) == best
    # 2.13 and 2.14 save nothing and cost no FTE: a tie only the second measure breaks.
    assert not {"2.13", "2.14"} & set(result.best.evaluation.adopted)
    untied = optimise(setup, Objective.FTE, tie_break=False)
    assert untied.best is not None and untied.best.objective_value == best[0]


def test_unknown_fte_is_never_counted_as_zero(seed: Catalogue,
                                              administration: tuple[str, ...]) -> None:
    setup = build_setup(seed, Targets.from_year(2021, seed.round.years, TARGET))
    for objective, limits in ((Objective.FTE, Limits(candidates=administration)),
                              (Objective.COUNT, Limits(candidates=administration,
                                                       max_fte=Decimal(47)))):
        result = optimise(setup, objective, limits)
        assert result.status is Status.FTE_UNKNOWN and result.best is None
        assert result.fte_unknown == ("2.1", "2.13", "2.14", "2.15")
        assert "2.1, 2.13, 2.14, 2.15" in result.findings[0].message.da
    # Counting proposals needs no FTE.
    assert optimise(setup, Objective.COUNT, Limits(candidates=administration)).best


def test_proposals_without_fte_can_be_left_out(seed: Catalogue,
                                               administration: tuple[str, ...]) -> None:
    setup = build_setup(seed, Targets.from_year(2021, seed.round.years, TARGET))
    left_out = ("2.1", "2.13", "2.14", "2.15")
    result = optimise(setup, Objective.FTE, Limits(candidates=administration,
                                                   excluded_proposals=left_out))
    assert result.status is Status.OPTIMAL and result.best is not None
    assert not set(left_out) & set(result.best.evaluation.adopted)
    assert not result.best.evaluation.fte_unknown
    # A finance-set "not set" FTE is unknown even where the memo states one.
    unset = build_setup(seed, setup.targets, overrides=(
        AttributeOverride("2.8", fte_unknown=True),))
    assert not unset.attributes_of("2.8").fte_known
    assert optimise(unset, Objective.FTE, Limits(
        candidates=administration, excluded_proposals=left_out)).fte_unknown == ("2.8",)
