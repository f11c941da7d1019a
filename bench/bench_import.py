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


def measure(text: str, repeat: int) -> tuple[int, list[float], list[float]]:
    """(proposals, wall times, CPU times): CPU time is the figure to trust on a busy
    machine, where other processes stretch the wall time."""
    import_and_overview(text)  # warm-up
    times = []
    cpu = []
    count = 0
    for _ in range(repeat):
        start = time.perf_counter()
        start_cpu = time.process_time()
        count = import_and_overview(text)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return count, times, cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--sizes", default="100,250,500,1000,2000",
                        help="generated catalogue sizes, comma-separated")
    args = parser.parse_args()
    cases = [("seed", SEED.read_text(encoding="utf-8"))]
    cases += [(f"generated {n}", generate(int(n))) for n in args.sizes.split(",") if n]
    print(f"{'case':<16}{'proposals':>10}{'lines':>9}{'min ms':>10}{'median ms':>11}"
          f"{'max ms':>10}{'cpu med ms':>12}{'µs/proposal':>13}")
    for name, text in cases:
        count, times, cpu = measure(text, args.repeat if count_ok(name) else 5)
        median = statistics.median(times)
        cpu_median = statistics.median(cpu)
        print(f"{name:<16}{count:>10}{text.count(chr(10)):>9}{min(times) * 1e3:>10.1f}"
              f"{median * 1e3:>11.1f}{max(times) * 1e3:>10.1f}{cpu_median * 1e3:>12.1f}"
              f"{cpu_median / count * 1e6:>13.0f}")


def count_ok(name: str) -> bool:
    return "2000" not in name


if __name__ == "__main__":
    main()
