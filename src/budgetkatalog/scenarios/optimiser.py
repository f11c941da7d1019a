"""The optimiser: choose proposals that reach every year's target at the least cost,
solved as a mixed-integer linear programme by HiGHS.

The model is documented in ``docs/optimiser.md``. In short: one binary per whole
proposal, an integer percentage (with an on/off binary and a minimum share) per
proposal that may be adopted in part, one binary per budget line for proposals whose
lines may be chosen; one row per target year, scaled by 100 so every coefficient is a
whole number and the solver's answer can be checked exactly; rows for relations and
caps. Every answer is re-evaluated with exact ``Decimal`` arithmetic by
:func:`budgetkatalog.scenarios.evaluation.evaluate`.
"""

from __future__ import annotations

import importlib
import math
import time
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from functools import cached_property
from types import ModuleType
from typing import Any, NamedTuple

from budgetkatalog.core.department import normalise_name
from budgetkatalog.core.finding import Finding, Severity, Text, text
from budgetkatalog.core.proposal import Proposal
from budgetkatalog.scenarios import knapsack
from budgetkatalog.scenarios.attributes import Divisibility, ProposalAttributes
from budgetkatalog.scenarios.decision import Decision, Scenario
from budgetkatalog.scenarios.evaluation import Evaluation, evaluate
from budgetkatalog.scenarios.relations import MutuallyExclusive, Overlap, Requires
from budgetkatalog.scenarios.round_setup import RoundSetup, choosable_lines, line_weights

# Every objective is built with whole-number coefficients on integer variables (FTE
# in units of 1/100 percent of the smallest stated FTE decimal), so its values are
# whole numbers and a gap below one unit proves the optimum exactly.
ABSOLUTE_GAP = 0.5



_INF = math.inf
_ADOPTED = Decision.adopted()
_ZERO = Decimal(0)


def _highspy() -> ModuleType:
    """HiGHS, loaded on first use: it brings NumPy, which other commands need not pay for."""
    return importlib.import_module("highspy")


def _numpy() -> ModuleType:
    return importlib.import_module("numpy")


def _highspy_core() -> ModuleType:
    # The public highspy.Highs prints a banner on stdout, which would break --json output.
    return importlib.import_module("highspy._core")


class Objective(StrEnum):
    FTE = "fte"
    COUNT = "count"
    IMPACT = "impact"


class Status(StrEnum):
    OPTIMAL = "optimal"
    INFEASIBLE = "infeasible"
    NOT_PROVEN = "not-proven"
    # FTE matter (objective or cap) and some proposals' FTE is not known: nothing is
    # optimised until they are filled in or left out; an unknown is never a zero.
    FTE_UNKNOWN = "fte-unknown"


class BindingKind(StrEnum):
    TARGET = "target"
    MAX_FTE = "max-fte"
    EXCLUSIONS = "exclusions"
    RELATIONS = "relations"
    TARGETS_TOGETHER = "targets-together"


@dataclass(frozen=True)
class Limits:
    """Caps on the choice: at most ``max_fte`` årsværk saved, nothing from
    ``excluded_departments`` nor the ``excluded_proposals``, and only the
    ``candidates`` (e.g. one group) if given."""

    max_fte: Decimal | None = None
    excluded_departments: tuple[str, ...] = ()
    candidates: tuple[str, ...] | None = None
    excluded_proposals: tuple[str, ...] = ()


NO_LIMITS = Limits()


class Method(StrEnum):
    """How an answer was found and proven: HiGHS's branch and cut on the MILP, or the
    exact knapsack branch and bound (``scenarios/knapsack.py``) when the problem has a
    single binding constraint and no relations."""

    MILP = "milp"
    KNAPSACK = "knapsack"


@dataclass(frozen=True)
class Proof:
    """What the solver reports: its status, the objective of the solution found, the
    best bound (no solution can do better) and the relative gap between them, in the
    objective's own unit (FTE, proposals, impact points). ``resolution`` is the step
    between two possible objective values; a bound closer than that is a proof. The
    knapsack search ends only when no better solution is left, so its bound is the
    objective itself; ``nodes`` are then its search nodes."""

    model_status: str
    objective_value: float
    dual_bound: float
    mip_gap: float
    nodes: int
    resolution: float = 1.0
    method: Method = Method.MILP

    @property
    def proven_optimal(self) -> bool:
        # The dual bound holds whatever the status (also when time ran out), so a
        # bound within one unit proves the objective.
        return self.objective_value - self.dual_bound < self.resolution


class TieBreak(StrEnum):
    """How the answer was chosen among equally cheap ones."""

    OFF = "off"
    PROVEN = "proven"
    BEST_FOUND = "best-found"


@dataclass(frozen=True)
class Solution:
    """An answer: the scenario, its objective value (exact) and the proof. Its exact
    evaluation (totals per year against the targets, FTE, breakdowns, findings) is
    computed from the setup when first read: the MILP's answers are checked with it
    at once, the knapsack's integer arithmetic is exact on its own."""

    scenario: Scenario
    objective_value: Decimal
    proof: Proof
    tie_break: TieBreak = TieBreak.OFF
    setup: RoundSetup | None = field(default=None, repr=False, compare=False)

    @cached_property
    def evaluation(self) -> Evaluation:
        assert self.setup is not None
        return evaluate(self.setup, self.scenario)


@dataclass(frozen=True)
class Binding:
    """A constraint that makes the targets unreachable, with the best that can be done.

    ``limit`` is the target or cap; ``best`` the best reachable value under the other
    constraints (a year's total in 1.000 kr., or the FTE the targets need)."""

    kind: BindingKind
    message: Text
    year: int | None = None
    limit: Decimal | None = None
    best: Decimal | None = None


@dataclass(frozen=True)
class OptimisationResult:
    """The optimiser's answer: status, best solution, alternatives and reasons."""

    status: Status
    objective: Objective
    best: Solution | None
    alternatives: tuple[Solution, ...] = ()
    binding: tuple[Binding, ...] = ()
    findings: tuple[Finding, ...] = field(default=())
    # With ``Status.FTE_UNKNOWN``: the choosable proposals whose FTE nobody has stated.
    fte_unknown: tuple[str, ...] = ()


def objective_value(objective: Objective, evaluation: Evaluation) -> Decimal:
    """A scenario's cost under an objective, computed exactly from its evaluation."""
    if objective is Objective.FTE:
        return evaluation.fte_saved
    if objective is Objective.COUNT:
        return Decimal(evaluation.proposal_count)
    return Decimal(evaluation.impact_score)


@dataclass
class _Var:
    """A proposal's columns in the MILP."""

    proposal: Proposal
    kind: Divisibility
    used: int
    share: int | None = None
    lines: dict[str, int] = field(default_factory=dict)
    # (column, coefficient) making the adopted level in percent (0–100)
    level: list[tuple[int, float]] = field(default_factory=list)


Terms = list[tuple[int, float]]

