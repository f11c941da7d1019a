"""The accessibility statement in the form Danish public bodies use: scope, status,
known issues, dates, e-mail and phone, and the complaint link; finance staff edit it,
nobody else can."""

from __future__ import annotations

import pytest

from budgetkatalog.web.accounts.models import User
from budgetkatalog.web.auditlog.models import AuditEntry
from budgetkatalog.web.public.models import DIGST_COMPLAINTS
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db

FORM = {"organisation": "Strandvig Kommune", "compliance": "partial",
        "scope": "Budgetkataloget og høringen.",
        "known_issues": "Ældre PDF-tekster har orddeling.",
        "prepared_on": "2026-09-01", "reviewed_on": "2026-11-15",
        "contact_email": "web@strandvig.dk", "contact_phone": "43 21 00 00",
        "complaint_url": DIGST_COMPLAINTS}


def test_the_statement_has_every_part_the_rules_ask_for_before_anyone_edits_it() -> None:
    page = client_for(None).get("/tilgaengelighed/").content.decode()
    for heading in ("Omfang", "Overholdelsesstatus", "Ikke-tilgængeligt indhold",
                    "Udarbejdelse af erklæringen", "Feedback og kontaktoplysninger",
                    "Håndhævelsesprocedure"):
        assert f"<h2>{heading}</h2>" in page
    assert f'href="{DIGST_COMPLAINTS}"' in page
    assert "Redigér erklæringen" not in page


def test_finance_staff_edit_it_and_the_public_page_shows_it(finance: User) -> None:
    response = client_for(finance).post("/personale/tilgaengelighed/", FORM)
    assert response.status_code == 302
    page = client_for(None).get("/tilgaengelighed/").content.decode()
    assert "Strandvig Kommune er forpligtet" in page
    assert '<time datetime="2026-11-15">15. november 2026</time>' in page
    assert 'href="mailto:web@strandvig.dk"' in page and 'href="tel:43210000"' in page
    assert "delvist" in page
    entry = AuditEntry.objects.get(action="update_accessibility_statement")
    assert entry.changes["contact_email"] == ["", "web@strandvig.dk"]


def test_a_bad_value_is_named_at_its_field_and_nothing_is_saved(finance: User) -> None:
    response = client_for(finance).post("/personale/tilgaengelighed/",
                                        {**FORM, "contact_email": "ikke en adresse",
                                         "reviewed_on": "31-02-2026"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_contact_email-error"' in page and 'id="id_reviewed_on-error"' in page
    assert "Strandvig" not in client_for(None).get("/tilgaengelighed/").content.decode()


def test_only_finance_staff_may_edit(author: User) -> None:
    assert client_for(author).get("/personale/tilgaengelighed/").status_code == 403
    assert client_for(author).post("/personale/tilgaengelighed/", FORM).status_code == 403
    assert client_for(None).get("/personale/tilgaengelighed/").status_code == 302
