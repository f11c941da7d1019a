"""The ``optimise`` command as a whole process: Python's start, imports, reading the
example catalogue, solving and printing.

Run: .venv/bin/python bench/bench_optimise_command.py [--repeat 15]

The package is byte-compiled first, as an installation does (``pip install`` writes the
``.pyc`` files; an editable checkout run with PYTHONDONTWRITEBYTECODE would otherwise
compile every module at every start). Each case runs ``--repeat`` times; the table gives
wall time and the process's CPU time (user + system, from ``wait4``), best and median.
Target: ≤ 150 ms for the example.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "albertslund-2020-katalog-2.txt"
CLI = [sys.executable, "-m", "budgetkatalog.cli", "optimise", str(EXAMPLE)]

CASES = (
    ("example, administration group, fte (knapsack)",
     [*CLI, "--target", "2021-2023=-25.700", "--only-group", "Administrationsanalysen"]),
    ("example, administration group, count, --json (knapsack)",
     [*CLI, "--target", "2021-2023=-25.700", "--only-group", "Administrationsanalysen",
      "--objective", "count", "--json"]),
    ("example, all 17 proposals, fte (MILP: 2.16, 2.17 differ by year)",
     [*CLI, "--target", "2021-2023=-25.700"]),
    ("Python alone (python -c pass)", [sys.executable, "-c", "pass"]),
)


def run(command: list[str]) -> tuple[float, float]:
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed")
    return wall, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args, _ = parser.parse_known_args()
    compileall.compile_dir(str(ROOT / "src"), quiet=1)
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f} at the start")
    print(f"{'case':<66} {'wall min':>9} {'wall med':>9} {'CPU min':>8} {'CPU med':>8}")
    for label, command in CASES:
        run(command)  # warm the file cache
        walls, cpus = zip(*(run(command) for _ in range(args.repeat)), strict=True)
        print(f"{label:<66} {min(walls) * 1000:>7.0f}ms {statistics.median(walls) * 1000:>7.0f}ms"
              f" {min(cpus) * 1000:>6.0f}ms {statistics.median(cpus) * 1000:>6.0f}ms")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
