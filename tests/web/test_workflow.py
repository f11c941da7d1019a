"""A department author writes a proposal with a table; finance staff approve and
publish it; an anonymous visitor finds it by search and reads the table."""

from __future__ import annotations

import pytest

from budgetkatalog.core.catalogue import Catalogue as DomainCatalogue
from budgetkatalog.web.accounts.models import User
from budgetkatalog.web.auditlog.models import AuditEntry
from budgetkatalog.web.catalogues.actions import (
    ProposalData,
    StaleEdit,
    do_import_catalogue,
    do_save_proposal,
)
from budgetkatalog.web.catalogues.demo import costing_examples
from budgetkatalog.web.catalogues.models import Catalogue, Proposal, ProposalState
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db


def editor_form(proposal: Proposal, **changes: str) -> dict[str, str]:
    data = {
        "version": str(proposal.lock_version), "number": proposal.number,
        "title": proposal.title, "group": "Supplerende forslag",
        "areas_text": "8290 Stabsenheder og direktører", "table_caption": "8290",
        "affects_staff": "1",
        "section-1": "Forslaget stilles af afdelingen.",
        "section-2": "Vejbelysningen slukkes mellem kl. 1 og 5.\n\n- færre lamper\n- mindre strøm",
        "section-7": "Besparelsen er fuld fra 2021.",
        "line-a-code": "829002", "line-a-name": "Økonomi & Stab - løn og drift",
        "line-a-2020": "-500", "line-a-2021": "-1.000", "line-a-2022": "-1.000",
        "line-a-2023": "-1.000", "line-b-2021": "-25",
        "action": "save",
    }
    data.update(changes)
    return data


def test_author_to_finance_to_public(published_seed: Catalogue, author: User,
                                     finance: User) -> None:
    writer = client_for(author)
    response = writer.post("/personale/forslag/ny/", {
        "catalogue": published_seed.pk, "number": "2.18", "title": "Slukket vejbelysning"})
    assert response.status_code == 302
    proposal = Proposal.objects.get(number="2.18")
    assert proposal.state == ProposalState.DRAFT
    assert proposal.department == author.department

    # the draft is invisible to the public, even by its URL
    assert client_for(None).get("/2020/katalog-2/2-18/").status_code == 404

    response = writer.post(f"/personale/forslag/{proposal.pk}/",
                           editor_form(proposal, action="submit"))
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.SUBMITTED

    approver = client_for(finance)
    page = approver.get(f"/personale/forslag/{proposal.pk}/").content.decode()
    assert 'id="subtotal-2021">-1.025<' in page
    assert 'id="total-2021">-1.025<' in page
    response = approver.post(f"/personale/forslag/{proposal.pk}/",
                             editor_form(proposal, action="approve"))
    assert response.status_code == 302
    response = approver.post(f"/personale/katalog/{published_seed.pk}/publicer/")
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.PUBLISHED

    visitor = client_for(None)
    found = visitor.get("/soeg/", {"q": "vejbelysningen"}).content.decode()
    assert 'href="/2020/katalog-2/2-18/"' in found
    page = visitor.get("/2020/katalog-2/2-18/").content.decode()
    assert "<caption>Tabel 1. 8290 i 1.000 kr.</caption>" in page
    assert "829002" in page and "-1.025" in page
    assert "<li>færre lamper</li>" in page

    actions = set(AuditEntry.objects.filter(object_id=str(proposal.pk),
                                            object_type="catalogues.Proposal")
                  .values_list("action", flat=True))
    assert {"create_proposal", "save_proposal", "submit_proposal",
            "approve_proposal"} <= actions


def test_bad_amount_is_reported_on_its_cell_and_nothing_is_lost(
        published_seed: Catalogue, finance: User) -> None:
    proposal = Proposal.objects.get(catalogue=published_seed, number="2.8")
    response = client_for(finance).post(
        f"/personale/forslag/{proposal.pk}/",
        editor_form(proposal, **{"line-a-2021": "1,5", "title": "Ny titel"}))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="line-a-2021-error"' in html and "»1,5« er ikke et helt tal" in html
    assert 'value="Ny titel"' in html
    proposal.refresh_from_db()
    assert proposal.title != "Ny titel"


