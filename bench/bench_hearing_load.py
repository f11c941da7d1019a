"""Hearing deadline load: responses posted through the real form to gunicorn + PostgreSQL.

The web app runs as in production (settings ``budgetkatalog.web.settings.production``,
gunicorn, PostgreSQL, one trusted proxy in front so the rate limits key on
X-Forwarded-For). Senders are threads on loopback, each a browser with its own cookies
and CSRF token and its own forwarded address and e-mail. The arrivals are scheduled
(open loop, so a slow server is not given time to catch up): a base rate with a peak
window every minute, by default 50 per second with 10 s at 150 per second, which makes
40,000 responses in 10 minutes. One response in a hundred is sent twice (a retry after
a lost answer), and once a minute 50 identical POSTs go at once (double clicks). Some
are meant to be refused: one in 500 comes from a form robot (the honeypot filled in:
400), and every 4,000 one sender (one address and e-mail) sends 25 in a row, of which
those over the per-sender limit get 429.

The rate limits count in a shared Redis cache, as the production set-up prescribes
(``docs/deployment.md``): a private ``redis-server`` is started on a free port unless
--cache-url names one (--no-cache: each process counts for itself).

Because the machine this runs on is usually shared, the CPU time the server side used
is measured as well (the gunicorn processes, the PostgreSQL backends of the benchmark's
database and Redis, read from /proc) and reported per stored response: that figure,
not the wall-clock rate on a busy machine, tells how many cores a given rate needs.

Checked afterwards, against the database: every 2xx answer's submission has its row,
no submission has two rows, every row was answered 2xx to someone, no robot's response
was stored, and every refusal showed the sender's text back. Reported: throughput,
latency percentiles overall and in the peaks, the statuses, and the CPU per response.

Run: .venv/bin/python bench/bench_hearing_load.py [--responses 40000] [--duration 600]
     [--base-rate 50] [--peak-rate 150] [--workers 4] [--cache-url redis://...]
Needs a PostgreSQL role that may create databases; its address comes from
--database-url, BENCH_DATABASE_URL or DATABASE_URL.
"""

from __future__ import annotations

import argparse
import http.client
import os
import queue
import re
import secrets
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_web_load import (
    SEED,
    free_port,
    manage,
    publish,
    recreate_database,
    setup_django,
    wait_for_port,
)

BENCH_DB = "budgetkatalog_bench_hearing"
FORM = "/2020/katalog-2/hoering/svar/"
PEAK_EVERY = 60.0
PEAK_LENGTH = 10.0
# Every 4,000 submissions, BURST in a row come from one sender (address and e-mail).
BURST_START = 2000
BURST = 25


@dataclass
class Sent:
    token: str
    text: str
    scheduled: float
    started: float = 0.0
    finished: float = 0.0
    status: int = 0
    kept_text: bool = False
    error: str = ""
    in_peak: bool = False
    kind: str = "response"  # or "honeypot" (a form robot), "burst" (one sender, many)


@dataclass
class Results:
    lock: threading.Lock = field(default_factory=threading.Lock)
    sent: list[Sent] = field(default_factory=list)


def schedule(total: int, duration: float, base: float, peak: float) -> list[float]:
    """Send times in seconds from the start: ``base`` per second, ``peak`` per second in
    the first PEAK_LENGTH seconds of every PEAK_EVERY, stopping at ``total``."""
    times: list[float] = []
    t = 0.0
    while len(times) < total and t < duration * 2:
        rate = peak if (t % PEAK_EVERY) < PEAK_LENGTH else base
        times.append(t)
        t += 1.0 / rate
    return times


