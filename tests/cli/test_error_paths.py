"""Every command with each kind of bad input: one line on stderr, the documented exit
code (2: unusable input), nothing on stdout and never a traceback."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from budgetkatalog.core.files import MAX_INPUT_BYTES
from budgetkatalog.formats.catalogue_json import dumps
from budgetkatalog.importers.catalogue_text import import_catalogue_text
from tests.audit.conftest import proposal_text

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "albertslund-2020-katalog-2.txt"
SPEC = ROOT / "examples" / "costing" / "2.10-miljo-teknik.toml"
TARGET = "2021-2023=-25.700"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "budgetkatalog.cli", *args],
                          capture_output=True, text=True, check=False, cwd=ROOT)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Bad input files, by name."""
    folder = tmp_path_factory.mktemp("bad")
    one = proposal_text()
    two = proposal_text(number="2.2", title="Reduktion i borgerservice")
    files = {
        "missing": folder / "findes-ikke.txt",
        "latin1": folder / "latin1.txt",
        "empty": folder / "tom.txt",
        "no_proposals": folder / "ingen-forslag.txt",
        "duplicate_text": folder / "dublet.txt",
        "duplicate_json": folder / "dublet.json",
        "bad_json": folder / "fejl.json",
        "schema_json": folder / "skema.json",
        "large_text": folder / "stor.txt",
        "large_json": folder / "stor.json",
        "bad_toml": folder / "fejl.toml",
        "bad_settings": folder / "indstillinger.json",
        "other_catalogue": folder / "andet.txt",
    }
    files["latin1"].write_bytes("2.1 Forslag\n1. Type\nKøge".encode("latin-1"))
    files["empty"].write_bytes(b"")
    files["no_proposals"].write_text("Ingen forslag her.\n", encoding="utf-8")
    # Two proposals numbered 2.1: the second "2.2" heading renamed.
    files["duplicate_text"].write_text(one + "\n" + two.replace("2.2 ", "2.1 ", 1),
                                       encoding="utf-8")
    result = import_catalogue_text(one + "\n" + two)
    assert result.catalogue is not None
    document = json.loads(dumps(result.catalogue))
    document["proposals"][1]["number"] = "2.1"
    files["duplicate_json"].write_text(json.dumps(document), encoding="utf-8")
    files["bad_json"].write_text('{"title": ', encoding="utf-8")
    files["schema_json"].write_text('{"title": 7}', encoding="utf-8")
    for name, head in (("large_text", b"2.1 Forslag\n"), ("large_json", b"{")):
        with files[name].open("wb") as stream:  # sparse: no disk written beyond the head
            stream.write(head)
            stream.truncate(MAX_INPUT_BYTES + 1)
    files["bad_toml"].write_text("[proposal\n", encoding="utf-8")
    files["bad_settings"].write_text('{"relations": [{"required": 7}]}', encoding="utf-8")
    files["other_catalogue"].write_text(proposal_text(number="7.7"), encoding="utf-8")
    return {name: str(path) for name, path in files.items()}


READERS = [
    ["import", "{file}"], ["overview", "{file}"], ["show", "{file}", "2.1"],
    ["check", "{file}"], ["optimise", "{file}", "--target", TARGET],
    ["cost", str(SPEC), "--against", "{file}"],
]
BAD_CATALOGUES = ["missing", "latin1", "empty", "no_proposals", "duplicate_text",
                  "duplicate_json", "bad_json", "schema_json", "large_text", "large_json"]
EXPECTED_RULE = {
    "missing": "import.unreadable", "latin1": "import.not-utf8",
    "empty": "import.no-proposals", "no_proposals": "import.no-proposals",
    "duplicate_text": "import.duplicate-number", "duplicate_json": "import.duplicate-number",
    "bad_json": "json.syntax", "schema_json": "json.schema",
    "large_text": "import.too-large", "large_json": "import.too-large",
}


def assert_one_line_exit_2(done: subprocess.CompletedProcess[str], *expected: str,
                           stdout: bool = False) -> None:
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].strip(), done.stderr
    for text in expected:
        assert text in lines[0]
    if not stdout:
        assert done.stdout == ""


@pytest.mark.parametrize("bad", BAD_CATALOGUES)
@pytest.mark.parametrize("command", READERS, ids=lambda c: c[0])
def test_every_catalogue_reader_refuses_bad_input_in_one_line(
        command: list[str], bad: str, inputs: dict[str, str]) -> None:
    done = run(*(part.format(file=inputs[bad]) for part in command))
    assert_one_line_exit_2(done, EXPECTED_RULE[bad], inputs[bad])


