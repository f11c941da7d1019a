"""Two server processes on one database, as a municipality scales out behind a load
balancer: finance staff publish through one process, and the very next read through
the other shows the new version, although each process keeps its own page cache.

The database is PostgreSQL when ``DATABASE_URL`` names one (a database of this test's
own, dropped afterwards), else one SQLite file shared by both processes."""

from __future__ import annotations

import os
import re
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.deploy.support import BIN, Browser, free_port, run, server, web_env


@pytest.fixture
def database_url() -> Iterator[str]:
    given = os.environ.get("DATABASE_URL", "")
    if not given.startswith(("postgres://", "postgresql://")):
        yield ""
        return
    import psycopg

    name = f"bk_two_processes_{os.getpid()}"
    parts = urllib.parse.urlsplit(given)
    maintenance = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name}")
        admin.execute(f"CREATE DATABASE {name}")
    yield urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))
    with psycopg.connect(maintenance, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_a_version_published_in_one_process_is_read_at_once_in_the_other(
        tmp_path: Path, database_url: str) -> None:
    env = web_env(tmp_path, database_url)
    command = str(BIN / "budgetkatalog")
    run([command, "manage", "migrate", "--noinput"], env)
    run([command, "manage", "collectstatic", "--noinput"], env)
    run([command, "manage", "load_demo"], env)
    passwords = dict(line.split(" ", 1) for line in
                     (tmp_path / "demo-users.txt").read_text(encoding="utf-8").splitlines())

    port_a, port_b = free_port(), free_port()
    serve = [command, "serve", "--no-migrate", "--threads", "4",
             "--trusted-proxy", "127.0.0.1", "--port"]
    with server([*serve, str(port_a)], env, port_a), server([*serve, str(port_b)], env, port_b):
        reader = Browser(port_b)
        # Process B has the first version's pages in its own cache.
        assert "Reduktion i medarbejdere i Borger" in reader.get("/2020/katalog-2/2-8/")
        versions_before = reader.get("/2020/katalog-2/versioner/")
        assert "/static/" in reader.get("/")
        css = re.search(r'href="(/static/[^"]+\.css)"', reader.get("/"))
        assert css is not None
        assert reader.request("GET", css.group(1))[0] == 200

        finance = Browser(port_a)
        status, _ = finance.submit("/konto/login/", changes={
            "username": "okonomi", "password": passwords["okonomi"]})
        assert status in (302, 303), "finance staff could not log in through process A"
        dashboard = finance.get("/personale/")
        editor = re.search(r'href="(/personale/forslag/\d+/)"[^>]*>\s*2\.8\b', dashboard)
        assert editor is not None, "2.8 is not on the finance dashboard"
        new_title = "Færre medarbejdere i Borger & Arbejdsmarked (revideret)"
        status, page = finance.submit(editor.group(1), button=("action", "save"),
                                      changes={"title": new_title})
        assert status in (302, 303), page[:2000]
        catalogue_id = re.search(r'href="/personale/katalog/(\d+)/publicer/"', dashboard)
        assert catalogue_id is not None
        status, page = finance.submit(f"/personale/katalog/{catalogue_id.group(1)}/publicer/",
                                      button=("action", "publish"))
        assert status in (302, 303), page[:2000]

        # The very next read through process B shows the new version.
        assert new_title.replace("&", "&amp;") in reader.get("/2020/katalog-2/2-8/")
        versions_after = reader.get("/2020/katalog-2/versioner/")
        assert versions_after != versions_before
        assert "/versioner/1/2/" in versions_after