# HiGHS proves a gap below one unit reliably while the objective's magnitude stays well
# inside double precision; beyond this the tie-break re-solves instead.
LEXICOGRAPHIC_LIMIT = 2.0 ** 40


@dataclass(frozen=True)
class _Lexicographic:
    """How a combined objective splits back into its primary part."""

    primary: Terms
    multiplier: int
    secondary_high: float


class _Model:
    """One HiGHS model for a setup; ``relax`` drops groups of constraints when looking
    for the one that makes the targets unreachable."""

    def __init__(self, setup: RoundSetup, limits: Limits, *, targets: bool = True,
                 cap: bool = True, exclusions: bool = True, relations: bool = True,
                 elastic: bool = False) -> None:
        self.setup = setup
        self.highs = _highspy_core()._Highs()
        self.highs.setOptionValue("output_flag", False)
        self.highs.setOptionValue("mip_rel_gap", 0.0)
        self.highs.setOptionValue("mip_abs_gap", ABSOLUTE_GAP)
        self.highs.setOptionValue("random_seed", 1)
        # These models are knapsacks with side rows whose root LP and cuts close the
        # gap in a few nodes; the RINS and RENS sub-MIPs then cost about a quarter of
        # the CPU time without finding better answers (bench/bench_optimiser.py).
        self.highs.setOptionValue("mip_heuristic_run_rins", False)
        self.highs.setOptionValue("mip_heuristic_run_rens", False)
        # One thread: these models are small, and a second HiGHS thread shortened no
        # solve but added about a third to the CPU time. No restart after the root (the
        # root's reduced-cost fixing leaves a few columns, and a second presolve of
        # them cost more than it saved): together about a quarter less CPU time on the
        # generated 500-proposal rounds, same optima (bench/bench_optimiser.py). HiGHS's
        # light presolve (presolve_mode 2) was faster still but returned a wrong
        # "optimal" tie-break on a small round with an overlap (the exhaustive test in
        # tests/scenarios/test_optimiser_methods.py found it), so presolve stays full.
        self.highs.setOptionValue("threads", 1)
        self.highs.setOptionValue("mip_allow_restart", False)
        self.columns = 0
        # The model is gathered in arrays and handed to HiGHS in one call per kind;
        # rows added later (tie-break bound, distance cuts) go straight in.
        self._lower: list[float] = []
        self._upper: list[float] = []
        self._integer: list[int] = []
        self._row_lower: list[float] = []
        self._row_upper: list[float] = []
        self._starts: list[int] = []
        self._index: list[int] = []
        self._value: list[float] = []
        self._built = False
        self._budget: list[float] = []
        self.vars: dict[str, _Var] = {}
        self.year_terms: dict[int, Terms] = {year: [] for year in setup.years}
        self.fte_terms: Terms = []
        self.slacks: dict[int, int] = {}
        self.fte_scale = _fte_scale(setup)
        self._add_proposals(limits, exclusions)
        self._add_overlaps()
        if relations:
            self._add_relations()
        if targets:
            for year, amount in setup.targets.amounts:
                terms = list(self.year_terms[year])
                if elastic:
                    # in 1/100 of the unit, like the rows, so it stays whole
                    slack = self._col(0.0, 0.0, _INF, integer=True)
                    self.slacks[year] = slack
                    terms.append((slack, -1.0))
                self._row(terms, upper=float(amount * 100))
        if cap and limits.max_fte is not None:
            self._row(self.fte_terms, upper=float(limits.max_fte * 100 * self.fte_scale))
        self._build()

    def _build(self) -> None:
        np = _numpy()
        highs = self.highs
        highs.addVars(self.columns, np.array(self._lower, dtype=np.float64),
                      np.array(self._upper, dtype=np.float64))
        if self._integer:
            integer = int(_highspy().HighsVarType.kInteger)
            highs.changeColsIntegrality(len(self._integer),
                                        np.array(self._integer, dtype=np.int32),
                                        np.full(len(self._integer), integer, dtype=np.uint8))
        if self._starts:
            highs.addRows(len(self._starts), np.array(self._row_lower, dtype=np.float64),
                          np.array(self._row_upper, dtype=np.float64), len(self._index),
                          np.array(self._starts, dtype=np.int32),
                          np.array(self._index, dtype=np.int32),
                          np.array(self._value, dtype=np.float64))
        self._built = True

    def _col(self, cost: float, lower: float, upper: float, *, integer: bool) -> int:
        index = self.columns
        self.columns += 1
        self._lower.append(lower)
        self._upper.append(upper)
        if integer:
            self._integer.append(index)
        return index

    def _row(self, terms: Terms, lower: float = -_INF, upper: float = _INF) -> None:
        merged: dict[int, float] = {}
        for column, value in terms:
            merged[column] = merged.get(column, 0.0) + value
        if not self._built:
            self._starts.append(len(self._index))
            self._row_lower.append(lower)
            self._row_upper.append(upper)
            self._index.extend(merged)
            self._value.extend(merged.values())
            return
        np = _numpy()
        self.highs.addRow(lower, upper, len(merged), np.array(list(merged), dtype=np.int32),
                          np.array(list(merged.values()), dtype=np.float64))

    def _add_proposals(self, limits: Limits, exclusions: bool) -> None:
        setup = self.setup
        for proposal, attributes in _candidates(setup, limits, exclusions):
            totals = proposal.total(setup.years)
            kind = attributes.divisibility
            lines = choosable_lines(proposal)
            if kind is Divisibility.LINES and len(lines) < 2:
                kind = Divisibility.WHOLE
            if kind is Divisibility.WHOLE:
                x = self._col(0.0, 0.0, 1.0, integer=True)
                var = _Var(proposal, kind, used=x, level=[(x, 100.0)])
                for i, year in enumerate(setup.years):
                    self.year_terms[year].append((x, 100.0 * totals[i]))
            elif kind is Divisibility.SHARE:
                used = self._col(0.0, 0.0, 1.0, integer=True)
                share = self._col(0.0, 0.0, 100.0, integer=True)
                var = _Var(proposal, kind, used=used, share=share, level=[(share, 1.0)])
                minimum = max(1, min(100, attributes.min_share_percent))
                self._row([(share, 1.0), (used, -float(minimum))], lower=0.0)
                self._row([(share, 1.0), (used, -100.0)], upper=0.0)
                for i, year in enumerate(setup.years):
                    self.year_terms[year].append((share, float(totals[i])))
            else:
                assert proposal.table is not None
                table = proposal.table
                used = self._col(0.0, 0.0, 1.0, integer=True)
                var = _Var(proposal, kind, used=used)
                weights = line_weights(proposal)
                for line in lines:
                    z = self._col(0.0, 0.0, 1.0, integer=True)
                    var.lines[line.letter] = z
                    var.level.append((z, float(weights[line.letter])))
                    self._row([(used, 1.0), (z, -1.0)], lower=0.0)
                    for year in setup.years:
                        amount = line.amounts[table.years.index(year)] \
                            if year in table.years else None
                        self.year_terms[year].append((z, 100.0 * (amount or 0)))
                self._row([(used, 1.0), *((z, -1.0) for z in var.lines.values())], upper=0.0)
                for year in setup.years:
                    extra = sum((row.amounts[table.years.index(year)] or 0)
                                for row in (table.investment, table.derived_operating)) \
                        if year in table.years else 0
                    if extra:
                        self.year_terms[year].append((used, 100.0 * extra))
            fte = int(attributes.fte * self.fte_scale)
            self.fte_terms.extend((column, fte * coefficient) for column, coefficient in var.level)
            self.vars[proposal.number] = var

    def _add_overlaps(self) -> None:
        for relation in self.setup.relations:
            if not isinstance(relation, Overlap):
                continue
            first, second = self.vars.get(relation.first), self.vars.get(relation.second)
            if first is None or second is None:
                continue
            both = self._col(0.0, 0.0, 100.0, integer=False)
            # both >= min(level_1, level_2): exact through a whole proposal's binary,
            # otherwise through a binary choosing which level is the smaller.
            if first.kind is Divisibility.WHOLE or second.kind is Divisibility.WHOLE:
                whole, other = (first, second) if first.kind is Divisibility.WHOLE \
                    else (second, first)
                self._row([(both, 1.0), *((c, -v) for c, v in other.level),
                           (whole.used, -100.0)], lower=-100.0)
            else:
                pick = self._col(0.0, 0.0, 1.0, integer=True)
                self._row([(both, 1.0), *((c, -v) for c, v in first.level),
                           (pick, 100.0)], lower=0.0)
                self._row([(both, 1.0), *((c, -v) for c, v in second.level),
                           (pick, -100.0)], lower=-100.0)
            for year in self.setup.years:
                amount = relation.amount_for(year)
                if amount:
                    self.year_terms[year].append((both, float(amount)))

    def _add_relations(self) -> None:
        for relation in self.setup.relations:
            if isinstance(relation, MutuallyExclusive):
                used = [self.vars[n].used for n in relation.proposals if n in self.vars]
                if len(used) > 1:
                    self._row([(column, 1.0) for column in used], upper=1.0)
            elif isinstance(relation, Requires):
                dependent = self.vars.get(relation.proposal)
                if dependent is None:
                    continue
                required = self.vars.get(relation.required)
                if required is None:
                    self._upper[dependent.used] = 0.0
                else:
                    self._row([(dependent.used, 1.0), (required.used, -1.0)], upper=0.0)

    def objective_terms(self, objective: Objective) -> Terms:
        """Whole-number terms; ``unit_of`` converts their value to the objective's unit."""
        if objective is Objective.FTE:
            return list(self.fte_terms)
        weights = self.setup.impact_weights
        terms: Terms = []
        for number, var in self.vars.items():
            if objective is Objective.COUNT:
                terms.append((var.used, 1.0))
            else:
                impact = self.setup.attributes_of(number).citizen_impact
                terms.append((var.used, float(weights.get(impact, 0))))
        return terms

    def unit_of(self, objective: Objective | None) -> float:
        return 1.0 / (100 * self.fte_scale) if objective is Objective.FTE else 1.0

    def set_objective(self, terms: Terms) -> None:
        costs = [0.0] * self.columns
        for column, value in terms:
            costs[column] += value
        self.highs.changeColsCost(self.columns, _numpy().arange(self.columns, dtype=_numpy().int32),
                                  _numpy().array(costs, dtype=_numpy().float64))

    def lexicographic(self, objective: Objective,
                      secondary: Objective) -> tuple[Terms, _Lexicographic] | None:
        """One objective ordering by ``objective`` first and ``secondary`` among equals
        (see :func:`lexicographic`), or ``None`` when its coefficients would be too
        large for HiGHS to prove a gap below one unit in double precision."""
        primary: dict[int, float] = {}
        for column, value in self.objective_terms(objective):
            primary[column] = primary.get(column, 0.0) + value
        second: dict[int, float] = {}
        for column, value in self.objective_terms(secondary):
            second[column] = second.get(column, 0.0) + value
        upper = self._upper
        low = sum(min(0.0, value * upper[column]) for column, value in second.items())
        high = sum(max(0.0, value * upper[column]) for column, value in second.items())
        multiplier = int(high - low) + 1
        combined = {column: value * multiplier for column, value in primary.items()}
        for column, value in second.items():
            combined[column] = combined.get(column, 0.0) + value
        if sum(abs(value) * upper[column] for column, value in combined.items()) \
                > LEXICOGRAPHIC_LIMIT:
            return None
        return list(combined.items()), _Lexicographic(list(primary.items()), multiplier, high)

    def solve(self, objective: Objective | None = None,
              lexicographic: _Lexicographic | None = None) -> tuple[str, Proof | None]:
        self.highs.run()
        status = self.highs.getModelStatus()
        name = self.highs.modelStatusToString(status)
        statuses = _highspy().HighsModelStatus
        if status in (statuses.kInfeasible, statuses.kUnboundedOrInfeasible):
            return "infeasible", None
        info = self.highs.getInfo()
        if info.primal_solution_status != 2:  # 2: a feasible solution is at hand
            return "none", None
        unit = self.unit_of(objective)
        value, bound = info.objective_function_value, info.mip_dual_bound
        if lexicographic is not None:
            # the primary part of the solution, and the least primary any solution can
            # have: combined ≥ bound and combined ≤ primary · M + (secondary's maximum)
            values = self.highs.getSolution().col_value
            value = float(round(sum(c * values[column]
                                    for column, c in lexicographic.primary)))
            bound = (bound - lexicographic.secondary_high) / lexicographic.multiplier
        proof = Proof(name, value * unit, bound * unit, info.mip_gap,
                      int(info.mip_node_count), unit)
        return ("optimal" if status == _highspy().HighsModelStatus.kOptimal else "limit"), proof

    def decisions(self) -> dict[str, Decision]:
        values = self.highs.getSolution().col_value
        chosen: dict[str, Decision] = {}
        for number, var in self.vars.items():
            if round(values[var.used]) != 1:
                continue
            if var.kind is Divisibility.SHARE and var.share is not None:
                percent = round(values[var.share])
                chosen[number] = Decision.adopted() if percent >= 100 else \
                    Decision.partial(Decimal(percent) / 100)
            elif var.kind is Divisibility.LINES:
                letters = [letter for letter, column in var.lines.items()
                           if round(values[column]) == 1]
                chosen[number] = Decision.adopted() if len(letters) == len(var.lines) \
                    else Decision.chosen_lines(*letters)
            else:
                chosen[number] = Decision.adopted()
        return chosen

    def find_start(self) -> None:
        """Give HiGHS a good first solution for the current objective, found cheaply.

        A neighbourhood of the linear relaxation: solve it, keep free the
        ``START_FREE_COLUMNS`` whole-choice binaries closest to changing (smallest
        reduced cost) and every column whose value is fractional, fix the others at
        their relaxed value, and solve that small MIP within ``START_NODES`` nodes.
        Its answer is feasible for the whole model (only bounds were tightened), so
        it is handed to HiGHS as the starting solution; the proof is still the whole
        model's. On the generated rounds the search otherwise spends most of its time
        finding such a solution (bench/bench_optimiser.py). Models with too few
        binaries to fix are left alone."""
        np = _numpy()
        highs = self.highs
        integer = np.array(self._integer, dtype=np.int32)
        lower = np.array(self._lower, dtype=np.float64)
        upper = np.array(self._upper, dtype=np.float64)
        binary = np.zeros(self.columns, dtype=bool)
        binary[integer] = True
        binary &= (lower == 0.0) & (upper == 1.0)
        if int(binary.sum()) <= START_FREE_COLUMNS:
            return
        highs.changeColsIntegrality(len(integer), integer,
                                    np.zeros(len(integer), dtype=np.uint8))
        highs.run()
        relaxed = highs.getSolution()
        status = highs.getModelStatus()
        highs.changeColsIntegrality(len(integer), integer,
                                    np.ones(len(integer), dtype=np.uint8))
        if status != _highspy().HighsModelStatus.kOptimal:
            return
        values = np.array(relaxed.col_value)
        reduced = np.abs(np.array(relaxed.col_dual))
        whole = binary & (np.abs(values - np.round(values)) < 1e-9)
        candidates = np.flatnonzero(whole)
        fixed = candidates[np.argsort(reduced[candidates], kind="stable")][
            START_FREE_COLUMNS:].astype(np.int32)
        at = np.round(values[fixed])
        highs.changeColsBounds(len(fixed), fixed, at, at)
        outcome, _ = self.solve_limited(START_NODES)
        start = highs.getSolution() if outcome != "none" and outcome != "infeasible" \
            else None
        highs.changeColsBounds(len(fixed), fixed, lower[fixed], upper[fixed])
        if start is not None:
            highs.setSolution(start)

    def solve_limited(self, nodes: int, cpu_seconds: float | None = None,
                      objective: Objective | None = None,
                      lexicographic: _Lexicographic | None = None,
                      ) -> tuple[str, Proof | None]:
        """:meth:`solve` within at most ``nodes`` branch-and-bound nodes and, if given,
        ``cpu_seconds`` of this process's CPU time. Both limit the work itself, so they
        end at about the same point however busy the machine is; HiGHS's own time
        limit counts wall-clock time, which ends the search earlier the more other
        work shares the machine."""
        highs = self.highs
        _, limit = highs.getOptionValue("mip_max_nodes")
        highs.setOptionValue("mip_max_nodes", min(int(limit), nodes))
        budget = None
        if cpu_seconds is not None:
            # HiGHS holds only a borrowed reference to the callback's data: keep it.
            budget = self._budget = [time.process_time() + cpu_seconds]
            highs.setCallback(_interrupt_after, budget)
            highs.startCallback(_highspy_core().cb.kCallbackMipInterrupt)
        try:
            return self.solve(objective, lexicographic)
        finally:
            highs.setOptionValue("mip_max_nodes", int(limit))
            if budget is not None:
                highs.stopCallback(_highspy_core().cb.kCallbackMipInterrupt)

    def tie_break(self, objective: Objective, secondary: Objective,
                  nodes: int) -> tuple[dict[str, Decision], TieBreak] | None:
        """Re-solve for ``secondary`` with ``objective`` held at the optimum just found,
        within ``nodes`` search nodes, then restore the model. The primary optimum holds
        either way; the secondary is proven or the best found within the limit."""
        primary = self.objective_terms(objective)
        optimum = round(self.highs.getInfo().objective_function_value)
        row = self.highs.getNumRow()
        start = self.highs.getSolution()
        self._row(primary, upper=optimum + ABSOLUTE_GAP)
        self.set_objective(self.objective_terms(secondary))
        # the first optimum is feasible under the new row: HiGHS starts from it (given
        # after the changes, which would otherwise discard it)
        self.highs.setSolution(start)
        outcome, proof = self.solve_limited(nodes, TIE_BREAK_CPU_SECONDS, secondary)
        result = None
        if proof is not None:
            result = self.decisions(), \
                TieBreak.PROVEN if outcome == "optimal" else TieBreak.BEST_FOUND
        self.highs.deleteRows(1, _numpy().array([row], dtype=_numpy().int32))
        self.set_objective(primary)
        return result

    def add_distance_cut(self, adopted: set[str], distance: int) -> None:
        """At least ``distance`` proposals must change between adopted and not."""
        terms = [(var.used, -1.0 if number in adopted else 1.0)
                 for number, var in self.vars.items()]
        self._row(terms, lower=float(distance - len(adopted & set(self.vars))))

    def slack_values(self) -> dict[int, float]:
        values = self.highs.getSolution().col_value
        return {year: values[column] for year, column in self.slacks.items()}


