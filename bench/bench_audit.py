"""The catalogue audit, in process: the seed and a generated 1,000-proposal catalogue.

Targets (issue: catalogue audit): checking the seed ≤ 100 ms, a generated
1,000-proposal catalogue ≤ 2 s. "audit" is every audit rule on an imported catalogue;
"import + audit" is what ``budgetkatalog check`` does after reading the file. Every
repeat starts with the audit's caches empty (a cold check). Wall time
(``time.perf_counter``) and processor time (``time.process_time``) are both shown:
on a shared machine the processor time is the steadier figure.
Run: .venv/bin/python bench/bench_audit.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import SEED, generate
from budgetkatalog.audit import audit
from budgetkatalog.audit.statements import clear_cache
from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.importers.catalogue_text import import_catalogue_text


def imported(text: str) -> Catalogue:
    result = import_catalogue_text(text)
    assert result.catalogue is not None
    return result.catalogue


def measure(work: Callable[[], object], repeat: int) -> tuple[list[float], list[float]]:
    work()  # warm-up: regular expressions compiled, locale data loaded
    walls, cpus = [], []
    for _ in range(repeat):
        clear_cache()
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return walls, cpus


def whole_process(path: Path, repeat: int) -> list[float]:
    times = []
    command = [sys.executable, "-m", "budgetkatalog.cli", "check", str(path)]
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    seed_text = SEED.read_text(encoding="utf-8")
    big_text = generate(1000)
    seed, big = imported(seed_text), imported(big_text)
    few = max(3, args.repeat // 3)
    cases: list[tuple[str, int, Callable[[], object], int]] = [
        ("seed: audit", len(seed.proposals), lambda: audit(seed), args.repeat),
        ("seed: import + audit", len(seed.proposals),
         lambda: audit(imported(seed_text)), args.repeat),
        ("1,000: audit", len(big.proposals), lambda: audit(big), few),
        ("1,000: import + audit", len(big.proposals),
         lambda: audit(imported(big_text)), few),
    ]
    print(f"{'case':<24}{'proposals':>10}{'findings':>10}{'median ms':>11}{'min ms':>9}"
          f"{'cpu median ms':>15}")
    for name, count, work, repeat in cases:
        walls, cpus = measure(work, repeat)
        findings = len(audit(big if count > 100 else seed))
        print(f"{name:<24}{count:>10}{findings:>10}{statistics.median(walls) * 1000:>11.1f}"
              f"{min(walls) * 1000:>9.1f}{statistics.median(cpus) * 1000:>15.1f}")
    walls = whole_process(SEED, few)
    print(f"{'whole process: check seed':<44}{statistics.median(walls) * 1000:>11.1f}"
          f"{min(walls) * 1000:>9.1f}")


if __name__ == "__main__":
    main()
