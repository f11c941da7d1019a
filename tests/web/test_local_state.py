"""An installation on its own: the secret key is generated once and kept private, the
SQLite database is private, in WAL mode, and takes the write lock at BEGIN."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from budgetkatalog.web import local_state

BIN = Path(sys.executable).parent


def test_a_first_run_generates_a_private_secret_key_and_a_private_database(
        tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DJANGO_SECRET_KEY", "DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(BUDGETKATALOG_VAR=str(tmp_path),
               DJANGO_SETTINGS_MODULE="budgetkatalog.web.settings.dev")
    for _ in range(2):
        result = subprocess.run([str(BIN / "budgetkatalog"), "manage", "migrate", "--noinput"],
                                env=env, capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr
    key_file, database = tmp_path / "secret_key", tmp_path / "budgetkatalog.sqlite3"
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert database.stat().st_mode & 0o777 == 0o600
    key = key_file.read_text(encoding="utf-8")
    assert len(key) >= 50 and "budgetkatalog-development-key" not in key
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    # the database was made before anything opened it, not narrowed afterwards: the
    # migration log holds no "readable by others" window to check, so check the result
    assert (tmp_path / "budgetkatalog.sqlite3-wal").exists() is False or \
        (tmp_path / "budgetkatalog.sqlite3-wal").stat().st_mode & 0o777 == 0o600


def test_a_configured_key_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DJANGO_SECRET_KEY", "k" * 60)
    assert local_state.secret_key(tmp_path) == "k" * 60
    assert not (tmp_path / "secret_key").exists()
    monkeypatch.delenv("DJANGO_SECRET_KEY")
    generated = local_state.secret_key(tmp_path)
    assert generated != "k" * 60 and local_state.secret_key(tmp_path) == generated
    (tmp_path / "secret_key").chmod(0o644)
    local_state.secret_key(tmp_path)
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_sqlite_writers_take_the_lock_at_begin_and_wait_for_each_other() -> None:
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        assert "transaction_mode" not in settings.DATABASES["default"].get("OPTIONS", {})
        return
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5
    assert "journal_mode=WAL" in options["init_command"]


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    """A redis-server of this test's own (Debian's redis-server), on a free port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1",
                                "--save", "", "--appendonly", "no", "--dir", str(tmp_path)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "redis-server did not start"
                time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_a_redis_cache_is_shared_by_several_server_processes(redis_url: str) -> None:
    """Two processes configured with BUDGETKATALOG_CACHE_URL: what one stores, the
    other reads."""
    script = ("import django, sys; django.setup(); from django.core.cache import cache; "
              "from django.conf import settings; "
              "assert settings.CACHES['default']['BACKEND'].endswith('RedisCache'); "
              "cache.set('page:x', 'fra proces 1') if sys.argv[1] == 'set' else "
              "print(cache.get('page:x'))")
    env = {**os.environ, "BUDGETKATALOG_CACHE_URL": redis_url,
           "DJANGO_SETTINGS_MODULE": "budgetkatalog.web.settings.test"}
    for step in ("set", "get"):
        result = subprocess.run([sys.executable, "-c", script, step], env=env,
                                capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "fra proces 1"


def test_a_cache_url_that_is_not_redis_is_refused() -> None:
    with pytest.raises(ValueError, match="redis://"):
        local_state.caches("memcached://127.0.0.1:11211")