# Among equally cheap choices, the one that is cheapest by a second measure: fewest
# proposals for FTE and impact (no proposal adopted for nothing), least FTE for count.
TIE_BREAK = {Objective.FTE: Objective.COUNT, Objective.COUNT: Objective.FTE,
             Objective.IMPACT: Objective.COUNT}
# The starting solution's neighbourhood (``_Model.find_start``): this many binaries
# left free, searched within this many nodes. 40–80 free gave the same times on the
# generated rounds; 120 cost more to search than it saved.
START_FREE_COLUMNS = 60
START_NODES = 200
# The tie-break is a courtesy, not part of the proof: a re-solve for it gets this many
# search nodes and CPU seconds per answer.
TIE_BREAK_NODES = 1_000
TIE_BREAK_CPU_SECONDS = 0.1
# The lexicographic solve (objective and tie-break at once) gets this many search nodes
# and CPU seconds before the objective is proven on its own. The generated
# 500-proposal rounds need at most about 100 nodes and 0,25 s (bench/bench_optimiser.py).
LEXICOGRAPHIC_NODES = 1_000
LEXICOGRAPHIC_CPU_SECONDS = 0.4


def _interrupt_after(kind: object, message: str, output: object, given: Any,
                     budget: list[float]) -> None:
    """HiGHS's interrupt callback: stop once the process's CPU time passes the budget."""
    if given is not None and time.process_time() > budget[0]:
        given.user_interrupt = True


