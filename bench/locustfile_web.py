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

    @task
    def front(self) -> None:
        with self.client.get(FRONT, name="front", headers=HEADERS,
                             catch_response=True) as response:
            if response.status_code != 200 or b"Budgetkatalog" not in response.content:
                response.failure(f"front page answered {response.status_code}")

    @task
    def proposal(self) -> None:
        with self.client.get(PROPOSAL, name="proposal", headers=HEADERS,
                             catch_response=True) as response:
            if response.status_code != 200 or b"Tabel 1" not in response.content:
                response.failure(f"proposal page answered {response.status_code}")
