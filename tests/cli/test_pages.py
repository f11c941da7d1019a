"""Findings name the page as well as the line where the source has pages (form feeds
between pages, as PDF text extraction and the PDF importer give)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

STRANDVIG = Path(__file__).resolve().parents[1] / "corpus" / "strandvig-2026.txt"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "budgetkatalog.cli", *args],
                          capture_output=True, text=True, check=False)


def test_a_finding_names_its_page_and_line() -> None:
    # SO-02's Table 1 starts on page 9 (its caption, line 357, where the table's sum
    # findings stand) and runs over the break after "Side 9 af 10" onto page 10.
    done = run("check", str(STRANDVIG), "--format", "json")
    findings = json.loads(done.stdout)
    subtotal = next(f for f in findings if f["rule"] == "table.subtotal"
                    and f["proposal"] == "SO-02")
    assert (subtotal["line"], subtotal["page"]) == (357, 9)
    text = run("check", str(STRANDVIG))
    assert f"{STRANDVIG}:357 (side 9): fejl [SO-02] table.subtotal" in text.stdout


def test_text_without_pages_gives_no_page(seed_path: Path) -> None:
    done = run("check", str(seed_path), "--format", "json")
    assert all("page" not in f for f in json.loads(done.stdout))
