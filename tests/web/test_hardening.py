"""Bad input gets a Danish 400 at the field and saves nothing; races are 409s; the
revision log shows only what the reader may open; sharing follows the owner's party;
publishing the same content makes no new version."""

from __future__ import annotations

import html

import pytest

from budgetkatalog.web.accounts.models import User
from budgetkatalog.web.auditlog.models import AuditEntry
from budgetkatalog.web.catalogues.actions import do_create_proposal, do_publish_catalogue
from budgetkatalog.web.catalogues.models import Catalogue, CatalogueVersion, Proposal
from budgetkatalog.web.scenarios import actions as scenario_actions
from budgetkatalog.web.scenarios.models import Visibility
from tests.web.conftest import client_for
from tests.web.test_workflow import editor_form

pytestmark = pytest.mark.django_db


def text(response: object) -> str:
    return html.unescape(response.content.decode())  # type: ignore[attr-defined]


@pytest.fixture
def draft(published_seed: Catalogue, author: User) -> Proposal:
    return do_create_proposal(author, published_seed, number="9.1", title="Kladde")


@pytest.mark.parametrize(("cell", "message"), [
    ("12345678901234567890", "Beløbet er for stort"),
    ("9" * 400, "er ikke et helt tal"),
    ("-100.000.000", "Beløbet er for stort"),
])
def test_an_amount_no_budget_can_hold_is_refused_at_its_cell(
        draft: Proposal, author: User, cell: str, message: str) -> None:
    response = client_for(author).post(f"/personale/forslag/{draft.pk}/",
                                       editor_form(draft, **{"line-a-2021": cell}))
    assert response.status_code == 400
    page = text(response)
    assert message in page and 'id="line-a-2021-error"' in page
    assert Proposal.objects.get(pk=draft.pk).lock_version == draft.lock_version


def test_the_largest_amount_a_budget_can_hold_is_accepted(draft: Proposal,
                                                          author: User) -> None:
    response = client_for(author).post(f"/personale/forslag/{draft.pk}/",
                                       editor_form(draft, **{"line-a-2021": "-99.999.999"}))
    assert response.status_code == 302


@pytest.mark.parametrize(("field", "value", "message"), [
    ("title", "x" * 301, "Højst 300 tegn"),
    ("number", "9." + "1" * 30, "Højst 20 tegn"),
    ("group", "g" * 201, "Højst 200 tegn"),
    ("line-a-name", "n" * 201, "Højst 200 tegn"),
    ("section-2", "s" * 50_001, "Højst 50.000 tegn"),
])
def test_over_long_fields_are_refused_at_the_field(draft: Proposal, author: User, field: str,
                                                   value: str, message: str) -> None:
    response = client_for(author).post(f"/personale/forslag/{draft.pk}/",
                                       editor_form(draft, **{field: value}))
    assert response.status_code == 400
    assert message in text(response)
    assert Proposal.objects.get(pk=draft.pk).title == "Kladde"


@pytest.mark.parametrize(("field", "value", "label"), [
    ("line-c-2020", "tolv", "Linje c, 2020"),
    ("line-a-name", "n" * 201, "Linje a, pengeposenavn"),
    ("section-2", "s" * 50_001, "2. Beskrivelse af forslaget"),
])
def test_the_list_of_errors_names_each_field_as_the_user_sees_it(
        draft: Proposal, author: User, field: str, value: str, label: str) -> None:
    response = client_for(author).post(f"/personale/forslag/{draft.pk}/",
                                       editor_form(draft, **{field: value}))
    page = text(response)
    summary = page[page.index("Ret disse felter:"):]
    summary = summary[:summary.index("</ul>")]
    assert f'<a href="#{field}">{label}: ' in summary
    assert f">{field}:" not in summary


def test_the_field_names_in_english(draft: Proposal, author: User) -> None:
    client = client_for(author)
    client.get("/", {"lang": "en"})
    page = text(client.post(f"/personale/forslag/{draft.pk}/?lang=en",
                            editor_form(draft, **{"line-c-2020": "tolv"})))
    assert '<a href="#line-c-2020">Line c, 2020: ' in page


