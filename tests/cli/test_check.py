"""``budgetkatalog check`` through the real entry point."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.audit.conftest import proposal_text


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "budgetkatalog.cli", *args],
                          capture_output=True, text=True, check=False)


def test_check_on_the_seed_reports_errors_and_exits_1(seed_path: Path) -> None:
    done = run("check", str(seed_path))
    assert done.returncode == 1
    assert f"{seed_path}:974: fejl [2.3] text.amount-vs-table" in done.stdout
    assert "fejl" in done.stdout.splitlines()[-1]


def test_check_json_lists_objects_with_the_required_keys(seed_path: Path) -> None:
    done = run("check", str(seed_path), "--format", "json", "--lang", "en")
    findings = json.loads(done.stdout)
    assert {"rule", "severity", "proposal", "line", "message"} <= set(findings[0])
    caption = next(f for f in findings if f["rule"] == "areas.caption-mismatch")
    assert caption["proposal"] == "2.6" and caption["severity"] == "error"
    assert caption["message"].startswith("The heading names")


def test_check_exits_0_on_a_consistent_catalogue(tmp_path: Path) -> None:
    path = tmp_path / "ok.txt"
    path.write_text(proposal_text(), encoding="utf-8")
    done = run("check", str(path))
    assert done.returncode == 0, done.stdout
    assert done.stdout.splitlines()[-1].startswith("0 fejl")


def test_check_exits_2_on_unusable_input(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("Ingen forslag her.\n", encoding="utf-8")
    done = run("check", str(path), "--format", "json")
    assert done.returncode == 2
    assert json.loads(done.stdout)[0]["rule"] == "import.no-proposals"
    assert "import.no-proposals" in done.stderr
    assert run("check", str(tmp_path / "missing.txt")).returncode == 2


def test_check_chooses_a_proposal_by_any_spelling_of_its_number(tmp_path: Path) -> None:
    path = tmp_path / "uv.txt"
    path.write_text(proposal_text(number="UV 1", total="-500 -1000 -1000 -1001"),
                    encoding="utf-8")
    for spelling in ("UV 1", "UV1", "UV-01"):
        done = run("check", str(path), "--proposal", spelling, "--format", "json")
        assert done.returncode == 1, done.stderr
        assert {f["proposal"] for f in json.loads(done.stdout)} == {"UV 1"}