def fte_unknown(setup: RoundSetup, limits: Limits, *,
                candidates: list[tuple[Proposal, ProposalAttributes]] | None = None,
                ) -> tuple[str, ...]:
    """The choosable proposals whose FTE is not known."""
    if candidates is None:
        candidates = _candidates(setup, limits)
    return tuple(p.number for p, attributes in candidates
                 if not attributes.fte_known)


def optimise(setup: RoundSetup, objective: Objective = Objective.FTE,
             limits: Limits = NO_LIMITS, *, alternatives: int = 0,
             min_distance: int = 2, time_limit: float | None = None,
             tie_break: bool = True, method: Method | None = None) -> OptimisationResult:
    """The cheapest choice meeting every target, with HiGHS's proof; or, if there is
    none, the constraints that make the targets unreachable. ``alternatives`` further
    solutions are each the cheapest differing from all earlier ones in at least
    ``min_distance`` proposals. With ``tie_break``, each answer is then the cheapest
    by ``TIE_BREAK[objective]`` among those as cheap as the proven optimum, proven
    or the best HiGHS finds in ``TIE_BREAK_NODES`` search nodes.

    ``method`` chooses how: by default the exact knapsack when the problem has one
    binding constraint and no relations (:func:`single_constraint`) and no alternatives
    are asked for, else the MILP; tests and benchmarks may force either."""
    if alternatives == 0 and not setup.relations \
            and (method is None or method is Method.KNAPSACK) \
            and (limits is NO_LIMITS or limits == NO_LIMITS):
        plain = _solve_plain(setup, objective, tie_break)
        if isinstance(plain, Solution):
            return OptimisationResult(_OPTIMAL, objective, plain)
        if plain is Status.INFEASIBLE:
            return _infeasible(setup, limits, objective)
    candidates = _candidates(setup, limits)
    if objective is Objective.FTE or limits.max_fte is not None:
        missing = fte_unknown(setup, limits, candidates=candidates)
        if missing:
            return OptimisationResult(Status.FTE_UNKNOWN, objective, None, findings=(Finding(
                "optimise.fte-unknown", Severity.ERROR, text(
                    "Årsværk er ikke angivet for {which}. Angiv årsværk, eller udelad "
                    "forslagene, før der optimeres på årsværk.",
                    "FTE is not stated for {which}. Set the FTE, or leave the proposals "
                    "out, before optimising on FTE.", which=", ".join(missing))),),
                fte_unknown=missing)
    problem = single_constraint(setup, limits, objective, candidates=candidates) \
        if method is not Method.MILP and alternatives == 0 else None
    if method is Method.KNAPSACK and problem is None:
        raise ValueError("the knapsack needs one binding constraint, no relations and "
                         "no alternatives")
    if alternatives == 0 and method is not Method.MILP:
        single = _solve_single(setup, problem, limits, objective, tie_break) \
            if problem is not None else None
        if single is Status.INFEASIBLE:
            return _infeasible(setup, limits, objective)
        if isinstance(single, Solution):
            return OptimisationResult(Status.OPTIMAL, objective, single)
    model = _Model(setup, limits)
    if time_limit is not None:
        model.highs.setOptionValue("time_limit", float(time_limit))
    secondary = TIE_BREAK[objective] if tie_break else None
    # One lexicographic solve for FTE, whose search settles the proposal count among
    # its optima in passing. Count and impact close at the root alone, but with a tie
    # measure folded in, their root no longer closes the gap (FTE among the fewest
    # proposals is the correlated knapsack itself; impact has vast ties): they are
    # proven alone, and the tie-break is a bounded re-solve (bench/bench_optimiser.py).
    combined = model.lexicographic(objective, secondary) \
        if secondary is not None and objective is Objective.FTE else None
    answer = _solve_ranked(model, objective, secondary, combined)
    if answer is None:
        return _infeasible(setup, limits, objective)
    proof, decisions, tie = answer
    if proof is None:
        return OptimisationResult(Status.NOT_PROVEN, objective, None, findings=(Finding(
            "optimise.no-solution", Severity.ERROR, text(
                "HiGHS fandt ingen løsning inden for tidsgrænsen.",
                "HiGHS found no solution within the time limit.")),))
    best = _solution(setup, objective, proof, "Optimeret", decisions, tie)
    found = [best]
    for index in range(alternatives):
        model.add_distance_cut(set(found[-1].evaluation.adopted), min_distance)
        answer = _solve_ranked(model, objective, secondary, combined)
        if answer is None or answer[0] is None:
            break
        found.append(_solution(setup, objective, answer[0], f"Alternativ {index + 1}",
                               answer[1], answer[2]))
    status = Status.OPTIMAL if best.proof.proven_optimal else Status.NOT_PROVEN
    findings: list[Finding] = []
    if not all(s.evaluation.meets_targets for s in found):  # pragma: no cover
        # Guards the exact re-check; the integral rows make it unreachable.
        findings.append(Finding("optimise.inexact", Severity.ERROR, text(
            "Løsningen holder ikke målene ved eksakt beregning.",
            "The solution does not meet the targets when computed exactly.")))
    return OptimisationResult(status, objective, best, tuple(found[1:]), (), tuple(findings))


