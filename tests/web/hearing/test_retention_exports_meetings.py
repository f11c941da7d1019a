"""Exports (safe cells, only permitted roles), attachments' access, retention with its
archive rule, access requests, and dialogue meetings with their calendar entry."""

from __future__ import annotations

import io
import json
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from budgetkatalog.exporters.cells import safe_text
from budgetkatalog.web.accounts.models import User
from budgetkatalog.web.hearing.actions import (
    MeetingData,
    MeetingFull,
    ResponseData,
    do_create_meeting,
    do_publish_response,
    do_sign_up,
    do_submit_response,
)
from budgetkatalog.web.hearing.files import IncomingFile
from budgetkatalog.web.hearing.models import (
    Attachment,
    Hearing,
    OutboxMessage,
    Response,
    SenderType,
)
from budgetkatalog.web.hearing.periods import local_instant
from tests.web.conftest import client_for
from tests.web.hearing.conftest import BASE, pdf_bytes

pytestmark = pytest.mark.django_db


def submit(hearing: Hearing, text: str, *, email: str = "sofie@example.dk",
           with_file: bool = False, at: datetime | None = None) -> Response:
    files = (IncomingFile("bilag.pdf", pdf_bytes()),) if with_file else ()
    return do_submit_response(hearing.pk, ResponseData(
        token=uuid.uuid4(), sender_type=SenderType.ASSOCIATION, name="Sofie",
        email=email, text=text, proposal_number="2.4", consent_name=True, files=files),
        at=at or timezone.now()).response


@pytest.mark.parametrize("text", ["=1+1", "+45", "-2", "@SUM(A1)", "\tx", "\rx", "\nx",
                                  "{=A1}"])
def test_cells_that_a_spreadsheet_would_read_as_formulas_are_neutralised(text: str) -> None:
    assert safe_text(text) == "'" + text


def test_the_workbook_keeps_formula_text_as_text(open_hearing: Hearing, finance: User) -> None:
    response = submit(open_hearing, "=HYPERLINK(\"http://x\")")
    do_publish_response(finance, response.pk, public={}, reasons={})
    page = client_for(finance).get(f"/personale/hoering/{open_hearing.pk}/eksport.xlsx")
    assert page.status_code == 200
    assert page["Content-Disposition"].startswith("attachment;")
    sheet = load_workbook(io.BytesIO(page.content)).active
    assert sheet is not None
    texts = [c.value for c in sheet["J"]]
    assert "'=HYPERLINK(\"http://x\")" in texts
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_politicians_get_published_responses_without_personal_data(
        open_hearing: Hearing, finance: User, politician: User) -> None:
    published = submit(open_hearing, "Offentligt svar", email="synlig@example.dk")
    submit(open_hearing, "Upubliceret svar")
    do_publish_response(finance, published.pk, public={}, reasons={})
    page = client_for(politician).get(
        f"/personale/hoering/{open_hearing.pk}/eksport.xlsx?forslag=2.4")
    assert page.status_code == 200
    sheet = load_workbook(io.BytesIO(page.content)).active
    assert sheet is not None
    values = [str(c.value) for row in sheet.iter_rows() for c in row]
    assert "Offentligt svar" in values
    assert "Upubliceret svar" not in values
    assert not any("@example.dk" in v for v in values)
    # A politician's export is not the archive export.
    assert Hearing.objects.get(pk=open_hearing.pk).archived_at is None


@pytest.mark.parametrize("who", ["anonymous", "author"])
def test_exports_are_refused_to_others(open_hearing: Hearing, author: User, who: str) -> None:
    client = Client() if who == "anonymous" else client_for(author)
    page = client.get(f"/personale/hoering/{open_hearing.pk}/eksport.xlsx")
    assert page.status_code in (302, 404)
    assert b"PK" not in page.content[:2]


