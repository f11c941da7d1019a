"""``budgetkatalog cost``, through the real entry point."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from budgetkatalog.core.catalogue import Catalogue

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "costing"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "budgetkatalog.cli", *args],
                          capture_output=True, text=True, check=False)


def test_cost_prints_table_1_and_the_unrounded_kroner() -> None:
    done = run("cost", str(EXAMPLES / "2.10-miljo-teknik.toml"))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    row_a = next(line for line in lines if line.startswith("a. 2050"))
    assert row_a.split()[-4:] == ["-316", "-633", "-633", "-633"]
    assert "afrunding: allocate" in done.stdout
    assert "Uafrundede beløb i kr." in done.stdout
    assert any("-316.500,00" in line for line in lines)
    assert any("heraf modregning" in line and "195.000,00" in line for line in lines)


def test_cost_json_gives_lines_in_the_catalogue_line_shape(seed: Catalogue) -> None:
    done = run("cost", str(EXAMPLES / "2.8-borger-arbejdsmarked.toml"), "--json")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    proposal = seed.proposal("2.8")
    assert proposal is not None and proposal.table is not None
    for line, seed_line in zip(document["lines"], proposal.table.lines, strict=True):
        assert {"letter", "code", "name", "amounts"} <= set(line)
        assert line["letter"] == seed_line.letter
        assert line["amounts"] == {str(y): v for y, v in
                                   zip(proposal.table.years, seed_line.amounts, strict=True)}
    assert document["lines"][0]["unrounded"]["2020"] == "-1897500.00"
    assert document["lines"][1]["amounts"]["2020"] is None
    assert document["subtotal"] == {"2020": -3517, "2021": -7666, "2022": -7666, "2023": -7666}
    assert document["findings"] == []


def test_cost_in_english_on_request() -> None:
    done = run("--lang", "en", "cost", str(EXAMPLES / "2.17-tidlig-indsats.toml"))
    assert done.returncode == 0
    assert "Unrounded amounts in DKK" in done.stdout
    assert "Total (e+f+g)" in done.stdout


def test_cost_reprices_to_another_price_level() -> None:
    at_2020 = json.loads(run("cost", str(EXAMPLES / "2.11-drift-service.toml"), "--json").stdout)
    done = run("cost", str(EXAMPLES / "2.11-drift-service.toml"), "--json",
               "--price-level", "2022")
    assert done.returncode == 0
    at_2022 = json.loads(done.stdout)
    assert at_2022["price_level"] == 2022
    # Salaries follow the round's wage index: 450.000 × 106,4 / 102,1 = 468.952,01 kr.
    assert at_2022["lines"][2]["unrounded"]["2021"] == "-468952.01"
    assert at_2022["lines"][2]["amounts"]["2021"] == -469
    assert at_2020["lines"][2]["amounts"]["2021"] == -450


def test_an_unusable_spec_exits_2_with_the_line_and_key_path(tmp_path: Path) -> None:
    spec = tmp_path / "bad.toml"
    spec.write_text((EXAMPLES / "2.10-miljo-teknik.toml").read_text(encoding="utf-8")
                    .replace('staff = "ac"\nfte = 2', 'staff = "ac"\nfte = "to"'),
                    encoding="utf-8")
    (tmp_path / "round-2020.toml").write_text(
        (EXAMPLES / "round-2020.toml").read_text(encoding="utf-8"), encoding="utf-8")
    done = run("--lang", "en", "cost", str(spec))
    assert done.returncode == 2
    assert done.stdout == ""
    line_no = next(i for i, line in enumerate(spec.read_text().splitlines(), 1)
                   if line == 'fte = "to"')
    assert f":{line_no}: error" in done.stderr
    assert "line[2].component[1].fte: must be a number" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_missing_spec_file_exits_2() -> None:
    done = run("cost", "/nonexistent/spec.toml")
    assert done.returncode == 2
    assert "kan ikke læses" in done.stderr


def test_cost_against_the_catalogue_reports_no_difference_for_the_seed_specs(
        seed_path: Path) -> None:
    for spec in sorted(EXAMPLES.glob("2.*.toml")):
        done = run("cost", str(spec), "--against", str(seed_path))
        assert done.returncode == 0, spec
        assert "costing.differs-from-table" not in done.stderr, spec


def test_cost_against_a_catalogue_without_the_proposal_exits_2(tmp_path: Path) -> None:
    spec = tmp_path / "spec.toml"
    spec.write_text((EXAMPLES / "2.10-miljo-teknik.toml").read_text(encoding="utf-8")
                    .replace('number = "2.10"', 'number = "7.7"'), encoding="utf-8")
    (tmp_path / "round-2020.toml").write_text(
        (EXAMPLES / "round-2020.toml").read_text(encoding="utf-8"), encoding="utf-8")
    seed = EXAMPLES.parent / "albertslund-2020-katalog-2.txt"
    done = run("--lang", "en", "cost", str(spec), "--against", str(seed))
    assert done.returncode == 2
    assert "no Table 1 for proposal 7.7" in done.stderr