@pytest.mark.parametrize(("number", "message"), [
    ("2.8", "har allerede et forslag med nummeret 2.8"),
    ("2-8", "giver samme adresse som forslag 2.8"),
])
def test_a_number_or_address_already_taken_is_refused_when_entered(
        draft: Proposal, author: User, finance: User, number: str, message: str) -> None:
    response = client_for(author).post(f"/personale/forslag/{draft.pk}/",
                                       editor_form(draft, number=number))
    assert response.status_code == 400
    assert message in text(response)
    response = client_for(finance).post("/personale/forslag/ny/", {
        "catalogue": draft.catalogue_id, "number": number, "title": "Ny",
        "department": str(finance.department_id)})
    assert response.status_code == 400
    assert message in text(response)
    assert Proposal.objects.filter(catalogue=draft.catalogue, slug="2-8").count() == 1


def test_an_unknown_department_is_refused_at_the_field(draft: Proposal, finance: User) -> None:
    response = client_for(finance).post(f"/personale/forslag/{draft.pk}/",
                                        editor_form(draft, department="999999"))
    assert response.status_code == 400
    assert "Vælg en af afdelingerne på listen." in text(response)
    response = client_for(finance).post(f"/personale/forslag/{draft.pk}/",
                                        editor_form(draft, department="abc"))
    assert response.status_code == 400


def test_a_costing_spec_nested_thousands_of_levels_is_a_finding(draft: Proposal,
                                                                author: User) -> None:
    spec = "x = " + "[" * 5000 + "]" * 5000
    response = client_for(author).post(f"/personale/forslag/{draft.pk}/",
                                       editor_form(draft, costing_spec=spec, action="cost"))
    assert response.status_code == 400
    assert "indlejret for dybt" in text(response)


@pytest.mark.parametrize("query", [" ".join(["skole"] * 1000), "x" * 100_000])
def test_an_enormous_search_is_a_400_with_a_danish_message(published_seed: Catalogue,
                                                           query: str) -> None:
    for url in ("/soeg/", "/2020/katalog-2/"):
        response = client_for(None).get(url, {"q": query})
        assert response.status_code == 400
        assert "Søgningen" in text(response) and 'id="q-error"' in text(response)


def test_a_nul_byte_is_a_400_naming_the_field(published_seed: Catalogue) -> None:
    response = client_for(None).get("/2020/katalog-2/", {"department": "a\x00b"})
    assert response.status_code == 400
    assert "Feltet »Afdeling« indeholder et ugyldigt tegn" in text(response)


@pytest.mark.parametrize("url", [
    "/2020/katalog-2/versioner/1/99999999999999999999999/",
    "/99999999999999999999/katalog-2/", "/personale/forslag/99999999999999999999/",
    "/scenarier/99999999999999999999/"])
def test_a_number_no_column_can_hold_in_a_url_is_a_404(published_seed: Catalogue,
                                                      finance: User, url: str) -> None:
    assert client_for(finance).get(url).status_code == 404


def test_the_loser_of_a_submit_race_gets_409_with_their_text(draft: Proposal,
                                                            author: User) -> None:
    first, second = client_for(author), client_for(author)
    assert first.post(f"/personale/forslag/{draft.pk}/",
                      editor_form(draft, action="submit")).status_code == 302
    response = second.post(f"/personale/forslag/{draft.pk}/",
                           editor_form(draft, action="submit", **{"section-3": "Min tekst."}))
    assert response.status_code == 409
    assert "Min tekst." in text(response) and "indsendt af en anden" in text(response)
    assert AuditEntry.objects.filter(action="submit_proposal",
                                     object_id=str(draft.pk)).count() == 1


def test_the_loser_of_an_approve_race_gets_409(draft: Proposal, author: User,
                                               finance: User) -> None:
    client_for(author).post(f"/personale/forslag/{draft.pk}/",
                            editor_form(draft, action="submit"))
    submitted = Proposal.objects.get(pk=draft.pk)
    first, second = client_for(finance), client_for(finance)
    assert first.post(f"/personale/forslag/{draft.pk}/",
                      editor_form(submitted, action="approve")).status_code == 302
    response = second.post(f"/personale/forslag/{draft.pk}/",
                           editor_form(submitted, action="approve"))
    assert response.status_code == 409


