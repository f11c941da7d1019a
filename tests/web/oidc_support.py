"""A real OpenID Connect provider in a process of its own (``oidc_provider.mjs``, npm's
oidc-provider) and a person's user agent that walks between it and the application.

The agent is two clients with their own cookies: ``requests`` for the provider (real
HTTP), Django's test client for the application (whose views talk real HTTP to the
provider: discovery, keys, the code exchange). Every redirect is followed by hand, to
whichever side its address names, as a browser would.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("oidc_provider.mjs")
APP_ORIGIN = "http://testserver"
CALLBACK = APP_ORIGIN + "/konto/sso/svar/"
LOGGED_OUT = APP_ORIGIN + "/konto/sso/logget-ud/"
CLIENT_ID, CLIENT_SECRET = "budgetkatalog", "a-client-secret-for-the-tests"


@dataclass
class Provider:
    issuer: str
    accounts_file: Path

    def set_accounts(self, accounts: dict[str, dict[str, Any]]) -> None:
        """The people the provider knows, by login name, with their claims."""
        self.accounts_file.write_text(json.dumps(accounts), encoding="utf-8")


def run_provider(directory: Path, redirect_uris: tuple[str, ...] = (CALLBACK,),
                 post_logout_redirect_uris: tuple[str, ...] = (LOGGED_OUT,),
                 rp_initiated_logout: bool = True) -> Iterator[Provider]:
    """The provider, with one client that may send people back to ``redirect_uris``
    after signing in and to ``post_logout_redirect_uris`` after logging out there.
    Without ``rp_initiated_logout`` its discovery document has no end_session_endpoint."""
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "oidc-provider").is_dir():
        raise RuntimeError("the single sign-on tests need Node.js and `npm ci` "
                           "(oidc-provider in package.json); ./dev test installs both")
    accounts = directory / "accounts.json"
    accounts.write_text("{}", encoding="utf-8")
    config = {"client": {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET,
                         "redirect_uris": list(redirect_uris),
                         "post_logout_redirect_uris": list(post_logout_redirect_uris)},
              "accounts": str(accounts), "rpInitiatedLogout": rp_initiated_logout}
    process = subprocess.Popen(
        [node, str(SCRIPT)], cwd=ROOT, stdout=subprocess.PIPE, text=True,
        env={**os.environ, "OIDC_TEST_CONFIG": json.dumps(config), "NODE_ENV": "test"})
    # A provider that never says it is listening is stopped, so the test fails at once.
    timer = threading.Timer(30, process.kill)
    timer.start()
    try:
        line = process.stdout.readline() if process.stdout else ""
    finally:
        timer.cancel()
    try:
        if not line:
            raise RuntimeError(f"the OpenID Connect provider did not start ({process.poll()})")
        yield Provider(json.loads(line)["issuer"], accounts)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class _Form(HTMLParser):
    """The first form of a page (or the first sent to ``action``): its action and its
    fields' values, with those of buttons after it (the provider's log-out page puts its
    buttons outside its form)."""

    def __init__(self, action: str | None = None) -> None:
        super().__init__()
        self.wanted = action
        self.action: str | None = None
        self.fields: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "form" and self.action is None:
            if self.wanted is None or values.get("action") == self.wanted:
                self.action = values.get("action", "")
        elif tag in ("input", "button") and self.action is not None and values.get("name"):
            self.fields.setdefault(values["name"], values.get("value", ""))


class _Link(HTMLParser):
    """The address of the link with the given id."""

    def __init__(self, id_: str) -> None:
        super().__init__()
        self.id = id_
        self.href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("id") == self.id and self.href is None:
            self.href = values.get("href")


def link(page: str, id_: str) -> str:
    parser = _Link(id_)
    parser.feed(page)
    assert parser.href is not None, f"no link #{id_}"
    return parser.href


class Person:
    """Someone at a browser: signs in at the provider as ``login`` when asked."""

    def __init__(self, login: str) -> None:
        self.login = login
        # The application checks CSRF tokens, as for a browser (log-out is a form).
        self.app = Client(enforce_csrf_checks=True)
        self.provider = requests.Session()
        self.pages_at_provider = 0
        self.login_pages = 0  # of those, the provider's log-in page (it asked who)

    def start(self, next_path: str = "") -> str:
        """Follow the log-in page's single sign-on link; the provider's address it
        leads to (the authorization request)."""
        response = self.app.get("/konto/sso/", {"next": next_path} if next_path else {})
        assert response.status_code == 302, response.status_code
        return str(response["Location"])

    def sign_in_at_provider(self, url: str) -> str:
        """Sign in and consent at the provider, starting from the authorization request;
        the address the provider sends the person back to (the application's callback)."""
        for _step in range(12):
            if url.startswith(APP_ORIGIN):
                return url
            response = self.provider.get(url, allow_redirects=False, timeout=10)
            while response.status_code == 200:  # a page with a form: fill it in and send it
                self.pages_at_provider += 1
                form = _Form()
                form.feed(response.text)
                assert form.action is not None, response.text[:500]
                fields = {**form.fields, "login": self.login, "password": "any"}
                if "login" in form.fields:
                    self.login_pages += 1
                else:
                    fields.pop("login"), fields.pop("password")
                response = self.provider.post(urljoin(url, form.action), data=fields,
                                              allow_redirects=False, timeout=10)
            assert response.status_code in (302, 303), (response.status_code, response.text)
            url = urljoin(url, response.headers["Location"])
        raise AssertionError("the provider never sent the person back")

    def back_at_app(self, url: str) -> Any:
        """The application's answer to the provider's redirect."""
        parts = urlsplit(url)
        assert f"{parts.scheme}://{parts.netloc}" == APP_ORIGIN, url
        return self.app.get(parts.path + ("?" + parts.query if parts.query else ""))

    def sign_in(self, next_path: str = "") -> Any:
        return self.back_at_app(self.sign_in_at_provider(self.start(next_path)))

    def log_out(self) -> Any:
        """Press "Log ud" in a staff page's header: a form, sent with its CSRF token."""
        page = self.app.get("/personale/")
        assert page.status_code == 200, page.status_code
        form = _Form("/konto/logout/")
        form.feed(page.content.decode())
        assert form.action is not None and "csrfmiddlewaretoken" in form.fields
        return self.app.post(form.action, form.fields)

    def log_out_at_provider(self, url: str, confirm: bool = True) -> str:
        """At the provider's log-out page (its end_session_endpoint) answer "Yes, sign me
        out" (without ``confirm``: "No, stay signed in"); the address the provider sends
        the person back to."""
        response = self.provider.get(url, allow_redirects=False, timeout=10)
        assert response.status_code == 200, (response.status_code, response.text[:500])
        form = _Form()
        form.feed(response.text)
        assert form.action is not None and form.fields.get("logout") == "yes", response.text
        fields = dict(form.fields)
        if not confirm:
            fields.pop("logout")  # the other button has no name
        response = self.provider.post(urljoin(url, form.action), data=fields,
                                      allow_redirects=False, timeout=10)
        assert response.status_code in (302, 303), (response.status_code, response.text)
        return urljoin(url, response.headers["Location"])
