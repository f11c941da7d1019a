"""Single sign-on in a real browser: Chromium follows the log-in page's link to a real
OpenID Connect provider (npm's oidc-provider, started by the test), signs in there by
keyboard and comes back signed in, or to a Danish (or English) refusal page; logging
out goes on to the provider's log-out page and back. The new pages pass axe-core at
desktop width and at 390 px."""

from __future__ import annotations

import re
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
    logged_out = f"{live_server.url}/konto/sso/logget-ud/"
    yield from oidc_support.run_provider(Path(tmp_path_factory.mktemp("oidc")), (callback,),
                                         (logged_out,))


def environment(issuer: str) -> dict[str, str]:
    return {"BUDGETKATALOG_OIDC_ISSUER": issuer,
            "BUDGETKATALOG_OIDC_CLIENT_ID": oidc_support.CLIENT_ID,
            "BUDGETKATALOG_OIDC_CLIENT_SECRET": oidc_support.CLIENT_SECRET,
            "BUDGETKATALOG_OIDC_NAME": "Albertslund Kommunes login",
            "BUDGETKATALOG_OIDC_ROLE_MAP": '{"BK-Oekonomi": "finance"}'}


@pytest.fixture
def signed_in_site(site: str, provider: Provider) -> Iterator[str]:
    provider.set_accounts(ACCOUNTS)
    config = sso.from_environ(environment(provider.issuer))
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


def log_out_by_keyboard(page: Page, login: str, lang: str = "da") -> None:
    """Focus the header's log-out button and press Enter."""
    name = "Log ud" if lang == "da" else "Log out"
    page.get_by_role("button", name=f"{name} ({login})").focus()
    page.keyboard.press("Enter")


def test_logging_out_ends_the_provider_s_session_too_and_the_next_person_is_asked_who(
        signed_in_site: str, chromium: Browser) -> None:
    # Under the site's own content security policy: its form-action 'self' must not stop
    # the way on to the provider.
    context = chromium.new_context(locale="da-DK")
    context.set_default_timeout(10_000)
    try:
        page = context.new_page()
        sign_in_by_keyboard(page, signed_in_site, "mette")
        expect(page).to_have_url(f"{signed_in_site}/personale/")
        log_out_by_keyboard(page, "mette@kommune.dk")
        # the provider's own log-out page asks; the person confirms
        yes = page.get_by_role("button", name="Yes, sign me out")
        yes.focus()
        page.keyboard.press("Enter")
        expect(page).to_have_url(re.compile(
            re.escape(f"{signed_in_site}/konto/sso/logget-ud/?state=") + ".+"))
        expect(page.locator("#sso-logged-out")).to_have_text(
            "Du er logget ud af Budgetkatalog og af Albertslund Kommunes login.")
        # the next person at this browser: the provider shows its log-in form again
        # (sign_in_by_keyboard waits for it) rather than signing mette straight back in
        sign_in_by_keyboard(page, signed_in_site, "mette")
        expect(page).to_have_url(f"{signed_in_site}/personale/")
    finally:
        context.close()


@pytest.mark.parametrize("lang, logged_out, still_signed_in", [
    ("da", "Du er logget ud af Budgetkatalog og af", "men ikke af Albertslund"),
    ("en", "You are logged out of Budgetkatalog and of", "but not of Albertslund")])
def test_the_logged_out_pages_are_accessible(
        signed_in_site: str, provider: Provider, new_page: Callable[..., Page], lang: str,
        logged_out: str, still_signed_in: str) -> None:
    """The page back from the provider, and the warning when the provider cannot be
    asked (here: not answering at log-out time)."""
    down = sso.from_environ(environment("http://127.0.0.1:9/nowhere"))
    for options in ({}, PHONE):
        page = new_page(**options)
        sign_in_by_keyboard(page, signed_in_site, "mette", lang)
        log_out_by_keyboard(page, "mette@kommune.dk", lang)
        page.get_by_role("button", name="Yes, sign me out").click()
        expect(page.locator("#sso-logged-out")).to_contain_text(logged_out)
        expect(page.locator("html")).to_have_attribute("lang", lang)
        assert_accessible(page)
        sign_in_by_keyboard(page, signed_in_site, "mette", lang)
        expect(page).to_have_url(f"{signed_in_site}/personale/")  # back before the change
        with override_settings(BUDGETKATALOG_SSO=down):
            log_out_by_keyboard(page, "mette@kommune.dk", lang)
            expect(page.locator("#sso-still-signed-in")).to_contain_text(still_signed_in)
        assert_accessible(page)
