"""Load on the public web pages: gunicorn + PostgreSQL, 50 locust users on loopback.

The web app runs as in production (settings ``budgetkatalog.web.settings.production``, gunicorn
with a few sync workers, static files collected, PostgreSQL) on a database of its own
that this script creates and drops. Locust users read the front page and a proposal
page of the seed catalogue, first paced like readers (0,5–1,5 s between pages), then
flat out; both with the production settings' whole-page cache and without it.
Separately, in process, Django's test client counts the SQL queries of each page type
on the seed, and again after a generated catalogue of --large proposals is published
beside it: a page whose count grows with the catalogue has an N+1 query.

Target: p95 ≤ 100 ms per page for the paced readers.
Traffic goes to 127.0.0.1 only; every run is bounded by --duration.

Run: .venv/bin/python bench/bench_web_load.py [--users 50] [--duration 30] [--workers 4]
Needs a PostgreSQL role that may create databases (``.ci/run`` makes one); its address
comes from --database-url, BENCH_DATABASE_URL or DATABASE_URL.
"""

from __future__ import annotations

import argparse
import csv
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))

from bench.generate import SEED, generate

DEFAULT_URL = "postgres://budgetkatalog:budgetkatalog@127.0.0.1:5432/budgetkatalog"
BENCH_DB = "budgetkatalog_bench"
SEED_PAGES = {
    "front": "/",
    "catalogue list": "/2020/katalog-2/",
    "proposal": "/2020/katalog-2/2-8/",
    "search": "/soeg/?q=ledighed",
}
LARGE_SLUG = "stor"


def database_urls(given: str | None) -> tuple[str, str]:
    """(the URL to administer from, the benchmark's own database URL)."""
    admin = given or os.environ.get("BENCH_DATABASE_URL") or os.environ.get(
        "DATABASE_URL") or DEFAULT_URL
    parts = urlsplit(admin)
    if parts.scheme not in ("postgres", "postgresql"):
        raise SystemExit(f"the load benchmark needs PostgreSQL, not {parts.scheme}: {admin}")
    return admin, urlunsplit(parts._replace(path=f"/{BENCH_DB}"))


