"""The duplicate-code check ``./dev test`` runs (pylint, configured in pyproject.toml)
finds copied logic: proven on a planted copy before it is trusted with the package."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

COPIED = '''
def share_of(amounts, years, wanted):
    total = 0
    for year, amount in zip(years, amounts):
        if year in wanted and amount is not None:
            total += amount * 2
    return total // len(wanted)
'''


def pylint(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pylint", "--rcfile",
                           str(ROOT / "pyproject.toml"), *map(str, paths)],
                          capture_output=True, text=True, check=False, cwd=ROOT)


def test_a_copied_function_is_reported(tmp_path: Path) -> None:
    package = tmp_path / "planted"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "first.py").write_text(COPIED, encoding="utf-8")
    (package / "second.py").write_text("X = 1\n" + COPIED.replace("share_of", "part_of"),
                                       encoding="utf-8")
    done = pylint(package)
    assert done.returncode != 0
    assert "duplicate-code" in done.stdout and "first" in done.stdout
