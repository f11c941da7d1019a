"""Workflow that tells people what to do: a reason for sending back, the history in
Danish, "Til handling", and publishing that makes one version per change."""

from __future__ import annotations

import pytest

from budgetkatalog.web.accounts.models import User
from budgetkatalog.web.catalogues.actions import (
    ReasonRequired,
    do_approve_proposal,
    do_create_proposal,
    do_return_proposal,
    do_submit_proposal,
)
from budgetkatalog.web.catalogues.models import Catalogue, CatalogueVersion, ProposalState
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db


def test_sending_back_needs_a_reason_the_author_sees(
        published_seed: Catalogue, finance: User, author: User) -> None:
    proposal = do_create_proposal(author, published_seed, number="9.1", title="Nyt forslag")
    do_submit_proposal(author, proposal.pk)
    editor = client_for(finance)
    refused = editor.post(f"/personale/forslag/{proposal.pk}/", {
        "action": "return", "return_reason": "  "})
    assert refused.status_code == 400
    assert "skriv en begrundelse" in refused.content.decode()
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.SUBMITTED
    with pytest.raises(ReasonRequired):
        do_return_proposal(finance, proposal.pk, "")
    sent = editor.post(f"/personale/forslag/{proposal.pk}/", {
        "action": "return", "return_reason": "Tabel 1 mangler pengeposerne."})
    assert sent.status_code == 302
    page = client_for(author).get(f"/personale/forslag/{proposal.pk}/").content.decode()
    assert 'id="returned"' in page and "Tabel 1 mangler pengeposerne." in page
    assert "sendt tilbage af okonomi: Tabel 1 mangler pengeposerne." in page
    assert "indsendt af forfatter" in page and "return_proposal" not in page
    # the author's start page lists it under "Til handling"
    start = client_for(author).get("/personale/").content.decode()
    assert 'id="to-act"' in start and "9.1 Nyt forslag" in start.split('id="to-act"')[1]
    do_submit_proposal(author, proposal.pk)
    proposal.refresh_from_db()
    assert proposal.return_reason == ""
    finance_start = client_for(finance).get("/personale/").content.decode()
    assert "9.1 Nyt forslag" in finance_start.split('id="to-act"')[1]


def test_publishing_shows_a_preview_and_two_clicks_make_one_version(
        published_seed: Catalogue, finance: User, author: User) -> None:
    proposal = do_create_proposal(author, published_seed, number="9.1", title="Nyt forslag")
    do_submit_proposal(author, proposal.pk)
    do_approve_proposal(finance, proposal.pk)
    client = client_for(finance)
    url = f"/personale/katalog/{published_seed.pk}/publicer/"
    preview = client.get(url).content.decode()
    assert "Ændringer siden version 1" in preview and "9.1 Nyt forslag" in preview
    assert 'id="findings"' in preview
    assert 'name="expected" value="1"' in preview
    first = client.post(url, {"expected": "1"})
    second = client.post(url, {"expected": "1"})
    assert first.status_code == second.status_code == 302
    assert CatalogueVersion.objects.filter(catalogue=published_seed).count() == 2
    # publishing unchanged content makes no new version
    again = client.get(url).content.decode()
    assert 'id="unchanged"' in again
    client.post(url, {"expected": "2"})
    assert CatalogueVersion.objects.filter(catalogue=published_seed).count() == 2
