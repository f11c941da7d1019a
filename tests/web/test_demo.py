from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from budgetkatalog.web.accounts.models import User
from budgetkatalog.web.catalogues.demo import DEMO_USERS, load_demo
from budgetkatalog.web.catalogues.models import Catalogue, CatalogueVersion

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_demo_loads_once(tmp_path: Path, settings: object) -> None:
    settings.VAR_DIR = tmp_path  # type: ignore[attr-defined]
    first = load_demo()
    assert first.loaded
    assert {u for u, _, _ in first.users} == {"administrator", "okonomi", "forfatter",
                                              "politiker"}
    assert all(password for _, _, password in first.users)
    again = load_demo()
    assert not again.loaded
    assert again.users == first.users  # passwords shown again, not changed
    assert Catalogue.objects.count() == 1 and CatalogueVersion.objects.count() == 1
    assert User.objects.count() == len(DEMO_USERS) == 4
    okonomi = User.objects.get(username="okonomi")
    assert okonomi.check_password(dict((u, p) for u, _, p in first.users)["okonomi"])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_demo_serves_the_example_catalogue(tmp_path: Path) -> None:
    port = free_port()
    env = {"PATH": "/usr/bin:/bin", "BUDGETKATALOG_VAR": str(tmp_path),
           "HOME": str(tmp_path)}
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "budgetkatalog"), "serve", "--demo", "--port",
         str(port)], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True)
    try:
        body = ""
        # Migrating, loading the demo and the first page take a while on a busy
        # machine; wait as long as the server is alive, up to two minutes.
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/2020/katalog-2/2-8/",
                                            timeout=5) as response:
                    body = response.read().decode()
                    break
            except OSError:
                time.sleep(0.2)
        assert "Tabel 1. 2390 i 1.000 kr." in body
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=10)
    assert all(name in output for name in ("administrator", "okonomi", "forfatter",
                                            "politiker"))
    assert f"http://127.0.0.1:{port}/" in output
