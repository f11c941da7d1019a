"""Parallel senders against the running server: 50 identical POSTs make one response;
20 different senders at once all get their receipt, none a server error (on SQLite,
the default database, as on PostgreSQL)."""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import sqlite3
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

BASE = "/2020/katalog-2/hoering/svar/"


ROOT = Path(__file__).resolve().parents[3]
VENV_BIN = Path(sys.executable).parent
MAKE_HEARING = """
from datetime import timedelta
from django.utils import timezone
from budgetkatalog.web.accounts.models import User
from budgetkatalog.web.catalogues.models import Catalogue
from budgetkatalog.web.hearing.actions import do_create_hearing
finance = User.objects.get(username="okonomi")
now = timezone.now()
do_create_hearing(finance, Catalogue.objects.get().pk, opens_at=now - timedelta(days=1),
                  deadline=now + timedelta(days=1))
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def running_hearing(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """``budgetkatalog serve --demo`` on the SQLite default (a file under its var
    directory), as a separate process with its threads, and an open hearing."""
    var = tmp_path_factory.mktemp("var")
    env = {key: value for key, value in os.environ.items()
           if key not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env.update({"BUDGETKATALOG_VAR": str(var), "BUDGETKATALOG_HEARING_RATE_PER_SENDER": "1000"})
    port = free_port()
    server = subprocess.Popen([str(VENV_BIN / "budgetkatalog"), "serve", "--demo", "--port",
                               str(port)], env=env, cwd=var, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    try:
        assert server.stdout is not None
        for line in server.stdout:
            if "http://" in line:
                break
        else:
            raise AssertionError("the server did not start")
        subprocess.run([str(VENV_BIN / "budgetkatalog"), "manage", "shell", "-c",
                        MAKE_HEARING], env=env, cwd=var, check=True)
        yield f"http://127.0.0.1:{port}", var / "budgetkatalog.sqlite3"
    finally:
        server.terminate()
        server.wait(timeout=30)


def rows(database: Path, sql: str) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(database)) as connection:
        return list(connection.execute(sql))


class Sender:
    """One browser: its own cookies and the form's CSRF token."""

    def __init__(self, site: str) -> None:
        self.site = site
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        with self.opener.open(site + BASE, timeout=30) as page:
            html = page.read().decode()
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        assert found is not None
        self.csrf = found.group(1)

    def post(self, fields: dict[str, str]) -> tuple[int, str]:
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": self.csrf, **fields}).encode()
        request = urllib.request.Request(self.site + BASE, data=data, method="POST")
        try:
            with self.opener.open(request, timeout=60) as answer:
                return answer.status, answer.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


def fields(token: str, n: int) -> dict[str, str]:
    return {"token": token, "proposal": "", "sender_type": "citizen", "name": f"Afsender {n}",
            "email": f"afsender{n}@example.dk", "text": f"Høringssvar nummer {n}",
            "website": ""}


def test_fifty_identical_posts_at_once_make_one_response(
        running_hearing: tuple[str, Path]) -> None:
    site, database = running_hearing
    sender = Sender(site)
    token = str(uuid.uuid4())
    same = fields(token, 1000)
    with ThreadPoolExecutor(max_workers=50) as pool:
        answers = list(pool.map(lambda _: sender.post(same), range(50)))
    statuses = sorted({status for status, _ in answers})
    assert statuses == [200], statuses
    found = rows(database, "select id from hearing_response where submission_token = '"
                 + token.replace("-", "") + "'")
    assert len(found) == 1
    [(number,)] = found
    assert rows(database, f"select count(*) from hearing_outboxmessage "
                          f"where response_id = {number}") == [(1,)]
    assert all(f'id="response-number">{number}<' in html for _, html in answers)


def test_twenty_senders_at_once_get_no_server_error(running_hearing: tuple[str, Path]) -> None:
    site, database = running_hearing
    senders = [Sender(site) for _ in range(20)]
    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(lambda pair: pair[1].post(fields(str(uuid.uuid4()), pair[0])),
                                enumerate(senders)))
    assert [status for status, _ in answers] == [200] * 20
    texts = {text for (text,) in rows(database, "select text from hearing_response")}
    assert {f"Høringssvar nummer {n}" for n in range(20)} <= texts
