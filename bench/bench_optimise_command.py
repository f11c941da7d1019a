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
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "albertslund-2020-katalog-2.txt"
SETTINGS = ROOT / "examples" / "albertslund-2020-katalog-2-indstillinger.json"
CLI = [sys.executable, "-m", "budgetkatalog.cli", "optimise"]
TARGET = ["--target", "2021-2023=-25.700"]
ADMINISTRATION = ["--only-group", "Administrationsanalysen"]
# The example states no FTE for 2.13–2.17 (2.1 and 2.3 come from its settings): the
# fte objective refuses unknown FTE, so the cases leave them out or, for all 17
# proposals, give them in the benchmark's own settings (values for timing only).
UNKNOWN = ["--exclude-proposal", "2.13", "--exclude-proposal", "2.14",
           "--exclude-proposal", "2.15"]
ALL_FTE = {"attributes": {"2.1": {"fte": "1"}, "2.3": {"fte": "2"}, "2.13": {"fte": 0},
                          "2.14": {"fte": 0}, "2.15": {"fte": "1"}, "2.16": {"fte": "2"},
                          "2.17": {"fte": "3"}}, "relations": []}


def cases(folder: Path) -> tuple[tuple[str, list[str]], ...]:
    catalogue_json = folder / "katalog.json"
    subprocess.run([*CLI[:-1], "import", str(EXAMPLE), "--json", str(catalogue_json)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    all_fte = folder / "indstillinger.json"
    all_fte.write_text(json.dumps(ALL_FTE), encoding="utf-8")
    return (
        ("example, administration group, fte (knapsack)",
         [*CLI, str(EXAMPLE), *TARGET, *ADMINISTRATION, "--settings", str(SETTINGS),
          *UNKNOWN]),
        ("same, count, --json (knapsack)",
         [*CLI, str(EXAMPLE), *TARGET, *ADMINISTRATION, "--objective", "count", "--json"]),
        ("same as the first, from catalogue JSON (schema check)",
         [*CLI, str(catalogue_json), *TARGET, *ADMINISTRATION, "--settings",
          str(SETTINGS), *UNKNOWN]),
        ("example, all 17 proposals, fte (MILP: 2.16, 2.17 differ by year)",
         [*CLI, str(EXAMPLE), *TARGET, "--settings", str(all_fte)]),
        ("Python alone (python -c pass)", [sys.executable, "-c", "pass"]),
    )


def run(command: list[str]) -> tuple[float, float]:
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
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
    with tempfile.TemporaryDirectory() as folder:
        _time(cases(Path(folder)), args.repeat)
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


def _time(chosen: tuple[tuple[str, list[str]], ...], repeat: int) -> None:
    for label, command in chosen:
        run(command)  # warm the file cache
        walls, cpus = zip(*(run(command) for _ in range(repeat)), strict=True)
        print(f"{label:<66} {min(walls) * 1000:>7.0f}ms {statistics.median(walls) * 1000:>7.0f}ms"
              f" {min(cpus) * 1000:>6.0f}ms {statistics.median(cpus) * 1000:>6.0f}ms")


if __name__ == "__main__":
    main()