class Browser:
    """One sender's connection, cookies and CSRF token."""

    def __init__(self, port: int, address: str) -> None:
        self.port = port
        self.address = address
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.cookie = ""
        self.csrf = ""

    def headers(self, address: str = "") -> dict[str, str]:
        return {"X-Forwarded-Proto": "https", "X-Forwarded-For": address or self.address,
                "Host": f"127.0.0.1:{self.port}", "Origin": f"https://127.0.0.1:{self.port}",
                "Referer": f"https://127.0.0.1:{self.port}{FORM}", "Cookie": self.cookie}

    def request(self, method: str, body: str | None = None,
                address: str = "") -> tuple[int, str, list[str]]:
        headers = self.headers(address)
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):
            try:
                self.connection.request(method, FORM, body=body, headers=headers)
                answer = self.connection.getresponse()
                return (answer.status, answer.read().decode(),
                        answer.headers.get_all("Set-Cookie") or [])
            except (ConnectionError, http.client.HTTPException):
                # gunicorn's sync workers close the connection after each answer.
                self.connection.close()
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port,
                                                             timeout=120)
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def open_form(self) -> None:
        status, html, cookies = self.request("GET")
        if status != 200:
            raise SystemExit(f"the form answered {status}")
        for cookie in cookies:
            if cookie.startswith("csrftoken="):
                self.cookie = cookie.split(";")[0]
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        assert found is not None
        self.csrf = found.group(1)


def run_load(port: int, times: list[float], senders: int, results: Results,
             at_start: Callable[[], object] = lambda: None) -> float:
    jobs: queue.Queue[tuple[Sent, str, str] | None] = queue.Queue()
    # Every sender opens the form (cookie and CSRF token) before the clock starts, a few
    # at a time, so the measured arrivals are the POSTs alone.
    browsers: queue.Queue[Browser] = queue.Queue()

    def open_one(n: int) -> None:
        b = Browser(port, f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}")
        b.open_form()
        browsers.put(b)

    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(open_one, range(senders)))

    def worker() -> None:
        b = browsers.get()
        while True:
            job = jobs.get()
            if job is None:
                return
            sent, body_template, address = job
            body = body_template.replace("CSRF", urllib.parse.quote(b.csrf))
            sent.started = time.perf_counter()
            try:
                sent.status, html, _ = b.request("POST", body, address)
                sent.kept_text = sent.text in html
            except Exception as error:  # counted and reported
                sent.error = f"{type(error).__name__}: {error}"
                b.connection.close()
                b.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            sent.finished = time.perf_counter()
            with results.lock:
                results.sent.append(sent)

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(senders)]
    for thread in threads:
        thread.start()
    at_start()  # the CPU meter starts with the clock, after the forms were opened
    start = time.perf_counter()
    for n, at in enumerate(times):
        delay = start + at - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        token = str(uuid.uuid4())
        text = f"Høringssvar {n}: forslaget bør ikke vedtages. {secrets.token_hex(8)}"
        kind, address, email = "response", "", ""
        if n % 500 == 111:
            kind = "honeypot"  # a form robot fills the hidden field: 400, text shown back
        elif BURST_START <= n % 4000 < BURST_START + BURST:
            # One sender (one address, one e-mail) sends BURST responses in a row: the
            # per-sender limit refuses those over it with 429, text shown back.
            kind, address, email = "burst", "10.250.0.1", "gentager@example.dk"
        template = fields_template(token, n, text, honeypot=kind == "honeypot", email=email)
        in_peak = (at % PEAK_EVERY) < PEAK_LENGTH
        copies = 1
        if n % 100 == 7:
            copies = 2  # a retry after a lost answer
        if n % 4000 == 13:
            copies = 50  # double clicks, many of them, at once
        for _ in range(copies):
            sent = Sent(token, text, start + at, in_peak=in_peak, kind=kind)
            jobs.put((sent, template, address))
    for _ in threads:
        jobs.put(None)
    for thread in threads:
        thread.join()
    return time.perf_counter() - start


def fields_template(token: str, n: int, text: str, *, honeypot: bool = False,
                    email: str = "") -> str:
    """The POST body with a placeholder for the sending browser's CSRF token."""
    return urllib.parse.urlencode({
        "csrfmiddlewaretoken": "CSRF", "token": token,
        "proposal": ["", "2.4", "2.8", "2.13"][n % 4],
        "sender_type": ["citizen", "business", "association", "staff"][n % 4],
        "name": f"Afsender {n}", "organisation": "", "email": email or f"afsender{n}@example.dk",
        "text": text, "consent_name": "on", "website": "http://spam.example" if honeypot else ""})


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))
    return ordered[index]


