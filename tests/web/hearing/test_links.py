"""The responses to each proposal beside it where politicians and staff work: the
staff editor and the scenario page show the count of published responses and link to
them; the public catalogue and proposal pages link to the hearing."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client
from django.utils import timezone

from budgetkatalog.web.accounts.models import User
from budgetkatalog.web.catalogues.models import Catalogue, Proposal
from budgetkatalog.web.hearing.actions import (
    ResponseData,
    do_publish_response,
    do_submit_response,
)
from budgetkatalog.web.hearing.models import Hearing, SenderType
from budgetkatalog.web.scenarios.actions import do_create_scenario
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db


def publish_responses(hearing: Hearing, finance: User, number: str, n: int) -> None:
    for i in range(n):
        response = do_submit_response(hearing.pk, ResponseData(
            token=uuid.uuid4(), sender_type=SenderType.CITIZEN, name=f"B{i}",
            email=f"b{i}@example.dk", text=f"Svar {i}", proposal_number=number),
            at=timezone.now()).response
        do_publish_response(finance, response.pk, public={}, reasons={})
    # One received but not published: never counted for the public.
    do_submit_response(hearing.pk, ResponseData(
        token=uuid.uuid4(), sender_type=SenderType.CITIZEN, name="X", email="x@example.dk",
        text="Ikke offentliggjort", proposal_number=number), at=timezone.now())


def test_the_staff_editor_shows_the_published_responses_to_the_proposal(
        open_hearing: Hearing, finance: User, published_seed: Catalogue) -> None:
    publish_responses(open_hearing, finance, "2.4", 2)
    proposal = Proposal.objects.get(catalogue=published_seed, number="2.4")
    html = client_for(finance).get(f"/personale/forslag/{proposal.pk}/").content.decode()
    assert 'href="/2020/katalog-2/hoering/?forslag=2.4#svar">2 offentliggjorte' in html


def test_the_scenario_page_shows_the_count_per_proposal(
        open_hearing: Hearing, finance: User, politician: User,
        published_seed: Catalogue) -> None:
    publish_responses(open_hearing, finance, "2.4", 3)
    scenario = do_create_scenario(politician, published_seed.pk, "Mit scenarie")
    html = client_for(politician).get(f"/scenarier/{scenario.pk}/").content.decode()
    start = html.index('id="hearing-2-4"')
    assert "3 høringssvar" in html[start:start + 300]
    start = html.index('id="hearing-2-5"')
    assert "0 høringssvar" in html[start:start + 300]


def test_the_public_pages_link_to_the_hearing_once_there_is_one(
        published_seed: Catalogue, finance: User) -> None:
    client = Client()
    assert 'id="hearing-link"' not in client.get("/2020/katalog-2/").content.decode()
    from datetime import timedelta

    from budgetkatalog.web.hearing.actions import do_create_hearing
    now = timezone.now()
    do_create_hearing(finance, published_seed.pk, opens_at=now, deadline=now + timedelta(1))
    # The cached page is replaced at once: the hearing is part of the cache key.
    assert 'id="hearing-link"' in client.get("/2020/katalog-2/").content.decode()
    page = client.get("/2020/katalog-2/2-4/").content.decode()
    assert 'href="/2020/katalog-2/hoering/?forslag=2.4#svar" id="hearing-link"' in page
