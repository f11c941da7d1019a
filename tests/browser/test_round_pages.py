"""The budget round's pages (departments, the editor's proposal facts, the optimiser's
list of proposals without FTE) pass axe-core in Danish and English, at desktop width
and at 390 px, and work by keyboard."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.support import PASSWORD, assert_accessible, log_in

SLOW = 60_000
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "390 px": {"width": 390, "height": 844}}


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_departments_page_and_the_editors_facts_have_no_violations(
        site: str, accounts: dict[str, str], published_seed: Any,
        new_page: Callable[..., Page], width: str) -> None:
    page = new_page(viewport=WIDTHS[width])
    log_in(page, site, accounts["finance"])
    proposal = published_seed.proposals.get(number="2.13")
    for lang in ("da", "en"):
        page.goto(f"{site}/personale/katalog/{published_seed.pk}/afdelinger/?lang={lang}")
        expect(page.locator("html")).to_have_attribute("lang", lang)
        assert_accessible(page)
        page.goto(f"{site}/personale/forslag/{proposal.pk}/?lang={lang}")
        expect(page.locator("#fte")).to_be_visible()
        assert_accessible(page)


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_round_set_up_pages_have_no_violations(
        site: str, published_seed: Any, new_page: Callable[..., Page], width: str) -> None:
    from budgetkatalog.web.accounts.actions import do_create_user
    from budgetkatalog.web.accounts.models import Role
    from budgetkatalog.web.catalogues.actions import do_create_catalogue, do_create_round

    admin = do_create_user(None, "admin", PASSWORD, Role.ADMIN)
    later = do_create_catalogue(None, do_create_round(
        None, municipality="Albertslund Kommune", budget_year=2021, outlook_count=3).pk,
        number="2", title="Katalog 2")
    page = new_page(viewport=WIDTHS[width])
    log_in(page, site, "admin")
    for lang in ("da", "en"):
        for path in ("/personale/brugere/", f"/personale/brugere/{admin.pk}/"):
            response = page.goto(f"{site}{path}?lang={lang}")
            assert response is not None and response.status == 200
            assert_accessible(page)
        page.goto(f"{site}/personale/runder/?lang={lang}")
        expect(page.locator("html")).to_have_attribute("lang", lang)
        assert_accessible(page)
        page.goto(f"{site}/personale/runder/{published_seed.round_id}/?lang={lang}")
        expect(page.locator("#round-departments")).to_be_visible()
        assert_accessible(page)
        page.goto(f"{site}/personale/katalog/{later.pk}/viderefoer/?lang={lang}")
        expect(page.locator("#carry-explained")).to_be_visible()
        assert_accessible(page)
    # an error, shown on the field and in the summary
    page.goto(f"{site}/personale/runder/?lang=da")
    page.get_by_label("Budgetår", exact=True).fill("tyve")
    page.get_by_role("button", name="Opret runden").click()
    expect(page.get_by_role("alert")).to_contain_text("Skriv budgetåret med fire cifre")
    assert_accessible(page)


def test_finance_confirms_departments_by_keyboard(
        site: str, accounts: dict[str, str], published_seed: Any,
        new_page: Callable[..., Page]) -> None:
    page = new_page()
    log_in(page, site, accounts["finance"])
    page.goto(f"{site}/personale/katalog/{published_seed.pk}/afdelinger/")
    choice = page.get_by_label("2.16 En forstærket indsats", exact=False)
    choice.focus()
    choice.select_option(label="Borger & Arbejdsmarked")
    button = page.get_by_role("button", name="Bekræft afdelingerne")
    button.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text(
        "Afdelingerne er bekræftet")
    expect(page.get_by_label("2.16 En forstærket indsats", exact=False)).to_have_value(
        str(published_seed.round.departments.get(
            department__name="Borger & Arbejdsmarked").department_id))


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_import_pages_have_no_violations(
        site: str, accounts: dict[str, str], seed_path: Any, new_page: Callable[..., Page],
        width: str) -> None:
    from budgetkatalog.web.catalogues.actions import do_create_catalogue, do_create_round

    round_ = do_create_round(None, municipality="Albertslund Kommune", budget_year=2020,
                             outlook_count=3)
    catalogue = do_create_catalogue(None, round_.pk, number="2", title="Katalog 2")
    page = new_page(viewport=WIDTHS[width])
    log_in(page, site, accounts["finance"])
    for lang in ("en", "da"):
        page.goto(f"{site}/personale/katalog/{catalogue.pk}/indlaes/?lang={lang}")
        assert_accessible(page)
    page.get_by_label("Katalogfil").set_input_files(str(seed_path))
    page.get_by_role("button", name="Vis forslagene").click()
    # reading and auditing 17 proposals takes a while on a busy machine
    expect(page.locator("#preview-summary")).to_contain_text("17 forslag", timeout=SLOW)
    assert_accessible(page)
    page.get_by_role("button", name="Gem 17 forslag som kladder").click()
    expect(page.get_by_role("status")).to_contain_text("17 forslag er gemt som kladder",
                                                       timeout=SLOW)
