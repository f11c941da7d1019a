"""Running the installed command as separate server processes, and a small browser-like
HTTP client for them (cookies, CSRF tokens, forms), without Django's test client: what
is tested here is what a municipality deploys."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def run(command: list[str], env: dict[str, str], stdin: str = "") -> str:
    result = subprocess.run(command, env=env, input=stdin, capture_output=True, text=True,
                            check=False, timeout=300)
    assert result.returncode == 0, f"{command}: {result.stdout}{result.stderr}"
    return result.stdout


def wait_for(port: int, process: subprocess.Popen[str], seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read() if process.stdout else ""
            raise AssertionError(f"the server stopped: {output}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"nothing listens on port {port} after {seconds} s")


@contextmanager
def server(command: list[str], env: dict[str, str], port: int) -> Iterator[None]:
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        wait_for(port, process)
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class _Forms(HTMLParser):
    """Every form on a page: its action, its fields' values and its submit buttons."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict[str, object]] = []
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append({"action": a.get("action", ""), "method": a.get("method", "get"),
                               "fields": {}, "buttons": []})
            return
        if not self.forms:
            return
        form = self.forms[-1]
        fields = form["fields"]
        assert isinstance(fields, dict)
        buttons = form["buttons"]
        assert isinstance(buttons, list)
        name = a.get("name", "")
        if tag == "button" or (tag == "input" and a.get("type") == "submit"):
            if name:
                buttons.append((name, a.get("value", "")))
        elif tag == "input" and name:
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            fields[name] = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            fields[name] = ""
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            fields[self._select] = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._textarea and self.forms:
            fields = self.forms[-1]["fields"]
            assert isinstance(fields, dict)
            fields[self._textarea] += data


def forms(page: str) -> list[dict[str, object]]:
    parser = _Forms()
    parser.feed(page)
    return parser.forms


class Browser:
    """Cookies and CSRF like a browser behind the municipality's HTTPS proxy (which
    sets ``X-Forwarded-Proto``), talking plain HTTP to one server process."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str,
                form: dict[str, str] | None = None) -> tuple[int, str, str]:
        """(status, body, Location)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"X-Forwarded-Proto": "https", "Host": f"127.0.0.1:{self.port}",
                   "Accept-Language": "da"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://127.0.0.1:{self.port}"
            headers["Referer"] = f"https://127.0.0.1:{self.port}{path}"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        text = response.read().decode()
        location = response.getheader("Location", "")
        connection.close()
        return response.status, text, location

    def get(self, path: str) -> str:
        status, body, location = self.request("GET", path)
        if status in (301, 302, 303):
            return self.get(urllib.parse.urlsplit(location).path or path)
        assert status == 200, (path, status, body[:500])
        return body

    def submit(self, path: str, button: tuple[str, str] | None = None,
               changes: dict[str, str] | None = None, form_index: int = -1) -> tuple[int, str]:
        """Submit the form on the page at ``path`` that has ``button`` (or the given
        one), with ``changes`` applied; answers (status, the page after redirects)."""
        page = self.get(path)
        found = forms(page)
        chosen = None
        if button is not None:
            chosen = next((f for f in found if button in f["buttons"]), None)  # type: ignore[operator]
        else:
            chosen = [f for f in found if str(f["method"]).lower() == "post"][form_index]
        assert chosen is not None, f"no form with {button} on {path}"
        data = dict(chosen["fields"])  # type: ignore[call-overload]
        if button is not None:
            data[button[0]] = button[1]
        data.update(changes or {})
        target = str(chosen["action"]) or path
        status, body, location = self.request("POST", target, data)
        if status in (301, 302, 303):
            return status, self.get(urllib.parse.urlsplit(location).path)
        return status, body


def web_env(var: Path, database_url: str) -> dict[str, str]:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(var),
           "BUDGETKATALOG_VAR": str(var),
           "DJANGO_SETTINGS_MODULE": "budgetkatalog.web.settings.production",
           "DJANGO_SECRET_KEY": "two-processes-" + "k" * 50,
           "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost"}
    if database_url:
        env["DATABASE_URL"] = database_url
    return env
