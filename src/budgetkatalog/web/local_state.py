"""Local state of an installation that runs on its own: the secret key and the SQLite
database, both private to the user the server runs as (mode 0600).

Imported by the settings, so it uses nothing from Django. Files are created with
``os.open(..., 0o600)``, not created and then narrowed, so there is no moment in which
another local user could read them.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

PRIVATE = 0o600
# The name of the file the generated key is kept in, not a key.
SECRET_KEY_FILE = "secret_key"  # nosec B105
# How long a writer waits for another writer's transaction on SQLite before giving up
# (seconds). Writes take milliseconds; a long wait means something is stuck.
SQLITE_TIMEOUT = 30


def _create_private(path: Path, content: bytes) -> bool:
    """Create ``path`` with mode 0600 holding ``content``; False if it already exists."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE)
    except FileExistsError:
        return False
    with os.fdopen(fd, "wb") as out:
        out.write(content)
    return True


def make_private(path: Path) -> None:
    """An existing file (from an older installation) narrowed to mode 0600."""
    if path.exists() and path.stat().st_mode & 0o777 != PRIVATE:
        path.chmod(PRIVATE)


def secret_key(var_dir: Path) -> str:
    """``DJANGO_SECRET_KEY`` when configured; otherwise the installation's own key,
    generated on first run into ``var/secret_key`` (mode 0600) and read after that."""
    configured = os.environ.get("DJANGO_SECRET_KEY", "")
    if configured:
        return configured
    path = var_dir / SECRET_KEY_FILE
    _create_private(path, secrets.token_urlsafe(50).encode())
    make_private(path)
    key = path.read_text(encoding="utf-8").strip()
    if len(key) < 50:
        raise RuntimeError(f"{path} holds no usable secret key; delete it to make a new one")
    return key


def sqlite_options() -> dict[str, Any]:
    """Django's OPTIONS for an embedded SQLite database.

    - WAL: readers never wait for a writer, and a writer does not wait for readers.
    - ``BEGIN IMMEDIATE``: a transaction takes the write lock when it starts, so two
      writers queue (up to ``timeout`` seconds) instead of one failing with "database
      is locked" when it first writes after reading.
    """
    return {
        "transaction_mode": "IMMEDIATE",
        "timeout": SQLITE_TIMEOUT,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }


# The per-process page cache holds at most this many pages. Entries are compressed
# (public/cache.py), a few to a few dozen kB each, so the cache stays within a few
# dozen MB whatever visitors put in their query strings.
LOCAL_CACHE_ENTRIES = 1000


def caches(url: str) -> dict[str, Any]:
    """Django's CACHES: a shared Redis cache when ``url`` names one (``redis://`` or
    ``rediss://``, for several server processes), otherwise a bounded cache in the
    process's own memory."""
    if url:
        if not url.startswith(("redis://", "rediss://", "unix://")):
            raise ValueError(f"BUDGETKATALOG_CACHE_URL must be a redis:// URL, not {url!r}")
        return {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                            "LOCATION": url, "KEY_PREFIX": "budgetkatalog"}}
    return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                        "OPTIONS": {"MAX_ENTRIES": LOCAL_CACHE_ENTRIES}}}


def prepare_databases(databases: Mapping[str, Mapping[str, Any]]) -> None:
    """Each SQLite database file created with mode 0600 before the first connection
    (SQLite would create it readable by everyone under the usual umask)."""
    for database in databases.values():
        name = str(database.get("NAME") or "")
        if (database.get("ENGINE") != "django.db.backends.sqlite3" or not name
                or name == ":memory:" or name.startswith("file:")):
            continue
        path = Path(name)
        _create_private(path, b"")
        make_private(path)
