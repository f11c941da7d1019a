"""Both of the optimiser's methods against exhaustive search on small generated rounds.

Hypothesis draws rounds of up to 7 proposals over two years: savings and costs, FTE
(some negative: proposals that add staff), citizen impact, one target or two (in
proportion or not), with and without relations. The exhaustive search evaluates every
subset with the exact evaluation (``evaluate``), independently of both models, and
ranks the feasible ones by the objective and then the tie-break.
"""

from __future__ import annotations

import itertools
import random
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budgetkatalog.core.catalogue import Catalogue, ProposalGroup
from budgetkatalog.core.finding import Severity
from budgetkatalog.core.proposal import Proposal
from budgetkatalog.core.table import AmountsTable, TableLine
from budgetkatalog.core.years import BudgetRound
from budgetkatalog.scenarios.attributes import CitizenImpact, Divisibility, ProposalAttributes
from budgetkatalog.scenarios.decision import Scenario
from budgetkatalog.scenarios.evaluation import evaluate
from budgetkatalog.scenarios.optimiser import (
    TIE_BREAK,
    Limits,
    Method,
    Objective,
    Solution,
    Status,
    TieBreak,
    _solve_plain,
    _solve_single,
    objective_value,
    optimise,
    single_constraint,
)
from budgetkatalog.scenarios.relations import MutuallyExclusive, Overlap, Relation, Requires
from budgetkatalog.scenarios.round_setup import RoundSetup
from budgetkatalog.scenarios.targets import Targets

YEARS = (2021, 2022)


def _proposal(number: str, amounts: tuple[int, int]) -> Proposal:
    line = TableLine("a", None, "Linje a", amounts)
    blank = TableLine("f", None, None, (0, 0))
    table = AmountsTable("Test", YEARS, (line,), blank, TableLine("g", None, None, (0, 0)),
                         amounts, amounts)
    return Proposal(number, f"Forslag {number}", (), table)


@st.composite
def rounds(draw: st.DrawFn, with_relations: bool) -> RoundSetup:
    count = draw(st.integers(1, 7))
    numbers = [f"1.{i}" for i in range(1, count + 1)]
    proportional = draw(st.booleans())
    factor = draw(st.integers(1, 3))
    proposals = []
    attributes = {}
    for number in numbers:
        first = draw(st.integers(-60, 15))
        second = first * factor if proportional else draw(st.integers(-60, 15))
        proposals.append(_proposal(number, (first, second)))
        attributes[number] = ProposalAttributes(
            number, fte=Decimal(draw(st.integers(-10, 40))) / 10, fte_known=True,
            citizen_impact=draw(st.sampled_from(list(CitizenImpact))),
            divisibility=Divisibility.WHOLE)
    amounts = {2021: draw(st.integers(-150, 10))}
    if draw(st.booleans()):
        amounts[2022] = draw(st.integers(-300, 10))
    relations: list[Relation] = []
    if with_relations and count >= 2:
        for _ in range(draw(st.integers(1, 3))):
            first, second = draw(st.lists(st.sampled_from(numbers), min_size=2, max_size=2,
                                          unique=True))
            kind = draw(st.sampled_from(("exclusive", "requires", "overlap")))
            if kind == "exclusive":
                relations.append(MutuallyExclusive((first, second)))
            elif kind == "requires":
                relations.append(Requires(first, second))
            else:
                relations.append(Overlap.of(first, second, {
                    2021: draw(st.integers(0, 20)), 2022: draw(st.integers(0, 20))}))
    catalogue = Catalogue("Test", BudgetRound.from_years(YEARS), tuple(proposals),
                          (ProposalGroup("Test", tuple(numbers)),))
    return RoundSetup(catalogue, attributes, tuple(relations), Targets.of(amounts))


def exhaustive(setup: RoundSetup, objective: Objective) -> tuple[Decimal, Decimal] | None:
    """The least (objective, tie-break) over every feasible subset, or ``None``."""
    numbers = [p.number for p in setup.catalogue.proposals]
    best: tuple[Decimal, Decimal] | None = None
    for size in range(len(numbers) + 1):
        for chosen in itertools.combinations(numbers, size):
            evaluation = evaluate(setup, Scenario.adopting("alle", list(chosen)))
            if not evaluation.meets_targets or any(
                    f.severity is Severity.ERROR for f in evaluation.findings):
                continue
            key = (objective_value(objective, evaluation),
                   objective_value(TIE_BREAK[objective], evaluation))
            best = key if best is None or key < best else best
    return best


