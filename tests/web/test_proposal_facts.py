"""FTE and whom a proposal affects are fields the author sets; the text's suggestion
stands beside the field; scenarios and filters read the fields."""

from __future__ import annotations

from decimal import Decimal

import pytest

from budgetkatalog.web.accounts.models import User
from budgetkatalog.web.catalogues.actions import do_publish_catalogue
from budgetkatalog.web.catalogues.models import Catalogue, Proposal
from budgetkatalog.web.scenarios.domain import setup_for
from budgetkatalog.web.staff.forms import values_from_proposal
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db


def test_import_stores_stated_fte_and_leaves_whom_it_affects_to_the_author(
        published_seed: Catalogue) -> None:
    proposals = {p.number: p for p in published_seed.proposals.all()}
    assert proposals["2.8"].fte == Decimal("14.9")
    assert proposals["2.8"].fte_source.startswith("FTE table")
    assert proposals["2.1"].fte is None and proposals["2.1"].fte_source == ""
    assert all(p.affects_citizens is None and p.affects_staff is None
               for p in proposals.values())


def test_the_editor_shows_the_texts_suggestions_beside_empty_fields(
        published_seed: Catalogue, finance: User) -> None:
    proposal = published_seed.proposals.get(number="2.13")
    page = client_for(finance).get(f"/personale/forslag/{proposal.pk}/").content.decode()
    assert 'id="fte" name="fte" value=""' in page
    assert "Tomt felt betyder »ikke angivet«, ikke 0." in page
    assert "Forslag fra afsnit 3: berører ikke borgere." in page
    # "ikke angivet" is the chosen option until the author chooses
    assert 'id="affects_citizens-3" name="affects_citizens" value="" checked' in page


def _save(client_user: User, proposal: Proposal, **fields: str) -> int:
    fresh = Proposal.objects.prefetch_related("sections", "lines").select_related(
        "catalogue__round").get(pk=proposal.pk)
    values = values_from_proposal(fresh, fresh.catalogue.round.years)
    values.update(fields)
    values["version"] = str(fresh.lock_version)
    response = client_for(client_user).post(f"/personale/forslag/{proposal.pk}/", values)
    return response.status_code


def test_the_author_sets_the_facts_and_scenarios_use_them(
        published_seed: Catalogue, finance: User) -> None:
    proposal = published_seed.proposals.get(number="2.13")
    assert _save(finance, proposal, fte="1,5", affects_citizens="1",
                 affects_staff="0") == 302
    proposal.refresh_from_db()
    assert proposal.fte == Decimal("1.5") and proposal.fte_source == "set"
    assert proposal.affects_citizens is True and proposal.affects_staff is False
    before = setup_for(published_seed.versions.get())
    assert not before.attributes_of("2.13").fte_known
    version = do_publish_catalogue(finance, published_seed.pk)
    after = setup_for(version)
    assert after.attributes_of("2.13").fte == Decimal("1.5")
    assert after.attributes_of("2.13").fte_known
    assert str(after.attributes_of("2.13").citizen_impact) == "direct"
    # the public filter reads the field: only 2.13 is said to affect citizens
    page = client_for(None).get("/2020/katalog-2/", {"citizens": "1"}).content.decode()
    assert 'data-proposal="2.13"' in page and 'data-proposal="2.8"' not in page


def test_an_fte_that_is_not_a_number_is_refused_on_the_field(
        published_seed: Catalogue, finance: User) -> None:
    proposal = published_seed.proposals.get(number="2.13")
    assert _save(finance, proposal, fte="mange") == 400
    proposal.refresh_from_db()
    assert proposal.fte is None


def test_clearing_the_fte_makes_it_unknown_not_zero(
        published_seed: Catalogue, finance: User) -> None:
    proposal = published_seed.proposals.get(number="2.8")
    assert _save(finance, proposal, fte="") == 302
    version = do_publish_catalogue(finance, published_seed.pk)
    attributes = setup_for(version).attributes_of("2.8")
    assert not attributes.fte_known
