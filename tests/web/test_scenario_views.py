"""The scenario pages over HTTP: every number shown is the domain's ``evaluate``/
``optimise`` result for the same choices; forms work without JavaScript; bad input is
refused with a message next to the field."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from budgetkatalog.core.catalogue import Catalogue as DomainCatalogue
from budgetkatalog.scenarios.decision import Decision
from budgetkatalog.scenarios.decision import Scenario as DomainScenario
from budgetkatalog.scenarios.evaluation import evaluate
from budgetkatalog.scenarios.optimiser import Limits, Objective, TieBreak, optimise
from budgetkatalog.scenarios.relations import MutuallyExclusive
from budgetkatalog.scenarios.targets import Targets
from budgetkatalog.web.accounts.models import User
from budgetkatalog.web.auditlog.models import AuditEntry
from budgetkatalog.web.catalogues.actions import do_publish_catalogue
from budgetkatalog.web.catalogues.models import Catalogue
from budgetkatalog.web.scenarios import actions
from budgetkatalog.web.scenarios.domain import setup_for
from budgetkatalog.web.scenarios.models import Relation, Scenario, ScenarioDecision
from tests.web.conftest import client_for
from tests.web.scenario_support import YEARS, cell, configure_round, domain_setup, number


@pytest.fixture
def round_setup(published_seed: Catalogue, finance: User) -> Catalogue:
    """Targets from 2021 and two proposals that may be adopted in part."""
    configure_round(finance, published_seed.pk)
    return published_seed


def test_a_politician_creates_a_scenario_and_sees_the_domains_evaluation(
        round_setup: Catalogue, politician: User, seed: DomainCatalogue) -> None:
    client = client_for(politician)
    response = client.post("/scenarier/ny/", {"name": "Forslag A",
                                              "catalogue": round_setup.pk})
    scenario = Scenario.objects.get(name="Forslag A")
    assert response.status_code == 302 and response["Location"] == f"/scenarier/{scenario.pk}/"
    form = {f"decision-{p.number}": "rejected" for p in seed.proposals}
    form.update({"decision-2.4": "adopted", "decision-2.6": "adopted",
                 "decision-2.8": "partial", "share-2.8": "37,5",
                 "decision-2.16": "adopted"})
    assert client.post(f"/scenarier/{scenario.pk}/", form).status_code == 302
    html = client.get(f"/scenarier/{scenario.pk}/").content.decode()

    expected = evaluate(domain_setup(seed), DomainScenario.of("Forslag A", {
        "2.4": Decision.adopted(), "2.6": Decision.adopted(),
        "2.8": Decision.partial(Decimal("0.375")), "2.16": Decision.adopted()}))
    for result in expected.years:
        assert number(html, f"total-{result.year}") == result.total
        if result.target is not None:
            assert number(html, f"target-{result.year}") == result.target
            assert number(html, f"margin-{result.year}") == result.margin
    assert number(html, "fte") == expected.fte_saved
    assert number(html, "count") == 4
    assert number(html, "citizens") == len(expected.citizen_consequences)
    # 37,5 % of 2.8's -3.517 in 2020 is not a whole number; nothing is rounded away.
    assert expected.total_for(2020) != expected.total_for(2020).to_integral_value()
    assert 'id="by-department"' in html and 'id="by-area"' in html and 'id="by-group"' in html


def test_a_share_outside_0_to_100_is_refused_next_to_the_field_and_nothing_is_saved(
        round_setup: Catalogue, politician: User) -> None:
    scenario = actions.do_create_scenario(politician, round_setup.pk, "A")
    response = client_for(politician).post(f"/scenarier/{scenario.pk}/", {
        "decision-2.4": "adopted", "decision-2.8": "partial", "share-2.8": "120"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Andelen skal være over 0 og under 100 %." in html
    assert 'id="share-2-8" name="share-2.8" value="120" aria-invalid="true"' in html
    assert not ScenarioDecision.objects.filter(scenario=scenario).exists()


def test_a_proposal_finance_did_not_open_for_it_cannot_be_adopted_in_part(
        round_setup: Catalogue, politician: User) -> None:
    scenario = actions.do_create_scenario(politician, round_setup.pk, "A")
    response = client_for(politician).post(f"/scenarier/{scenario.pk}/", {
        "decision-2.4": "partial", "share-2.4": "50"})
    assert response.status_code == 400
    assert "Forslaget kan kun vedtages helt eller forkastes." in response.content.decode()


def test_broken_relations_are_findings_on_the_scenario_page(
        round_setup: Catalogue, finance: User, politician: User) -> None:
    finance_client = client_for(finance)
    response = finance_client.post(f"/scenarier/opsaetning/{round_setup.pk}/", {
        "action": "add_relation", "kind": "exclusive", "relation_proposals": "2.4, 2.12",
        "note": "samme pulje"})
    assert response.status_code == 302
    assert finance_client.post(f"/scenarier/opsaetning/{round_setup.pk}/",
                               {"action": "load_memo"}).status_code == 302
    kinds = sorted(Relation.objects.filter(catalogue=round_setup).values_list("kind",
                                                                                flat=True))
    assert kinds == ["exclusive", "protected"]
    scenario = actions.do_create_scenario(politician, round_setup.pk, "A", decisions={
        "2.4": Decision.adopted(), "2.12": Decision.adopted()})
    html = client_for(politician).get(f"/scenarier/{scenario.pk}/").content.decode()
    assert "Forslagene 2.4, 2.12 udelukker hinanden, men er alle vedtaget." in html


def test_loading_the_memos_relations_twice_adds_them_once(
        round_setup: Catalogue, finance: User) -> None:
    assert actions.do_load_memo_relations(finance, round_setup.pk) == 1
    assert actions.do_load_memo_relations(finance, round_setup.pk) == 0
    protected = Relation.objects.get(catalogue=round_setup)
    assert protected.department == "Social & Familie" and protected.from_memo


def test_a_relation_naming_an_unknown_proposal_is_refused(
        round_setup: Catalogue, finance: User) -> None:
    response = client_for(finance).post(f"/scenarier/opsaetning/{round_setup.pk}/", {
        "action": "add_relation", "kind": "requires", "relation_proposals": "2.4, 9.9"})
    assert response.status_code == 400
    assert "Ukendte forslag: 9.9." in response.content.decode()
    assert not Relation.objects.exists()


def test_targets_entered_by_finance_are_the_setups_targets(
        published_seed: Catalogue, finance: User) -> None:
    response = client_for(finance).post(f"/scenarier/opsaetning/{published_seed.pk}/", {
        "action": "targets", "target-2021": "-25.700", "target-2022": "-25.700",
        "target-2023": "-25.700,5", "targets_label": "16 %"})
    assert response.status_code == 302
    setup = setup_for(published_seed.latest_version, published_seed)  # type: ignore[arg-type]
    assert setup.targets.amounts == ((2021, Decimal(-25700)), (2022, Decimal(-25700)),
                                     (2023, Decimal("-25700.5")))
    assert AuditEntry.objects.filter(action="set_targets").count() == 1


def test_comparing_two_scenarios_marks_the_differences_the_domain_finds(
        round_setup: Catalogue, politician: User, seed: DomainCatalogue) -> None:
    a = {"2.4": Decision.adopted(), "2.8": Decision.adopted()}
    b = {"2.4": Decision.adopted(), "2.8": Decision.partial(Decimal("0.5")),
         "2.16": Decision.adopted()}
    first = actions.do_create_scenario(politician, round_setup.pk, "A", decisions=a)
    second = actions.do_create_scenario(politician, round_setup.pk, "B", decisions=b)
    html = client_for(politician).get(
        f"/scenarier/sammenlign/?id={first.pk}&id={second.pk}").content.decode()
    setup = domain_setup(seed)
    ea, eb = evaluate(setup, DomainScenario.of("A", a)), evaluate(setup, DomainScenario.of("B", b))
    for year in YEARS:
        assert number(html, f"cmp-total-0-{year}") == ea.total_for(year)
        assert number(html, f"cmp-total-1-{year}") == eb.total_for(year)
        assert number(html, f"cmp-diff-1-{year}") == eb.total_for(year) - ea.total_for(year)
    assert number(html, "cmp-fte-diff-1") == eb.fte_saved - ea.fte_saved
    assert "<mark>" in cell(html, "cmp-diff-1-2020") or 'class="num differs"' in html
    assert html.count('<tr class="differs">') == 2  # 2.8 and 2.16


def test_scenarios_on_different_published_versions_are_not_compared(
        round_setup: Catalogue, politician: User) -> None:
    old = actions.do_create_scenario(politician, round_setup.pk, "Gammel")
    do_publish_catalogue(None, round_setup.pk)
    new = actions.do_create_scenario(politician, round_setup.pk, "Ny")
    assert new.version_id != old.version_id
    client = client_for(politician)
    response = client.get(f"/scenarier/sammenlign/?id={old.pk}&id={new.pk}")
    assert response.status_code == 302
    follow = client.get(response["Location"]).content.decode()
    assert "Scenarierne skal bygge på samme offentliggjorte version af kataloget." in follow
    assert "Kataloget er siden offentliggjort i version 2." in client.get(
        f"/scenarier/{old.pk}/").content.decode()


def test_comparing_needs_two_to_four_scenarios(round_setup: Catalogue,
                                               politician: User) -> None:
    one = actions.do_create_scenario(politician, round_setup.pk, "A")
    response = client_for(politician).get(f"/scenarier/sammenlign/?id={one.pk}")
    assert response.status_code == 302


def test_the_optimiser_form_shows_the_proven_optimum_and_saves_it_as_a_scenario(
        round_setup: Catalogue, politician: User, seed: DomainCatalogue) -> None:
    client = client_for(politician)
    url = f"/scenarier/optimer/{round_setup.pk}/"
    assert 'value="-20.000"' in client.get(url).content.decode()
    html = client.get(url, {"run": "1", "target-2021": "-20.000", "target-2022": "-20.000",
                            "target-2023": "-20.000", "objective": "fte",
                            "alternatives": "1"}).content.decode()
    expected = optimise(domain_setup(seed), Objective.FTE, Limits(), alternatives=1)
    assert expected.best is not None
    assert "Bevist bedste løsning" in html
    assert number(html, "s0-objective") == expected.best.objective_value
    assert number(html, "s0-fte") == expected.best.evaluation.fte_saved
    for result in expected.best.evaluation.years:
        assert number(html, f"s0-total-{result.year}") == result.total
    assert number(html, "s1-objective") == expected.alternatives[0].objective_value
    assert expected.best.tie_break is TieBreak.PROVEN
    assert cell(html, "s0-tie-break") == "den med færrest forslag (bevist)"

    saved = {f"decision-{n}": str(d.kind) for n, d in expected.best.scenario.decisions}
    saved.update({f"share-{n}": str(d.share * 100).replace(".", ",")
                  for n, d in expected.best.scenario.decisions if d.share is not None})
    response = client.post(f"{url}gem/", {"name": "Optimum", **saved})
    scenario = Scenario.objects.get(name="Optimum")
    assert response["Location"] == f"/scenarier/{scenario.pk}/"
    page = client.get(f"/scenarier/{scenario.pk}/").content.decode()
    assert number(page, "fte") == expected.best.evaluation.fte_saved


def test_unreachable_targets_show_the_reason(round_setup: Catalogue, politician: User) -> None:
    html = client_for(politician).get(f"/scenarier/optimer/{round_setup.pk}/", {
        "run": "1", "target-2022": "-99.000", "objective": "count"}).content.decode()
    assert "Målene kan ikke nås." in html
    assert "Målet for 2022 på -99.000 kan ikke nås" in html


def test_bad_optimiser_input_is_refused_next_to_the_field(round_setup: Catalogue,
                                                          politician: User) -> None:
    response = client_for(politician).get(f"/scenarier/optimer/{round_setup.pk}/", {
        "run": "1", "target-2021": "mange", "max_fte": "-3"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Skriv målet i 1.000 kr., fx -25.700." in html
    assert "Skriv et antal årsværk, fx 12,5." in html


def test_the_optimiser_honours_the_group_and_the_cap(round_setup: Catalogue,
                                                     politician: User,
                                                     seed: DomainCatalogue) -> None:
    html = client_for(politician).get(f"/scenarier/optimer/{round_setup.pk}/", {
        "run": "1", "target-2021": "-3.000", "objective": "count",
        "group": "1.6 Analyse af Jobcentret"}).content.decode()
    group = next(g for g in seed.groups if g.name == "1.6 Analyse af Jobcentret")
    setup = dataclasses.replace(domain_setup(seed), targets=Targets.of({2021: -3000}))
    expected = optimise(setup, Objective.COUNT, Limits(candidates=group.proposal_numbers))
    assert expected.best is not None
    assert number(html, "s0-total-2021") == expected.best.evaluation.total_for(2021)
    assert set(expected.best.evaluation.adopted) <= set(group.proposal_numbers)


def test_the_adopted_budget_is_public_and_linked_from_the_catalogue(
        round_setup: Catalogue, finance: User, seed: DomainCatalogue) -> None:
    draft = actions.do_create_scenario(finance, round_setup.pk, "Forlig", decisions={
        "2.4": Decision.adopted(), "2.8": Decision.partial(Decimal("0.5"))})
    response = client_for(finance).post(f"/scenarier/{draft.pk}/budgetaftale/",
                                        {"name": "Budgetaftale 2020"})
    agreement = Scenario.objects.get(is_agreement=True)
    assert response["Location"] == f"/scenarier/{agreement.pk}/"
    visitor = client_for(None)
    catalogue_page = visitor.get("/2020/katalog-2/").content.decode()
    assert 'href="/2020/katalog-2/budgetaftale/"' in catalogue_page
    html = visitor.get("/2020/katalog-2/budgetaftale/").content.decode()
    expected = evaluate(domain_setup(seed), DomainScenario.of("", {
        "2.4": Decision.adopted(), "2.8": Decision.partial(Decimal("0.5"))}))
    for year in YEARS:
        assert number(html, f"adopted-total-{year}") == expected.total_for(year)
    assert "2.4 Reduktion af administrative støttefunktioner" in html
    assert "Delvist (50 %)" in html
    assert "2.6 " not in html


def test_without_an_agreement_the_adopted_page_is_not_found(round_setup: Catalogue) -> None:
    assert client_for(None).get("/2020/katalog-2/budgetaftale/").status_code == 404
    assert "budgetaftale" not in client_for(None).get("/2020/katalog-2/").content.decode()


def test_copying_a_scenario_keeps_its_decisions_in_a_private_copy(
        round_setup: Catalogue, politician: User, finance: User) -> None:
    source = actions.do_create_scenario(politician, round_setup.pk, "A", decisions={
        "2.8": Decision.partial(Decimal("0.25"))})
    response = client_for(politician).post(f"/scenarier/{source.pk}/kopier/", {"name": "B"})
    copy = Scenario.objects.get(name="B")
    assert response["Location"] == f"/scenarier/{copy.pk}/"
    assert copy.visibility == "private" and copy.copied_from == source
    assert list(copy.decisions.values_list("number", "kind", "share_percent")) == [
        ("2.8", "partial", Decimal("25"))]


def test_scenario_pages_in_english(round_setup: Catalogue, politician: User) -> None:
    scenario = actions.do_create_scenario(politician, round_setup.pk, "A", decisions={
        "2.4": Decision.adopted()})
    html = client_for(politician).get(f"/scenarier/{scenario.pk}/?lang=en").content.decode()
    assert '<html lang="en">' in html
    assert "FTE saved" in html and "Decisions" in html
    assert cell(html, "total-2021") == "-2,784"


def test_the_list_names_scenarios_and_offers_the_compare_form(
        round_setup: Catalogue, politician: User) -> None:
    actions.do_create_scenario(politician, round_setup.pk, "Forslag A")
    html = client_for(politician).get("/scenarier/").content.decode()
    assert "Forslag A" in html and 'name="id"' in html
    assert f'href="/scenarier/optimer/{round_setup.pk}/"' in html


def test_a_relation_added_on_the_setup_page_binds_the_optimiser(
        round_setup: Catalogue, finance: User, politician: User) -> None:
    actions.do_add_relation(finance, round_setup.pk, MutuallyExclusive(("2.6", "2.8")))
    setup = setup_for(round_setup.latest_version, round_setup)  # type: ignore[arg-type]
    result = optimise(setup, Objective.COUNT, Limits())
    assert result.best is not None
    assert not {"2.6", "2.8"} <= set(result.best.evaluation.adopted)


def test_a_visitors_cached_catalogue_page_gains_the_link_once_the_agreement_is_recorded(
        round_setup: Catalogue, finance: User) -> None:
    visitor = client_for(None)
    assert "budgetaftale" not in visitor.get("/2020/katalog-2/").content.decode()
    draft = actions.do_create_scenario(finance, round_setup.pk, "Forlig", decisions={
        "2.4": Decision.adopted()})
    actions.do_record_agreement(finance, draft.pk, "Budgetaftale 2020")
    assert 'href="/2020/katalog-2/budgetaftale/"' in visitor.get(
        "/2020/katalog-2/").content.decode()
