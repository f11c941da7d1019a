"""Sending a response over HTTP: stored with its receipt in the outbox, the same
submission twice makes one response, refusals show the sender's text back."""

from __future__ import annotations

import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from budgetkatalog.web.accounts.models import User
from budgetkatalog.web.auditlog.models import AuditEntry
from budgetkatalog.web.hearing.actions import do_close_hearing
from budgetkatalog.web.hearing.models import Attachment, Hearing, OutboxMessage, Response
from tests.web.hearing.conftest import BASE, form_token, pdf_bytes, response_post

pytestmark = pytest.mark.django_db


def test_a_response_is_stored_with_its_receipt_in_the_outbox(open_hearing: Hearing) -> None:
    client = Client()
    token = form_token(client)
    page = client.post(f"{BASE}/svar/", response_post(token))
    assert page.status_code == 200
    response = Response.objects.get()
    assert f'id="response-number">{response.pk}<' in page.content.decode()
    assert response.proposal_number == "2.4"
    assert response.proposal_title.startswith("Reduktion af administrative")
    assert response.email == "jens@example.dk"
    message = OutboxMessage.objects.get()
    assert message.to == "jens@example.dk" and message.sent_at is None
    assert str(response.pk) in message.subject
    assert "Jeg er imod forslaget" in message.body
    entry = AuditEntry.objects.get(action="hearing.submit_response")
    assert "jens" not in str(entry.changes) and "Jens" not in entry.object_repr


def test_a_response_costs_one_read_and_one_transaction_of_three_inserts(
        open_hearing: Hearing) -> None:
    """The deadline's peak is made of these POSTs: the hearing with its catalogue in one
    query, then the response, its receipt and the audit entry in one transaction."""
    client = Client()
    token = form_token(client)
    with CaptureQueriesContext(connection) as queries:
        assert client.post(f"{BASE}/svar/", response_post(token)).status_code == 200
    statements = [q["sql"].split()[0].upper() for q in queries.captured_queries
                  if q["sql"].split()[0].upper() not in ("BEGIN", "COMMIT", "SAVEPOINT",
                                                          "RELEASE")]
    assert statements == ["SELECT", "INSERT", "INSERT", "INSERT"], statements


def test_a_response_to_the_whole_catalogue(open_hearing: Hearing) -> None:
    client = Client()
    page = client.post(f"{BASE}/svar/", response_post(form_token(client), proposal=""))
    assert page.status_code == 200
    assert Response.objects.get().proposal_number == ""


def test_the_form_for_one_proposal_has_it_chosen(open_hearing: Hearing) -> None:
    html = Client().get(f"{BASE}/svar/?forslag=2.5").content.decode()
    assert '<option value="2.5" selected>' in html


def test_the_same_submission_twice_makes_one_response(open_hearing: Hearing) -> None:
    client = Client()
    data = response_post(form_token(client))
    first = client.post(f"{BASE}/svar/", data)
    second = client.post(f"{BASE}/svar/", data)
    assert first.status_code == second.status_code == 200
    assert Response.objects.count() == 1 and OutboxMessage.objects.count() == 1
    number = str(Response.objects.get().pk)
    assert f'id="response-number">{number}<' in second.content.decode()


def test_a_reused_token_with_other_content_is_refused_and_keeps_the_text(
        open_hearing: Hearing) -> None:
    client = Client()
    token = form_token(client)
    client.post(f"{BASE}/svar/", response_post(token))
    other = client.post(f"{BASE}/svar/", response_post(token, text="Et helt andet svar"))
    assert other.status_code == 409
    assert "Et helt andet svar" in other.content.decode()
    assert "Jeg er imod" not in other.content.decode()
    assert Response.objects.count() == 1


def test_missing_fields_are_reported_on_the_field_and_the_text_is_kept(
        open_hearing: Hearing) -> None:
    client = Client()
    page = client.post(f"{BASE}/svar/", response_post(form_token(client), email="ikke-en-mail",
                                                        name=""))
    html = page.content.decode()
    assert page.status_code == 400
    assert 'id="id_email-error"' in html and 'aria-invalid="true"' in html
    assert 'href="#id_name"' in html
    assert "Jeg er imod forslaget" in html
    assert Response.objects.count() == 0


def test_after_the_deadline_the_response_is_refused_with_its_text_shown(
        open_hearing: Hearing, finance: User) -> None:
    do_close_hearing(finance, open_hearing.pk)
    client = Client()
    token = form_token(client)
    page = client.post(f"{BASE}/svar/", response_post(token, text="Mit sene svar om skolen"))
    html = page.content.decode()
    assert page.status_code == 403
    assert "Høringsfristen er overskredet" in html
    assert "Mit sene svar om skolen" in html
    assert Response.objects.count() == 0 and OutboxMessage.objects.count() == 0


