"""Every page answers in a fixed, small number of queries, whatever the catalogue's
size: the same count for the 17-proposal seed and a 200-proposal catalogue."""

from __future__ import annotations

import dataclasses

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from budgetkatalog.core.catalogue import Catalogue as DomainCatalogue
from budgetkatalog.core.catalogue import ProposalGroup
from budgetkatalog.web.accounts.models import User
from budgetkatalog.web.catalogues.actions import do_import_catalogue, do_publish_catalogue
from budgetkatalog.web.catalogues.models import Proposal
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db

MAX_QUERIES = 8


def scaled(seed: DomainCatalogue, count: int) -> DomainCatalogue:
    """``count`` proposals made from the seed's, numbered 3.1, 3.2, ..."""
    proposals = tuple(
        dataclasses.replace(seed.proposals[i % len(seed.proposals)], number=f"3.{i + 1}",
                            title=f"{seed.proposals[i % len(seed.proposals)].title} ({i + 1})")
        for i in range(count))
    groups = (ProposalGroup("Gruppe A", tuple(p.number for p in proposals[: count // 2])),
              ProposalGroup("Gruppe B", tuple(p.number for p in proposals[count // 2:])))
    return dataclasses.replace(seed, proposals=proposals, groups=groups, overview=None,
                               title=f"Katalog {count}")


def page_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def counts(seed: DomainCatalogue, size: int, finance: User) -> dict[str, int]:
    slug = f"k{size}"
    catalogue = do_import_catalogue(None, scaled(seed, size), slug=slug)
    do_publish_catalogue(None, catalogue.pk)
    base = f"/2020/{slug}"
    first = Proposal.objects.filter(catalogue=catalogue).order_by("sort_key").first()
    assert first is not None
    anonymous, staff = client_for(None), client_for(finance)
    staff.get("/personale/")  # the session is loaded once per client
    return {
        "front": page_queries(anonymous, "/"),
        "list": page_queries(anonymous, f"{base}/"),
        "list filtered": page_queries(anonymous, f"{base}/?q=besparelse&staff=1&area=8290"),
        "proposal": page_queries(anonymous, f"{base}/3-8/"),
        "search": page_queries(anonymous, "/soeg/?q=dagpengemodtagere"),
        "feed": page_queries(anonymous, "/feed/"),
        "json": page_queries(anonymous, f"{base}/katalog.json"),
        "staff list": page_queries(staff, "/personale/"),
        "editor": page_queries(staff, f"/personale/forslag/{first.pk}/"),
    }


def test_queries_per_page_do_not_grow_with_the_catalogue(
        seed: DomainCatalogue, finance: User, django_db_blocker: object) -> None:
    small = counts(seed, 17, finance)
    large = counts(seed, 200, finance)
    assert small == large
    for page, n in large.items():
        assert n <= MAX_QUERIES, (page, n)
