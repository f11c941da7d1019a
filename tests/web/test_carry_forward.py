"""Carry-forward: chosen proposals of Budget 2020 into Budget 2021, years shifted, the
steady state continued, re-priced with the new round's P/L index, renumbered, marked,
each a draft for its department."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from budgetkatalog.costing.carry import carry_forward
from budgetkatalog.costing.model import PriceIndex
from budgetkatalog.web.accounts.models import Role, User
from budgetkatalog.web.catalogues.actions import (
    do_create_catalogue,
    do_create_round,
    do_update_round,
)
from budgetkatalog.web.catalogues.models import Catalogue, Proposal, ProposalState
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db

ROUND_2021 = """[round]
budget_year = 2021
years = [2021, 2022, 2023, 2024]
price_level = 2021

[round.index.pl]
2020 = 101.9
2021 = 103.8
"""
INDEX = PriceIndex("pl", ((2020, Decimal("101.9")), (2021, Decimal("103.8"))))


def budget_2021(costing: str = ROUND_2021) -> Catalogue:
    round_ = do_create_round(None, municipality="Albertslund Kommune", budget_year=2021,
                             outlook_count=3, name="Budget 2021")
    do_update_round(None, round_.pk, finance_department_id=None, targets={},
                    fte_target=None, section_headings=[""] * 7, costing_round=costing)
    return do_create_catalogue(None, round_.pk, number="2", title="Katalog 2")


def test_three_proposals_are_carried_into_budget_2021(
        published_seed: Catalogue, finance: User) -> None:
    target = budget_2021()
    old = {p.number: p for p in published_seed.proposals.prefetch_related("lines")}
    chosen = [old[n].pk for n in ("2.8", "2.16", "2.17")]
    response = client_for(finance).post(f"/personale/katalog/{target.pk}/viderefoer/", {
        "fra": str(published_seed.pk), "proposal": [str(pk) for pk in chosen]})
    assert response.status_code == 302
    new = {p.carried_from_label: p for p in Proposal.objects.filter(catalogue=target)
           .prefetch_related("lines").select_related("department")}
    assert set(new) == {"videreført fra Budget 2020, 2.8", "videreført fra Budget 2020, 2.16",
                        "videreført fra Budget 2020, 2.17"}
    moved = new["videreført fra Budget 2020, 2.8"]
    assert moved.number == "2.1" and moved.state == ProposalState.DRAFT
    assert moved.department is not None and moved.department.name == "Borger & Arbejdsmarked"
    for line in moved.lines.all():
        source = next(x for x in old["2.8"].lines.all() if x.letter == line.letter)
        assert tuple(line.amounts) == carry_forward(
            tuple(source.amounts), (2020, 2021, 2022, 2023), (2021, 2022, 2023, 2024),
            INDEX, 2020, 2021), line.letter
    # 2.8 line a: -3.517 in 2020 (half), -7.666 from 2021; 2024 continues 2023's
    line_a = next(x for x in moved.lines.all() if x.letter == "a")
    assert line_a.amounts[-1] == line_a.amounts[-2]
    assert sorted(p.number for p in new.values()) == ["2.1", "2.2", "2.3"]
    page = client_for(finance).get(f"/personale/forslag/{moved.pk}/").content.decode()
    assert "videreført fra Budget 2020, 2.8" in page


def test_without_a_price_index_nothing_is_carried(
        published_seed: Catalogue, finance: User) -> None:
    target = budget_2021(costing="")
    source = published_seed.proposals.get(number="2.8")
    response = client_for(finance).post(f"/personale/katalog/{target.pk}/viderefoer/", {
        "fra": str(published_seed.pk), "proposal": [str(source.pk)]})
    assert response.status_code == 400
    assert "har intet P/L-indeks med 2020 og 2021" in response.content.decode()
    assert not Proposal.objects.filter(catalogue=target).exists()


def test_the_page_lists_the_earlier_rounds_proposals(
        published_seed: Catalogue, finance: User) -> None:
    target = budget_2021()
    page = client_for(finance).get(f"/personale/katalog/{target.pk}/viderefoer/"
                                   ).content.decode()
    assert page.count('name="proposal"') == 17
    assert "fra 2020-P/L til 2021-P/L" in page


@pytest.mark.parametrize("role", [None, Role.AUTHOR, Role.POLITICIAN])
def test_only_finance_staff_carry_forward(
        published_seed: Catalogue, make_user: Callable[..., User], role: Role | None) -> None:
    target = budget_2021()
    user = make_user("someone", role) if role is not None else None
    client = client_for(user)
    expected = 302 if user is None else 403
    url = f"/personale/katalog/{target.pk}/viderefoer/"
    source = published_seed.proposals.get(number="2.8")
    assert client.get(url).status_code == expected
    assert client.post(url, {"proposal": [str(source.pk)]}).status_code == expected
    assert not Proposal.objects.filter(catalogue=target).exists()


@pytest.mark.parametrize(("existing", "carried", "expected"), [
    # a lettered series continues where the catalogue's own stops, written as it was
    (("UV 1", "UV 2", "SOC 1"), ("UV 4", "SOC 7", "ØK-02"), ("UV 3", "SOC 2", "ØK-01")),
    (("ØK-01", "ØK-09"), ("ØK-03", "ØK-04"), ("ØK-10", "ØK-11")),
    (("A.1", "A.2", "B.1"), ("B.4", "A.1"), ("B.2", "A.3")),
    # numbers without letters follow the catalogue's numbering, whatever series exist
    (("UV 1", "A.3"), ("2.8", "17"), ("2.1", "2.2")),
    (("2.1", "2.4"), ("2.16", "B&U 2"), ("2.5", "B&U 1")),
])
def test_carried_numbers_continue_their_own_series(
        existing: tuple[str, ...], carried: tuple[str, ...], expected: tuple[str, ...]) -> None:
    from budgetkatalog.web.catalogues.actions import _next_numbers
    from budgetkatalog.web.catalogues.domain import slug_for, sort_key

    target = budget_2021()
    for number in existing:
        Proposal.objects.create(catalogue=target, number=number, slug=slug_for(number),
                                sort_key=sort_key(number), title=f"Forslag {number}")
    assert tuple(_next_numbers(target, list(carried))) == expected
