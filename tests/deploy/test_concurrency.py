"""Many people at once against a real server process (``budgetkatalog serve``, 8
threads), on an SQLite file or, when ``DATABASE_URL`` names PostgreSQL, a database of
this test's own.

- 8 writers save proposals for 20 s, two to a proposal so that they race: no error, no
  lost write, and every loser of a race gets 409 with their own text in the form.
- 50 identical publish, submit, approve and budget-agreement requests at once make
  exactly one version, one submission, one approval, one agreement; nobody gets a 5xx.
"""

from __future__ import annotations

import html
import re
import sqlite3
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.deploy.support import BIN, Browser, forms, free_port, run, server, web_env
from tests.deploy.test_two_processes import database_url  # noqa: F401  (fixture)

WRITERS = 8
SECONDS = 20.0
PARALLEL = 50


@dataclass
class Site:
    port: int
    env: dict[str, str]
    passwords: dict[str, str]
    var: Path

    def login(self, username: str) -> Browser:
        browser = Browser(self.port)
        status, _ = browser.submit("/konto/login/", changes={
            "username": username, "password": self.passwords[username]})
        assert status in (302, 303), f"{username} could not log in"
        return browser

    def query(self, sql: str, *params: object) -> list[tuple[Any, ...]]:
        """Read the server's database directly (what was really written)."""
        url = self.env.get("DATABASE_URL", "")
        if url:
            import psycopg

            with psycopg.connect(url) as connection:
                return list(connection.execute(sql.replace("?", "%s"), params).fetchall())
        with sqlite3.connect(self.var / "budgetkatalog.sqlite3", timeout=30) as connection:
            return list(connection.execute(sql, params).fetchall())


@contextmanager
def running_site(tmp_path: Path, database: str) -> Iterator[Site]:
    env = web_env(tmp_path, database)
    command = str(BIN / "budgetkatalog")
    run([command, "manage", "migrate", "--noinput"], env)
    run([command, "manage", "collectstatic", "--noinput"], env)
    run([command, "manage", "load_demo"], env)
    passwords = dict(line.split(" ", 1) for line in
                     (tmp_path / "demo-users.txt").read_text(encoding="utf-8").splitlines())
    port = free_port()
    with server([command, "serve", "--no-migrate", "--threads", "8", "--trusted-proxy",
                 "127.0.0.1", "--port", str(port)], env, port):
        yield Site(port, env, passwords, tmp_path)


def editor_links(page: str) -> dict[str, str]:
    """Proposal number -> editor URL, from the staff dashboard."""
    return {number: url for url, number in
            re.findall(r'href="(/personale/forslag/\d+/)"[^>]*>\s*([0-9.]+)\b', page)}


def editor_form(page: str) -> dict[str, str]:
    found = [f for f in forms(page) if ("action", "save") in f["buttons"]]  # type: ignore[operator]
    assert found, "no editor form on the page"
    return dict(found[0]["fields"])  # type: ignore[call-overload]


def post(browser: Browser, path: str, data: dict[str, str]) -> tuple[int, str]:
    status, body, _ = browser.request("POST", path, data)
    return status, body


