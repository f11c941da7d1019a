"""Scenarios in a real browser: a politician builds two scenarios and compares them;
every number on screen is read back and checked against the domain's ``evaluate``
for the same choices. The scenario pages pass axe-core's WCAG 2.1 A/AA rules and the
decision form works from the keyboard alone."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from budgetkatalog.core.catalogue import Catalogue as DomainCatalogue
from budgetkatalog.core.money import parse_danish_number
from budgetkatalog.scenarios.decision import Decision
from budgetkatalog.scenarios.decision import Scenario as DomainScenario
from budgetkatalog.scenarios.evaluation import Evaluation, evaluate
from tests.browser.support import assert_accessible, log_in
from tests.web.scenario_support import YEARS, configure_round, domain_setup

# Saving decisions and running the optimiser do real work; on a busy machine they may
# take longer than Playwright's default five seconds.
SLOW = 20_000


@pytest.fixture
def round_setup(published_seed: Any, accounts: dict[str, str]) -> Any:
    """Finance staff's targets from 2021; 2.8 and 2.16 may be adopted in part."""
    from budgetkatalog.web.accounts.models import User

    configure_round(User.objects.get(username=accounts["finance"]), published_seed.pk)
    return published_seed


def shown(page: Page, selector: str) -> Decimal:
    """The number the page shows in an element, read the Danish way."""
    text = page.locator(selector).inner_text().split("(")[0].strip().lstrip("+")
    value = parse_danish_number(text)
    assert value is not None, f"{selector} shows {text!r}, not a number"
    return value


def decide(page: Page, choices: dict[str, str]) -> None:
    """Choose in the decision form: "adopted", "rejected" or a share like "37,5"."""
    for number, choice in choices.items():
        select = page.get_by_label(f"Beslutning om forslag {number}", exact=True)
        if choice in ("adopted", "rejected"):
            select.select_option(choice)
        else:
            select.select_option("partial")
            page.get_by_label(f"Andel i procent for forslag {number}", exact=True).fill(choice)
    page.get_by_role("button", name="Gem beslutninger").click()
    expect(page.get_by_role("status").filter(has_text="Beslutningerne er gemt")).to_be_visible(
        timeout=SLOW)


def assert_page_shows(page: Page, expected: Evaluation) -> None:
    for result in expected.years:
        assert shown(page, f"#total-{result.year}") == result.total
        if result.target is not None:
            assert shown(page, f"#target-{result.year}") == result.target
            assert shown(page, f"#margin-{result.year}") == result.margin
    assert shown(page, "#fte") == expected.fte_saved
    assert shown(page, "#count") == expected.proposal_count
    assert shown(page, "#citizens") == len(expected.citizen_consequences)


A = {"2.4": "adopted", "2.6": "adopted", "2.8": "37,5", "2.16": "adopted"}
B = {"2.6": "adopted", "2.8": "rejected", "2.9": "adopted", "2.10": "adopted",
     "2.16": "50"}


def as_domain(name: str, choices: dict[str, str]) -> DomainScenario:
    decisions = {}
    for number, choice in choices.items():
        if choice == "adopted":
            decisions[number] = Decision.adopted()
        elif choice != "rejected":
            decisions[number] = Decision.partial(
                Decimal(choice.replace(",", ".")) / 100)
    return DomainScenario.of(name, decisions)