def test_the_honeypot_refuses_robots_but_shows_the_text(open_hearing: Hearing) -> None:
    client = Client()
    page = client.post(f"{BASE}/svar/", response_post(form_token(client),
                                                        website="http://spam.example"))
    assert page.status_code == 400
    assert "Jeg er imod forslaget" in page.content.decode()
    assert Response.objects.count() == 0


def test_a_pdf_attachment_is_stored_outside_the_web_root(open_hearing: Hearing,
                                                          hearing_files: Path) -> None:
    client = Client()
    data = response_post(form_token(client))
    data["attachments"] = SimpleUploadedFile("Mit bilag.pdf", pdf_bytes(), "application/pdf")
    page = client.post(f"{BASE}/svar/", data)
    assert page.status_code == 200
    attachment = Attachment.objects.get()
    stored = hearing_files / attachment.stored_name
    assert stored.read_bytes() == pdf_bytes()
    assert attachment.original_name == "Mit bilag.pdf"
    assert "Mit bilag.pdf" not in attachment.stored_name
    # Readable by the server's user only, from the moment it exists.
    assert stored.stat().st_mode & 0o777 == 0o600
    assert hearing_files.stat().st_mode & 0o777 == 0o700


@pytest.mark.parametrize("name,content", [
    ("virus.pdf", b"MZ\x90\x00 this is a program"),
    ("side.pdf", b"<html><script>alert(1)</script></html>"),
    ("tom.pdf", b""),
])
def test_a_file_that_is_not_a_pdf_by_content_is_refused(open_hearing: Hearing, name: str,
                                                        content: bytes,
                                                        hearing_files: Path) -> None:
    client = Client()
    data = response_post(form_token(client))
    data["attachments"] = SimpleUploadedFile(name, content, "application/pdf")
    page = client.post(f"{BASE}/svar/", data)
    if content == b"":
        # An empty file field is no attachment at all.
        assert page.status_code == 200
        assert Attachment.objects.count() == 0
        return
    assert page.status_code == 400
    assert "ikke en PDF-fil" in page.content.decode()
    assert "Jeg er imod forslaget" in page.content.decode()
    assert Response.objects.count() == 0
    assert not hearing_files.exists() or not any(hearing_files.iterdir())


def test_an_attachment_over_the_size_limit_is_refused(open_hearing: Hearing,
                                                      settings: object) -> None:
    settings.HEARING_ATTACHMENT_MAX_BYTES = 1000  # type: ignore[attr-defined]
    client = Client()
    data = response_post(form_token(client))
    big = pdf_bytes("x" * 2000)
    data["attachments"] = SimpleUploadedFile("stor.pdf", big, "application/pdf")
    page = client.post(f"{BASE}/svar/", data)
    assert page.status_code == 400
    assert "større end" in page.content.decode()
    assert Response.objects.count() == 0


def test_the_rate_limit_counts_address_and_email_together(open_hearing: Hearing,
                                                          settings: object) -> None:
    settings.HEARING_RATE_PER_SENDER = 2  # type: ignore[attr-defined]
    client = Client()
    statuses = [client.post(f"{BASE}/svar/", response_post(str(uuid.uuid4()))).status_code
                for _ in range(3)]
    assert statuses == [200, 200, 429]
    # Another person in the same office (same address, other e-mail) is not blocked.
    other = client.post(f"{BASE}/svar/", response_post(str(uuid.uuid4()),
                                                        email="anne@example.dk"))
    assert other.status_code == 200
    refused = client.post(f"{BASE}/svar/", response_post(str(uuid.uuid4()),
                                                          text="Tredje forsøg"))
    assert "Tredje forsøg" in refused.content.decode()


def test_behind_a_trusted_proxy_the_forwarded_address_is_the_client(
        open_hearing: Hearing, settings: object) -> None:
    settings.HEARING_TRUSTED_PROXY_COUNT = 1  # type: ignore[attr-defined]
    settings.HEARING_RATE_PER_SENDER = 1  # type: ignore[attr-defined]
    client = Client()
    first = client.post(f"{BASE}/svar/", response_post(str(uuid.uuid4())),
                        HTTP_X_FORWARDED_FOR="10.0.0.1")
    # A forged address in front of the real one does not give a fresh allowance.
    forged = client.post(f"{BASE}/svar/", response_post(str(uuid.uuid4())),
                         HTTP_X_FORWARDED_FOR="1.2.3.4, 10.0.0.1")
    other = client.post(f"{BASE}/svar/", response_post(str(uuid.uuid4())),
                        HTTP_X_FORWARDED_FOR="10.0.0.2")
    assert (first.status_code, forged.status_code, other.status_code) == (200, 429, 200)


def test_a_hearing_not_yet_open_refuses(open_hearing: Hearing) -> None:
    Hearing.objects.filter(pk=open_hearing.pk).update(
        opens_at=timezone.now() + timedelta(days=1), deadline=timezone.now() + timedelta(days=2))
    client = Client()
    page = client.post(f"{BASE}/svar/", response_post(form_token(client)))
    assert page.status_code == 403
    assert "Høringen er ikke åben" in page.content.decode()
