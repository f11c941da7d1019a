from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from budgetkatalog.web.accounts.models import User
from budgetkatalog.web.catalogues.actions import do_publish_catalogue
from budgetkatalog.web.catalogues.models import Catalogue, Proposal
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db


def test_a_repeated_public_page_costs_one_query_and_a_new_version_shows_at_once(
        published_seed: Catalogue, finance: User) -> None:
    visitor = Client()
    first = visitor.get("/2020/katalog-2/2-8/").content
    with CaptureQueriesContext(connection) as queries:
        again = visitor.get("/2020/katalog-2/2-8/").content
    assert again == first
    assert len(queries) == 1  # the latest version ids, which make the key

    proposal = Proposal.objects.get(catalogue=published_seed, number="2.8")
    Proposal.objects.filter(pk=proposal.pk).update(title="Ny titel efter publicering")
    assert visitor.get("/2020/katalog-2/2-8/").content == first  # not published yet
    do_publish_catalogue(finance, published_seed.pk)
    assert "Ny titel efter publicering" in visitor.get("/2020/katalog-2/2-8/").content.decode()


def test_logged_in_users_get_their_own_page(published_seed: Catalogue, finance: User) -> None:
    Client().get("/")  # cached for anonymous visitors
    html = client_for(finance).get("/").content.decode()
    assert "Log ud" in html and "okonomi" in html
    assert "Log ud" not in Client().get("/").content.decode()
