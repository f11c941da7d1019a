"""Single sign-on in a real browser: Chromium follows the log-in page's link to a real
OpenID Connect provider (npm's oidc-provider, started by the test), signs in there by
keyboard and comes back signed in, or to a Danish (or English) refusal page. The new
pages pass axe-core at desktop width and at 390 px."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings
from playwright.sync_api import Browser, Page, expect

from budgetkatalog.web.accounts import sso
from tests.browser.support import assert_accessible
from tests.web import oidc_support
from tests.web.oidc_support import Provider

ACCOUNTS = {
    "mette": {"preferred_username": "mette@kommune.dk", "groups": ["BK-Oekonomi"],
              "given_name": "Mette", "family_name": "Holm"},
    "nobody": {"preferred_username": "nobody@kommune.dk", "groups": ["Alle ansatte"]},
}
PHONE = {"viewport": {"width": 390, "height": 844}}


@pytest.fixture(scope="module")
def provider(live_server: Any, tmp_path_factory: pytest.TempPathFactory
             ) -> Iterator[Provider]:
    callback = f"{live_server.url}/konto/sso/svar/"
    yield from oidc_support.run_provider(Path(tmp_path_factory.mktemp("oidc")), (callback,))


@pytest.fixture
def signed_in_site(site: str, provider: Provider) -> Iterator[str]:
    provider.set_accounts(ACCOUNTS)
    config = sso.from_environ({
        "BUDGETKATALOG_OIDC_ISSUER": provider.issuer,
        "BUDGETKATALOG_OIDC_CLIENT_ID": oidc_support.CLIENT_ID,
        "BUDGETKATALOG_OIDC_CLIENT_SECRET": oidc_support.CLIENT_SECRET,
        "BUDGETKATALOG_OIDC_NAME": "Albertslund Kommunes login",
        "BUDGETKATALOG_OIDC_ROLE_MAP": '{"BK-Oekonomi": "finance"}'})
    with override_settings(BUDGETKATALOG_SSO=config):
        yield site


def sign_in_by_keyboard(page: Page, site: str, login: str, lang: str = "da") -> None:
    """From the log-in page: Tab to the single sign-on link, Enter; at the provider,
    type the login and any password, Enter; confirm with Enter."""
    page.goto(f"{site}/konto/login/?lang={lang}")
    link = page.locator("#sso-login")
    for _ in range(20):
        page.keyboard.press("Tab")
        if link.evaluate("el => el === document.activeElement"):
            break
    else:
        raise AssertionError("the single sign-on link is not reachable by Tab")
    page.keyboard.press("Enter")
    page.locator("input[name=login]").wait_for()
    page.keyboard.type(login)
    page.keyboard.press("Tab")
    page.keyboard.type("any password")
    page.keyboard.press("Enter")
    page.locator("button[type=submit]").focus()  # the provider's consent page
    page.keyboard.press("Enter")


def test_a_person_signs_in_at_the_municipality_s_provider_by_keyboard(
        signed_in_site: str, chromium: Browser, new_page: Callable[..., Page]) -> None:
    # Under the site's own content security policy (the other pages here bypass it to
    # inject axe-core): the way to the provider and back must not need an exception.
    context = chromium.new_context(locale="da-DK")
    context.set_default_timeout(10_000)
    try:
        page = context.new_page()
        sign_in_by_keyboard(page, signed_in_site, "mette")
        expect(page).to_have_url(f"{signed_in_site}/personale/")
        expect(page.get_by_role("button", name="Log ud (mette@kommune.dk)")).to_be_visible()
    finally:
        context.close()
    page = new_page()
    page.goto(f"{signed_in_site}/konto/login/")
    expect(page.locator("#sso-login")).to_have_text("Log ind med Albertslund Kommunes login")
    assert_accessible(page)


@pytest.mark.parametrize("lang, heading", [("da", "Du kan ikke logge ind"),
                                           ("en", "You cannot log in")])
def test_a_person_without_a_role_gets_an_accessible_refusal(
        signed_in_site: str, new_page: Callable[..., Page], lang: str, heading: str) -> None:
    for options in ({}, PHONE):
        page = new_page(**options)
        sign_in_by_keyboard(page, signed_in_site, "nobody", lang)
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        expect(page.locator("html")).to_have_attribute("lang", lang)
        assert_accessible(page)
        page.goto(f"{signed_in_site}/konto/login/?lang={lang}")
        assert_accessible(page)