def recreate_database(admin_url: str, drop_only: bool = False) -> None:
    import psycopg

    try:
        connection = psycopg.connect(admin_url, autocommit=True)
    except psycopg.OperationalError as error:
        raise SystemExit(f"PostgreSQL is not reachable at {admin_url} ({error}); "
                         ".ci/run shows how to start it and create the role") from None
    with connection:
        connection.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
        if not drop_only:
            connection.execute(f"CREATE DATABASE {BENCH_DB}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_port(port: int, seconds: float, what: str, pause: float = 0.2) -> None:
    """Return once something listens on 127.0.0.1:``port``; give up after ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise SystemExit(f"{what} did not start") from None
            time.sleep(pause)


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([str(VENV_BIN / "budgetkatalog"), "manage", *args], env=env, check=True,
                   stdout=subprocess.DEVNULL)


@contextmanager
def gunicorn(env: dict[str, str], port: int, workers: int) -> Iterator[str]:
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [str(VENV_BIN / "gunicorn"), "budgetkatalog.web.wsgi:application",
         "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--worker-class", "sync",
         "--log-level", "warning"], env=env)
    try:
        deadline = time.monotonic() + 30
        while True:
            request = urllib.request.Request(base + "/", headers={"X-Forwarded-Proto": "https"})
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    if response.status == 200:
                        break
            except OSError:  # not listening yet, or still loading Django
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("gunicorn did not start")
            time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def run_locust(base: str, users: int, duration: int, pace: str, workdir: Path,
               env: dict[str, str]) -> dict[str, dict[str, str]]:
    prefix = workdir / f"locust-{pace}"
    log = workdir / f"locust-{pace}.log"
    with log.open("w") as log_file:
        subprocess.run(
            [str(VENV_BIN / "locust"), "-f", str(ROOT / "bench" / "locustfile_web.py"),
             "--headless", "--host", base, "--users", str(users), "--spawn-rate", str(users),
             "--run-time", f"{duration}s", "--stop-timeout", "5", "--csv", str(prefix),
             "--only-summary", "--loglevel", "WARNING"],
            env={**env, "BENCH_PACE": pace}, check=False, timeout=duration + 120,
            stdout=subprocess.DEVNULL, stderr=log_file)
    try:
        with open(f"{prefix}_stats.csv", encoding="utf-8") as stats:
            return {row["Name"]: row for row in csv.DictReader(stats)}
    except FileNotFoundError:
        print(log.read_text(), file=sys.stderr)
        raise SystemExit("locust wrote no statistics") from None


def setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    import django

    django.setup()


def publish(text_or_path: str | Path, slug: str) -> None:
    from budgetkatalog.importers.catalogue_text import (
        import_catalogue_file,
        import_catalogue_text,
    )
    from budgetkatalog.web.catalogues.actions import do_import_catalogue, do_publish_catalogue

    result = (import_catalogue_file(text_or_path) if isinstance(text_or_path, Path)
              else import_catalogue_text(text_or_path))
    assert result.catalogue is not None
    catalogue = do_import_catalogue(None, result.catalogue, slug=slug)
    do_publish_catalogue(None, catalogue.pk)


def count_queries(paths: dict[str, str]) -> dict[str, tuple[int, int]]:
    """(queries when the page is rendered, queries when the page cache answers) per page.

    A first request fills the process's own caches (templates, translations); the
    page cache is then emptied so that the measured request renders the page.
    """
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    counts = {}
    for name, path in paths.items():
        client.get(path, secure=True)
        cache.clear()
        measured = []
        for _ in ("rendered", "cached"):
            with CaptureQueriesContext(connection) as captured:
                response = client.get(path, secure=True)
            if response.status_code != 200:
                raise SystemExit(f"{path} answered {response.status_code}")
            measured.append(len(captured))
        counts[name] = (measured[0], measured[1])
    return counts


def print_load(title: str, stats: dict[str, dict[str, str]]) -> None:
    print(f"\n{title}")
    print("| page | requests | failures | req/s | p50 ms | p95 ms | p99 ms | max ms |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name in ("front", "proposal", "Aggregated"):
        row = stats[name]
        print(f"| {name.lower()} | {row['Request Count']} | {row['Failure Count']} "
              f"| {float(row['Requests/s']):.1f} | {row['50%']} | {row['95%']} "
              f"| {row['99%']} | {float(row['Max Response Time']):.0f} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=int, default=30, help="seconds per load run")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--large", type=int, default=300,
                        help="proposals in the generated catalogue for the query counts")
    args = parser.parse_args()
    if not 1 <= args.users <= 200 or not 1 <= args.duration <= 300:
        parser.error("--users must be 1–200 and --duration 1–300 s")

    admin_url, bench_url = database_urls(args.database_url)
    recreate_database(admin_url)
    with tempfile.TemporaryDirectory(prefix="bench-web-") as tmp:
        workdir = Path(tmp)
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "budgetkatalog.web.settings.production",
               "DATABASE_URL": bench_url, "DJANGO_SECRET_KEY": secrets.token_urlsafe(40),
               "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
               "BUDGETKATALOG_VAR": str(workdir / "var"),
               "PYTHONPATH": str(ROOT)}
        try:
            manage(env, "migrate", "--noinput")
            manage(env, "collectstatic", "--noinput")
            setup_django(env)
            publish(SEED, "katalog-2")
            seed_counts = count_queries(SEED_PAGES)

            # The same settings without the whole-page cache: every request renders,
            # as right after a publication or for pages the cache does not hold.
            (workdir / "bench_settings_no_page_cache.py").write_text(
                "from budgetkatalog.web.settings.production import *  # noqa: F403\n"
                "CACHES = {'default': {'BACKEND': "
                "'django.core.cache.backends.dummy.DummyCache'}}\n", encoding="utf-8")
            no_cache_env = {**env, "DJANGO_SETTINGS_MODULE": "bench_settings_no_page_cache",
                            "PYTHONPATH": os.pathsep.join([str(workdir), env["PYTHONPATH"]])}

            print(f"Web load: gunicorn {args.workers} sync workers, PostgreSQL, "
                  f"{args.users} users, {args.duration} s per run, seed catalogue; "
                  f"load average before: {os.getloadavg()[0]:.1f}")
            for label, server_env in (("page cache on (production settings)", env),
                                      ("page cache off (every page rendered)", no_cache_env)):
                with gunicorn(server_env, free_port(), args.workers) as base:
                    paced = run_locust(base, args.users, args.duration, "paced", workdir, env)
                    flat = run_locust(base, args.users, args.duration, "flat-out", workdir,
                                      env)
                print_load(f"{label}, paced readers (0,5–1,5 s between pages):", paced)
                print_load(f"{label}, flat out (no pause):", flat)

            started = time.perf_counter()
            publish(generate(args.large), LARGE_SLUG)
            load_seconds = time.perf_counter() - started
            large_pages = {
                **SEED_PAGES,
                "catalogue list (large)": f"/2020/{LARGE_SLUG}/",
                "proposal (large)": f"/2020/{LARGE_SLUG}/9-{args.large}/",
            }
            large_counts = count_queries(large_pages)
            print(f"\nSQL queries per page (Django test client; the generated catalogue of "
                  f"{args.large} proposals imported and published in {load_seconds:.1f} s):")
            print(f"| page | rendered, seed | cache hit, seed | rendered, seed + {args.large} "
                  f"| cache hit, seed + {args.large} |")
            print("| --- | ---: | ---: | ---: | ---: |")
            for name, (rendered, cached) in large_counts.items():
                seed_rendered, seed_cached = seed_counts.get(name, ("–", "–"))
                print(f"| {name} | {seed_rendered} | {seed_cached} | {rendered} | {cached} |")
        finally:
            from django.db import connections

            connections.close_all()
            recreate_database(admin_url, drop_only=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