def test_attachments_are_served_only_as_attachments_to_those_allowed(
        open_hearing: Hearing, finance: User, politician: User) -> None:
    response = submit(open_hearing, "Med bilag", with_file=True)
    attachment = Attachment.objects.get()
    url = f"/hoering/bilag/{attachment.pk}/"
    assert Client().get(url).status_code == 404
    assert client_for(politician).get(url).status_code == 404
    staff = client_for(finance).get(url)
    assert staff.status_code == 200
    assert staff["Content-Disposition"].startswith("attachment;")
    assert staff["X-Content-Type-Options"] == "nosniff"
    assert staff["Content-Type"] == "application/pdf"
    assert b"".join(staff.streaming_content) == pdf_bytes()  # type: ignore[attr-defined]
    do_publish_response(finance, response.pk, public={}, reasons={})
    assert Client().get(url).status_code == 404  # published text, attachment not chosen
    do_publish_response(finance, response.pk, public={}, reasons={},
                        public_attachments=[attachment.pk])
    assert Client().get(url).status_code == 200


def test_retention_refuses_without_an_archive_export_then_deletes_rows_and_files(
        open_hearing: Hearing, finance: User, hearing_files: Path,
        django_capture_on_commit_callbacks: Any) -> None:
    old = timezone.now() - timedelta(days=800)
    Hearing.objects.filter(pk=open_hearing.pk).update(opens_at=old - timedelta(days=1))
    submit(open_hearing, "Gammelt svar", with_file=True, at=old)
    recent = submit(open_hearing, "Nyt svar")
    stored = hearing_files / Attachment.objects.get().stored_name
    assert stored.exists()
    with pytest.raises(CommandError, match="archive export"):
        call_command("purge_hearing_data", "--days", "730")
    assert Response.objects.count() == 2 and stored.exists()
    client_for(finance).get(f"/personale/hoering/{open_hearing.pk}/eksport.xlsx")
    out = io.StringIO()
    # The files go once the deletion has committed.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_hearing_data", "--days", "730", stdout=out)
    assert "deleted 1 responses, 1 files" in out.getvalue()
    assert list(Response.objects.values_list("pk", flat=True)) == [recent.pk]
    assert Attachment.objects.count() == 0 and not stored.exists()
    assert OutboxMessage.objects.filter(response__isnull=True).count() == 0
    assert not Response.objects.filter(text="Gammelt svar").exists()


def test_an_access_request_lists_everything_about_one_address(open_hearing: Hearing) -> None:
    submit(open_hearing, "Første", email="Person@Example.dk")
    submit(open_hearing, "Andet", email="person@example.dk")
    submit(open_hearing, "Fremmed", email="anden@example.dk")
    out = io.StringIO()
    call_command("export_person_data", "person@example.dk", stdout=out)
    records = json.loads(out.getvalue())
    assert [r["text"] for r in records] == ["Første", "Andet"]


def test_meetings_are_listed_signed_up_to_and_given_as_calendar_entries(
        open_hearing: Hearing, finance: User) -> None:
    starts = local_instant(datetime.now().replace(microsecond=0) + timedelta(days=3))
    meeting = do_create_meeting(finance, open_hearing.pk, MeetingData(
        title="Dialogmøde om administrationen", starts_at=starts,
        ends_at=starts + timedelta(hours=2), place="Rådhuset, byrådssalen", capacity=1,
        accessibility="Niveaufri adgang, teleslynge", proposal_numbers=("2.4",)))
    client = Client()
    assert "Dialogmøde om administrationen" in client.get(f"{BASE}/").content.decode()
    url = f"{BASE}/moeder/{meeting.pk}/"
    first = client.post(url, {"name": "Ole", "email": "ole@example.dk"})
    assert first.status_code == 200 and "Ole er tilmeldt" in first.content.decode()
    full = Client().post(url, {"name": "Per", "email": "per@example.dk"})
    assert full.status_code == 409 and "fuldt" in full.content.decode()
    again = do_sign_up(meeting.pk, name="Ole", email="OLE@example.dk")
    assert again.name == "Ole"
    with pytest.raises(MeetingFull):
        do_sign_up(meeting.pk, name="Per", email="per@example.dk")
    ics = client.get(f"{url}kalender.ics")
    body = ics.content.decode()
    assert ics["Content-Type"].startswith("text/calendar")
    assert "BEGIN:VEVENT" in body and "LOCATION:Rådhuset\\, byrådssalen" in body
    assert f"DTSTART:{starts.astimezone().strftime('%Y%m%d')}" in body
    assert "ole@example.dk" not in client.get(url).content.decode()