def _candidates(setup: RoundSetup, limits: Limits,
                exclusions: bool = True) -> list[tuple[Proposal, ProposalAttributes]]:
    """The proposals that may be adopted: in ``limits.candidates`` if given and, with
    ``exclusions``, neither protected, nor in an excluded department, nor left out."""
    if limits.candidates is None and not limits.excluded_departments and not (
            exclusions and (limits.excluded_proposals or setup.protected)):
        attributes_of = setup.attributes_of
        return [(proposal, attributes_of(proposal.number))
                for proposal in setup.catalogue.proposals]
    excluded = {normalise_name(d) for d in limits.excluded_departments}
    left_out = set(limits.excluded_proposals)
    wanted = set(limits.candidates) if limits.candidates is not None else None
    protects = exclusions and bool(setup.protected)
    found = []
    for proposal in setup.catalogue.proposals:
        if wanted is not None and proposal.number not in wanted:
            continue
        attributes = setup.attributes_of(proposal.number)
        if exclusions and proposal.number in left_out:
            continue
        if exclusions and ((protects and setup.protection_of(proposal) is not None) or (
                attributes.department is not None
                and normalise_name(attributes.department) in excluded)):
            continue
        found.append((proposal, attributes))
    return found


def _fte_scale(setup: RoundSetup) -> int:
    """FTE in whole units of its finest stated decimal, so FTE terms are integral."""
    return setup.fte_scale


@dataclass(frozen=True)
class _SingleConstraint:
    """The choice as one knapsack row: Σ amountᵢ xᵢ ≤ bound over whole proposals."""

    items: tuple[tuple[Proposal, ProposalAttributes], ...]
    amounts: tuple[int, ...]
    bound: int


