"""Error pages speak Danish (English on request), carry the site's header and offer a
way back, for visitors and staff alike."""

from __future__ import annotations

import pytest
from django.core.exceptions import BadRequest
from django.test import RequestFactory
from django.views import defaults

from budgetkatalog.web.accounts.models import User
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db


def test_an_unknown_address_gives_a_danish_404_with_the_header_and_a_way_back() -> None:
    response = client_for(None).get("/findes-ikke/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Siden findes ikke</h1>" in page
    assert 'class="site-header"' in page and 'href="/"' in page
    assert "Til forsiden" in page and "/soeg/" in page


def test_the_404_page_speaks_english_when_asked() -> None:
    page = client_for(None).get("/findes-ikke/?lang=en").content.decode()
    assert "<h1>Page not found</h1>" in page and "Go to the front page" in page


def test_a_forbidden_staff_page_gives_a_danish_403(author: User) -> None:
    response = client_for(author).get("/personale/revisionslog/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "<h1>Ingen adgang</h1>" in page and "Til forsiden" in page


def test_bad_requests_and_server_errors_have_pages_of_their_own() -> None:
    request = RequestFactory().get("/")
    bad = defaults.bad_request(request, BadRequest("x"))
    assert bad.status_code == 400
    assert "Forkert forespørgsel" in bad.content.decode()
    broken = defaults.server_error(request)
    assert broken.status_code == 500
    page = broken.content.decode()
    assert "Der opstod en fejl" in page and 'href="/"' in page and 'lang="da"' in page
