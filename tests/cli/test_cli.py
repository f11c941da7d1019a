"""The command line, through its real entry point."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from budgetkatalog.cli import main


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "budgetkatalog.cli", *args],
                          capture_output=True, text=True, check=False)


def test_overview_prints_mio_kr_with_three_decimals_and_the_rounding_note(
        seed_path: Path) -> None:
    done = run("overview", str(seed_path))
    assert done.returncode == 0
    assert "Oversigt over forslag (mio. kr.)" in done.stdout
    row = next(line for line in done.stdout.splitlines() if "2.8 Reduktion" in line)
    assert row.split()[-4:] == ["-3,517", "-7,666", "-7,666", "-7,666"]
    assert "Kilden angiver -15,065" in done.stdout
    assert "overview.rounding" in done.stderr and "afrunding" in done.stderr


def test_show_prints_sections_and_table_1_in_english_on_request(seed_path: Path) -> None:
    done = run("show", str(seed_path), "2.8", "--lang", "en")
    assert done.returncode == 0
    assert "7. Consequences for the economy" in done.stdout
    row_b = next(line for line in done.stdout.splitlines() if line.startswith("b. 239030"))
    assert row_b.split()[-3:] == ["-633", "-633", "-633"]
    assert "Total (e+f+g)" in done.stdout


def test_show_in_danish_by_default(seed_path: Path) -> None:
    done = run("show", str(seed_path), "2.5")
    assert "b. Forældrebetaling" in done.stdout and "I alt (e+f+g)" in done.stdout
    assert "577" in done.stdout


def test_import_writes_json_that_import_reads_back(seed_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "katalog.json"
    assert main(["import", str(seed_path), "--json", str(out)]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert len(doc["proposals"]) == 17
    assert main(["show", str(out), "2.16"]) == 0


@pytest.mark.parametrize(("args", "code"), [
    (["show", "{seed}", "9.9"], 2),
    (["overview", "{missing}"], 2),
    (["import", "{latin1}"], 2),
    (["frobnicate"], 2),
])
def test_unusable_input_exits_2(args: list[str], code: int, seed_path: Path,
                                tmp_path: Path) -> None:
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("2.1 Forslag\n1. Type\nKøge".encode("latin-1"))
    paths = {"seed": str(seed_path), "missing": str(tmp_path / "nope.txt"),
             "latin1": str(latin1)}
    assert run(*(a.format(**paths) for a in args)).returncode == code


def test_errors_exit_1(tmp_path: Path) -> None:
    broken = tmp_path / "broken.txt"
    broken.write_text("2.1 Forslag\n1. Type\nTekst\n", encoding="utf-8")
    done = run("import", str(broken))
    assert done.returncode == 1
    assert "import.table-missing" in done.stderr and "broken.txt:1" in done.stderr


def test_a_cell_that_cannot_be_read_exits_1_with_its_line(tmp_path: Path) -> None:
    # Row a's last cell "(840" lacks its closing parenthesis: an error on line 8, exit 1,
    # never a silently blank or guessed cell. The same table read cleanly exits 0.
    table = ("2.1 Et forslag\n1. Type\nTekst.\n7. Konsekvenser for økonomien\nTekst.\n"
             "Tabel 1. 4020 Kultur i 1.000 kr.\nKonto Tekst 2025 2026 2027 2028\n"
             "a. 402010 Løn (420) (840) (840) {last}\nb.\nc.\nd.\n"
             "e. Delsum (a+b+c+d) (420) (840) (840) (840)\nf. Anlægsinvestering\n"
             "g. Afledte driftsudgifter\nI alt (e+f+g) (420) (840) (840) (840)\n")
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text(table.format(last="(840)"), encoding="utf-8")
    bad.write_text(table.format(last="(840"), encoding="utf-8")
    assert run("import", str(good)).returncode == 0
    done = run("import", str(bad))
    assert done.returncode == 1
    assert "bad.txt:8:" in done.stderr