def test_stale_save_shows_both_versions_and_overwrites_nothing(
        published_seed: Catalogue, finance: User, make_user: object) -> None:
    proposal = Proposal.objects.get(catalogue=published_seed, number="2.8")
    first, second = client_for(finance), client_for(finance)
    loaded = proposal.lock_version
    assert first.post(f"/personale/forslag/{proposal.pk}/",
                      editor_form(proposal, title="Første udgave")).status_code == 302
    response = second.post(f"/personale/forslag/{proposal.pk}/",
                           editor_form(proposal, version=str(loaded), title="Anden udgave"))
    assert response.status_code == 409
    html = response.content.decode()
    assert 'value="Anden udgave"' in html  # the second editor's text is kept in the form
    assert "Første udgave" in html  # and the saved version is shown beside it
    proposal.refresh_from_db()
    assert proposal.title == "Første udgave"
    # saving again from the conflict page is a deliberate overwrite
    response = second.post(f"/personale/forslag/{proposal.pk}/",
                           editor_form(proposal, title="Anden udgave"))
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.title == "Anden udgave"


def test_recalculate_without_javascript_shows_sums_without_saving(
        published_seed: Catalogue, finance: User) -> None:
    proposal = Proposal.objects.get(catalogue=published_seed, number="2.8")
    before = proposal.lock_version
    html = client_for(finance).post(
        f"/personale/forslag/{proposal.pk}/",
        editor_form(proposal, action="recalculate", **{"line-f-2020": "100"})).content.decode()
    assert 'id="subtotal-2020">-500<' in html
    assert 'id="total-2020">-400<' in html
    proposal.refresh_from_db()
    assert proposal.lock_version == before


def test_costing_calculator_proposes_table_1_and_fills_only_the_rows_accepted(
        finance: User, seed: DomainCatalogue) -> None:
    catalogue = do_import_catalogue(None, seed, slug="katalog-2", **costing_examples())
    proposal = Proposal.objects.get(catalogue=catalogue, number="2.8")
    assert "[[line]]" in proposal.costing_spec
    # row a typed by hand; rows b and c empty
    form = editor_form(proposal, action="cost", costing_spec=proposal.costing_spec)
    client = client_for(finance)
    response = client.post(f"/personale/forslag/{proposal.pk}/", form)
    html = response.content.decode()
    assert response.status_code == 200, html
    proposed = html[html.index('id="proposed-table1"'):]
    proposed = proposed[:proposed.index("</table>")]
    # the costed table reproduces the seed's 2.8 lines, offered row by row
    assert "-3.795" in proposed and "-1.619" in proposed
    assert 'id="accept-c" checked' in proposed  # empty in the grid: offered ticked
    assert 'id="accept-a">' in proposed  # typed by hand: not ticked
    assert "erstattes kun, hvis du vælger rækken" in proposed
    # nothing in the grid changed yet
    assert 'name="line-a-2021" value="-1.000"' in html
    assert 'name="line-c-2020" value=""' in html

    accepted = client.post(f"/personale/forslag/{proposal.pk}/",
                           {**form, "action": "accept_costing", "accept-c": "1"})
    html = accepted.content.decode()
    assert 'name="line-c-2020" value="-1.619"' in html
    assert 'name="line-a-2021" value="-1.000"' in html  # the hand-typed row survives
    assert 'name="line-b-2021" value="-25"' in html
    assert "Række c. er overført" in html

    everything = client.post(f"/personale/forslag/{proposal.pk}/",
                             {**form, "action": "accept_costing", "accept-a": "1",
                              "accept-b": "1", "accept-c": "1"})
    html = everything.content.decode()
    assert 'name="line-a-2021" value="-3.795"' in html
    assert 'id="subtotal-2021">-7.666<' in html
    proposal.refresh_from_db()
    assert proposal.lock_version == 1  # nothing saved until "Gem"