def report(results: Results, elapsed: float, stored: dict[str, int],
           cpu: dict[str, float] | None = None) -> int:
    sent = results.sent
    ok = [s for s in sent if 200 <= s.status < 300]
    refused = [s for s in sent if s.status and not 200 <= s.status < 300]
    errors = [s for s in sent if s.error]
    statuses: dict[str, int] = {}
    for s in sent:
        key = str(s.status) if s.status else "no answer"
        statuses[key] = statuses.get(key, 0) + 1
    latency = [1000 * (s.finished - s.started) for s in sent if s.status]
    from_schedule = [1000 * (s.finished - s.scheduled) for s in sent if s.status]
    peak_latency = [1000 * (s.finished - s.started) for s in sent if s.status and s.in_peak]
    unique_tokens = {s.token for s in sent}
    ok_tokens = {s.token for s in ok}
    missing = ok_tokens - set(stored)
    duplicated = {t: n for t, n in stored.items() if n > 1}
    unanswered_rows = set(stored) - ok_tokens
    refusals_without_text = [s for s in refused if not s.kept_text]
    robots = [s for s in sent if s.kind == "honeypot"]
    robots_stored = {s.token for s in robots} & set(stored)
    burst = [s for s in sent if s.kind == "burst"]
    ok_without_number = [s for s in ok if not s.kept_text]
    print(f"| POSTs sent | {len(sent)} (submissions {len(unique_tokens)}) |")
    print(f"| elapsed | {elapsed:.1f} s |")
    print(f"| throughput | {len(sent) / elapsed:.1f} POSTs/s, "
          f"{len(stored) / elapsed:.1f} stored responses/s |")
    print(f"| statuses | {', '.join(f'{k}: {v}' for k, v in sorted(statuses.items()))} |")
    print(f"| latency p50 / p95 / p99 / max | {percentile(latency, 50):.0f} / "
          f"{percentile(latency, 95):.0f} / {percentile(latency, 99):.0f} / "
          f"{max(latency or [0]):.0f} ms |")
    print(f"| latency in the peaks p50 / p95 / p99 | {percentile(peak_latency, 50):.0f} / "
          f"{percentile(peak_latency, 95):.0f} / {percentile(peak_latency, 99):.0f} ms |")
    print(f"| from scheduled arrival p95 | {percentile(from_schedule, 95):.0f} ms |")
    if ok:
        start = min(s.finished for s in ok)
        per_second: dict[int, int] = {}
        for s in ok:
            second = int(s.finished - start)
            per_second[second] = per_second.get(second, 0) + 1
        busiest = max(sum(per_second.get(t + i, 0) for i in range(10)) / 10
                      for t in range(max(per_second) + 1))
        print(f"| busiest 10 s | {busiest:.1f} 2xx answers/s |")
    print(f"| rows stored | {len(stored)} |")
    if cpu and stored:
        server = sum(v for k, v in cpu.items() if k != "load generator")
        parts = ", ".join(f"{k} {v:.1f} s" for k, v in cpu.items())
        print(f"| CPU seconds | {parts} |")
        print(f"| server CPU per stored response (app + database + cache) | "
              f"{1000 * server / len(stored):.1f} ms |")
        print(f"| stored responses per server core-second | {len(stored) / server:.1f} |")
        print(f"| cores for 150 responses/s at this cost | {150 * server / len(stored):.1f} |")
    print(f"| 2xx without a row | {len(missing)} |")
    print(f"| submissions with more than one row | {len(duplicated)} |")
    print(f"| rows whose sender got no 2xx | {len(unanswered_rows)} |")
    print(f"| refusals: honeypot (400) / over the rate limit (429) / other | "
          f"{sum(s.status == 400 for s in robots)} of {len(robots)} robots / "
          f"{sum(s.status == 429 for s in burst)} of {len(burst)} from one sender / "
          f"{sum(s.status not in (400, 429) for s in refused)} |")
    print(f"| robots' responses stored | {len(robots_stored)} |")
    print(f"| refusals without the sender's text | {len(refusals_without_text)} |")
    print(f"| 2xx answers not showing the text | {len(ok_without_number)} |")
    print(f"| transport errors | {len(errors)} |")
    for s in errors[:5]:
        print(f"    {s.error}", file=sys.stderr)
    bad = (missing or duplicated or refusals_without_text or ok_without_number
           or robots_stored or unanswered_rows)
    return 1 if bad else 0