def _check(setup: RoundSetup, objective: Objective, method: Method | None) -> None:
    expected = exhaustive(setup, objective)
    result = optimise(setup, objective, method=method)
    if expected is None:
        assert result.status is Status.INFEASIBLE and result.best is None
        assert result.binding
        return
    assert result.status is Status.OPTIMAL and result.best is not None
    best = result.best
    assert best.proof.proven_optimal and best.tie_break is TieBreak.PROVEN
    assert best.evaluation.meets_targets
    assert (best.objective_value,
            objective_value(TIE_BREAK[objective], best.evaluation)) == expected
    if method is not None:
        assert best.proof.method is method
    untied = optimise(setup, objective, method=method, tie_break=False)
    assert untied.best is not None and untied.best.tie_break is TieBreak.OFF
    assert untied.best.proof.proven_optimal and untied.best.objective_value == expected[0]


@settings(max_examples=60, deadline=None)
@given(rounds(with_relations=False), st.sampled_from(list(Objective)))
def test_without_relations_both_methods_find_the_exhaustive_optimum(
        setup: RoundSetup, objective: Objective) -> None:
    _check(setup, objective, Method.MILP)
    if single_constraint(setup, Limits(), objective) is not None:
        _check(setup, objective, Method.KNAPSACK)
    _check(setup, objective, None)


@settings(max_examples=60, deadline=None)
@given(rounds(with_relations=True), st.sampled_from(list(Objective)))
def test_with_relations_the_chosen_method_finds_the_exhaustive_optimum(
        setup: RoundSetup, objective: Objective) -> None:
    _check(setup, objective, None)
    _check(setup, objective, Method.MILP)


def test_one_target_year_without_relations_goes_to_the_knapsack() -> None:
    setup = RoundSetup(
        Catalogue("Test", BudgetRound.from_years(YEARS),
                  (_proposal("1.1", (-10, -20)), _proposal("1.2", (-5, 7))), ()),
        {n: ProposalAttributes(n, fte=Decimal(1), fte_known=True) for n in ("1.1", "1.2")},
        (), Targets.of({2021: -8}))
    result = optimise(setup, Objective.FTE)
    assert result.best is not None and result.best.proof.method is Method.KNAPSACK
    assert result.best.evaluation.adopted == ("1.1",)


def test_targets_in_proportion_bind_at_the_strictest() -> None:
    # 2022 doubles 2021, so its target of -30 is 2021's -15: stricter than -12
    setup = RoundSetup(
        Catalogue("Test", BudgetRound.from_years(YEARS),
                  (_proposal("1.1", (-10, -20)), _proposal("1.2", (-6, -12)),
                   _proposal("1.3", (-14, -28))), ()),
        {n: ProposalAttributes(n, fte=Decimal(1), fte_known=True)
         for n in ("1.1", "1.2", "1.3")}, (), Targets.of({2021: -12, 2022: -30}))
    problem = single_constraint(setup, Limits(), Objective.COUNT)
    assert problem is not None and problem.bound == -15
    result = optimise(setup, Objective.COUNT)
    assert result.best is not None and result.best.proof.method is Method.KNAPSACK
    assert result.best.evaluation.meets_targets and result.best.objective_value == 2


def test_targets_not_in_proportion_or_relations_go_to_the_milp() -> None:
    catalogue = Catalogue("Test", BudgetRound.from_years(YEARS),
                          (_proposal("1.1", (-10, -20)), _proposal("1.2", (-6, -6))), ())
    attributes = {n: ProposalAttributes(n, fte=Decimal(1), fte_known=True)
                  for n in ("1.1", "1.2")}
    uneven = RoundSetup(catalogue, attributes, (), Targets.of({2021: -12, 2022: -12}))
    related = RoundSetup(catalogue, attributes, (Requires("1.2", "1.1"),),
                         Targets.of({2021: -12}))
    for setup in (uneven, related):
        assert single_constraint(setup, Limits(), Objective.FTE) is None
        result = optimise(setup, Objective.FTE)
        assert result.best is not None and result.best.proof.method is Method.MILP
    capped = RoundSetup(catalogue, attributes, (), Targets.of({2021: -12}))
    assert single_constraint(capped, Limits(max_fte=Decimal(1)), Objective.COUNT) is None
    assert single_constraint(capped, Limits(max_fte=Decimal(1)), Objective.FTE) is not None