def test_costing_spec_errors_are_shown_with_their_line(
        published_seed: Catalogue, finance: User) -> None:
    proposal = Proposal.objects.get(catalogue=published_seed, number="2.8")
    form = editor_form(proposal, action="cost", costing_spec="[proposal\nnumber = 1")
    response = client_for(finance).post(f"/personale/forslag/{proposal.pk}/", form)
    assert response.status_code == 400
    assert "ikke gyldig TOML" in response.content.decode()


def test_the_audit_findings_stand_beside_the_proposal(published_seed: Catalogue,
                                                       finance: User) -> None:
    proposal = Proposal.objects.get(catalogue=published_seed, number="2.1")
    html = client_for(finance).get(f"/personale/forslag/{proposal.pk}/").content.decode()
    aside = html[html.index('id="findings-heading"'):]
    assert "pladsholder" in aside  # row a's 'xxxxx xxxxx' placeholder


def test_two_saves_from_the_same_version_cannot_both_win(published_seed: Catalogue,
                                                         finance: User) -> None:
    proposal = Proposal.objects.get(catalogue=published_seed, number="2.8")
    loaded = proposal.lock_version

    def data(title: str) -> ProposalData:
        return ProposalData(number="2.8", title=title, department_id=proposal.department_id)

    do_save_proposal(finance, proposal.pk, loaded, data("Først"))
    with pytest.raises(StaleEdit) as stale:
        do_save_proposal(finance, proposal.pk, loaded, data("Sidst"))
    assert stale.value.current.title == "Først"
    proposal.refresh_from_db()
    assert proposal.title == "Først" and proposal.lock_version == loaded + 1


def test_the_english_editor_reads_back_what_it_shows(published_seed: Catalogue,
                                                     finance: User) -> None:
    proposal = Proposal.objects.get(catalogue=published_seed, number="2.8")
    client = client_for(finance)
    html = client.get(f"/personale/forslag/{proposal.pk}/", {"lang": "en"}).content.decode()
    assert 'name="line-a-2021" value="-3795"' in html
    assert 'id="subtotal-2021">-7,666<' in html
    assert "f. Capital investment" in html


def test_a_politician_is_sent_to_the_published_pages(published_seed: Catalogue,
                                                      politician: User) -> None:
    html = client_for(politician).get("/personale/").content.decode()
    assert 'href="/2020/katalog-2/2-8/"' in html
    assert "/personale/forslag/" not in html


def test_the_costing_form_makes_the_spec_and_names_its_fields(
        published_seed: Catalogue, finance: User) -> None:
    proposal = Proposal.objects.get(catalogue=published_seed, number="2.10")
    client = client_for(finance)
    page = client.get(f"/personale/forslag/{proposal.pk}/").content.decode()
    assert 'name="costing_mode" value="form"' in page and 'id="cost-1-basis"' in page
    form = {**editor_form(proposal, action="cost"), "costing_mode": "form", "cost-rows": "2",
            "cost-first_year_share": "1/2",
            "cost-1-letter": "b", "cost-1-label": "Kan-opgaver", "cost-1-basis": "amount",
            "cost-1-amount": "1.266.000", "cost-1-direction": "saving",
            "cost-2-letter": "b", "cost-2-label": "Takstbidrag", "cost-2-basis": "amount",
            "cost-2-amount": "-5", "cost-2-direction": "saving"}
    html = client.post(f"/personale/forslag/{proposal.pk}/", form).content.decode()
    assert "beregningsrække 2, beløb pr. år (kr.)" in html  # the negative amount, named
    form["cost-2-amount"] = "390.000"
    form["cost-2-direction"] = "cost"
    html = client.post(f"/personale/forslag/{proposal.pk}/", form).content.decode()
    proposed = html[html.index('id="proposed-table1"'):]
    proposed = proposed[:proposed.index("</table>")]
    assert "-438" in proposed and "-876" in proposed  # (1.266.000 - 390.000) / 2 in 2020
    saved = client.post(f"/personale/forslag/{proposal.pk}/", {**form, "action": "save"})
    assert saved.status_code == 302
    proposal.refresh_from_db()
    assert 'amount = 1266000' in proposal.costing_spec
    assert 'first_year_share = "1/2"' in proposal.costing_spec
