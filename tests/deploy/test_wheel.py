"""The distribution as a municipality's IT department installs it: a wheel built from
the repository, installed in a fresh virtual environment outside the checkout. Without
the ``web`` extra, ``serve`` says in one line what to install; with it, ``serve --demo``
serves the example catalogue from the package alone."""

from __future__ import annotations

import subprocess
import sys
import urllib.request
from pathlib import Path

from tests.deploy.support import free_port, run, server

ROOT = Path(__file__).resolve().parents[2]


def test_the_wheel_serves_the_example_from_a_fresh_environment(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir",
         str(dist), str(ROOT)], {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    (wheel,) = dist.glob("budgetkatalog-*.whl")
    names = subprocess.run([sys.executable, "-m", "zipfile", "-l", str(wheel)],
                           capture_output=True, text=True, check=True).stdout
    for shipped in ("budgetkatalog/web/templates/base.html",
                    "budgetkatalog/web/static/css/",
                    "budgetkatalog/web/locale/en/LC_MESSAGES/django.mo",
                    "budgetkatalog/web/catalogues/migrations/0001_initial.py",
                    "budgetkatalog/examples/albertslund-2020-katalog-2.txt",
                    "budgetkatalog/formats/"):
        assert shipped in names, f"{shipped} is not in the wheel"

    venv = tmp_path / "venv"
    base_python = getattr(sys, "_base_executable", sys.executable)
    run([base_python, "-m", "venv", str(venv)], {"PATH": "/usr/bin:/bin"})
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet",
           "--disable-pip-version-check", "-c", str(ROOT / "constraints.txt")]
    home = tmp_path / "home"
    home.mkdir()
    env = {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "HOME": str(home)}
    run([*pip, str(wheel)], env)

    command = str(venv / "bin" / "budgetkatalog")
    without_web = subprocess.run([command, "serve"], cwd=home, env=env, capture_output=True,
                                 text=True, check=False, timeout=60)
    assert without_web.returncode == 2
    assert without_web.stdout == ""
    lines = without_web.stderr.splitlines()
    assert len(lines) == 1 and "pip install 'budgetkatalog[web]'" in lines[0], lines
    assert "Traceback" not in without_web.stderr

    run([*pip, f"budgetkatalog[web] @ {wheel.as_uri()}"], env)
    located = run([str(venv / "bin" / "python"), "-c",
                   "import budgetkatalog.web; print(budgetkatalog.web.__file__)"], env)
    assert located.startswith(str(venv)), located

    port = free_port()
    serve_env = {**env, "BUDGETKATALOG_VAR": str(home / "var")}
    with server([command, "serve", "--demo", "--port", str(port)], serve_env, port), \
            urllib.request.urlopen(f"http://127.0.0.1:{port}/2020/katalog-2/2-8/",
                                   timeout=30) as response:
        page = response.read().decode()
    assert "Tabel 1. 2390 i 1.000 kr." in page
    assert "-7.666" in page
