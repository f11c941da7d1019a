"""The optimiser side by side with pabutools' exact rules on real participatory budgets.

Run: .venv/bin/python bench/bench_pabulib.py FOLDER [--per-band 12] [--repeat 5]
         [--check-all]

FOLDER holds Pabulib instances (``.pb`` files, approval ballots), e.g. the test data
published with pabutools; they are read from there and never committed. pabutools is
installed with the ``bench`` extra (``pip install -e '.[bench]'``; ``./dev bench`` does).

"Fund the most votes within the budget" (pabutools' utilitarian welfare rule with
cardinality satisfaction) is the same problem as "reject the fewest votes while saving
at least total − budget": each project becomes a proposal whose adoption (= rejecting
the project) saves its cost in one year, its FTE-like weight is its number of votes,
and the target is −(total cost − budget). Minimising "FTE" then minimises the votes
of the rejected projects; the tie-break (fewest proposals among the optima) funds as
many projects as possible among the allocations with the most votes.

Compared, per instance, in one process and interleaved (each repeat runs the four in
a rotating order):

- ``ours``: ``optimise(setup, Objective.FTE)`` with the tie-break: choosing the
  method, solving, proving and building the answer (its exact evaluation, computed
  when first read, is read outside the timed call, as pabutools' allocations are
  summed outside theirs). The first repeat runs on a new round setup and prepares
  what does not depend on the target (the proposals as arrays, the knapsack's items
  in efficiency order); every later repeat runs on ``setup.with_targets(...)``, a
  setup for the target sharing that preparation, as the scenario pages do when a
  politician tries one target after another. The round's first call is reported
  apart;
- ``pabutools ILP``: ``max_additive_utilitarian_welfare(..., inner_algo=ILP_SOLVER)``
  (PuLP and CBC);
- ``pabutools default``: the same rule with its default exact algorithm for resolute
  outcomes (``PRIMAL_DUAL``, a knapsack primal-dual branch and bound);
- ``pabutools core``: that algorithm alone (``primal_dual_branch``) on its knapsack
  items built beforehand.

Both rules are given each project's score (its number of approvals) computed
beforehand, through an object answering ``total_satisfaction_project`` from a table:
pabutools' own satisfaction profile sums over every voter for every project (seconds
for a large city), which would measure that sum rather than the rule; with the scores
given, the times are the rules' own work.

The times are CPU time per call: the process's own (``time.process_time``) plus its
child processes' (CBC runs in one), so that other work sharing the machine does not
count; garbage collection is off during the call, as ``timeit`` does. Each figure is
the best of ``--repeat`` runs per instance; a band's figure is the sum of its
instances' best times. Every answer's total
votes are compared: the optimum must be the same for all.
"""

from __future__ import annotations

import argparse
import csv
import gc
import os
import resource
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from decimal import Decimal
from functools import partial
from importlib.metadata import version
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from budgetkatalog.core.catalogue import Catalogue, ProposalGroup
from budgetkatalog.core.proposal import Proposal
from budgetkatalog.core.table import AmountsTable, TableLine
from budgetkatalog.core.years import BudgetRound
from budgetkatalog.scenarios.attributes import CitizenImpact, Divisibility, ProposalAttributes
from budgetkatalog.scenarios.optimiser import (
    Method,
    Objective,
    OptimisationResult,
    Status,
    optimise,
)
from budgetkatalog.scenarios.round_setup import RoundSetup
from budgetkatalog.scenarios.targets import Targets

PEERS = ("ours", "ilp", "default", "core")
BANDS = (("≤ 30", 0, 30), ("31–150", 31, 150), ("> 150", 151, 10**9))
YEAR = 2025

csv.field_size_limit(sys.maxsize)