def test_check_json_keeps_the_reason_on_stdout_as_well(inputs: dict[str, str]) -> None:
    done = run("check", inputs["duplicate_json"], "--format", "json")
    assert_one_line_exit_2(done, "import.duplicate-number", stdout=True)
    assert [f["rule"] for f in json.loads(done.stdout)] == ["import.duplicate-number"]


@pytest.mark.parametrize(("args", "expected"), [
    (["import", str(SEED), "--json", "/findes/ikke/ud.json"], "/findes/ikke/ud.json"),
    (["show", str(SEED), "9.9"], "9.9"),
    (["check", str(SEED), "--proposal", "9.99"], "9.99"),
    (["check", str(SEED), "--proposal", "9.99", "--format", "json"], "9.99"),
    (["cost", str(SPEC), "--price-level", "1990"], "1990"),
    (["cost", str(SPEC), "--price-level", "1990", "--json"], "1990"),
    (["cost", str(SPEC), "--price-level", "tyve"], "--price-level"),
    (["cost", "/findes/ikke.toml"], "costing.spec-unreadable"),
    (["cost", "{bad_toml}"], "costing.spec-syntax"),
    (["cost", str(SPEC), "--against", "{other_catalogue}"], "costing.no-table-to-compare"),
    (["optimise", str(SEED), "--target", "2021=25.700"], "2021=25.700"),
    (["optimise", str(SEED), "--target", "2021-2023=0"], "2021-2023=0"),
    (["optimise", str(SEED), "--target", "2021=mange"], "2021=mange"),
    (["optimise", str(SEED), "--target", "2031=-1"], "2031"),
    (["optimise", str(SEED)], "--target"),
    (["optimise", str(SEED), "--target", TARGET, "--only-group", "Ingen"], "Ingen"),
    (["optimise", str(SEED), "--target", TARGET, "--max-fte", "mange"], "mange"),
    (["optimise", str(SEED), "--target", TARGET, "--settings", "/findes/ikke.json"],
     "import.unreadable"),
    (["optimise", str(SEED), "--target", TARGET, "--settings", "{bad_settings}"],
     "relations[0]"),
    (["optimise", str(SEED), "--target", TARGET, "--exclude-department", "Ingen"],
     "'Ingen'"),
    (["optimise", str(SEED), "--target", TARGET, "--alternatives", "-1"], "-1"),
    (["frobnicate"], "frobnicate"),
    (["import"], "file"),
    (["--lang", "fr", "check", str(SEED)], "fr"),
])
def test_bad_arguments_are_refused_in_one_line(args: list[str], expected: str,
                                               inputs: dict[str, str]) -> None:
    done = run(*(a.format(**inputs) for a in args))
    assert_one_line_exit_2(done, expected)


def test_a_wrong_sign_target_says_how_to_write_a_saving() -> None:
    done = run("optimise", str(SEED), "--target", "2021=25.700")
    assert "forkert fortegn" in done.stderr and "2021=-25.700" in done.stderr
    english = run("--lang", "en", "optimise", str(SEED), "--target", "2021=25.700")
    assert "wrong sign" in english.stderr and english.returncode == 2


def test_a_price_level_inside_the_index_still_costs() -> None:
    done = run("cost", str(SPEC), "--price-level", "2022", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["price_level"] == 2022


def test_serve_on_a_busy_port_says_so_in_one_line(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "budgetkatalog.cli", "serve", "--port", str(port)],
            capture_output=True, text=True, check=False, cwd=tmp_path, timeout=120,
            env={**_without_database(), "BUDGETKATALOG_VAR": str(tmp_path)})
    assert_one_line_exit_2(done, f"127.0.0.1:{port}")


def test_serve_with_a_database_it_cannot_reach_says_so_in_one_line(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "budgetkatalog.cli", "serve", "--port", "0"],
        capture_output=True, text=True, check=False, cwd=tmp_path, timeout=120,
        env={**_without_database(), "BUDGETKATALOG_VAR": str(tmp_path),
             "DATABASE_URL": "postgres://nobody:wrong@127.0.0.1:9/none"})
    assert_one_line_exit_2(done)


def _without_database() -> dict[str, str]:
    return {k: v for k, v in os.environ.items()
            if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