def single_constraint(setup: RoundSetup, limits: Limits, objective: Objective, *,
                      candidates: list[tuple[Proposal, ProposalAttributes]] | None = None,
                      ) -> _SingleConstraint | None:
    """The problem as one constraint without relations, if it is one: whole proposals
    only; exclusive groups and overlaps with at most one candidate; target years whose
    amounts are all zero (and whose targets hold) or in proportion to one reference year,
    which then binds at the strictest of the targets; an FTE cap only with the FTE
    objective (where it merely checks the optimum). Otherwise ``None``: the MILP."""
    if limits.max_fte is not None and objective is not Objective.FTE:
        return None
    chosen = candidates if candidates is not None else _candidates(setup, limits)
    relations = setup.relations
    numbers = {proposal.number for proposal, _ in chosen} if relations else set()
    dropped: set[str] = set()
    for relation in relations:
        if isinstance(relation, MutuallyExclusive):
            if len(numbers.intersection(relation.proposals)) > 1:
                return None
        elif isinstance(relation, Requires):
            if relation.proposal in numbers:
                if relation.required in numbers:
                    return None
                dropped.add(relation.proposal)  # what it requires cannot be adopted
        elif isinstance(relation, Overlap) and relation.first in numbers \
                and relation.second in numbers:
            return None
    items = tuple((p, a) for p, a in chosen if p.number not in dropped) if dropped \
        else tuple(chosen)
    whole = Divisibility.WHOLE
    for proposal, attributes in items:
        if attributes.divisibility is not whole and (
                attributes.divisibility is Divisibility.SHARE
                or len(choosable_lines(proposal)) >= 2):
            return None
    years = setup.years
    all_totals = setup.totals
    totals = [all_totals[proposal.number] for proposal, _ in items]
    reference: list[int] | None = None
    pivot = 0
    bound: int | None = None
    for year, target in setup.targets.amounts:
        if year not in years:
            return None
        index = years.index(year)
        column = [total[index] for total in totals]
        if not any(column):
            if target < 0:
                return None  # unreachable: the MILP's diagnosis names it
            continue
        if reference is None:
            reference = column
            pivot = next(k for k, value in enumerate(column) if value)
            limit = math.floor(target)
        else:
            # in proportion: column = λ · reference with λ > 0
            if column[pivot] == 0 or (column[pivot] > 0) != (reference[pivot] > 0) or any(
                    c * reference[pivot] != r * column[pivot]
                    for c, r in zip(column, reference, strict=True)):
                return None
            # ⌊target · reference / column⌋ in whole numbers (the whole rows are whole,
            # so the strictest floor is the floor of the strictest limit)
            numerator, denominator = target.as_integer_ratio()
            numerator *= reference[pivot]
            denominator *= column[pivot]
            if denominator < 0:
                numerator, denominator = -numerator, -denominator
            limit = numerator // denominator
        bound = limit if bound is None or limit < bound else bound
    if reference is None or bound is None:
        return None
    return _SingleConstraint(items, tuple(reference), bound)


def _weights(objective: Objective, setup: RoundSetup,
             attributes: list[ProposalAttributes], scale: int) -> list[int]:
    if objective is Objective.FTE:
        units = setup.fte_units
        return [units[a.number] if a.number in units else int(a.fte * scale)
                for a in attributes]
    if objective is Objective.COUNT:
        return [1] * len(attributes)
    weights = setup.impact_weights
    return [weights.get(a.citizen_impact, 0) for a in attributes]


def lexicographic(primary: list[int], secondary: list[int]) -> tuple[list[int], int]:
    """One objective that orders by ``primary`` first and ``secondary`` among equals:
    primaryᵢ · M + secondaryᵢ with M one more than the secondary's whole range, so a
    unit of the primary outweighs any difference in the secondary. Whole numbers."""
    multiplier = sum(map(abs, secondary)) + 1
    return [p * multiplier + q for p, q in zip(primary, secondary, strict=True)], multiplier


def _solve_single(setup: RoundSetup, problem: _SingleConstraint, limits: Limits,
                  objective: Objective, tie_break: bool) -> Solution | Status | None:
    """The knapsack's proven optimum as a solution; ``Status.INFEASIBLE``; or ``None``
    when the search hit its node limit (the MILP then takes over)."""
    scale = _fte_scale(setup)
    attributes = [a for _, a in problem.items]
    primary = _weights(objective, setup, attributes, scale)
    costs = primary
    if tie_break:
        costs, _ = lexicographic(primary, _weights(TIE_BREAK[objective], setup, attributes,
                                                   scale))
    choice = _knapsack_choice(costs, problem.amounts, problem.bound)
    if not isinstance(choice, tuple):
        return choice
    adopted, nodes = choice
    if limits.max_fte is not None and Fraction(sum([primary[i] for i in adopted]), scale) \
            > Fraction(limits.max_fte):
        return Status.INFEASIBLE  # the least FTE the targets need is above the cap
    return _knapsack_answer(setup, [p.number for p, _ in problem.items], attributes,
                            primary, adopted, nodes, objective, tie_break)


def _solve_plain(setup: RoundSetup, objective: Objective,
                 tie_break: bool) -> Solution | Status | None:
    """The knapsack path for the plainest shape, from the setup's arrays
    (:attr:`RoundSetup.columns`): one target year, no relations, no limits, every
    proposal whole, no number twice, every FTE known if it is the objective. The
    knapsack gets the same items in the same order as through :func:`single_constraint`
    and :func:`_solve_single`, so the answer is the same, tie-break included. Its items,
    ordered by efficiency, depend on the year and the objective but not on the target:
    they are prepared once per setup (:attr:`RoundSetup.prepared`), and each call
    searches them at its own target. ``None`` when the problem has another shape (or
    the knapsack hit its node limit): the general path decides."""
    targets = setup.targets.amounts
    if len(targets) != 1:
        return None
    year, target = targets[0]
    key = (year, objective, tie_break)
    prepared = setup.prepared
    plain: _Choice | None = prepared.get(key, _UNPREPARED)
    if plain is _UNPREPARED:
        plain = prepared[key] = _plain_problem(setup, year, objective, tie_break)
    if plain is None:
        return None
    choice = _choose(plain, math.floor(target))
    if not isinstance(choice, tuple):
        return choice
    adopted, nodes = choice
    columns = setup.columns
    if not plain.ranked:
        adopted.sort(key=columns.ranks.__getitem__)  # as Scenario.of orders them
    # one loop: the objective in whole units, the exact FTE as the evaluation sums it
    # (whole proposals, each at its own FTE) and the decisions
    primary = plain.primary
    numbers = columns.numbers
    fte = columns.fte
    value = 0
    exact = _ZERO
    decisions = []
    for i in adopted:
        value += primary[i]
        exact += fte[i]
        decisions.append((numbers[i], _ADOPTED))
    unit = plain.unit
    proof = Proof("Optimal", value * unit, value * unit, 0.0, nodes, unit, _KNAPSACK)
    return Solution(Scenario("Optimeret", tuple(decisions)),
                    exact if plain.fte else Decimal(value), proof,
                    _PROVEN if tie_break else _OFF, setup)


# Looked up once: the knapsack's plain path is short enough that each lookup counts.
_KNAPSACK = Method.KNAPSACK
_PROVEN = TieBreak.PROVEN
_OFF = TieBreak.OFF
_OPTIMAL = Status.OPTIMAL
_UNPREPARED: Any = object()