def stored_tokens() -> dict[str, int]:
    from django.db.models import Count

    from budgetkatalog.web.hearing.models import Response

    return {str(token): n for token, n in Response.objects.values_list("submission_token")
            .annotate(n=Count("id")).values_list("submission_token", "n")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url")
    parser.add_argument("--responses", type=int, default=40_000)
    parser.add_argument("--duration", type=float, default=600.0)
    parser.add_argument("--base-rate", type=float, default=50.0)
    parser.add_argument("--peak-rate", type=float, default=150.0)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument("--senders", type=int, default=200, help="sender threads")
    parser.add_argument("--cache-url", help="a shared Redis cache (default: start one)")
    parser.add_argument("--no-cache", action="store_true",
                        help="no shared cache: each gunicorn worker counts rate limits alone")
    args = parser.parse_args()

    from bench.bench_web_load import database_urls

    admin_url, _ = database_urls(args.database_url)
    parts = urllib.parse.urlsplit(admin_url)
    bench_url = urllib.parse.urlunsplit(parts._replace(path=f"/{BENCH_DB}"))
    import bench.bench_web_load as web_load

    web_load.BENCH_DB = BENCH_DB
    recreate_database(admin_url)
    times = schedule(args.responses, args.duration, args.base_rate, args.peak_rate)
    with tempfile.TemporaryDirectory(prefix="bench-hearing-") as tmp:
        workdir = Path(tmp)
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "budgetkatalog.web.settings.production",
               "DATABASE_URL": bench_url, "DJANGO_SECRET_KEY": secrets.token_urlsafe(40),
               "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
               "BUDGETKATALOG_VAR": str(workdir / "var"),
               "BUDGETKATALOG_TRUSTED_PROXIES": "1", "PYTHONPATH": str(ROOT)}
        redis = None
        if not args.no_cache:
            if args.cache_url:
                env["BUDGETKATALOG_CACHE_URL"] = args.cache_url
            else:
                redis = PrivateRedis(workdir)
                env["BUDGETKATALOG_CACHE_URL"] = redis.start()
        try:
            manage(env, "migrate", "--noinput")
            manage(env, "collectstatic", "--noinput")
            setup_django(env)
            publish(SEED, "katalog-2")
            open_hearing()
            print(f"Hearing load: gunicorn {args.workers} workers × {args.threads} threads, "
                  f"PostgreSQL, {len(times)} submissions scheduled over "
                  f"{times[-1]:.0f} s ({args.base_rate:g}/s, {args.peak_rate:g}/s for "
                  f"{PEAK_LENGTH:g} s of every {PEAK_EVERY:g} s), {args.senders} sender "
                  f"threads, cache {env.get('BUDGETKATALOG_CACHE_URL') or 'per process'}; "
                  f"load average before: {os.getloadavg()[0]:.1f}")
            results = Results()
            with GunicornThreads(env, free_port(), args.workers, args.threads) as port:
                pid = gunicorn_pid(port)
                meters: list[CpuMeter] = []
                elapsed = run_load(port, times, args.senders, results, lambda: meters.append(
                    CpuMeter(self_too=True, server_pid=pid,
                             redis_pid=redis.pid if redis else None)))
                cpu = meters[0].used()
            print(f"load average after: {os.getloadavg()[0]:.1f}")
            print("\n| figure | value |\n| --- | --- |")
            return report(results, elapsed, stored_tokens(), cpu)
        finally:
            if redis is not None:
                redis.stop()
            from django.db import connections

            connections.close_all()
            recreate_database(admin_url, drop_only=True)


