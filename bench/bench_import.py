"""Import + overview, in process: the seed and generated catalogues of growing size.

Targets (issue: catalogue core): seed ≤ 50 ms, 1,000 proposals ≤ 1 s.
Run: .venv/bin/python bench/bench_import.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import SEED, generate
from budgetkatalog.core.overview import compare_overview, compute_overview
from budgetkatalog.importers.catalogue_text import import_catalogue_text


def import_and_overview(text: str) -> int:
    result = import_catalogue_text(text)
    assert result.catalogue is not None
    overview = compute_overview(result.catalogue)
    compare_overview(overview)
    return len(result.catalogue.proposals)


def measure(text: str, repeat: int) -> tuple[int, list[float]]:
    import_and_overview(text)  # warm-up
    times = []
    count = 0
    for _ in range(repeat):
        start = time.perf_counter()
        count = import_and_overview(text)
        times.append(time.perf_counter() - start)
    return count, times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    cases = [("seed", SEED.read_text(encoding="utf-8"))]
    cases += [(f"generated {n}", generate(n)) for n in (100, 250, 500, 1000, 2000)]
    print(f"{'case':<16}{'proposals':>10}{'lines':>9}{'min ms':>10}{'median ms':>11}"
          f"{'max ms':>10}{'µs/proposal':>13}")
    for name, text in cases:
        count, times = measure(text, args.repeat if count_ok(name) else 5)
        median = statistics.median(times)
        print(f"{name:<16}{count:>10}{text.count(chr(10)):>9}{min(times) * 1e3:>10.1f}"
              f"{median * 1e3:>11.1f}{max(times) * 1e3:>10.1f}{median / count * 1e6:>13.0f}")


def count_ok(name: str) -> bool:
    return "2000" not in name


if __name__ == "__main__":
    main()
