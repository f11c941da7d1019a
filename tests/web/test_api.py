"""The read-only JSON API and its OpenAPI description, checked by schemathesis."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, example, given, settings
from schemathesis import GenerationMode

from budgetkatalog.web.catalogues.models import Catalogue
from budgetkatalog.web.wsgi import application

BASE = "/api/v1/catalogues"


def test_catalogues_versions_and_proposals_are_listed(client: Client,
                                                      published_seed: Catalogue) -> None:
    listing = client.get(f"{BASE}/").json()
    assert [(c["year"], c["slug"], c["latest_version"]) for c in listing["catalogues"]] == \
        [(2020, "katalog-2", 1)]
    detail = client.get(f"{BASE}/2020/katalog-2/").json()
    assert detail["years"] == [2020, 2021, 2022, 2023]
    assert len(detail["proposals"]) == 17
    row = next(p for p in detail["proposals"] if p["number"] == "2.8")
    assert row["totals"] == {"2020": -3517, "2021": -7666, "2022": -7666, "2023": -7666}
    (version,) = client.get(f"{BASE}/2020/katalog-2/versions/").json()["versions"]
    assert version["number"] == 1
    assert version["downloads"]["katalog.pdf"].endswith("/2020/katalog-2/versioner/1/katalog.pdf")


def test_a_version_is_its_published_catalogue_json(client: Client,
                                                   published_seed: Catalogue) -> None:
    document = client.get(f"{BASE}/2020/katalog-2/versions/1/").json()
    assert document["format"] == "budgetkatalog-catalogue"
    assert len(document["proposals"]) == 17
    proposal = client.get(f"{BASE}/2020/katalog-2/proposals/2-8/").json()
    assert proposal["lines"][1]["amounts"] == {"2020": None, "2021": -633, "2022": -633,
                                               "2023": -633}


def test_errors_are_json_and_writes_are_not_allowed(client: Client,
                                                    published_seed: Catalogue) -> None:
    for path in (f"{BASE}/2020/nope/", f"{BASE}/abc/katalog-2/", f"{BASE}/2020/katalog-2/x/",
                 f"{BASE}/2020/katalog-2/versions/7/", "/api/v2/"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.json()["error"] == "not_found"
    response = client.post(f"{BASE}/2020/katalog-2/")
    assert response.status_code == 405 and "GET" in response["Allow"]


def test_the_openapi_description_is_served(client: Client, db: None) -> None:
    document = client.get("/api/openapi.json").json()
    assert document["openapi"].startswith("3.")
    assert "/catalogues/{year}/{slug}/proposals/{proposal_slug}/" in document["paths"]


@pytest.fixture
def in_process(published_seed: Catalogue) -> Iterator[Catalogue]:
    """The WSGI application called in the test's transaction: like Django's test client,
    keep the database connection open between requests (PostgreSQL would close it)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield published_seed
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_the_api_conforms_to_its_openapi_description(in_process: Catalogue) -> None:
    """schemathesis generates valid and invalid requests for every operation (the
    documented examples name the published catalogue, so real data is reached too) and
    checks every response: no server error, documented status, content type, headers
    and schema."""
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 6
    for operation in operations:
        # Without parameters there is no invalid request to make.
        modes = [GenerationMode.POSITIVE] + ([GenerationMode.NEGATIVE]
                                             if operation.path_parameters else [])
        for mode in modes:
            @given(case=operation.as_strategy(generation_mode=mode))
            @example(case=operation.Case(path_parameters=_examples(operation)))
            @settings(max_examples=30, deadline=None, database=None,
                      suppress_health_check=list(HealthCheck))
            def check(case: schemathesis.Case) -> None:
                case.call_and_validate()
            check()


def _examples(operation: schemathesis.APIOperation) -> dict[str, object]:
    return {p.name: p.definition["example"] for p in operation.path_parameters}


def test_the_conformance_check_can_fail(in_process: Catalogue) -> None:
    """The same check finds a response that breaks the description."""
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
    operation = schema["/catalogues/{year}/{slug}/"]["GET"]
    case = operation.Case(path_parameters={"year": 2020, "slug": "katalog-2"})
    response = case.call()
    broken = response.json()
    del broken["proposals"]
    response.content = json.dumps(broken).encode()
    with pytest.raises(BaseException) as failure:
        case.validate_response(response)
    assert '"proposals" is a required property' in str(failure.getrepr())
