"""LibreOffice (headless) opens the Word book and the workbook with the same numbers."""

from __future__ import annotations

import csv
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.core.department import label
from budgetkatalog.core.money import format_number
from budgetkatalog.exporters.docx_book import render_docx
from budgetkatalog.exporters.xlsx_workbook import fte_by_department, render_xlsx

SOFFICE = shutil.which("soffice") or "soffice"


def convert(source: Path, target_filter: str, out: Path, profile: Path) -> None:
    """One headless conversion with its own LibreOffice profile (parallel runs)."""
    done = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", target_filter, "--outdir", str(out), str(source)],
        capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def converted(seed: Catalogue, tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("soffice") is None:  # CI installs it (.ci/run): fail, never skip
        pytest.fail("LibreOffice is not installed: apt-get install libreoffice-writer-nogui "
                    "libreoffice-calc-nogui")
    work = tmp_path_factory.mktemp("libreoffice")
    (work / "katalog.docx").write_bytes(render_docx(seed))
    (work / "katalog.xlsx").write_bytes(render_xlsx(seed))
    profile = work / "profile"
    convert(work / "katalog.docx", "txt:Text (encoded):UTF8", work / "out", profile)
    # Every sheet, values as stored (not as shown), comma-separated, UTF-8.
    convert(work / "katalog.xlsx",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
            work / "out", profile)
    return work / "out"


def test_libreoffice_reads_every_table_1_from_the_word_book(
        seed: Catalogue, converted: Path) -> None:
    text = (converted / "katalog.txt").read_text(encoding="utf-8-sig")
    cells = [c.strip() for line in text.splitlines() for c in line.split("\t")]
    flat = "\n".join(cells)
    for proposal in seed.proposals:
        table = proposal.table
        assert table is not None
        assert proposal.title in text
        for line in table.lines:
            if line.code and line.name and any(a is not None for a in line.amounts):
                expected = "\n".join([f"{line.letter}.", line.code, line.name,
                                      *("" if a is None else format_number(a, 0, "da")
                                        for a in line.amounts)])
                assert expected in flat, (proposal.number, line.letter)
        total = "\n".join(["I alt (e+f+g)", *(format_number(a, 0, "da")
                                              for a in table.stated_total if a is not None)])
        assert total in flat, proposal.number


def test_libreoffice_reads_a_table_in_a_sections_text_as_table_cells(
        converted: Path) -> None:
    # 2.8's staffing table: LibreOffice writes a table one cell a line, a blank cell as
    # an empty line; the text's own line "... 203 Total 36,1 2.705" is gone.
    text = (converted / "katalog.txt").read_text(encoding="utf-8-sig")
    cells = [c.strip() for line in text.splitlines() for c in line.split("\t")]
    rows = ["Fleksjobsagsbehandling", "2", "390", "195,0",
            "Sager hos andre medarbejdere", "", "203", "", "Total", "36,1", "2.705", ""]
    flat = "\n".join(cells)
    assert "\n".join(rows[4:]) in flat and "\n".join(rows[:4]) in flat
    assert "Sager hos andre medarbejdere  203 Total 36,1 2.705" not in text


def test_libreoffice_reads_the_workbooks_numbers_as_numbers(
        seed: Catalogue, converted: Path) -> None:
    overview = list(csv.reader((converted / "katalog-Oversigt.csv").open(encoding="utf-8")))
    by_number = {row[1]: row for row in overview[1:]}
    for proposal in seed.proposals:
        assert [int(v) for v in by_number[proposal.number][3:7]] == \
            list(proposal.total(seed.round.years))
    lines = list(csv.reader((converted / "katalog-Tabel 1.csv").open(encoding="utf-8")))
    for proposal in seed.proposals:
        table = proposal.table
        assert table is not None
        got = [tuple(None if v == "" else int(v) for v in row[5:9])
               for row in lines[1:] if row[0] == proposal.number]
        assert got == [line.amounts for line in (*table.lines, table.investment,
                                                 table.derived_operating)]


def test_libreoffice_reads_fte_by_department_as_in_the_data(
        seed: Catalogue, converted: Path) -> None:
    rows = list(csv.reader((converted / "katalog-Årsværk.csv").open(encoding="utf-8")))
    got = {row[0]: row[2] for row in rows[1:]}
    for name, _, fte, _ in fte_by_department(seed):
        if fte is None:
            assert got[label(name)] == "ikke angivet", name
        else:
            assert Decimal(got[label(name)]) == fte, name
    assert Decimal(got["I alt"]) == sum(p.fte for p in seed.proposals if p.fte is not None)
