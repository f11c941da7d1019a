"""Who sees and changes which scenario: private to the owner, shared with the owner's
party, public to everyone read-only; the locked budget agreement changes for nobody;
scenarios see only the published catalogue."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from budgetkatalog.scenarios.decision import Decision
from budgetkatalog.web.accounts.actions import do_set_party
from budgetkatalog.web.accounts.models import Role, User
from budgetkatalog.web.auditlog.models import AuditEntry
from budgetkatalog.web.catalogues.actions import do_create_proposal
from budgetkatalog.web.catalogues.models import Catalogue
from budgetkatalog.web.scenarios import actions, permissions
from budgetkatalog.web.scenarios.models import Scenario, ScenarioDecision, Visibility
from tests.web.conftest import client_for


@pytest.fixture
def red(make_user: Callable[..., User], finance: User) -> User:
    return do_set_party(finance, make_user("rod", Role.POLITICIAN).pk, "Rødt Parti")


@pytest.fixture
def red_colleague(make_user: Callable[..., User], finance: User) -> User:
    return do_set_party(finance, make_user("rod2", Role.POLITICIAN).pk, "Rødt Parti")


@pytest.fixture
def blue(make_user: Callable[..., User], finance: User) -> User:
    return do_set_party(finance, make_user("blaa", Role.POLITICIAN).pk, "Blåt Parti")


@pytest.fixture
def scenario(published_seed: Catalogue, red: User) -> Scenario:
    return actions.do_create_scenario(red, published_seed.pk, "Røde forslag", decisions={
        "2.4": Decision.adopted()})


def status(user: User | None, scenario: Scenario) -> int:
    return client_for(user).get(f"/scenarier/{scenario.pk}/").status_code


def test_a_private_scenario_is_seen_by_its_owner_only(
        scenario: Scenario, red: User, red_colleague: User, blue: User, finance: User) -> None:
    assert status(red, scenario) == 200
    for other in (red_colleague, blue, finance, None):
        assert status(other, scenario) == 404
    assert list(permissions.visible_scenarios(red_colleague)) == []


def test_a_party_scenario_is_seen_by_the_same_partys_politicians_only(
        scenario: Scenario, red: User, red_colleague: User, blue: User, finance: User,
        politician: User) -> None:
    actions.do_share_scenario(red, scenario.pk, Visibility.PARTY)
    assert status(red_colleague, scenario) == 200
    for other in (blue, finance, politician, None):  # politician: no party at all
        assert status(other, scenario) == 404
    assert list(permissions.visible_scenarios(red_colleague)) == [scenario]
    assert list(permissions.visible_scenarios(blue)) == []


def test_party_members_read_but_do_not_change_a_shared_scenario(
        scenario: Scenario, red: User, red_colleague: User) -> None:
    actions.do_share_scenario(red, scenario.pk, Visibility.PARTY)
    html = client_for(red_colleague).get(f"/scenarier/{scenario.pk}/").content.decode()
    assert 'name="decision-2.4"' not in html
    response = client_for(red_colleague).post(f"/scenarier/{scenario.pk}/",
                                              {"decision-2.4": "rejected"})
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        actions.do_set_decisions(red_colleague, scenario.pk, {})
    assert ScenarioDecision.objects.filter(scenario=scenario).count() == 1


def test_sharing_with_the_party_needs_a_party(published_seed: Catalogue,
                                              politician: User) -> None:
    mine = actions.do_create_scenario(politician, published_seed.pk, "Uden parti")
    with pytest.raises(actions.NoParty):
        actions.do_share_scenario(politician, mine.pk, Visibility.PARTY)
    mine.refresh_from_db()
    assert mine.visibility == Visibility.PRIVATE


def test_a_public_scenario_is_read_only_for_everyone_but_its_owner(
        scenario: Scenario, red: User, blue: User) -> None:
    client_for(red).post(f"/scenarier/{scenario.pk}/indstillinger/", {
        "name": "Røde forslag", "description": "", "visibility": "public"})
    scenario.refresh_from_db()
    assert scenario.visibility == Visibility.PUBLIC
    visitor = client_for(None).get(f"/scenarier/{scenario.pk}/")
    assert visitor.status_code == 200
    assert "<select" not in visitor.content.decode()
    assert client_for(None).post(f"/scenarier/{scenario.pk}/", {}).status_code == 403
    assert client_for(blue).post(f"/scenarier/{scenario.pk}/indstillinger/", {
        "name": "Overtaget", "visibility": "private"}).status_code == 403
    scenario.refresh_from_db()
    assert scenario.name == "Røde forslag"
    assert scenario in permissions.visible_scenarios(None)


def test_the_party_is_set_by_finance_staff_through_an_audited_action(
        politician: User, red: User) -> None:
    with pytest.raises(PermissionDenied):
        do_set_party(politician, politician.pk, "Eget Parti")
    entry = AuditEntry.objects.filter(action="set_party", object_id=str(red.pk)).get()
    assert entry.changes == {"party": ["", "Rødt Parti"]}


@pytest.fixture
def agreement(published_seed: Catalogue, finance: User) -> Scenario:
    draft = actions.do_create_scenario(finance, published_seed.pk, "Forlig", decisions={
        "2.4": Decision.adopted(), "2.8": Decision.partial(Decimal("0.5"))})
    return actions.do_record_agreement(finance, draft.pk, "Budgetaftale 2020")


def test_the_locked_agreement_cannot_be_edited_by_anyone(
        agreement: Scenario, finance: User, red: User) -> None:
    assert agreement.locked and agreement.is_agreement
    assert agreement.visibility == Visibility.PUBLIC
    before = list(agreement.decisions.values_list("number", "kind", "share_percent"))
    for attempt in (
            lambda: actions.do_set_decisions(finance, agreement.pk, {}),
            lambda: actions.do_update_scenario(finance, agreement.pk, "Ændret", ""),
            lambda: actions.do_share_scenario(finance, agreement.pk, Visibility.PRIVATE)):
        with pytest.raises(actions.ScenarioLocked):
            attempt()
    for user in (finance, red, None):
        assert client_for(user).post(f"/scenarier/{agreement.pk}/", {
            "decision-2.4": "rejected"}).status_code == 403
        assert 'name="decision-2.4"' not in client_for(user).get(
            f"/scenarier/{agreement.pk}/").content.decode()
    agreement.refresh_from_db()
    assert agreement.name == "Budgetaftale 2020" and agreement.visibility == "public"
    assert list(agreement.decisions.values_list("number", "kind", "share_percent")) == before


def test_a_copy_of_the_agreement_is_an_ordinary_private_scenario(
        agreement: Scenario, red: User) -> None:
    copy = actions.do_copy_scenario(red, agreement.pk, "Min udgave")
    assert not copy.locked and not copy.is_agreement and copy.owner == red
    actions.do_set_decisions(red, copy.pk, {"2.4": Decision.adopted()})
    assert agreement.decisions.count() == 2


def test_only_finance_staff_record_the_agreement_and_only_once(
        published_seed: Catalogue, agreement: Scenario, finance: User, red: User) -> None:
    mine = actions.do_create_scenario(red, published_seed.pk, "Mit forlig")
    actions.do_share_scenario(red, mine.pk, Visibility.PUBLIC)
    with pytest.raises(PermissionDenied):
        actions.do_record_agreement(red, mine.pk, "Forlig")
    assert client_for(red).post(f"/scenarier/{mine.pk}/budgetaftale/",
                                {"name": "Forlig"}).status_code == 403
    with pytest.raises(actions.AgreementExists):
        actions.do_record_agreement(finance, mine.pk, "Andet forlig")
    assert Scenario.objects.filter(is_agreement=True).count() == 1


def test_authors_and_visitors_do_not_create_scenarios(published_seed: Catalogue,
                                                      author: User) -> None:
    with pytest.raises(PermissionDenied):
        actions.do_create_scenario(author, published_seed.pk, "Nej")
    assert client_for(author).post("/scenarier/ny/", {
        "name": "Nej", "catalogue": published_seed.pk}).status_code == 403
    response = client_for(None).post("/scenarier/ny/", {"name": "Nej",
                                                        "catalogue": published_seed.pk})
    assert response.status_code == 302 and response["Location"].startswith("/konto/login/")
    assert not Scenario.objects.exists()


def test_only_finance_staff_enter_targets_and_relations(published_seed: Catalogue,
                                                        red: User) -> None:
    assert client_for(red).get(f"/scenarier/opsaetning/{published_seed.pk}/").status_code == 403
    with pytest.raises(PermissionDenied):
        actions.do_set_targets(red, published_seed.pk, {2021: Decimal(-1)})
    with pytest.raises(PermissionDenied):
        actions.do_load_memo_relations(red, published_seed.pk)


def test_scenarios_see_only_the_published_catalogue_never_drafts(
        published_seed: Catalogue, finance: User, red: User) -> None:
    do_create_proposal(finance, published_seed, number="2.99", title="Hemmelig kladde",
                       department=None)
    scenario = actions.do_create_scenario(red, published_seed.pk, "A")
    html = client_for(red).get(f"/scenarier/{scenario.pk}/").content.decode()
    assert "Hemmelig kladde" not in html and 'name="decision-2.1"' in html
    with pytest.raises(actions.UnknownProposal):
        actions.do_set_decisions(red, scenario.pk, {"2.99": Decision.adopted()})
    client_for(red).post(f"/scenarier/{scenario.pk}/", {"decision-2.99": "adopted"})
    assert not ScenarioDecision.objects.filter(number="2.99").exists()


def test_a_catalogue_never_published_cannot_hold_scenarios(
        published_seed: Catalogue, red: User) -> None:
    unpublished = Catalogue.objects.create(round=published_seed.round, title="Katalog 3",
                                           slug="katalog-3")
    with pytest.raises(actions.NotPublished):
        actions.do_create_scenario(red, unpublished.pk, "A")


def test_every_scenario_write_is_in_the_audit_log(scenario: Scenario, red: User) -> None:
    actions.do_set_decisions(red, scenario.pk, {"2.8": Decision.partial(Decimal("0.4"))})
    actions.do_update_scenario(red, scenario.pk, "Nyt navn", "")
    actions.do_share_scenario(red, scenario.pk, Visibility.PUBLIC)
    logged = list(AuditEntry.objects.filter(object_type="scenarios.Scenario",
                                            object_id=str(scenario.pk))
                  .order_by("id").values_list("action", flat=True))
    assert logged == ["create_scenario", "set_decisions", "update_scenario", "share_scenario"]
    decisions = AuditEntry.objects.get(action="set_decisions").changes
    assert decisions == {"2.4": ["adopted", "rejected"], "2.8": ["rejected", "partial 40"]}


def test_finance_staff_register_parties_on_the_parties_page(
        finance: User, politician: User, red: User) -> None:
    client = client_for(finance)
    assert f'name="party-{politician.pk}" value=""' in client.get(
        "/scenarier/partier/").content.decode()
    client.post("/scenarier/partier/", {f"party-{politician.pk}": "Grønt Parti",
                                        f"party-{red.pk}": "Rødt Parti"})
    politician.refresh_from_db()
    assert politician.party == "Grønt Parti"
    assert AuditEntry.objects.filter(action="set_party").count() == 2  # red's fixture + this
    assert client_for(politician).get("/scenarier/partier/").status_code == 403