def test_a_politician_builds_two_scenarios_and_compares_them_with_the_domains_numbers(
        site: str, accounts: dict[str, str], round_setup: Any, seed: DomainCatalogue,
        page: Page) -> None:
    setup = domain_setup(seed)
    log_in(page, site, accounts["politician"])
    page.get_by_role("navigation", name="Hovedmenu").get_by_role(
        "link", name="Scenarier").click()
    assert_accessible(page)

    page.get_by_label("Navn", exact=True).fill("Forslag A")
    page.get_by_role("button", name="Opret scenarie").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Forslag A")
    decide(page, A)
    first = evaluate(setup, as_domain("Forslag A", A))
    assert_page_shows(page, first)
    # A share leaves a fraction of 1.000 kr.; the page shows it exactly.
    assert first.total_for(2020) != first.total_for(2020).to_integral_value()
    assert_accessible(page)

    page.get_by_label("Navn på kopien").fill("Forslag B")
    page.get_by_role("button", name="Kopiér", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Forslag B")
    # The copy starts with A's choices and shows A's numbers.
    assert_page_shows(page, first)
    decide(page, {"2.4": "rejected", **B})
    second_choices = {**B}
    second = evaluate(setup, as_domain("Forslag B", second_choices))
    assert_page_shows(page, second)

    page.get_by_role("navigation", name="Hovedmenu").get_by_role(
        "link", name="Scenarier").click()
    page.get_by_label("Sammenlign Forslag A").check()
    page.get_by_label("Sammenlign Forslag B").check()
    page.get_by_role("button", name=re.compile("^Sammenlign valgte")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sammenligning af scenarier")
    for year in YEARS:
        assert shown(page, f"#cmp-total-0-{year}") == first.total_for(year)
        assert shown(page, f"#cmp-total-1-{year}") == second.total_for(year)
        difference = second.total_for(year) - first.total_for(year)
        assert shown(page, f"#cmp-diff-1-{year}") == difference
        marked = page.locator(f"#cmp-diff-1-{year} mark")
        expect(marked).to_have_count(1 if difference else 0)
    assert shown(page, "#cmp-fte-0") == first.fte_saved
    assert shown(page, "#cmp-fte-1") == second.fte_saved
    assert shown(page, "#cmp-fte-diff-1") == second.fte_saved - first.fte_saved
    assert shown(page, "#cmp-count-diff-1") == second.proposal_count - first.proposal_count
    differing = {n for n in {*A, *B} if as_domain("", A).decision(n)
                 != as_domain("", B).decision(n)}
    rows = page.locator("#compare-proposals tbody tr.differs th")
    expect(rows).to_have_count(len(differing))
    assert {text.split()[0] for text in rows.all_inner_texts()} == differing
    assert_accessible(page)


def test_the_decision_form_works_from_the_keyboard(
        site: str, accounts: dict[str, str], round_setup: Any, seed: DomainCatalogue,
        page: Page) -> None:
    log_in(page, site, accounts["politician"])
    page.goto(f"{site}/scenarier/")
    page.get_by_label("Navn", exact=True).fill("Tastatur")
    page.get_by_label("Navn", exact=True).press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tastatur")
    page.get_by_label("Beslutning om forslag 2.4", exact=True).focus()
    page.keyboard.press("ArrowDown")  # Forkastet -> Vedtaget
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Gem beslutninger":
            break
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").filter(has_text="Beslutningerne er gemt")).to_be_visible(
        timeout=SLOW)
    expected = evaluate(domain_setup(seed), as_domain("", {"2.4": "adopted"}))
    assert shown(page, "#total-2021") == expected.total_for(2021)
    assert shown(page, "#count") == 1


def test_the_optimiser_setup_agreement_and_public_pages_have_no_wcag_violations(
        site: str, accounts: dict[str, str], round_setup: Any,
        new_page: Callable[..., Page]) -> None:
    finance = new_page()
    log_in(finance, site, accounts["finance"])
    finance.goto(f"{site}/scenarier/opsaetning/{round_setup.pk}/")
    finance.get_by_role("button", name="Indlæs notatets relationer").click()
    expect(finance.locator("#relations")).to_contain_text("Social & Familie")
    assert_accessible(finance)
    finance.get_by_label("Forslag (numre", exact=False).fill("2.4, 9.9")
    finance.get_by_role("button", name="Tilføj relation").click()
    expect(finance.locator("#relation_proposals")).to_have_attribute("aria-invalid", "true")
    assert_accessible(finance)

    finance.goto(f"{site}/scenarier/optimer/{round_setup.pk}/")
    assert_accessible(finance)
    finance.get_by_label("Alternativer").fill("1")
    finance.get_by_role("button", name="Find optimum").click()
    expect(finance.locator("#status")).to_contain_text("Bevist bedste løsning", timeout=SLOW)
    assert_accessible(finance)
    finance.get_by_label("Navn på scenariet (Optimeret", exact=False).fill("Forlig")
    finance.get_by_role("button", name=re.compile(r"^Gem Optimeret")).click()
    expect(finance.get_by_role("heading", level=1)).to_have_text("Forlig")
    finance.get_by_role("button", name="Registrér budgetaftalen").click()
    expect(finance.locator("#locked")).to_have_text("Låst budgetaftale")
    assert_accessible(finance)

    finance.goto(f"{site}/scenarier/optimer/{round_setup.pk}/?run=1&target-2022=-99.000")
    expect(finance.locator("#infeasible")).to_contain_text("Målene kan ikke nås.",
                                                           timeout=SLOW)
    assert_accessible(finance)

    visitor = new_page()
    visitor.goto(f"{site}/2020/katalog-2/")
    visitor.get_by_role("link", name="Se hvad budgetaftalen vedtog").click()
    expect(visitor.locator("#adopted")).to_be_visible()
    assert_accessible(visitor)
    visitor.get_by_role("link", name="Se budgetaftalen som scenarie med fordelinger").click()
    expect(visitor.locator("#by-department")).to_be_visible()
    assert_accessible(visitor)
    visitor.goto(visitor.url + "?lang=en")
    expect(visitor.locator("html")).to_have_attribute("lang", "en")
    expect(visitor.get_by_role("heading", name="Decisions")).to_be_visible()
    assert_accessible(visitor)
