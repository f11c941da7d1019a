"""``budgetkatalog optimise`` through its real entry point."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from budgetkatalog.cli.optimise import summarise
from budgetkatalog.core.finding import Finding, Severity, text


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "budgetkatalog.cli", "optimise", *args],
                          capture_output=True, text=True, check=False)


# The administration proposals whose FTE the example does not state.
WITHOUT_FTE = ("--exclude-proposal", "2.1", "--exclude-proposal", "2.13",
               "--exclude-proposal", "2.14", "--exclude-proposal", "2.15")


def test_unknown_fte_is_named_not_counted_as_zero(seed_path: Path) -> None:
    done = run(str(seed_path), "--target", "2021=-25.700", "--only-group",
               "Administrationsanalysen", "--json")
    assert done.returncode == 1
    answer = json.loads(done.stdout)
    assert answer["status"] == "fte-unknown" and "chosen" not in answer
    assert answer["fte_unknown"] == ["2.1", "2.13", "2.14", "2.15"]
    assert "optimise.fte-unknown" in done.stderr
    left_out = run(str(seed_path), "--target", "2021=-25.700", "--only-group",
                   "Administrationsanalysen", "--json", *WITHOUT_FTE)
    assert left_out.returncode == 0, left_out.stderr
    assert not {"2.1", "2.13", "2.14", "2.15"} & set(json.loads(left_out.stdout)["chosen"])


def test_json_lists_the_chosen_proposals_and_the_totals(seed_path: Path) -> None:
    done = run(str(seed_path), "--target", "2021-2023=-25.700", "--only-group",
               "Administrationsanalysen", "--objective", "count", "--json")
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["status"] == "optimal" and answer["objective"] == "count"
    assert answer["objective_value"] == 10 and len(answer["chosen"]) == 10
    assert set(answer["chosen"]) <= {f"2.{i}" for i in range(1, 16)}
    assert all(answer["totals"][year] <= -25700 for year in ("2021", "2022", "2023"))
    assert answer["targets"] == {"2021": -25700, "2022": -25700, "2023": -25700}
    assert answer["proof"]["model_status"] == "Optimal"
    assert answer["proof"]["proven_optimal"] is True


def test_text_output_is_danish_by_default_and_english_on_request(seed_path: Path) -> None:
    danish = run(str(seed_path), "--target", "2021=-25.700", "--only-group",
                 "administrationsanalysen", *WITHOUT_FTE)
    assert danish.returncode == 0
    assert "Bevist bedste løsning" in danish.stdout and "Sparede årsværk" in danish.stdout
    english = run(str(seed_path), "--target", "2021=-25.700", "--lang", "en",
                  "--objective", "impact", "--alternatives", "1")
    assert english.returncode == 0
    assert "Proven optimal" in english.stdout and "Alternative 1" in english.stdout


def test_an_unreachable_target_exits_1_and_names_the_reason(seed_path: Path) -> None:
    done = run(str(seed_path), "--target", "2021=-30.000", "--only-group",
               "Administrationsanalysen", "--objective", "count", "--json")
    assert done.returncode == 1
    answer = json.loads(done.stdout)
    assert answer["status"] == "infeasible" and "chosen" not in answer
    assert answer["binding"] == [{
        "kind": "target", "year": 2021, "limit": -30000, "best": -28078,
        "message": "Målet for 2021 på -30.000 kan ikke nås: forslagene kan højst give "
                   "-28.078 (mangler 1.922)."}]
    assert "optimise.infeasible.target" in done.stderr


@pytest.mark.parametrize("args", [
    ["--target", "2021:-25700"],
    ["--target", "2030=-25.700"],
    [],
    ["--target", "2021=-1", "--only-group", "Ingen"],
    ["--target", "2021=-1", "--max-fte", "mange"],
    ["--target", "2021=-1", "--exclude-proposal", "9.99"],
])
def test_bad_arguments_exit_2_with_a_message(seed_path: Path, args: list[str]) -> None:
    done = run(str(seed_path), *args)
    assert done.returncode == 2
    assert done.stderr.strip() and not done.stdout


def test_settings_set_fte_and_relations(seed_path: Path, tmp_path: Path) -> None:
    settings = tmp_path / "indstillinger.json"
    settings.write_text(json.dumps({
        "attributes": {"2.1": {"fte": "1"}, "2.3": {"fte": "2"}, "2.13": {"fte": "0"},
                       "2.14": {"fte": "0"}, "2.15": {"fte": "0"}},
        "relations": [{"kind": "exclusive", "proposals": ["2.8", "2.6"]}]}),
        encoding="utf-8")
    done = run(str(seed_path), "--target", "2021=-20.000", "--only-group",
               "Administrationsanalysen", "--settings", str(settings), "--json")
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert not {"2.8", "2.6"} <= set(answer["chosen"])
    assert "2.1" not in answer["fte_unknown"] and "2.3" not in answer["fte_unknown"]


def test_invalid_settings_exit_2_naming_the_place(seed_path: Path, tmp_path: Path) -> None:
    settings = tmp_path / "forkert.json"
    settings.write_text('{"relations": [{"kind": "requires", "proposal": "2.1"}]}',
                        encoding="utf-8")
    done = run(str(seed_path), "--target", "2021=-1", "--settings", str(settings))
    assert done.returncode == 2
    assert "relations[0].required" in done.stderr


def test_the_command_imports_only_what_it_uses(seed_path: Path) -> None:
    probe = ("import sys\n"
             "from budgetkatalog.cli import main\n"
             f"code = main(['optimise', {str(seed_path)!r}, '--target', '2021=-20.000', "
             "'--only-group', 'Administrationsanalysen', '--exclude-proposal', '2.1', "
             "'--exclude-proposal', '2.13', '--exclude-proposal', '2.14', "
             "'--exclude-proposal', '2.15'])\n"
             "unused = ('budgetkatalog.audit', 'budgetkatalog.costing', 'budgetkatalog.cli.check',"
             " 'budgetkatalog.cli.cost', 'budgetkatalog.cli.serve', 'jsonschema', 'babel',"
             " 'highspy', 'numpy', 'django', 'budgetkatalog.formats.catalogue_json',"
             " 'budgetkatalog.importers.proposal_docx', 'zipfile', 'statistics')\n"
             "print(code, [m for m in unused if m in sys.modules], file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=False)
    assert done.stderr.strip().splitlines()[-1] == "0 []"
    assert "Rygsækalgoritme (gren og grænse): Optimal" in done.stdout


def test_a_warning_repeated_for_many_proposals_is_one_line_with_the_count() -> None:
    repeated = [Finding("scenario.impact-unknown", Severity.WARNING,
                        text("Forslag {n} har intet afsnit 3.", "Proposal {n} has no section 3.",
                             n=f"2.{i}"), proposal=f"2.{i}") for i in range(1, 212)]
    few = [Finding("scenario.fte-unknown", Severity.WARNING, text("a {n}", "b {n}", n=n),
                   proposal=n) for n in ("2.1", "2.3")]
    errors = [Finding("settings.invalid", Severity.ERROR, text("x", "y"), proposal=f"2.{i}")
              for i in range(5)]
    lines = summarise([*few, *repeated, *errors])
    assert lines[:2] == few and lines[3:] == errors
    summary = lines[2]
    assert summary.rule == "scenario.impact-unknown" and summary.severity is Severity.WARNING
    assert summary.message.da == ("211 forslag med samme advarsel (2.1, 2.2, 2.3 og 208 flere); "
                                  "fx: Forslag 2.1 har intet afsnit 3.")
    assert summary.message.en.startswith("211 proposals with the same warning")


def test_the_json_answer_names_the_method_and_the_tie_break(seed_path: Path,
                                                           tmp_path: Path) -> None:
    # FTE for the proposals the example does not state it for (the FTE objective refuses
    # unknown FTE); the whole catalogue's 2.16 and 2.17 phase in unevenly, so there the
    # three years are separate constraints and the MILP decides.
    settings = tmp_path / "indstillinger.json"
    settings.write_text(json.dumps({"attributes": {
        n: {"fte": "0"} for n in ("2.1", "2.13", "2.14", "2.15", "2.16", "2.17")}}),
        encoding="utf-8")
    knapsack = json.loads(run(str(seed_path), "--target", "2021-2023=-25.700", "--only-group",
                              "Administrationsanalysen", "--settings", str(settings),
                              "--json").stdout)
    milp = json.loads(run(str(seed_path), "--target", "2021-2023=-25.700", "--settings",
                          str(settings), "--json").stdout)
    assert knapsack["proof"]["method"] == "knapsack" and milp["proof"]["method"] == "milp"
    assert knapsack["tie_break"] == milp["tie_break"] == "proven"
    assert knapsack["proof"]["proven_optimal"] and milp["proof"]["proven_optimal"]


def test_proposals_left_out_are_not_counted_as_candidates(seed_path: Path) -> None:
    done = run(str(seed_path), "--target", "2021=-20.000", "--only-group",
               "Administrationsanalysen", *WITHOUT_FTE)
    assert done.returncode == 0, done.stderr
    group = [line for line in done.stdout.splitlines() if line.startswith("Optimering")]
    assert group == ["Optimering: færrest sparede årsværk, 11 mulige forslag"]
    answer = json.loads(run(str(seed_path), "--target", "2021=-20.000", "--only-group",
                            "Administrationsanalysen", *WITHOUT_FTE, "--json").stdout)
    assert len(answer["candidates"]) == 11
    assert not {"2.1", "2.13", "2.14", "2.15"} & set(answer["candidates"])
