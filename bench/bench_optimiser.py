"""Optimiser benchmark: generated rounds of 500 proposals over 4 years, with 50 groups
of mutually exclusive proposals and 100 dependencies, solved to proven optimality.

Run: .venv/bin/python bench/bench_optimiser.py [--seeds N]

Each instance is generated from a seed (Python's ``random``, so it is reproducible):

- amounts: a full-year saving of 100–6.000 (1.000 kr.), phased in over the budget
  year (none, a third, 7/12, half or full effect); one in ten proposals costs money
  in the budget year (an investment that pays back later);
- FTE: the full-year saving over a salary of 450–650 (1.000 kr.), two decimals;
  one in five proposals saves no staff;
- citizen impact none / limited / direct at random; one in ten proposals may be
  adopted in part (a share, minimum 10 %), one in twenty by chosen lines;
- 50 disjoint groups of 2–4 mutually exclusive proposals, 100 "requires" pairs;
- targets: 40 % of the catalogue's total saving in each year.

Each objective is solved as the command solves it: to proven optimality with the
tie-break (fewest proposals among the FTE or impact optima, least FTE among the count
optima), and once more without the tie-break for comparison. The ``tie`` column counts
the answers whose tie-break was proven (the rest are the best found in the time). The
time is the whole ``optimise`` call (building the model, HiGHS, reading and
re-evaluating the answer exactly): wall time with ``time.perf_counter`` and the
process's CPU time (both of HiGHS's threads) with ``time.process_time``, which is less
disturbed when other work shares the machine; the load average is printed with them.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from decimal import Decimal
from importlib.metadata import version

from budgetkatalog.core.catalogue import Catalogue, ProposalGroup
from budgetkatalog.core.proposal import Proposal
from budgetkatalog.core.table import AmountsTable, TableLine
from budgetkatalog.core.years import BudgetRound
from budgetkatalog.scenarios.attributes import CitizenImpact, Divisibility, ProposalAttributes
from budgetkatalog.scenarios.optimiser import (
    LEXICOGRAPHIC_NODES,
    TIE_BREAK_NODES,
    Objective,
    Status,
    TieBreak,
    optimise,
)
from budgetkatalog.scenarios.relations import MutuallyExclusive, Relation, Requires
from budgetkatalog.scenarios.round_setup import RoundSetup
from budgetkatalog.scenarios.targets import Targets

YEARS = (2020, 2021, 2022, 2023)
PHASE_IN = (Decimal(0), Decimal(1) / 3, Decimal(7) / 12, Decimal(1) / 2, Decimal(1))


def _line(letter: str, amounts: tuple[int | None, ...]) -> TableLine:
    return TableLine(letter, None, f"Linje {letter}", amounts)


def _proposal(rng: random.Random, number: str) -> Proposal:
    full = -rng.randint(100, 6000)
    first = int(full * rng.choice(PHASE_IN))
    if rng.random() < 0.1:
        first = rng.randint(100, 1500)  # an investment in the budget year
    total = (first, full, full, full)
    parts = rng.randint(1, 3)
    cut = [rng.random() for _ in range(parts)]
    weights = [c / sum(cut) for c in cut]
    lines = []
    remaining = list(total)
    for index in range(parts):
        if index == parts - 1:
            amounts = tuple(remaining)
        else:
            amounts = tuple(int(t * weights[index]) for t in total)
            remaining = [r - a for r, a in zip(remaining, amounts, strict=True)]
        lines.append(_line("abcd"[index], amounts))
    for index in range(parts, 4):
        lines.append(_line("abcd"[index], (None, None, None, None)))
    blank = TableLine("f", None, None, (0, 0, 0, 0))
    table = AmountsTable("Genereret", YEARS, tuple(lines), blank,
                         TableLine("g", None, None, (0, 0, 0, 0)), total, total)
    return Proposal(number, f"Forslag {number}", (), table)


def generate(seed: int, count: int = 500, groups: int = 50,
             dependencies: int = 100) -> RoundSetup:
    rng = random.Random(seed)
    numbers = [f"9.{i}" for i in range(1, count + 1)]
    proposals = tuple(_proposal(rng, n) for n in numbers)
    attributes: dict[str, ProposalAttributes] = {}
    for proposal in proposals:
        full = -proposal.total(YEARS)[1]
        fte = Decimal(0) if rng.random() < 0.2 else \
            (Decimal(full) / rng.randint(450, 650)).quantize(Decimal("0.01"))
        roll = rng.random()
        divisibility = Divisibility.SHARE if roll < 0.1 else \
            Divisibility.LINES if roll < 0.15 else Divisibility.WHOLE
        attributes[proposal.number] = ProposalAttributes(
            proposal.number, department=f"Afdeling {rng.randint(1, 12)}", fte=fte,
            fte_known=True, citizen_impact=rng.choice(list(CitizenImpact)),
            divisibility=divisibility)
    shuffled = numbers[:]
    rng.shuffle(shuffled)
    relations: list[Relation] = []
    position = 0
    for _ in range(groups):
        size = rng.randint(2, 4)
        relations.append(MutuallyExclusive(tuple(shuffled[position:position + size])))
        position += size
    pairs: set[tuple[str, str]] = set()
    while len(pairs) < dependencies:
        first, second = rng.sample(numbers, 2)
        pairs.add((first, second))
    relations.extend(Requires(first, second) for first, second in sorted(pairs))
    saving = [sum(min(0, p.total(YEARS)[i]) for p in proposals) for i in range(len(YEARS))]
    targets = Targets.of({year: Decimal(int(saving[i] * 0.4)) for i, year in enumerate(YEARS)})
    catalogue = Catalogue("Genereret katalog", BudgetRound.from_years(YEARS), proposals,
                          (ProposalGroup("Genereret", tuple(numbers)),))
    return RoundSetup(catalogue, attributes, tuple(relations), targets)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def _row(label: str, runs: int, proven: object, values: list[float], nodes: object,
         tie: object = "") -> str:
    return (f"{label:<17} {runs:>5} {proven!s:>7} {tie!s:>5} {min(values):>8.0f} "
            f"{statistics.median(values):>10.0f} {percentile(values, 0.95):>8.0f} "
            f"{max(values):>8.0f} {nodes!s:>10}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=20)
    args = parser.parse_args()
    before = os.getloadavg()[0]
    print(f"highspy {version('highspy')}, {os.cpu_count()} cores, "
          f"load average {before:.1f} at the start")
    print(f"{'objective':<17} {'runs':>5} {'proven':>7} {'tie':>5} {'min ms':>8} "
          f"{'median ms':>10} {'p95 ms':>8} {'max ms':>8} {'max nodes':>10}")
    wall_all: list[float] = []
    cpu_all: list[float] = []
    runs = [(objective, True) for objective in Objective] + \
        [(objective, False) for objective in Objective]
    for objective, tie_break in runs:
        label = objective.value + (" +tie" if tie_break else "")
        wall: list[float] = []
        cpu: list[float] = []
        proven = ties = 0
        nodes = 0
        for seed in range(1, args.seeds + 1):
            setup = generate(seed)
            start, start_cpu = time.perf_counter(), time.process_time()
            result = optimise(setup, objective, tie_break=tie_break)
            wall.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
            if result.status is Status.OPTIMAL and result.best is not None \
                    and result.best.proof.proven_optimal \
                    and result.best.evaluation.meets_targets:
                proven += 1
                ties += result.best.tie_break is TieBreak.PROVEN
                nodes = max(nodes, result.best.proof.nodes)
            else:
                print(f"  seed {seed}: {result.status}")
        if tie_break:
            wall_all.extend(wall)
            cpu_all.extend(cpu)
        print(_row(f"{label} wall", len(wall), proven, wall, nodes,
                   ties if tie_break else ""))
        print(_row(f"{label} CPU", len(cpu), "", cpu, ""))
    print(_row("all +tie wall", len(wall_all), "", wall_all, ""))
    print(_row("all +tie CPU", len(cpu_all), "", cpu_all, ""))
    print("+tie: as the command solves (tie-break on; the lexicographic solve gets at "
          f"most {LEXICOGRAPHIC_NODES} nodes, a fallback re-solve {TIE_BREAK_NODES})")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
