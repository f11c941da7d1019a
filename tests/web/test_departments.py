"""Departments as data: proposed at import from what the document states, confirmed by
finance staff, and the same answer on every page ("ikke angivet" when unknown)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import pytest

from budgetkatalog.core.catalogue import Catalogue as DomainCatalogue
from budgetkatalog.core.department import label
from budgetkatalog.web.accounts.actions import do_create_department
from budgetkatalog.web.accounts.models import Role, User
from budgetkatalog.web.auditlog.models import AuditEntry
from budgetkatalog.web.catalogues.actions import (
    do_confirm_departments,
    do_import_catalogue,
    do_publish_catalogue,
)
from budgetkatalog.web.catalogues.domain import slug_for
from budgetkatalog.web.catalogues.models import (
    BudgetRound,
    Catalogue,
    Proposal,
    RoundDepartment,
)
from budgetkatalog.web.scenarios.domain import setup_for
from tests.core.test_department import EXAMPLE
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db


def cells(page: str) -> dict[str, str]:
    return {number: html.unescape(text) for number, text in re.findall(
        r'<td class="department" data-proposal="([^"]+)">([^<]*)</td>', page)}


def expected() -> dict[str, str]:
    return {number: label(name) for number, name in EXAMPLE.items()}


def test_the_examples_departments_are_the_same_on_every_page(
        published_seed: Catalogue, finance: User) -> None:
    want = expected()
    client = client_for(None)
    listing = client.get("/2020/katalog-2/").content.decode()
    assert cells(listing) == want
    staff = client_for(finance)
    assert cells(staff.get("/personale/").content.decode()) == want
    version = published_seed.versions.get()
    setup = setup_for(version)
    for number, name in EXAMPLE.items():
        page = client.get(f"/2020/katalog-2/{slug_for(number)}/").content.decode()
        shown = re.search(r'<dd id="proposal-department">([^<]*)</dd>', page)
        assert shown is not None and html.unescape(shown.group(1)) == want[number], number
        data = client.get(f"/2020/katalog-2/{slug_for(number)}/forslag.json").json()
        assert data["department"] == name, number
        assert setup.attributes_of(number).department == name, number
        proposal = Proposal.objects.get(catalogue=published_seed, number=number)
        editor = staff.get(f"/personale/forslag/{proposal.pk}/").content.decode()
        meta = re.search(r'<span id="proposal-department">([^<]*)</span>', editor)
        assert meta is not None and html.unescape(meta.group(1)) == want[number], number
        assert staff.get(f"/personale/forslag/{proposal.pk}/json/").json()[
            "department"] == name
    english = client.get("/2020/katalog-2/?lang=en").content.decode()
    assert cells(english)["2.16"] == "not stated"


def test_nothing_is_filed_under_a_default_department(published_seed: Catalogue) -> None:
    unknown = Proposal.objects.filter(catalogue=published_seed, department__isnull=True)
    assert sorted(p.number for p in unknown) == sorted(
        n for n, name in EXAMPLE.items() if name is None)
    assert not Proposal.objects.filter(catalogue=published_seed,
                                       department_confirmed=True).exists()
    # the round's departments are the memo's
    names = set(RoundDepartment.objects.filter(round=published_seed.round)
                .values_list("department__name", flat=True))
    assert {"Sekretariat for Byudvikling & Erhverv", "Økonomi & Stab",
            "Social & Familie"} <= names


def test_the_rounds_areas_place_the_job_centre_proposals(db: None,
                                                         seed: DomainCatalogue) -> None:
    round_ = BudgetRound.objects.create(municipality=seed.municipality or "",
                                        budget_year=2020, outlook_years=[2021, 2022, 2023])
    jobs = do_create_department(None, "Borger & Arbejdsmarked")
    RoundDepartment.objects.create(round=round_, department=jobs, area_codes=["2085"])
    catalogue = do_import_catalogue(None, seed, slug="katalog-2")
    placed = {p.number: (p.department.name if p.department else None, p.department_source)
              for p in catalogue.proposals.select_related("department")}
    assert placed["2.16"] == ("Borger & Arbejdsmarked", "area-codes")
    assert placed["2.17"] == ("Borger & Arbejdsmarked", "area-codes")
    assert placed["2.8"] == ("Borger & Arbejdsmarked", "memo-title")


def test_finance_confirms_and_changes_departments(
        published_seed: Catalogue, finance: User) -> None:
    client = client_for(finance)
    page = client.get(f"/personale/katalog/{published_seed.pk}/afdelinger/")
    assert page.status_code == 200
    assert "Foreslået ved indlæsning" in page.content.decode()
    proposals = {p.number: p for p in published_seed.proposals.all()}
    jobs = RoundDepartment.objects.get(round=published_seed.round,
                                       department__name="Borger & Arbejdsmarked")
    form = {f"department-{p.pk}": str(p.department_id or "") for p in proposals.values()}
    form[f"department-{proposals['2.16'].pk}"] = str(jobs.department_id)
    form[f"department-{proposals['2.12'].pk}"] = ""
    response = client.post(f"/personale/katalog/{published_seed.pk}/afdelinger/", form)
    assert response.status_code == 302
    after = {p.number: p for p in published_seed.proposals.select_related("department")}
    assert all(p.department_confirmed for p in after.values())
    assert after["2.16"].department is not None
    assert after["2.16"].department.name == "Borger & Arbejdsmarked"
    assert after["2.16"].department_source == "set"
    assert after["2.12"].department is None
    entry = AuditEntry.objects.filter(action="confirm_departments").get()
    assert "2.16" in entry.changes and "2.12" in entry.changes
    do_publish_catalogue(finance, published_seed.pk)
    shown = cells(client_for(None).get("/2020/katalog-2/").content.decode())
    assert shown["2.16"] == "Borger & Arbejdsmarked" and shown["2.12"] == "ikke angivet"


def test_a_department_outside_the_round_is_refused(
        published_seed: Catalogue, finance: User) -> None:
    stranger = do_create_department(None, "Fremmed afdeling")
    proposal = published_seed.proposals.get(number="2.1")
    with pytest.raises(ValueError):
        do_confirm_departments(finance, published_seed.pk, {proposal.pk: stranger.pk})
    proposal.refresh_from_db()
    assert proposal.department_id is None and not proposal.department_confirmed


@pytest.mark.parametrize("role", [Role.AUTHOR, Role.POLITICIAN])
def test_only_finance_staff_confirm_departments(
        published_seed: Catalogue, make_user: Callable[..., User], role: Role) -> None:
    user = make_user("someone", role)
    client = client_for(user)
    url = f"/personale/katalog/{published_seed.pk}/afdelinger/"
    assert client.get(url).status_code == 403
    proposal = published_seed.proposals.get(number="2.1")
    assert client.post(url, {f"department-{proposal.pk}": ""}).status_code == 403
    proposal.refresh_from_db()
    assert not proposal.department_confirmed
