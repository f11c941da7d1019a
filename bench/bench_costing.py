"""Costing benchmarks: phase-in recognition over the seed's tables.

Run: .venv/bin/python bench/bench_costing.py
"""

from __future__ import annotations

import time
from pathlib import Path

from budgetkatalog.costing.phase_in import recognise_phase_in
from budgetkatalog.importers.catalogue_text import import_catalogue_file

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "albertslund-2020-katalog-2.txt"


def bench_recognition(rounds: int = 2000) -> None:
    catalogue = import_catalogue_file(SEED).catalogue
    assert catalogue is not None
    rows = [line.amounts for p in catalogue.proposals if p.table for line in p.table.lines]
    start = time.perf_counter()
    for _ in range(rounds):
        for row in rows:
            recognise_phase_in(row)
    elapsed = time.perf_counter() - start
    calls = rounds * len(rows)
    print(f"recognise_phase_in: {calls} rows in {elapsed:.3f} s "
          f"({elapsed / calls * 1e6:.2f} µs per row)")


if __name__ == "__main__":
    bench_recognition()