def test_an_fte_cap_below_the_knapsacks_optimum_is_infeasible_and_named() -> None:
    setup = RoundSetup(
        Catalogue("Test", BudgetRound.from_years(YEARS),
                  (_proposal("1.1", (-10, -10)), _proposal("1.2", (-6, -6))), ()),
        {n: ProposalAttributes(n, fte=Decimal(2), fte_known=True) for n in ("1.1", "1.2")},
        (), Targets.of({2021: -12}))
    result = optimise(setup, Objective.FTE, Limits(max_fte=Decimal(3)))
    assert result.status is Status.INFEASIBLE
    assert [b.kind for b in result.binding] == ["max-fte"]


def _correlated_round(seed: int, count: int = 90) -> RoundSetup:
    """One target year; FTE follows the saving (saving over a salary of 450–650, two
    decimals): the correlated knapsack, where the MILP starts from a solution found
    near its relaxation (more binaries than that neighbourhood leaves free)."""
    rng = random.Random(seed)
    numbers = [f"3.{i}" for i in range(1, count + 1)]
    proposals = []
    attributes = {}
    for number in numbers:
        saving = rng.randint(100, 6000)
        proposals.append(_proposal(number, (-saving, -saving)))
        attributes[number] = ProposalAttributes(
            number, fte=(Decimal(saving) / rng.randint(450, 650)).quantize(Decimal("0.01")),
            fte_known=True, divisibility=Divisibility.WHOLE)
    total = sum(-p.total(YEARS)[0] for p in proposals)
    catalogue = Catalogue("Test", BudgetRound.from_years(YEARS), tuple(proposals),
                          (ProposalGroup("Test", tuple(numbers)),))
    return RoundSetup(catalogue, attributes, (), Targets.of({2021: -(total * 2 // 5)}))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_on_a_larger_correlated_round_both_exact_methods_agree(seed: int) -> None:
    setup = _correlated_round(seed)
    assert single_constraint(setup, Limits(), Objective.FTE) is not None
    knapsack = optimise(setup, Objective.FTE, method=Method.KNAPSACK).best
    milp = optimise(setup, Objective.FTE, method=Method.MILP).best
    assert knapsack is not None and milp is not None
    assert milp.proof.proven_optimal and milp.tie_break is TieBreak.PROVEN
    assert milp.evaluation.meets_targets
    assert (milp.objective_value, milp.evaluation.proposal_count) == \
        (knapsack.objective_value, knapsack.evaluation.proposal_count)


def test_a_tie_break_re_solve_with_an_overlap_adopts_nothing_needless() -> None:
    # Found by the exhaustive test: with HiGHS's light presolve the re-solve for the
    # tie-break (fewest proposals among the impact optima) called adopting 1.3 optimal.
    proposals = (_proposal("1.1", (-1, -1)),
                 *(_proposal(f"1.{i}", (0, 0)) for i in range(2, 8)))
    setup = RoundSetup(
        Catalogue("Test", BudgetRound.from_years(YEARS), proposals, ()),
        {p.number: ProposalAttributes(p.number, fte=Decimal(0), fte_known=True)
         for p in proposals},
        (Overlap.of("1.1", "1.4", {2021: 2, 2022: 0}), Requires("1.2", "1.3")),
        Targets.of({2021: 0}))
    result = optimise(setup, Objective.IMPACT, method=Method.MILP)
    assert result.best is not None and result.best.tie_break is TieBreak.PROVEN
    assert result.best.evaluation.adopted == ()


@st.composite
def plain_rounds(draw: st.DrawFn) -> RoundSetup:
    """One target year, no relations, whole proposals: the knapsack's plain path. The
    numbers come in any order (1.10 before 1.9), some proposals save nothing or cost
    money, some add staff, and FTE has up to two decimals."""
    count = draw(st.integers(1, 12))
    numbers = draw(st.permutations([f"1.{i}" for i in range(1, count + 1)]))
    proposals = []
    attributes = {}
    for number in numbers:
        amount = draw(st.integers(-60, 15))
        proposals.append(_proposal(number, (amount, draw(st.integers(-60, 15)))))
        attributes[number] = ProposalAttributes(
            number, fte=Decimal(draw(st.integers(-10, 400))) / draw(st.sampled_from((1, 100))),
            fte_known=True, citizen_impact=draw(st.sampled_from(list(CitizenImpact))),
            divisibility=Divisibility.WHOLE)
    catalogue = Catalogue("Test", BudgetRound.from_years(YEARS), tuple(proposals),
                          (ProposalGroup("Test", tuple(numbers)),))
    year = draw(st.sampled_from(YEARS))
    return RoundSetup(catalogue, attributes, (),
                      Targets.of({year: draw(st.integers(-300, 10))}))


@settings(max_examples=200, deadline=None)
@given(plain_rounds(), st.sampled_from(list(Objective)), st.booleans())
def test_the_plain_path_gives_the_general_knapsack_paths_answer(
        setup: RoundSetup, objective: Objective, tie_break: bool) -> None:
    """The plain path (the setup's arrays) and the general one (candidates, the
    single-constraint check, ``_solve_single``) give the same answer, field by field."""
    plain = _solve_plain(setup, objective, tie_break)
    problem = single_constraint(setup, Limits(), objective)
    general = _solve_single(setup, problem, Limits(), objective, tie_break) \
        if problem is not None else None
    if general is None:  # no single constraint: the targets' year saves nothing
        assert plain is None
        return
    assert plain is not None
    if isinstance(general, Solution):
        assert isinstance(plain, Solution)
        assert plain.scenario == general.scenario
        assert plain.scenario == Scenario.of("Optimeret", general.scenario.as_dict())
        assert str(plain.objective_value) == str(general.objective_value)
        assert plain.proof == general.proof and plain.tie_break == general.tie_break
        assert plain.evaluation == general.evaluation
    else:
        assert plain is general
    result = optimise(setup, objective, tie_break=tie_break)
    assert result.best == (plain if isinstance(plain, Solution) else None)


def test_other_shapes_leave_the_plain_path() -> None:
    catalogue = Catalogue("Test", BudgetRound.from_years(YEARS),
                          (_proposal("1.1", (-10, -20)), _proposal("1.2", (-6, -12))), ())
    known = {n: ProposalAttributes(n, fte=Decimal(1), fte_known=True)
             for n in ("1.1", "1.2")}
    target = Targets.of({2021: -8})
    assert _solve_plain(RoundSetup(catalogue, known, (), target), Objective.FTE, True) \
        is not None
    unknown = {**known, "1.2": ProposalAttributes("1.2")}
    share = {**known, "1.2": ProposalAttributes("1.2", fte=Decimal(1), fte_known=True,
                                                divisibility=Divisibility.SHARE)}
    twice = Catalogue("Test", BudgetRound.from_years(YEARS),
                      (_proposal("1.1", (-10, -20)), _proposal("1.1", (-6, -12))), ())
    for setup in (RoundSetup(catalogue, unknown, (), target),
                  RoundSetup(catalogue, share, (), target),
                  RoundSetup(twice, known, (), target),
                  RoundSetup(catalogue, known, (), Targets.of({2021: -8, 2022: -16})),
                  RoundSetup(catalogue, known, (), Targets.of({2023: -8}))):
        assert _solve_plain(setup, Objective.FTE, True) is None
    # an unknown FTE still gets its own answer, through the general path
    assert optimise(RoundSetup(catalogue, unknown, (), target), Objective.FTE).status \
        is Status.FTE_UNKNOWN


@settings(max_examples=100, deadline=None)
@given(plain_rounds(), st.sampled_from(list(Objective)),
       st.lists(st.integers(-300, 10), min_size=2, max_size=5))
def test_one_prepared_round_answers_every_target_as_a_fresh_setup_does(
        setup: RoundSetup, objective: Objective, targets: list[int]) -> None:
    """The knapsack prepared for one target is reused for the next (``with_targets``):
    each answer is the one a setup built afresh for that target gives."""
    [(year, _)] = setup.targets.amounts
    optimise(setup, objective)
    for amount in targets:
        derived = setup.with_targets(Targets.of({year: amount}))
        assert derived.columns is setup.columns and derived.prepared is setup.prepared
        fresh = RoundSetup(setup.catalogue, setup.attributes, (), Targets.of({year: amount}))
        reused, alone = optimise(derived, objective), optimise(fresh, objective)
        assert reused.status is alone.status
        if alone.best is None:
            assert reused.best is None
            continue
        assert reused.best is not None
        assert reused.best.scenario == alone.best.scenario
        assert str(reused.best.objective_value) == str(alone.best.objective_value)
        assert reused.best.proof == alone.best.proof
        assert reused.best.evaluation == alone.best.evaluation
        assert reused.best.evaluation.meets_targets
