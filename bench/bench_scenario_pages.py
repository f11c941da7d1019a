"""The scenario pages, in process: how long a politician waits for each.

Django's test client requests the pages against an in-memory SQLite database holding
the published seed catalogue, targets from 2021 and a politician's four scenarios; each
page is requested --repeat times and timed with ``time.perf_counter`` (whole request:
URL routing, queries, building the domain setup from the version's JSON, ``evaluate``
or ``optimise``, template rendering). Saving decisions is a POST through the action.
Query counts show whether a page's queries grow with the number of proposals.

Run: .venv/bin/python bench/bench_scenario_pages.py [--repeat 20]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "budgetkatalog.web.settings.test"
os.environ.pop("DATABASE_URL", None)

import django

django.setup()

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.generate import SEED
from budgetkatalog.importers.catalogue_text import import_catalogue_file
from budgetkatalog.scenarios.decision import Decision
from budgetkatalog.web.accounts.actions import do_create_user
from budgetkatalog.web.accounts.models import Role
from budgetkatalog.web.catalogues.actions import do_import_catalogue, do_publish_catalogue
from budgetkatalog.web.scenarios import actions


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    seed = import_catalogue_file(SEED).catalogue
    assert seed is not None
    catalogue = do_import_catalogue(None, seed, slug="katalog-2")
    do_publish_catalogue(None, catalogue.pk)
    finance = do_create_user(None, "okonomi", "x-bench-password-1", Role.FINANCE)
    politician = do_create_user(None, "politiker", "x-bench-password-1", Role.POLITICIAN)
    actions.do_set_targets(finance, catalogue.pk,
                           {year: Decimal(-20000) for year in (2021, 2022, 2023)})
    numbers = [p.number for p in seed.proposals]
    scenarios = [actions.do_create_scenario(politician, catalogue.pk, f"S{i}", decisions={
        n: Decision.adopted() for n in numbers[i::2]}) for i in range(4)]
    ids = "&".join(f"id={s.pk}" for s in scenarios)
    client = Client()
    client.force_login(politician)
    form = {f"decision-{n}": "adopted" for n in numbers[::3]}
    pages = [
        ("scenario list", "get", "/scenarier/", None),
        ("scenario page", "get", f"/scenarier/{scenarios[0].pk}/", None),
        ("save decisions (POST + redirect)", "post", f"/scenarier/{scenarios[1].pk}/", form),
        ("compare 2", "get", f"/scenarier/sammenlign/?id={scenarios[0].pk}"
                             f"&id={scenarios[1].pk}", None),
        ("compare 4", "get", f"/scenarier/sammenlign/?{ids}", None),
        ("optimise, fte", "get", f"/scenarier/optimer/{catalogue.pk}/?run=1"
                                 "&target-2021=-20.000&target-2022=-20.000"
                                 "&target-2023=-20.000&objective=fte", None),
        ("optimise, fte, 3 alternatives", "get",
         f"/scenarier/optimer/{catalogue.pk}/?run=1&target-2021=-20.000"
         "&target-2022=-20.000&target-2023=-20.000&objective=fte&alternatives=3", None),
    ]
    print(f"{len(numbers)} proposals, {args.repeat} requests per page")
    print(f"{'page':<34}{'min ms':>9}{'median ms':>11}{'max ms':>9}{'queries':>9}")
    for name, method, url, data in pages:
        timings = []
        queries = 0
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                response = getattr(client, method)(url, data) if data else \
                    getattr(client, method)(url)
                timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code in (200, 302), (url, response.status_code)
            queries = len(captured.captured_queries)
        print(f"{name:<34}{min(timings):>9.1f}{statistics.median(timings):>11.1f}"
              f"{max(timings):>9.1f}{queries:>9}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
