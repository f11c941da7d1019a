"""Fixtures for the browser tests: one Chromium per session, a fresh context per test,
the web app served by pytest-django's live server on the test database (SQLite, or
PostgreSQL when DATABASE_URL names it), users per role and the published seed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from budgetkatalog.core.catalogue import Catalogue as DomainCatalogue
from tests.browser.support import PASSWORD, launch_chromium

HERE = Path(__file__).resolve().parent


USERS = {
    "finance": ("okonomi", "Økonomi & Stab"),
    "author": ("forfatter", "Økonomi & Stab"),
    "politician": ("politiker", None),
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The marker is for selection (-m browser / -m "not browser"); nothing is skipped.
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    # Playwright's sync API keeps an asyncio loop running in this thread while it is
    # open, which Django takes for an async context; the ORM calls in these tests are
    # ordinary synchronous code. Both last one module, so no other test sees either.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture
def new_page(chromium: Browser) -> Iterator[Callable[..., Page]]:
    """Pages in contexts of their own: separate cookies, so separate people."""
    contexts = []

    def make(**options: Any) -> Page:
        # bypass_csp lets the tests inject axe-core into pages whose policy forbids
        # inline scripts; the pages' own scripts still run under their policy.
        context = chromium.new_context(locale="da-DK", bypass_csp=True, **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page: Callable[..., Page]) -> Page:
    return new_page()


@pytest.fixture
def site(live_server: Any, transactional_db: None) -> str:
    """The web app's address; the test database is emptied after each test."""
    return str(live_server.url)


@pytest.fixture
def accounts(transactional_db: None) -> dict[str, str]:
    """One user per role, as the demo has them; role -> username."""
    from budgetkatalog.web.accounts.actions import do_create_department, do_create_user
    from budgetkatalog.web.accounts.models import Role

    roles = {"finance": Role.FINANCE, "author": Role.AUTHOR, "politician": Role.POLITICIAN}
    for role, (username, department_name) in USERS.items():
        department = do_create_department(None, department_name) if department_name else None
        do_create_user(None, username, PASSWORD, roles[role], department=department)
    return {role: username for role, (username, _) in USERS.items()}


@pytest.fixture
def published_seed(transactional_db: None, seed: DomainCatalogue) -> Any:
    """The seed catalogue imported and published as version 1 (/2020/katalog-2/)."""
    from budgetkatalog.web.catalogues.actions import do_import_catalogue, do_publish_catalogue

    catalogue = do_import_catalogue(None, seed, slug="katalog-2")
    do_publish_catalogue(None, catalogue.pk)
    return catalogue