def at_once(count: int, work: Callable[[int], Any]) -> list[Any]:
    """Run ``work(i)`` in ``count`` threads released together."""
    barrier = threading.Barrier(count)
    results: list[Any] = [None] * count

    def run_one(i: int) -> None:
        barrier.wait()
        try:
            results[i] = work(i)
        except Exception as error:  # reported by the assertions below
            results[i] = error

    threads = [threading.Thread(target=run_one, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return results


@dataclass
class Writer:
    saved: list[tuple[int, str]] = field(default_factory=list)  # (version, marker)
    conflicts: int = 0
    errors: list[str] = field(default_factory=list)


def test_eight_writers_for_twenty_seconds_lose_nothing(tmp_path: Path,
                                                       database_url: str) -> None:  # noqa: F811
    with running_site(tmp_path, database_url) as site:
        finance = site.login("okonomi")
        links = editor_links(finance.get("/personale/"))
        targets = [links[n] for n in ("2.1", "2.2", "2.3", "2.4")]
        writers = [Writer() for _ in range(WRITERS)]
        deadline = time.monotonic() + SECONDS

        def write(i: int) -> None:
            browser = Browser(site.port)
            browser.cookies = dict(finance.cookies)
            path = targets[i % len(targets)]
            n = 0
            while time.monotonic() < deadline:
                n += 1
                status, page, _ = browser.request("GET", path)
                if status != 200:
                    writers[i].errors.append(f"GET {status}")
                    continue
                data = editor_form(page)
                marker = f"skriver-{i}-gang-{n}"
                data["section-7"] = f"Ændret af {marker}."
                data["action"] = "save"
                status, body = post(browser, path, data)
                if status in (302, 303):
                    writers[i].saved.append((int(data["version"]), marker))
                elif status == 409:
                    writers[i].conflicts += 1
                    # the loser's own text is still in the form
                    if f"Ændret af {marker}." not in html.unescape(body):
                        writers[i].errors.append(f"409 without the text of {marker}")
                else:
                    writers[i].errors.append(f"POST {status}: {body[:300]}")

        at_once(WRITERS, write)
        errors = [e for w in writers for e in w.errors]
        assert errors == []
        assert sum(w.conflicts for w in writers) > 0, "the writers never raced"
        for index, path in enumerate(targets):
            pk = int(path.rstrip("/").rsplit("/", 1)[1])
            wins = sorted(s for i, w in enumerate(writers) if i % len(targets) == index
                          for s in w.saved)
            assert wins, f"nobody saved {path}"
            # every accepted save is in the audit log, each from a different version
            (logged,) = site.query("SELECT count(*) FROM auditlog_auditentry WHERE "
                                   "action = 'save_proposal' AND object_id = ?", str(pk))[0]
            assert logged == len(wins) == len({version for version, _ in wins})
            # and the proposal holds the last accepted save's text
            (body,) = site.query("SELECT body FROM catalogues_section WHERE proposal_id = ? "
                                 "AND number = 7", pk)[0]
            assert body == f"Ændret af {wins[-1][1]}."


def test_fifty_identical_requests_make_one_of_each(tmp_path: Path,
                                                   database_url: str) -> None:  # noqa: F811
    with running_site(tmp_path, database_url) as site:
        finance = site.login("okonomi")
        author = site.login("forfatter")
        dashboard = finance.get("/personale/")
        links = editor_links(dashboard)

        def parallel(browser: Browser, path: str, data: dict[str, str]) -> list[int]:
            def one(_: int) -> int:
                clone = Browser(site.port)
                clone.cookies = dict(browser.cookies)
                return post(clone, path, data)[0]
            statuses = at_once(PARALLEL, one)
            assert all(isinstance(s, int) and s < 500 for s in statuses), statuses
            return statuses

        # publish: change 2.8, then 50 identical "Publicér" -> exactly version 2
        status, _ = finance.submit(links["2.8"], button=("action", "save"),
                                   changes={"title": "Revideret titel"})
        assert status in (302, 303)
        catalogue = re.search(r'href="(/personale/katalog/\d+/publicer/)"', dashboard)
        assert catalogue is not None
        publish_form = next(f for f in forms(finance.get(catalogue.group(1)))
                            if ("action", "publish") in f["buttons"])  # type: ignore[operator]
        statuses = parallel(finance, catalogue.group(1),
                            {**publish_form["fields"], "action": "publish"})  # type: ignore[dict-item]
        assert set(statuses) == {302}
        assert site.query("SELECT number FROM catalogues_catalogueversion ORDER BY number") \
            == [(1,), (2,)]

        # submit: a new draft; 50 identical "Gem og indsend" -> one submission, the
        # rest 409
        status, page = author.submit("/personale/forslag/ny/", button=("action", "save"),
                                     changes={"number": "9.9", "title": "Parallelt forslag"})
        assert status in (302, 303), page[:500]
        draft = editor_links(author.get("/personale/"))["9.9"]
        form = {**editor_form(author.get(draft)), "section-1": "Mit indhold."}
        statuses = parallel(author, draft, {**form, "action": "submit"})
        assert statuses.count(302) == 1 and statuses.count(409) == PARALLEL - 1
        pk = draft.rstrip("/").rsplit("/", 1)[1]
        assert site.query("SELECT count(*) FROM auditlog_auditentry WHERE "
                          "action = 'submit_proposal' AND object_id = ?", pk) == [(1,)]

        # approve: 50 identical "Gem og godkend" -> one approval, the rest 409
        form = editor_form(finance.get(draft))
        statuses = parallel(finance, draft, {**form, "action": "approve"})
        assert statuses.count(302) == 1 and statuses.count(409) == PARALLEL - 1
        assert site.query("SELECT count(*) FROM auditlog_auditentry WHERE "
                          "action = 'approve_proposal' AND object_id = ?", pk) == [(1,)]
        assert site.query("SELECT state FROM catalogues_proposal WHERE id = ?",
                          int(pk)) == [("approved",)]

        # the budget agreement: 50 identical "record" -> one agreement
        scenarios = finance.get("/scenarier/")
        create = [f for f in forms(scenarios) if str(f["action"]).endswith("/scenarier/ny/")]
        assert create, "no form for a new scenario"
        fields = dict(create[0]["fields"])  # type: ignore[call-overload]
        option = re.search(r'name="catalogue"[^>]*>\s*<option value="(\d+)"', scenarios)
        assert option is not None, "no published catalogue to choose"
        status, body, location = finance.request(
            "POST", "/scenarier/ny/", {**fields, "catalogue": option.group(1),
                                       "name": "Aftalegrundlag"})
        assert status == 302, body[:500]
        scenario = urllib.parse.urlsplit(location).path
        assert re.fullmatch(r"/scenarier/\d+/", scenario), scenario
        agreement = [f for f in forms(finance.get(scenario))
                     if str(f["action"]).endswith("/budgetaftale/")]
        assert agreement, "no form to record the budget agreement"
        statuses = parallel(finance, str(agreement[0]["action"]),
                            dict(agreement[0]["fields"]))  # type: ignore[call-overload]
        assert set(statuses) == {302}
        assert site.query("SELECT count(*) FROM scenarios_scenario WHERE is_agreement") \
            == [(1,)]


@pytest.fixture(autouse=True)
def _no_pending_threads() -> Iterator[None]:
    yield
    assert threading.active_count() < PARALLEL, "threads were left running"
