"""An administrator sets up a budget round: years, departments with their areas and
accounts, the finance department, targets, section headings, catalogues and groups."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from budgetkatalog.core.text import SECTION_HEADINGS
from budgetkatalog.web.accounts.models import Role, User
from budgetkatalog.web.auditlog.models import AuditEntry
from budgetkatalog.web.catalogues.actions import do_create_proposal
from budgetkatalog.web.catalogues.models import BudgetRound, Catalogue, RoundDepartment
from budgetkatalog.web.scenarios.domain import targets_of
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(make_user: Callable[..., User]) -> User:
    return make_user("admin", Role.ADMIN)


def _new_round(client_user: User, **fields: str) -> object:
    form = {"municipality": "Albertslund Kommune", "name": "Budget 2021",
            "budget_year": "2021", "outlook_count": "3", "price_level": "2021",
            "unit": "1000", **fields}
    return client_for(client_user).post("/personale/runder/", form)


def test_the_administrator_sets_up_budget_2021(admin: User) -> None:
    response = _new_round(admin)
    round_ = BudgetRound.objects.get(budget_year=2021)
    assert response.status_code == 302 and response["Location"] == f"/personale/runder/{round_.pk}/"  # type: ignore[attr-defined]
    assert round_.years == (2021, 2022, 2023, 2024) and round_.name == "Budget 2021"
    client = client_for(admin)
    url = f"/personale/runder/{round_.pk}/"
    assert client.post(url, {"form": "department", "name": "Borger & Arbejdsmarked",
                             "short_name": "BA", "area_codes": "2085, 2390",
                             "account_ranges": "208500-208599 239000-239099"}).status_code == 302
    assert client.post(url, {"form": "department", "name": "Økonomi & Stab",
                             "short_name": "ØS", "area_codes": "8290"}).status_code == 302
    jobs = RoundDepartment.objects.get(round=round_, department__name="Borger & Arbejdsmarked")
    assert jobs.area_codes == ["2085", "2390"]
    assert jobs.account_ranges == [[208500, 208599], [239000, 239099]]
    finance = RoundDepartment.objects.get(round=round_, department__name="Økonomi & Stab")
    settings = {"form": "settings", "finance_department": str(finance.department_id),
                "target-2022": "-25.700", "target-2023": "-25.700", "fte_target": "49,7",
                **{f"heading-{n}": "" for n in range(1, 8)}}
    settings["heading-3"] = "Konsekvenser for borgere og brugere"
    assert client.post(url, settings).status_code == 302
    round_.refresh_from_db()
    assert round_.finance_department_id == finance.department_id
    assert round_.targets == {"2022": "-25700", "2023": "-25700"}
    assert round_.fte_target == Decimal("49.7")
    assert round_.heading(3) == "Konsekvenser for borgere og brugere"
    assert round_.heading(1) == SECTION_HEADINGS[1]
    assert client.post(url, {"form": "catalogue", "number": "2", "title": "Katalog 2",
                             "groups": "Administrationsanalysen\nJobcentret"}
                       ).status_code == 302
    catalogue = Catalogue.objects.get(round=round_)
    assert catalogue.slug == "katalog-2" and catalogue.number == "2"
    assert [g["name"] for g in catalogue.frame["groups"]] == ["Administrationsanalysen",
                                                               "Jobcentret"]
    assert targets_of(catalogue).amounts == ((2022, Decimal(-25700)), (2023, Decimal(-25700)))
    proposal = do_create_proposal(admin, catalogue, number="2.1", title="Ny")
    assert proposal.sections.get(number=3).heading == "Konsekvenser for borgere og brugere"
    page = client.get(url).content.decode()
    assert "Borger &amp; Arbejdsmarked" in page and "208500-208599" in page
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"create_round", "add_round_department", "update_round",
            "create_catalogue"} <= actions


@pytest.mark.parametrize(("fields", "message"), [
    ({"outlook_count": "6"}, "Der skal være tre til fem overslagsår."),
    ({"budget_year": "tyve"}, "Skriv budgetåret med fire cifre"),
    ({"municipality": ""}, "Skriv kommunens navn."),
])
def test_a_bad_round_is_refused_in_danish_and_nothing_is_saved(
        admin: User, fields: dict[str, str], message: str) -> None:
    response = _new_round(admin, **fields)
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert message in response.content.decode()  # type: ignore[attr-defined]
    assert not BudgetRound.objects.exists()


def test_a_bad_department_is_refused_where_it_is_wrong(admin: User) -> None:
    _new_round(admin)
    round_ = BudgetRound.objects.get()
    response = client_for(admin).post(f"/personale/runder/{round_.pk}/", {
        "form": "department", "name": "Kultur", "area_codes": "41"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "En områdebevilling er fire cifre" in page
    assert 'href="#department-area_codes"' in page
    assert not RoundDepartment.objects.exists()


@pytest.mark.parametrize("role", [None, Role.FINANCE, Role.AUTHOR, Role.POLITICIAN])
def test_only_administrators_set_up_rounds(
        admin: User, make_user: Callable[..., User], role: Role | None) -> None:
    _new_round(admin)
    round_ = BudgetRound.objects.get()
    user = make_user("someone", role) if role is not None else None
    client = client_for(user)
    expected = 302 if user is None else 403
    assert client.get("/personale/runder/").status_code == expected
    assert client.get(f"/personale/runder/{round_.pk}/").status_code == expected
    assert client.post("/personale/runder/", {
        "municipality": "X", "budget_year": "2030", "outlook_count": "3"}
    ).status_code == expected
    assert client.post(f"/personale/runder/{round_.pk}/", {
        "form": "catalogue", "title": "Smuglet"}).status_code == expected
    assert BudgetRound.objects.count() == 1 and not Catalogue.objects.exists()


def test_an_administrator_is_finance_staff_too(admin: User) -> None:
    assert admin.is_finance and admin.is_admin
    assert client_for(admin).get("/personale/revisionslog/").status_code == 200
