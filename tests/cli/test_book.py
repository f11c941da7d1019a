"""``budgetkatalog book``: every file from one command; clear refusals."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from budgetkatalog.core.catalogue import Catalogue


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "budgetkatalog.cli", *args],
                          capture_output=True, text=True, check=False)


def test_book_writes_pdf_word_excel_data_package_json_csv_and_templates(
        seed_path: Path, tmp_path: Path) -> None:
    done = run("book", str(seed_path), "--pdf", str(tmp_path / "k.pdf"),
               "--docx", str(tmp_path / "k.docx"), "--xlsx", str(tmp_path / "k.xlsx"),
               "--fdp", str(tmp_path / "fdp"), "--json", str(tmp_path / "k.json"),
               "--csv", str(tmp_path / "k.csv"), "--templates", str(tmp_path / "t"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "k.pdf").read_bytes().startswith(b"%PDF-")
    assert (tmp_path / "k.docx").read_bytes().startswith(b"PK")
    assert (tmp_path / "k.xlsx").read_bytes().startswith(b"PK")
    package = json.loads((tmp_path / "fdp" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["model"]["measures"]["amount"]["currency"] == "DKK"
    assert (tmp_path / "fdp" / "budget.csv").exists()
    assert len(list((tmp_path / "t").glob("forslag-*.docx"))) == 17
    assert "PDF skrevet til" in done.stderr


def test_a_template_from_book_is_read_by_show_and_import(seed_path: Path,
                                                         tmp_path: Path) -> None:
    run("book", str(seed_path), "--templates", str(tmp_path))
    done = run("show", str(tmp_path / "forslag-2.8.docx"), "2.8")
    assert done.returncode == 0, done.stderr
    row_b = next(line for line in done.stdout.splitlines() if line.startswith("b. 239030"))
    assert row_b.split()[-3:] == ["-633", "-633", "-633"]
    imported = run("import", str(tmp_path / "forslag-2.8.docx"), "--json", "-")
    assert imported.returncode == 0
    assert json.loads(imported.stdout)["proposals"][0]["total"]["2021"] == -7666


def test_the_json_from_book_is_the_catalogue(seed_path: Path, seed: Catalogue,
                                             tmp_path: Path) -> None:
    run("book", str(seed_path), "--json", str(tmp_path / "k.json"))
    doc = json.loads((tmp_path / "k.json").read_text(encoding="utf-8"))
    assert [p["number"] for p in doc["proposals"]] == [p.number for p in seed.proposals]


def test_book_without_an_output_is_refused_in_one_line(seed_path: Path) -> None:
    done = run("book", str(seed_path))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "--pdf" in done.stderr
    assert "Traceback" not in done.stderr


def test_an_output_that_cannot_be_written_is_refused_in_one_line(seed_path: Path,
                                                                 tmp_path: Path) -> None:
    done = run("book", str(seed_path), "--csv", str(tmp_path / "no" / "such" / "k.csv"))
    assert done.returncode == 2
    assert "kan ikke skrives" in done.stderr and "Traceback" not in done.stderr


def test_an_unreadable_catalogue_is_unusable_input(tmp_path: Path) -> None:
    done = run("book", str(tmp_path / "missing.txt"), "--pdf", str(tmp_path / "k.pdf"))
    assert done.returncode == 2
    assert not (tmp_path / "k.pdf").exists()


def test_an_unfilled_empty_template_is_refused_with_the_templates_reason(
        seed_path: Path, tmp_path: Path) -> None:
    from budgetkatalog.exporters.docx_book import render_template
    from budgetkatalog.importers.catalogue_text import import_catalogue_file

    catalogue = import_catalogue_file(seed_path).catalogue
    assert catalogue is not None
    (tmp_path / "ny.docx").write_bytes(render_template(catalogue.round))
    done = run("import", str(tmp_path / "ny.docx"))
    assert done.returncode == 2
    assert "mangler forslagets nummer" in done.stderr
