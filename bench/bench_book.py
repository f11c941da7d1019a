"""The catalogue book: PDF (Typst), Word and Excel for the seed and a 500-proposal
catalogue, side by side with LibreOffice headless converting the same Word book to PDF.

Targets (issue: the catalogue book): the seed's PDF book ≤ 2 s, a 500-proposal PDF
book ≤ 30 s. The PDF time is the whole render in process (layout, PDF/UA checks,
writing), after one warm-up that loads the compiler; the cold first render is shown too.
Run: .venv/bin/python bench/bench_book.py [--repeat N] [--sizes 500]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import SEED, generate
from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.exporters.docx_book import render_docx
from budgetkatalog.exporters.pdf_book import render_pdf
from budgetkatalog.exporters.xlsx_workbook import render_xlsx
from budgetkatalog.importers.catalogue_text import import_catalogue_text


def timed(render: Callable[[], bytes], repeat: int) -> tuple[list[float], list[float], bytes]:
    """Wall and CPU seconds (this process and its threads) per run."""
    walls, cpus = [], []
    out = b""
    for _ in range(repeat):
        cpu = time.process_time()
        start = time.perf_counter()
        out = render()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return walls, cpus, out


def libreoffice_pdf(docx: bytes) -> tuple[float, float, int]:
    """Wall and CPU seconds (children) for soffice --convert-to pdf, and its page count."""
    soffice = shutil.which("soffice")
    if soffice is None:
        return float("nan"), float("nan"), 0
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "katalog.docx"
        source.write_bytes(docx)
        profile = Path(work) / "profile"
        command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                   "--norestore", "--convert-to", "pdf", "--outdir", work, str(source)]
        subprocess.run(command, capture_output=True, check=True)  # first start: profile
        before = os.times()
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        wall = time.perf_counter() - start
        after = os.times()
        data = (Path(work) / "katalog.pdf").read_bytes()
        return wall, (after.children_user - before.children_user
                      + after.children_system - before.children_system), \
            data.count(b"/Type /Page\n") + data.count(b"/Type/Page\n")


def pages(pdf: bytes) -> int:
    import io

    import pypdf
    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sizes", type=int, nargs="*", default=[500])
    args = parser.parse_args()
    cases: list[tuple[str, Catalogue]] = []
    for name, text in [("seed", SEED.read_text(encoding="utf-8")),
                       *((f"generated {n}", generate(n)) for n in args.sizes)]:
        result = import_catalogue_text(text)
        assert result.catalogue is not None
        cases.append((name, result.catalogue))
    cold = time.perf_counter()
    render_pdf(cases[0][1])
    print(f"first PDF render in a fresh process (loads the compiler): "
          f"{time.perf_counter() - cold:.2f} s")
    print(f"{'case':<15}{'format':<22}{'pages':>6}{'median s':>10}{'min s':>8}{'cpu s':>8}")
    for name, catalogue in cases:
        repeat = args.repeat if name == "seed" else max(1, args.repeat // 2)
        docx = b""
        for label, render in (("PDF (Typst)", lambda c=catalogue: render_pdf(c)),
                              ("Word (python-docx)", lambda c=catalogue: render_docx(c)),
                              ("Excel (openpyxl)", lambda c=catalogue: render_xlsx(c))):
            walls, cpus, out = timed(render, repeat)
            count = pages(out) if label.startswith("PDF") else 0
            if label.startswith("Word"):
                docx = out
            print(f"{name:<15}{label:<22}{count or '':>6}{statistics.median(walls):>10.2f}"
                  f"{min(walls):>8.2f}{statistics.median(cpus):>8.2f}")
        wall, cpu, count = libreoffice_pdf(docx)
        print(f"{name:<15}{'LibreOffice DOCX→PDF':<22}{count or '':>6}{wall:>10.2f}"
              f"{wall:>8.2f}{cpu:>8.2f}")


if __name__ == "__main__":
    main()
