"""Server memory under many distinct query strings (the page cache must stay bounded).

Starts ``budgetkatalog serve`` (the embedded default: dev settings, SQLite, per-process
page cache) on the example catalogue in a temporary directory, warms it up, then sends
10.000 requests with distinct query strings to the public pages, from 8 client threads:

- a third ``/2020/katalog-2/?cachebust=N`` (a parameter no page reads: no new entry),
- a third ``/2020/katalog-2/?q=<real word><N spaces>`` (distinct searches with real
  results: a new entry each, up to the cache's bound),
- a third ``/soeg/?q=<word>N`` (distinct site searches).

Reports the server's resident memory (VmRSS) before and after, and the requests' status
codes. Target: after within 50 MB of before.

Run: .venv/bin/python bench/bench_cache_memory.py [--requests 10000]
Traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import http.client
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_web_load import free_port, wait_for_port

VENV_BIN = Path(sys.executable).parent
WORDS = ("ledighed", "borger", "medarbejdere", "besparelse", "jobcenter", "skole",
         "dagtilbud", "administration", "analyse", "ydelse")
TARGET_MB = 50


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def path_for(n: int) -> str:
    kind = n % 3
    if kind == 0:
        return f"/2020/katalog-2/?cachebust={n}"
    if kind == 1:
        word = WORDS[n % len(WORDS)] + " " * (n // len(WORDS) % 150)
        return "/2020/katalog-2/?" + urllib.parse.urlencode({"q": word + f" {n // 1500}"
                                                            if n >= 1500 else word})
    return "/soeg/?" + urllib.parse.urlencode({"q": f"{WORDS[n % len(WORDS)]}{n}"})


def get(port: int, path: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path, headers={"Host": f"127.0.0.1:{port}"})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as var:
        env = {**os.environ, "BUDGETKATALOG_VAR": var,
               "DJANGO_SETTINGS_MODULE": "budgetkatalog.web.settings.dev"}
        for name in ("DATABASE_URL", "BUDGETKATALOG_CACHE_URL", "BUDGETKATALOG_DEBUG"):
            env.pop(name, None)
        command = str(VENV_BIN / "budgetkatalog")
        subprocess.run([command, "manage", "migrate", "--noinput"], env=env, check=True,
                       capture_output=True)
        subprocess.run([command, "manage", "load_demo"], env=env, check=True,
                       capture_output=True)
        port = free_port()
        server = subprocess.Popen([command, "serve", "--no-migrate", "--port", str(port)],
                                  env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        try:
            wait_for_port(port, 60, "the server")
            for path in ("/", "/2020/katalog-2/", "/2020/katalog-2/2-8/", "/soeg/?q=skole",
                         "/2020/katalog-2/?q=skole"):
                for _ in range(20):
                    get(port, path)
            before = rss_mb(server.pid)
            statuses: Counter[int] = Counter()
            lock = threading.Lock()
            counter = iter(range(args.requests))
            started = time.monotonic()

            def client() -> None:
                while True:
                    with lock:
                        n = next(counter, None)
                    if n is None:
                        return
                    status = get(port, path_for(n))
                    with lock:
                        statuses[status] += 1

            threads = [threading.Thread(target=client) for _ in range(args.clients)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            seconds = time.monotonic() - started
            after = rss_mb(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=30)
    grown = after - before
    print(f"requests: {args.requests} distinct query strings, {args.clients} clients, "
          f"{seconds:.1f} s; status codes: {dict(sorted(statuses.items()))}")
    print(f"server RSS: {before:.1f} MB before, {after:.1f} MB after, "
          f"{grown:+.1f} MB (target: within {TARGET_MB} MB)")
    return 0 if grown <= TARGET_MB and set(statuses) == {200} else 1


if __name__ == "__main__":
    sys.exit(main())