class _Choice(NamedTuple):
    """“The least Σ costᵢ xᵢ with Σ amountᵢ xᵢ ≤ bound” for any bound, prepared once:
    proposals that save without cost are adopted, those that cost without saving are
    not, one that lowers the cost but spends money is adopted and may be given back;
    the rest is a 0/1 knapsack (keep, not use, the most cost within what may stay
    unsaved) over the free proposals."""

    primary: tuple[int, ...] | list[int]  # the objective's own weights
    unit: float  # of the primary weights: 1, or the FTE in units of the FTE scale
    fte: bool  # the objective is FTE
    ranked: bool  # the catalogue's order is the scenario's order
    adopted: tuple[int, ...]  # adopted before the knapsack, given-back ones included
    saved: int  # what those save together
    free: tuple[int, ...]  # the knapsack's items: proposal indices
    given_back: tuple[bool, ...]  # per free item: adopted unless the knapsack uses it
    total: int  # what the free items save together
    items: knapsack.Prepared


def _plain_problem(setup: RoundSetup, year: int, objective: Objective,
                   tie_break: bool) -> _Choice | None:
    """The plain path's knapsack for this year and objective, or ``None`` when the
    setup has another shape."""
    columns = setup.columns
    amounts = columns.amounts.get(year)
    if amounts is None or not columns.whole or not columns.unique or not any(amounts):
        return None
    if objective is Objective.FTE:
        if not columns.fte_known:
            return None  # the general path names them
        primary: tuple[int, ...] | list[int] = columns.fte_units
    else:
        primary = _weights(objective, setup, list(columns.attributes), setup.fte_scale)
    if not tie_break:
        costs = list(primary)
    elif TIE_BREAK[objective] is Objective.COUNT:
        # lexicographic() with a secondary weight of 1 for every proposal
        multiplier = len(primary) + 1
        costs = [weight * multiplier + 1 for weight in primary]
    else:
        costs = lexicographic(list(primary), _weights(
            TIE_BREAK[objective], setup, list(columns.attributes), setup.fte_scale))[0]
    fte = objective is Objective.FTE
    return _prepare_choice(costs, amounts, primary)._replace(
        unit=1.0 / setup.fte_scale if fte else 1.0, fte=fte,
        ranked=all(rank == k for k, rank in enumerate(columns.ranks)))


def _prepare_choice(costs: list[int], amounts: tuple[int, ...],
                    primary: tuple[int, ...] | list[int] = ()) -> _Choice:
    adopted: list[int] = []
    saved = 0
    free: list[int] = []
    given_back: list[bool] = []
    profits: list[int] = []
    savings: list[int] = []
    for i, (cost, amount) in enumerate(zip(costs, amounts, strict=True)):
        saving = -amount
        if cost <= 0 and saving >= 0 and (cost < 0 or saving > 0):
            adopted.append(i)
            saved += saving
        elif cost >= 0 and saving <= 0:
            continue
        elif cost < 0:
            adopted.append(i)
            saved += saving
            free.append(i)
            given_back.append(True)
            profits.append(-cost)
            savings.append(-saving)
        else:
            free.append(i)
            given_back.append(False)
            profits.append(cost)
            savings.append(saving)
    return _Choice(primary, 1.0, False, False, tuple(adopted), saved, tuple(free),
                   tuple(given_back), sum(savings), knapsack.prepare(profits, savings))


def _choose(choice: _Choice, bound: int) -> tuple[list[int], int] | Status | None:
    """The choice's proposals (indices, ascending) at this bound and the knapsack's
    search nodes; ``Status.INFEASIBLE``; or ``None`` when the search hit its node
    limit (no proof)."""
    need = -bound - choice.saved
    if need <= 0:
        return list(choice.adopted), 0
    total = choice.total
    if total < need:
        return Status.INFEASIBLE
    answer = knapsack.solve_prepared(choice.items, total - need)
    if not answer.complete:
        return None
    # the free items the knapsack does not keep are used: adopted, or given back
    kept = answer.chosen  # ascending
    last = len(kept)
    free = choice.free
    given_back = choice.given_back
    adopted = list(choice.adopted)
    j = 0
    for k, i in enumerate(free):
        if j < last and kept[j] == k:
            j += 1
        elif given_back[k]:
            adopted.remove(i)
        else:
            adopted.append(i)
    if choice.adopted:
        adopted.sort()
    return adopted, answer.nodes


def _knapsack_choice(costs: list[int], amounts: tuple[int, ...],
                     bound: int) -> tuple[list[int], int] | Status | None:
    """The whole proposals (indices, ascending) of least Σ costᵢ xᵢ with
    Σ amountᵢ xᵢ ≤ bound, and the knapsack's search nodes; ``Status.INFEASIBLE``; or
    ``None`` when the search hit its node limit (no proof)."""
    return _choose(_prepare_choice(costs, amounts), bound)


def _knapsack_answer(setup: RoundSetup, numbers: list[str],
                     attributes: list[ProposalAttributes], primary: list[int],
                     adopted: list[int], nodes: int, objective: Objective,
                     tie_break: bool) -> Solution:
    """The knapsack's choice as a solution with its proof and exact objective value."""
    value = sum([primary[i] for i in adopted])
    unit = 1.0 / setup.fte_scale if objective is Objective.FTE else 1.0
    proof = Proof("Optimal", value * unit, value * unit, 0.0, nodes, unit, Method.KNAPSACK)
    scenario = Scenario.of("Optimeret", {numbers[i]: _ADOPTED for i in adopted})
    # exactly as the evaluation sums it: whole proposals, each at its own FTE
    exact = sum([attributes[i].fte for i in adopted], Decimal(0)) \
        if objective is Objective.FTE else Decimal(value)
    return Solution(scenario, exact, proof, TieBreak.PROVEN if tie_break else TieBreak.OFF,
                    setup)


def _infeasible(setup: RoundSetup, limits: Limits,
                objective: Objective) -> OptimisationResult:
    binding = diagnose(setup, limits)
    reasons = tuple(Finding(f"optimise.infeasible.{b.kind}", Severity.ERROR, b.message)
                    for b in binding)
    return OptimisationResult(Status.INFEASIBLE, objective, None, (), binding, reasons)