class Election:
    """One Pabulib instance as plain numbers: cost and approvals per project."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.meta: dict[str, str] = {}
        costs: dict[str, Decimal] = {}
        for section, header, row in self._rows(stop_at="VOTES"):
            if section == "META":
                self.meta[row[0].strip()] = row[1].strip()
            elif section == "PROJECTS":
                fields = dict(zip(header, row, strict=False))
                costs[fields["project_id"].strip()] = Decimal(fields["cost"].strip())
        self.vote_type = self.meta.get("vote_type", "")
        budget = Decimal(self.meta.get("budget", "0").replace(",", "."))
        # whole numbers: the smallest power of ten making every cost and the budget whole
        scale = 1
        while any((c * scale) % 1 for c in (*costs.values(), budget)):
            scale *= 10
        self.budget = int(budget * scale)
        self.costs = {p: int(c * scale) for p, c in costs.items()}
        self.votes: dict[str, int] = {}

    def _rows(self, stop_at: str = "") -> Iterator[tuple[str, list[str], list[str]]]:
        section = ""
        header: list[str] = []
        with self.path.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle, delimiter=";"):
                if not row:
                    continue
                if len(row) == 1 and row[0].strip() in ("META", "PROJECTS", "VOTES"):
                    section, header = row[0].strip(), []
                    if section == stop_at:
                        return
                    continue
                if not header:
                    header = [cell.strip() for cell in row]
                    continue
                yield section, header, row

    def load_votes(self) -> Election:
        """Approvals per project, from the ballots."""
        votes: Counter[str] = Counter()
        for section, header, row in self._rows():
            if section == "VOTES":
                fields = dict(zip(header, row, strict=False))
                votes.update({p.strip() for p in fields.get("vote", "").split(",")
                              if p.strip()})
        self.votes = {p: votes.get(p, 0) for p in self.costs}
        return self

    @property
    def size(self) -> int:
        return len(self.costs)

    def setup(self) -> RoundSetup:
        """Rejecting project p saves its cost and loses its votes."""
        years = (YEAR,)
        proposals = []
        attributes = {}
        for number, cost in self.costs.items():
            line = TableLine("a", None, "Projekt", (-cost,))
            blank = TableLine("f", None, None, (0,))
            table = AmountsTable("Pabulib", years, (line,), blank,
                                 TableLine("g", None, None, (0,)), (-cost,), (-cost,))
            proposals.append(Proposal(number, f"Afvis projekt {number}", (), table))
            attributes[number] = ProposalAttributes(
                number, fte=Decimal(self.votes[number]), fte_known=True,
                citizen_impact=CitizenImpact.NONE, divisibility=Divisibility.WHOLE)
        total = sum(self.costs.values())
        catalogue = Catalogue(self.path.stem, BudgetRound.from_years(years), tuple(proposals),
                              (ProposalGroup("Projekter", tuple(self.costs)),))
        return RoundSetup(catalogue, attributes, (),
                          Targets.of({YEAR: -(total - self.budget)}))


def ours(setup: RoundSetup, election: Election) -> tuple[int, int, str]:
    return read(optimise(setup, Objective.FTE), election)


def read(result: OptimisationResult, election: Election) -> tuple[int, int, str]:
    """Total votes and projects funded by our answer, checked; the method used."""
    assert result.status is Status.OPTIMAL and result.best is not None
    assert result.best.proof.proven_optimal
    rejected = set(result.best.evaluation.adopted)
    funded = [p for p in election.costs if p not in rejected]
    assert sum(election.costs[p] for p in funded) <= election.budget
    return (sum(election.votes[p] for p in funded), len(funded),
            str(result.best.proof.method))


def cpu_time() -> float:
    """CPU seconds of this process and of its finished child processes."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


class Scores:
    """Each project's total satisfaction (approvals), given to the rules beforehand."""

    def __init__(self, scores: dict[Any, int]) -> None:
        self.scores = scores

    def total_satisfaction_project(self, project: Any) -> int:
        return self.scores[project]


