"""Locust users for bench/bench_web_load.py: visitors reading the front page and a
proposal page. Run only by that script, against a server it started on loopback."""

from __future__ import annotations

import os

from locust import FastHttpUser, between, constant, task

FRONT = "/"
PROPOSAL = os.environ.get("BENCH_PROPOSAL_PATH", "/2020/katalog-2/2-8/")
# The production settings redirect plain HTTP to HTTPS; the server stands behind a
# TLS-terminating proxy that says the request came in over HTTPS, as here.
HEADERS = {"X-Forwarded-Proto": "https"}


class Visitor(FastHttpUser):
    # "paced": a reader who looks at a page for 0,5–1,5 s; "flat out": no pause at all,
    # which measures the most the server can answer.
    wait_time = (constant(0) if os.environ.get("BENCH_PACE") == "flat-out"
                 else between(0.5, 1.5))

    def read(self, path: str, name: str, must_contain: bytes) -> None:
        with self.client.get(path, name=name, headers=HEADERS,
                             catch_response=True) as response:
            if response.status_code != 200 or must_contain not in response.content:
                response.failure(f"{name} answered {response.status_code}")

    @task
    def front(self) -> None:
        self.read(FRONT, "front", b"Budgetkatalog")

    @task
    def proposal(self) -> None:
        self.read(PROPOSAL, "proposal", b"Tabel 1")
