"""Costing, in process: reading and costing the seed's example specs, a generated
spec of growing size, and phase-in recognition over the seed's tables.

Run: .venv/bin/python bench/bench_costing.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from budgetkatalog.costing.compute import cost
from budgetkatalog.costing.phase_in import recognise_phase_in
from budgetkatalog.costing.spec import load_spec
from budgetkatalog.importers.catalogue_text import import_catalogue_file

EXAMPLES = ROOT / "examples" / "costing"
SEED = ROOT / "examples" / "albertslund-2020-katalog-2.txt"


def timed(action: Callable[[], object], repeat: int) -> list[float]:
    action()  # warm-up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def read_and_cost(source: str, origin: str, round_text: str | None) -> None:
    result = load_spec(source, origin, lambda name: round_text)
    assert result.spec is not None
    cost(result.spec)


def generated_spec(components: int) -> str:
    """Four budget lines sharing ``components`` staff components with mixed timing."""
    parts = ['round = "round-2020.toml"\n[proposal]\nnumber = "9.1"\nrounding = "allocate"\n']
    per_line = max(1, components // 4)
    for letter in "abcd":
        parts.append(f'[[line]]\nletter = "{letter}"\n')
        for n in range(per_line):
            month = 1 + n % 12
            parts.append(f'[[line.component]]\nlabel = "Stilling {n}"\nstaff = "ac"\n'
                         f'fte = {1 + n % 3}.5\nstart = "2020-{month:02d}"\nnotice_months = 3\n'
                         f'[[line.component.offset]]\nkind = "external"\nshare = "10 %"\n')
    return "".join(parts)


def row(name: str, count: int, times: list[float]) -> None:
    median = statistics.median(times)
    print(f"{name:<34}{count:>8}{min(times) * 1e3:>10.2f}{median * 1e3:>11.2f}"
          f"{max(times) * 1e3:>10.2f}{median / count * 1e6:>12.1f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    round_text = (EXAMPLES / "round-2020.toml").read_text(encoding="utf-8")
    specs = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.glob("2.*.toml"))]
    print(f"{'case':<34}{'items':>8}{'min ms':>10}{'median ms':>11}{'max ms':>10}"
          f"{'µs/item':>12}")

    def all_seed_specs() -> None:
        for name, source in specs:
            read_and_cost(source, name, round_text)

    row("seed specs: read + cost (specs)", len(specs), timed(all_seed_specs, args.repeat))
    for size in (40, 200, 1000):
        source = generated_spec(size)
        row("generated spec (components)", size,
            timed(lambda source=source: read_and_cost(source, "gen.toml", round_text),
                  args.repeat if size < 1000 else 5))

    catalogue = import_catalogue_file(SEED).catalogue
    assert catalogue is not None
    rows = [line.amounts for p in catalogue.proposals if p.table for line in p.table.lines]

    def recognise_all() -> None:
        for _ in range(100):
            for amounts in rows:
                recognise_phase_in(amounts)

    row("recognise_phase_in (rows)", 100 * len(rows), timed(recognise_all, args.repeat))


if __name__ == "__main__":
    main()