def core(branch: Callable[[list[Any], Any], list[Any]], items: list[Any], budget: Any,
         free: list[Any]) -> list[Any]:
    """pabutools' primal-dual knapsack on its items, plus the free projects with votes."""
    return [item.project for item in branch(list(items), budget)] + free


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, nargs="?",
                        help="folder of Pabulib .pb files (or the PABULIB variable)")
    parser.add_argument("--per-band", type=int, default=12,
                        help="instances timed per size band (spread over the band)")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--check-all", action="store_true",
                        help="also compare the optimum (untimed) on every other instance")
    args, _ = parser.parse_known_args()
    folder = args.folder or (Path(os.environ["PABULIB"]) if "PABULIB" in os.environ else None)
    if folder is None or not folder.is_dir():
        print("Give the folder of Pabulib instances (.pb): bench/bench_pabulib.py FOLDER "
              "or PABULIB=FOLDER; nothing measured.")
        return
    args.folder = folder
    try:
        from pabutools.election import parse_pabulib
        from pabutools.rules import MaxAddUtilWelfareAlgo, max_additive_utilitarian_welfare
        from pabutools.rules.maxwelfare import KnapsackItem, primal_dual_branch
    except ImportError:
        sys.exit("pabutools is missing: pip install -e '.[bench]'")

    paths = sorted(args.folder.glob("*.pb"))
    elections = []
    for path in paths:
        election = Election(path)
        if election.vote_type == "approval" and election.size > 0 and election.budget > 0:
            elections.append(election)
    chosen: list[Election] = []
    for _, low, high in BANDS:
        band = sorted((e for e in elections if low <= e.size <= high),
                      key=lambda e: (e.size, e.path.name))
        count = min(args.per_band, len(band))
        chosen.extend(band[round(i * (len(band) - 1) / max(1, count - 1))]
                      for i in range(count)) if count else None
    print(f"pabutools {version('pabutools')}, PuLP {version('PuLP')}, "
          f"highspy {version('highspy')}, Python {sys.version.split()[0]}, "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start; "
          f"{len(elections)} approval instances in {args.folder}, {len(chosen)} timed")

    def peers(election: Election) -> tuple[Any, Any, Any]:
        instance, profile = parse_pabulib(str(election.path))
        return instance, profile, Scores({p: election.votes[str(p)] for p in instance})

    def welfare(allocation: object, election: Election) -> int:
        return sum(election.votes[str(p)] for p in allocation)  # type: ignore[attr-defined]

    rows = []
    for election in chosen:
        setup = election.load_votes().setup()
        instance, profile, sat_profile = peers(election)

        scores = {p: sat_profile.total_satisfaction_project(p) for p in instance}
        items = [KnapsackItem(p, p.cost, scores[p]) for p in instance if p.cost > 0]
        free = [p for p in instance if p.cost == 0 and scores[p] > 0]
        times: dict[str, list[float]] = {name: [] for name in PEERS}
        values: dict[str, set[int]] = {name: set() for name in PEERS}
        method = ""
        funded = 0
        runs: list[tuple[str, Callable[[], object]]] = [
            ("ours", partial(optimise, setup, Objective.FTE)),
            ("ilp", partial(max_additive_utilitarian_welfare, instance, profile,
                            sat_profile=sat_profile,
                            inner_algo=MaxAddUtilWelfareAlgo.ILP_SOLVER)),
            ("default", partial(max_additive_utilitarian_welfare, instance, profile,
                                sat_profile=sat_profile)),
            ("core", partial(core, primal_dual_branch, items, instance.budget_limit, free)),
        ]
        for repeat in range(args.repeat):
            shift = repeat % len(runs)
            for name, run in runs[shift:] + runs[:shift]:
                if name == "ours" and repeat:
                    # as the scenario pages try one target after another: a setup for
                    # the target, sharing what the round's first call prepared
                    run = partial(optimise, setup.with_targets(setup.targets), Objective.FTE)
                # as timeit does: no cyclic garbage collection inside the timed call
                # (pabutools' parsed profiles hold millions of objects, and a collection
                # falling into a call would time the profile, not the call)
                gc.collect()
                gc.disable()
                start = cpu_time()
                answer = run()
                times[name].append(cpu_time() - start)
                gc.enable()
                # each answer is read outside the timed call, as pabutools' allocations
                # are summed outside theirs
                if name == "ours":
                    value, funded, method = read(answer, election)  # type: ignore[arg-type]
                    values[name].add(value)
                else:
                    values[name].add(welfare(answer, election))
        same = len(set().union(*values.values())) == 1
        best = {k: min(v) for k, v in times.items()}
        # the round's first call: on a new setup, preparing its arrays and knapsack
        best["first"] = times["ours"][0]
        rows.append((election, best, same, method, funded, next(iter(values["ours"]))))
        print(f"{election.path.name:<55} {election.size:>4} "
              f"ours {1000 * min(times['ours']):8.2f} ms  "
              f"ILP {1000 * min(times['ilp']):8.2f} ms  "
              f"default {1000 * min(times['default']):8.2f} ms  "
              f"core {1000 * min(times['core']):8.2f} ms  "
              f"first {1000 * times['ours'][0]:6.2f} ms  "
              f"votes {next(iter(values['ours']))} {'same' if same else 'DIFFERENT'} "
              f"({method}, {funded} funded)", flush=True)

    print()
    print("| projects | instances | same optimum | ours ms | pabutools ILP ms | "
          "pabutools default ms | ours / fastest rule | pabutools core ms | ours / core | "
          "ours, round's first call ms | first call / fastest rule |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, low, high in BANDS:
        band = [r for r in rows if low <= r[0].size <= high]
        if not band:
            continue
        total = {k: sum(r[1][k] for r in band) for k in (*PEERS, "first")}
        fastest = min(total["ilp"], total["default"])
        print(f"| {label} | {len(band)} | {sum(r[2] for r in band)} | "
              f"{1000 * total['ours']:.2f} | {1000 * total['ilp']:.2f} | "
              f"{1000 * total['default']:.2f} | {total['ours'] / fastest:.3f} | "
              f"{1000 * total['core']:.2f} | {total['ours'] / total['core']:.2f} | "
              f"{1000 * total['first']:.2f} | {total['first'] / fastest:.2f} |")
    methods = Counter(r[3] for r in rows)
    print(f"methods: {dict(methods)}; knapsack = {Method.KNAPSACK.value}")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")

    if args.check_all:
        timed = {e.path for e in chosen}
        checked = differ = 0
        for election in elections:
            if election.path in timed:
                continue
            value = ours(election.load_votes().setup(), election)[0]
            instance, profile, sat_profile = peers(election)
            peer = max_additive_utilitarian_welfare(instance, profile, sat_profile=sat_profile)
            checked += 1
            if welfare(peer, election) != value:
                differ += 1
                print(f"  {election.path.name}: ours {value}, pabutools {welfare(peer, election)}")
        print(f"checked without timing: {checked} more instances, {differ} with a "
              "different optimum")


if __name__ == "__main__":
    main()