def test_publishing_the_same_content_again_makes_no_new_version(
        published_seed: Catalogue, finance: User) -> None:
    assert do_publish_catalogue(finance, published_seed.pk).number == 1
    assert CatalogueVersion.objects.filter(catalogue=published_seed).count() == 1
    Proposal.objects.filter(catalogue=published_seed, number="2.1").update(title="Ny")
    assert do_publish_catalogue(finance, published_seed.pk).number == 2
    assert do_publish_catalogue(finance, published_seed.pk).number == 2


def test_the_revision_log_never_shows_a_private_scenario_to_finance(
        published_seed: Catalogue, finance: User, politician: User) -> None:
    scenario = scenario_actions.do_create_scenario(politician, published_seed.pk,
                                                   "Hemmelig plan", "Skjult beskrivelse")
    scenario_actions.do_set_decisions(politician, scenario.pk, {})
    log = text(client_for(finance).get("/personale/revisionslog/"))
    assert "Hemmelig plan" not in log and "Skjult beskrivelse" not in log
    scenario_actions.do_share_scenario(politician, scenario.pk, Visibility.PUBLIC)
    log = text(client_for(finance).get("/personale/revisionslog/"))
    assert "Hemmelig plan" in log and "ændrede scenariets deling" in log


def test_the_revision_log_speaks_danish_and_filters(draft: Proposal, author: User,
                                                    finance: User) -> None:
    client_for(author).post(f"/personale/forslag/{draft.pk}/",
                            editor_form(draft, title="Ny titel"))
    reader = client_for(finance)
    log = text(reader.get("/personale/revisionslog/", {"forslag": "9.1"}))
    assert "gemte forslaget" in log and "oprettede forslaget" in log
    assert "titel" in log and "Kladde → Ny titel" in log
    assert "indlæste kataloget" not in log  # filtered to the proposal
    assert "gemte forslaget" not in text(reader.get("/personale/revisionslog/",
                                                    {"person": "okonomi"}))
    assert "gemte forslaget" not in text(reader.get("/personale/revisionslog/",
                                                    {"til": "2000-01-01"}))
    bad = reader.get("/personale/revisionslog/", {"fra": "2026-02-30"})
    assert bad.status_code == 400 and "ÅÅÅÅ-MM-DD" in text(bad)


def test_party_sharing_follows_the_owners_current_party(
        published_seed: Catalogue, make_user: object) -> None:
    from budgetkatalog.web.accounts.models import Role

    owner, old, new = (make_user(n, Role.POLITICIAN)  # type: ignore[operator]
                       for n in ("ejer", "gammel", "ny"))
    for user, party in ((owner, "A"), (old, "A"), (new, "B")):
        user.party = party
        user.save(update_fields=["party"])
    scenario = scenario_actions.do_create_scenario(owner, published_seed.pk, "Partiplan")
    scenario_actions.do_share_scenario(owner, scenario.pk, Visibility.PARTY)
    assert client_for(old).get(f"/scenarier/{scenario.pk}/").status_code == 200
    assert client_for(new).get(f"/scenarier/{scenario.pk}/").status_code == 404
    owner.party = "B"
    owner.save(update_fields=["party"])
    assert client_for(old).get(f"/scenarier/{scenario.pk}/").status_code == 404
    assert client_for(new).get(f"/scenarier/{scenario.pk}/").status_code == 200
    assert "Partiplan" not in text(client_for(old).get("/scenarier/"))


def test_a_5000_digit_cell_is_refused_without_a_crash(draft: Proposal, author: User) -> None:
    response = client_for(author).post(f"/personale/forslag/{draft.pk}/",
                                       editor_form(draft, **{"line-a-2021": "9" * 5000}))
    assert response.status_code == 400
    assert "er ikke et helt tal" in text(response)


def test_an_over_long_party_saves_nothing(finance: User, politician: User) -> None:
    response = client_for(finance).post("/scenarier/partier/",
                                        {f"party-{politician.pk}": "P" * 101})
    assert response.status_code == 400
    assert "Højst 100 tegn" in text(response)
    politician.refresh_from_db()
    assert politician.party == ""


def test_more_areas_than_a_proposal_names_are_refused(draft: Proposal, author: User) -> None:
    response = client_for(author).post(f"/personale/forslag/{draft.pk}/",
                                       editor_form(draft, areas_text="1234 " * 60))
    assert response.status_code == 400
    assert "Højst 20 områdebevillinger." in text(response)