def open_hearing() -> None:
    from datetime import timedelta

    from django.utils import timezone

    from budgetkatalog.web.accounts.actions import do_create_user
    from budgetkatalog.web.accounts.models import Role
    from budgetkatalog.web.catalogues.models import Catalogue
    from budgetkatalog.web.hearing.actions import do_create_hearing

    finance = do_create_user(None, "okonomi", secrets.token_urlsafe(16), Role.FINANCE)
    now = timezone.now()
    do_create_hearing(finance, Catalogue.objects.get(slug="katalog-2").pk,
                      opens_at=now - timedelta(days=1), deadline=now + timedelta(days=1))


class PrivateRedis:
    """A redis-server of the benchmark's own on a free port, without persistence."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.pid = 0

    def start(self) -> str:
        import shutil
        import subprocess

        binary = shutil.which("redis-server")
        if binary is None:
            raise SystemExit("redis-server is not installed: pass --cache-url or --no-cache")
        port = free_port()
        self.process = subprocess.Popen(
            [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.workdir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.pid = self.process.pid
        wait_for_port(port, 20, "redis-server", pause=0.1)
        return f"redis://127.0.0.1:{port}/0"

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def gunicorn_pid(port: int) -> int:
    import psutil

    for connection in psutil.net_connections("tcp"):
        if connection.status == "LISTEN" and connection.laddr.port == port and connection.pid:
            return int(connection.pid)
    raise SystemExit(f"no process listens on port {port}")


class CpuMeter:
    """CPU seconds (user + system) used from now on by the gunicorn master and its
    workers, the PostgreSQL backends serving the benchmark's database, Redis, and this
    process (the load generator)."""

    def __init__(self, *, self_too: bool, server_pid: int, redis_pid: int | None) -> None:
        self.self_too, self.server_pid, self.redis_pid = self_too, server_pid, redis_pid
        self.before = self.sample()

    def sample(self) -> dict[str, dict[int, float]]:
        import psutil

        def seconds(process: psutil.Process) -> float:
            times = process.cpu_times()
            return float(times.user + times.system)

        out: dict[str, dict[int, float]] = {"app": {}, "PostgreSQL": {}, "Redis": {}}
        server = psutil.Process(self.server_pid)
        for process in [server, *server.children(recursive=True)]:
            out["app"][process.pid] = seconds(process)
        for process in psutil.process_iter(["cmdline"]):
            title = " ".join(process.info["cmdline"] or [])
            if title.startswith("postgres:") and f" {BENCH_DB} " in f"{title} ":
                try:
                    out["PostgreSQL"][process.pid] = seconds(process)
                except psutil.Error:
                    continue
        if self.redis_pid:
            out["Redis"][self.redis_pid] = seconds(psutil.Process(self.redis_pid))
        if self.self_too:
            out["load generator"] = {os.getpid(): seconds(psutil.Process())}
        return out

    def used(self) -> dict[str, float]:
        after = self.sample()
        return {kind: sum(v - self.before.get(kind, {}).get(pid, 0.0)
                          for pid, v in pids.items())
                for kind, pids in after.items() if pids}


class GunicornThreads:
    """gunicorn with threaded workers (keep-alive connections), yielding its port."""

    def __init__(self, env: dict[str, str], port: int, workers: int, threads: int) -> None:
        self.env, self.port, self.workers, self.threads = env, port, workers, threads

    def __enter__(self) -> int:
        import subprocess

        self.server = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "budgetkatalog.web.wsgi:application",
             "--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers),
             "--worker-class", "gthread", "--threads", str(self.threads),
             "--keep-alive", "30", "--backlog", "4096", "--log-level", "warning"],
            env=self.env)
        probe = Browser(self.port, "10.255.255.255")
        deadline = time.monotonic() + 60
        while True:
            try:
                probe.open_form()
                break
            except (OSError, http.client.HTTPException):
                if time.monotonic() > deadline or self.server.poll() is not None:
                    raise SystemExit("gunicorn did not start") from None
                time.sleep(0.3)
        return self.port

    def __exit__(self, *exc: object) -> None:
        import subprocess

        self.server.terminate()
        try:
            self.server.wait(timeout=30)
        except subprocess.TimeoutExpired:  # requests still queued: stop without them
            self.server.kill()
            self.server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
