"""Role × response state × every hearing view: an unpublished response, a sender's
e-mail address or phone number, and an unpublished attachment never reach anyone
without the right — not on a page, by URL guess, in a filter, an export or a download.

The response under test carries a marker word in its text, the sender's e-mail and a
phone number; its attachment carries its own bytes. Finance staff see everything;
everyone else sees the published, masked text, and the attachment only when staff
published it too."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from budgetkatalog.web.accounts.models import Department, Role, User
from budgetkatalog.web.hearing.actions import (
    MeetingData,
    ResponseData,
    do_create_meeting,
    do_publish_response,
    do_sign_up,
    do_submit_response,
    do_withhold_response,
)
from budgetkatalog.web.hearing.files import IncomingFile
from budgetkatalog.web.hearing.models import (
    Attachment,
    DialogueMeeting,
    Hearing,
    Response,
    SenderType,
)
from tests.web.conftest import client_for
from tests.web.hearing.conftest import BASE, pdf_bytes

pytestmark = pytest.mark.django_db

MARKER = "Kvantehøringsord"
EMAIL = "hemmelig.afsender@example.dk"
PHONE = "61 62 63 64"
ATTACHMENT = pdf_bytes("Bilagsmarkoer")
STATES = ("received", "published", "published_with_attachment", "withheld")
ROLES = ("anonymous", "politician", "other_author", "own_author", "finance")


@pytest.fixture
def users(make_user: Callable[..., User], finance_department: Department,
          other_department: Department) -> dict[str, User | None]:
    return {
        "anonymous": None,
        "politician": make_user("p", Role.POLITICIAN),
        "other_author": make_user("oa", Role.AUTHOR, other_department),
        "own_author": make_user("a", Role.AUTHOR, finance_department),
        "finance": make_user("f", Role.FINANCE, finance_department),
    }


def put_in_state(state: str, hearing: Hearing, finance: User) -> Response:
    response = do_submit_response(hearing.pk, ResponseData(
        token=uuid.uuid4(), sender_type=SenderType.BOARD, name="Navn Navnesen",
        email=EMAIL, text=f"{MARKER}: ring {PHONE} eller skriv {EMAIL}.",
        proposal_number="2.4", consent_name=True,
        files=(IncomingFile("bilag.pdf", ATTACHMENT),)), at=timezone.now()).response
    if state == "received":
        return response
    attachment = Attachment.objects.get(response=response)
    do_publish_response(finance, response.pk, public={}, reasons={},
                        public_attachments=[attachment.pk]
                        if state == "published_with_attachment" else [])
    if state == "withheld":
        do_withhold_response(finance, response.pk, reason="Test")
    return Response.objects.get(pk=response.pk)


def urls(hearing: Hearing, response: Response) -> dict[str, str]:
    attachment = Attachment.objects.get(response=response)
    meeting = DialogueMeeting.objects.get(hearing=hearing)
    return {
        "hearing page": f"{BASE}/",
        "filtered by proposal": f"{BASE}/?forslag=2.4",
        "filtered by sender": f"{BASE}/?afsender=board",
        "response page": f"{BASE}/svar/{response.pk}/",
        "form": f"{BASE}/svar/",
        "attachment": f"/hoering/bilag/{attachment.pk}/",
        "staff hearings": "/personale/hoering/",
        "staff hearing": f"/personale/hoering/{hearing.pk}/",
        "moderation": f"/personale/hoering/svar/{response.pk}/",
        "export": f"/personale/hoering/{hearing.pk}/eksport.xlsx",
        "export proposal": f"/personale/hoering/{hearing.pk}/eksport.xlsx?forslag=2.4",
        "pdf bundle": f"/personale/hoering/{hearing.pk}/eksport.pdf",
        "pdf bundle proposal": f"/personale/hoering/{hearing.pk}/eksport.pdf?forslag=2.4",
        "meeting": f"{BASE}/moeder/{meeting.pk}/",
        "meeting calendar": f"{BASE}/moeder/{meeting.pk}/kalender.ics",
        "staff meeting": f"/personale/hoering/moeder/{meeting.pk}/",
    }


def body(answer: object) -> bytes:
    if getattr(answer, "streaming", False):
        return b"".join(answer.streaming_content)  # type: ignore[attr-defined]
    return bytes(answer.content)  # type: ignore[attr-defined]


def xlsx_text(content: bytes) -> str:
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    return "\n".join(str(c.value) for row in sheet.iter_rows() for c in row)


def pdf_text(content: bytes) -> str:
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def readable(raw: bytes) -> str:
    if raw[:2] == b"PK":
        return xlsx_text(raw)
    if raw[:5] == b"%PDF-" and raw != ATTACHMENT:
        return pdf_text(raw)
    return raw.decode("utf-8", "replace")


@pytest.mark.parametrize("state", STATES)
def test_no_view_leaks_an_unpublished_response_or_personal_data(
        state: str, open_hearing: Hearing, users: dict[str, User | None]) -> None:
    finance = users["finance"]
    assert finance is not None
    response = put_in_state(state, open_hearing, finance)
    published = state.startswith("published")
    # A dialogue meeting the same person signed up to: the address stays private too.
    starts = timezone.now() + timedelta(days=3)
    meeting = do_create_meeting(finance, open_hearing.pk, MeetingData(
        title="Dialogmøde", starts_at=starts, ends_at=starts + timedelta(hours=2),
        place="Rådhuset", capacity=5))
    do_sign_up(meeting.pk, name="Navn Navnesen", email=EMAIL)
    leaks = []
    for role in ROLES:
        user = users[role]
        client = client_for(user) if user is not None else Client()
        for view, url in urls(open_hearing, response).items():
            answer = client.get(url)
            raw = body(answer)
            text = readable(raw)
            if role == "finance":
                continue  # finance staff may see all; checked separately below
            if MARKER in text and not published:
                leaks.append((role, view, "unpublished text"))
            if EMAIL in text:
                leaks.append((role, view, "e-mail"))
            if PHONE in text:
                leaks.append((role, view, "phone"))
            if (raw == ATTACHMENT or "Bilagsmarkoer" in text) and \
                    state != "published_with_attachment":
                leaks.append((role, view, "attachment"))
            if "Navn Navnesen" in text and not published:
                leaks.append((role, view, "name"))
    assert leaks == []


@pytest.mark.parametrize("state", STATES)
def test_what_each_role_does_see(state: str, open_hearing: Hearing,
                                 users: dict[str, User | None]) -> None:
    finance = users["finance"]
    assert finance is not None
    response = put_in_state(state, open_hearing, finance)
    published = state.startswith("published")
    anonymous = Client()
    page = anonymous.get(f"{BASE}/svar/{response.pk}/")
    assert page.status_code == (200 if published else 404)
    if published:
        assert MARKER in page.content.decode()
    download = anonymous.get(f"/hoering/bilag/{Attachment.objects.get().pk}/")
    assert download.status_code == (200 if state == "published_with_attachment" else 404)
    staff = client_for(finance)
    moderation = staff.get(f"/personale/hoering/svar/{response.pk}/").content.decode()
    assert MARKER in moderation and EMAIL in moderation
    assert body(staff.get(f"/hoering/bilag/{Attachment.objects.get().pk}/")) == ATTACHMENT
    assert EMAIL in xlsx_text(staff.get(f"/personale/hoering/{open_hearing.pk}/eksport.xlsx")
                              .content)
    politician = client_for(users["politician"])
    export = politician.get(f"/personale/hoering/{open_hearing.pk}/eksport.xlsx")
    assert export.status_code == 200
    assert (MARKER in xlsx_text(export.content)) == published
    # The PDF bundle: the attachment's own text shows the matrix would see it merged.
    bundle = f"/personale/hoering/{open_hearing.pk}/eksport.pdf"
    full = pdf_text(staff.get(bundle).content)
    assert EMAIL in full and "Bilagsmarkoer" in full
    public = pdf_text(politician.get(bundle).content)
    assert ("Bilagsmarkoer" in public) == (state == "published_with_attachment")


@pytest.mark.parametrize("role", ["anonymous", "politician", "own_author"])
def test_only_finance_staff_moderate(role: str, open_hearing: Hearing,
                                     users: dict[str, User | None]) -> None:
    finance = users["finance"]
    assert finance is not None
    response = put_in_state("received", open_hearing, finance)
    user = users[role]
    client = client_for(user) if user is not None else Client()
    attempt = client.post(f"/personale/hoering/svar/{response.pk}/", {
        "action": "publish", "public_name": "", "public_organisation": "",
        "public_text": "x"})
    assert attempt.status_code in (302, 404)
    if attempt.status_code == 302:
        assert "/konto/login/" in attempt["Location"]
    close = client.post(f"/personale/hoering/{open_hearing.pk}/", {"action": "close"})
    assert close.status_code in (302, 404)
    assert Response.objects.get(pk=response.pk).state == "received"
    assert Hearing.objects.get(pk=open_hearing.pk).closed_early is False
