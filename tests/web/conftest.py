from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.cache import cache
from django.test import Client

from budgetkatalog.core.catalogue import Catalogue as DomainCatalogue
from budgetkatalog.web.accounts.actions import do_create_department, do_create_user
from budgetkatalog.web.accounts.models import Department, Role, User
from budgetkatalog.web.catalogues.actions import do_import_catalogue, do_publish_catalogue
from budgetkatalog.web.catalogues.models import Catalogue

PASSWORD = "a-long-test-password-1"


@pytest.fixture(autouse=True)
def empty_page_cache() -> None:
    # Database ids repeat between tests (each rolls back), so cached pages must not.
    cache.clear()


@pytest.fixture
def published_seed(db: None, seed: DomainCatalogue) -> Catalogue:
    """The seed catalogue imported and published as version 1."""
    catalogue = do_import_catalogue(None, seed, slug="katalog-2")
    do_publish_catalogue(None, catalogue.pk)
    catalogue.refresh_from_db()
    return catalogue


@pytest.fixture
def finance_department(db: None) -> Department:
    return do_create_department(None, "Økonomi & Stab")


@pytest.fixture
def other_department(db: None) -> Department:
    return do_create_department(None, "Miljø & Teknik")


@pytest.fixture
def make_user(db: None) -> Callable[..., User]:
    def make(username: str, role: Role, department: Department | None = None) -> User:
        return do_create_user(None, username, PASSWORD, role, department=department)
    return make


@pytest.fixture
def finance(make_user: Callable[..., User], finance_department: Department) -> User:
    return make_user("okonomi", Role.FINANCE, finance_department)


@pytest.fixture
def author(make_user: Callable[..., User], finance_department: Department) -> User:
    return make_user("forfatter", Role.AUTHOR, finance_department)


@pytest.fixture
def other_author(make_user: Callable[..., User], other_department: Department) -> User:
    return make_user("anden", Role.AUTHOR, other_department)


@pytest.fixture
def politician(make_user: Callable[..., User]) -> User:
    return make_user("politiker", Role.POLITICIAN)


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client
