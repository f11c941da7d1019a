"""The read-only JSON API and its OpenAPI description, checked by schemathesis."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import timedelta

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from schemathesis import GenerationMode

from budgetkatalog.web.accounts.models import User
from budgetkatalog.web.catalogues.models import Catalogue
from budgetkatalog.web.hearing.actions import (
    ResponseData,
    do_create_hearing,
    do_publish_response,
    do_submit_response,
    do_withhold_response,
    suggested_publication,
)
from budgetkatalog.web.hearing.models import Attachment, Hearing, Response, SenderType
from budgetkatalog.web.public.openapi import SENDER_TYPES
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
    assert row["department"] == "Borger & Arbejdsmarked"
    unknown = next(p for p in detail["proposals"] if p["number"] == "2.1")
    assert unknown["department"] is None  # not stated: null, never a guess
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


def _submit(hearing: Hearing, name: str, email: str, text: str, *, consent: bool,
            proposal: str = "2.8") -> Response:
    return do_submit_response(hearing.pk, ResponseData(
        token=uuid.uuid4(), sender_type=SenderType.BOARD, name=name, email=email,
        text=text, organisation="Skolebestyrelsen", proposal_number=proposal,
        consent_name=consent), at=timezone.now()).response


@pytest.fixture
def hearing_responses(published_seed: Catalogue, finance: User) -> dict[str, Response]:
    """A hearing with responses in every state: published with and without consent to
    the name (one with a public and a private attachment), received, withheld."""
    now = timezone.now()
    hearing = do_create_hearing(finance, published_seed.pk, opens_at=now - timedelta(days=1),
                                deadline=now + timedelta(days=30))
    made = {
        "named": _submit(hearing, "Karen Olsen", "karen@example.dk",
                         "Forslaget rammer børnene. Ring 20 30 40 50 eller skriv til "
                         "karen.olsen@example.dk.", consent=True),
        "anonymous": _submit(hearing, "Jens Hemmelig", "jens@example.dk",
                             "Hele kataloget er for hårdt.", consent=False, proposal=""),
        "received": _submit(hearing, "Ole Ikkeudgivet", "ole@example.dk",
                            "Endnu ikke læst.", consent=True),
        "withheld": _submit(hearing, "Lise Tilbageholdt", "lise@example.dk",
                            "Tilbageholdt svar.", consent=True),
    }
    for key in ("named", "anonymous", "withheld"):
        response = made[key]
        do_publish_response(finance, response.pk, public=suggested_publication(response),
                            reasons={})
    do_withhold_response(finance, made["withheld"].pk, reason="Krænkende indhold")
    for public in (True, False):
        Attachment.objects.create(response=made["named"], original_name=f"bilag-{public}.pdf",
                                  stored_name=uuid.uuid4().hex, size=1234, sha256="0" * 64,
                                  public=public)
    return made


def test_published_hearing_responses_and_nothing_else_are_in_the_api(
        client: Client, hearing_responses: dict[str, Response]) -> None:
    answer = client.get(f"{BASE}/2020/katalog-2/responses/")
    assert answer.status_code == 200
    body = answer.json()
    assert body["hearing"]["version"] == 1
    assert (body["count"], body["page"], body["pages"], body["next"]) == (2, 1, 1, None)
    named, anonymous = body["responses"]
    assert named["number"] == hearing_responses["named"].pk
    assert (named["proposal"], named["name"], named["organisation"]) == \
        ("2.8", "Karen Olsen", "Skolebestyrelsen")
    assert named["proposal_title"].startswith("Reduktion i medarbejdere")
    assert named["sender_type"] == "board"
    assert named["url"].endswith(f"/2020/katalog-2/hoering/svar/{named['number']}/")
    assert [a["name"] for a in named["attachments"]] == ["bilag-True.pdf"]
    # The text as published: contact data masked.
    assert named["text"].startswith("Forslaget rammer børnene.")
    assert "20 30 40 50" not in named["text"] and "karen.olsen@" not in named["text"]
    # No consent: no name; to the whole catalogue: no proposal.
    assert (anonymous["name"], anonymous["proposal"]) == (None, None)
    raw = answer.content.decode()
    for secret in ("@example.dk", "Jens Hemmelig", "Ikkeudgivet", "Tilbageholdt",
                   "Endnu ikke læst", "bilag-False", "fingerprint", "email"):
        assert secret not in raw, secret
    detail = client.get(f"{BASE}/2020/katalog-2/").json()
    assert detail["responses"].endswith("/api/v1/catalogues/2020/katalog-2/responses/")


def test_responses_page_through_and_bad_pages_are_json_errors(
        client: Client, hearing_responses: dict[str, Response]) -> None:
    assert client.get(f"{BASE}/2020/katalog-2/responses/?page=1").status_code == 200
    for bad in ("0", "-1", "x", "1.5", ""):
        answer = client.get(f"{BASE}/2020/katalog-2/responses/?page={bad}")
        assert answer.status_code == 400, bad
        assert answer.json()["error"] == "bad_request"
    assert client.get(f"{BASE}/2020/katalog-2/responses/?page=2").status_code == 404
    assert client.get(f"{BASE}/2020/nope/responses/").status_code == 404


def test_a_catalogue_without_a_hearing_has_no_responses(client: Client,
                                                        published_seed: Catalogue) -> None:
    body = client.get(f"{BASE}/2020/katalog-2/responses/").json()
    assert body == {"hearing": None, "count": 0, "page": 1, "pages": 1, "next": None,
                    "responses": []}


def test_the_described_sender_types_are_the_hearings() -> None:
    assert list(SenderType.values) == SENDER_TYPES


@pytest.fixture
def in_process(published_seed: Catalogue,
               hearing_responses: dict[str, Response]) -> Iterator[Catalogue]:
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
    assert len(operations) == 7
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
    """The documented examples of the path (the published catalogue, so that real
    proposals and hearing responses are checked against their schemas)."""
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


def test_a_control_character_in_the_query_is_a_json_error(client: Client,
                                                         published_seed: Catalogue) -> None:
    answer = client.get(f"{BASE}/2020/katalog-2/responses/", {"x\x00": "1"})
    assert answer.status_code == 400
    assert answer["Content-Type"] == "application/json"
    assert answer.json()["error"] == "bad_request"
    # The site's pages keep their HTML page.
    assert client.get("/2020/katalog-2/", {"q": "a\x00"})["Content-Type"].startswith("text/html")