def _solve_ranked(model: _Model, objective: Objective, secondary: Objective | None,
                  combined: tuple[Terms, _Lexicographic] | None,
                  ) -> tuple[Proof | None, dict[str, Decision], TieBreak] | None:
    """Solve for ``objective`` with ties broken by ``secondary``; ``None`` if infeasible.

    With ``combined`` (the lexicographic objective) one solve does both, within
    ``LEXICOGRAPHIC_NODES`` search nodes and ``LEXICOGRAPHIC_CPU_SECONDS``: HiGHS's
    bound proves the objective's optimum as soon as it is within one unit, and the
    tie-break is proven when the solve ends optimal or the best found when a limit
    stops it. If the objective is not proven by then, the same model is solved for
    the objective alone, starting from the best solution found, and the tie-break
    re-solves with the optimum as a bound (``_Model.tie_break``). For FTE the search
    starts from a solution found in a neighbourhood of the relaxation
    (``_Model.find_start``)."""
    highs = model.highs
    if combined is not None:
        terms, lexicographic = combined
        model.set_objective(terms)
        if objective is Objective.FTE:
            model.find_start()
        outcome, proof = model.solve_limited(LEXICOGRAPHIC_NODES, LEXICOGRAPHIC_CPU_SECONDS,
                                             objective, lexicographic)
        if outcome == "infeasible":
            return None
        if proof is not None and proof.proven_optimal:
            return proof, model.decisions(), \
                TieBreak.PROVEN if outcome == "optimal" else TieBreak.BEST_FOUND
        start = highs.getSolution() if proof is not None else None
        model.set_objective(model.objective_terms(objective))
        if start is not None:
            highs.setSolution(start)
    else:
        model.set_objective(model.objective_terms(objective))
        if objective is Objective.FTE:
            model.find_start()
    outcome, proof = model.solve(objective)
    if outcome == "infeasible":
        return None
    if proof is None:
        return None, {}, TieBreak.OFF
    decisions, tie = model.decisions(), TieBreak.OFF
    if secondary is not None and proof.proven_optimal:
        broken = model.tie_break(objective, secondary, TIE_BREAK_NODES)
        if broken is not None:
            decisions, tie = broken
    if combined is not None:
        model.set_objective(combined[0])
    return proof, decisions, tie


def _solution(setup: RoundSetup, objective: Objective, proof: Proof, name: str,
              decisions: dict[str, Decision], tie: TieBreak) -> Solution:
    solution = Solution(Scenario.of(name, decisions), Decimal(0), proof, tie, setup)
    return replace(solution, objective_value=objective_value(objective, solution.evaluation))


def _best_total(setup: RoundSetup, limits: Limits, year: int, **relax: bool) -> Decimal:
    """The lowest total (largest saving) reachable in one year, targets ignored."""
    model = _Model(setup, limits, targets=False, **relax)
    model.set_objective(list(model.year_terms[year]))
    outcome, _ = model.solve()
    if outcome != "optimal":  # pragma: no cover - adopting nothing is always feasible
        return Decimal(0)
    evaluation = evaluate(setup, Scenario.of("", model.decisions()))
    return evaluation.total_for(year)


def _feasible(setup: RoundSetup, limits: Limits, **relax: bool) -> bool:
    model = _Model(setup, limits, **relax)
    return model.solve()[0] != "infeasible"


def diagnose(setup: RoundSetup, limits: Limits) -> tuple[Binding, ...]:
    """Name what makes the targets unreachable.

    For each target year, the best reachable total under all other constraints; a
    year whose best misses the target is binding, and relaxing the FTE cap, the
    excluded departments and protected areas, then the relations, in that order,
    names the first one whose removal would make it reachable. If every year is
    reachable alone, the cap, exclusions or relations are tried for all years at
    once; failing those, the targets conflict with each other and an elastic model
    (a slack per target, least total slack) shows by how much."""
    relaxations: tuple[tuple[BindingKind, dict[str, bool]], ...] = (
        (BindingKind.MAX_FTE, {"cap": False}),
        (BindingKind.EXCLUSIONS, {"cap": False, "exclusions": False}),
        (BindingKind.RELATIONS, {"cap": False, "exclusions": False, "relations": False}),
    )
    found: list[Binding] = []
    for year, target in setup.targets.amounts:
        best = _best_total(setup, limits, year)
        if best <= target:
            continue
        kind = BindingKind.TARGET
        for candidate, relax in relaxations:
            if candidate is BindingKind.MAX_FTE and limits.max_fte is None:
                continue
            if _best_total(setup, limits, year, **relax) <= target:
                kind = candidate
                break
        found.append(_year_binding(kind, year, target, best, limits))
    if found:
        return tuple(found)
    for kind, relax in relaxations:
        if kind is BindingKind.MAX_FTE and limits.max_fte is None:
            continue
        if _feasible(setup, limits, **relax):
            return (_joint_binding(setup, limits, kind),)
    model = _Model(setup, limits, elastic=True)
    model.set_objective([(column, 1.0) for column in model.slacks.values()])
    model.solve()
    bindings = []
    for year, slack in model.slack_values().items():
        if round(slack) > 0:
            wanted = setup.targets.for_year(year)
            assert wanted is not None
            short = Decimal(round(slack)) / 100
            bindings.append(Binding(BindingKind.TARGETS_TOGETHER, text(
                "Målene kan ikke nås samtidig: i {year} mangler mindst {short} "
                "(1.000 kr.), når de øvrige år skal nås.",
                "The targets cannot be met together: {year} falls short by at least "
                "{short} (DKK 1,000) when the other years are met.",
                year=str(year), short=short), year, wanted, wanted + short))
    return tuple(bindings)


def _year_binding(kind: BindingKind, year: int, target: Decimal, best: Decimal,
                  limits: Limits) -> Binding:
    short = best - target
    what = {
        BindingKind.TARGET: ("forslagene kan højst give {best}",
                             "the proposals can reach at most {best}"),
        BindingKind.MAX_FTE: ("loftet på {cap} årsværk tillader højst {best}",
                              "the cap of {cap} FTE allows at most {best}"),
        BindingKind.EXCLUSIONS: ("med de udelukkede afdelinger og fredede områder kan "
                                 "der højst opnås {best}",
                                 "with the excluded departments and protected areas at "
                                 "most {best} can be reached"),
        BindingKind.RELATIONS: ("relationerne mellem forslagene tillader højst {best}",
                                "the relations between proposals allow at most {best}"),
    }[kind]
    return Binding(kind, text(
        "Målet for {year} på {target} kan ikke nås: " + what[0] + " (mangler {short}).",
        "The target for {year} of {target} cannot be met: " + what[1] +
        " (short by {short}).", year=str(year), target=target, best=best, short=short,
        cap=limits.max_fte), year, target, best)


def _joint_binding(setup: RoundSetup, limits: Limits, kind: BindingKind) -> Binding:
    if kind is BindingKind.MAX_FTE:
        model = _Model(setup, limits, cap=False)
        model.set_objective(model.objective_terms(Objective.FTE))
        model.solve()
        needed = evaluate(setup, Scenario.of("", model.decisions())).fte_saved
        return Binding(kind, text(
            "Målene kan ikke nås inden for loftet på {cap} årsværk; de kræver mindst "
            "{needed} årsværk.", "The targets cannot be met within the cap of {cap} FTE; "
            "they need at least {needed} FTE.", cap=limits.max_fte, needed=needed),
            None, limits.max_fte, needed)
    if kind is BindingKind.EXCLUSIONS:
        return Binding(kind, text(
            "Målene kan ikke nås uden forslag fra de udelukkede afdelinger og fredede "
            "områder.", "The targets cannot be met without proposals from the excluded "
            "departments and protected areas."))
    return Binding(kind, text(
        "Målene kan ikke nås med relationerne mellem forslagene (udelukkelser og "
        "forudsætninger).", "The targets cannot be met under the relations between "
        "proposals (exclusions and requirements)."))
