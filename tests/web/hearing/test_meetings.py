"""Finance staff change and cancel dialogue meetings; the citizens who signed up are
told by e-mail through the outbox, and the calendar entry follows (SEQUENCE, STATUS)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from budgetkatalog.web.accounts.models import User
from budgetkatalog.web.auditlog.models import AuditEntry
from budgetkatalog.web.hearing.actions import (
    InvalidHearing,
    MeetingData,
    do_create_meeting,
    do_sign_up,
    do_update_meeting,
)
from budgetkatalog.web.hearing.models import DialogueMeeting, Hearing, OutboxMessage
from budgetkatalog.web.hearing.outbox import deliver_due
from budgetkatalog.web.hearing.periods import local_instant
from tests.web.conftest import client_for
from tests.web.hearing.conftest import BASE

pytestmark = pytest.mark.django_db


def wall(days: int, hour: int) -> datetime:
    day = datetime.now().replace(microsecond=0) + timedelta(days=days)
    return day.replace(hour=hour, minute=0, second=0)


@pytest.fixture
def meeting(open_hearing: Hearing, finance: User) -> DialogueMeeting:
    starts = local_instant(wall(5, 19))
    item = do_create_meeting(finance, open_hearing.pk, MeetingData(
        title="Dialogmøde om dagtilbud", starts_at=starts, ends_at=starts + timedelta(hours=2),
        place="Rådhuset, mødesal 1", capacity=3, proposal_numbers=("2.4",)))
    do_sign_up(item.pk, name="Ole", email="ole@example.dk")
    do_sign_up(item.pk, name="Kirsten", email="kirsten@example.dk")
    return item


def edit_post(**changes: str) -> dict[str, str]:
    data = {"action": "update", "moede-title": "Dialogmøde om dagtilbud",
            "moede-starts_at": wall(5, 19).isoformat(), "moede-ends_at": wall(5, 21).isoformat(),
            "moede-place": "Rådhuset, mødesal 1", "moede-accessibility": "",
            "moede-proposals": "2.4", "moede-capacity": "3"}
    data.update({f"moede-{k}": v for k, v in changes.items()})
    return data


def test_staff_move_a_meeting_and_the_signed_up_are_told(
        meeting: DialogueMeeting, finance: User) -> None:
    staff = client_for(finance)
    url = f"/personale/hoering/moeder/{meeting.pk}/"
    page = staff.get(url)
    assert page.status_code == 200 and 'value="Rådhuset, mødesal 1"' in page.content.decode()
    answer = staff.post(url, edit_post(place="Biblioteket, salen",
                                       starts_at=wall(6, 18).isoformat(),
                                       ends_at=wall(6, 20).isoformat()))
    assert answer.status_code == 302
    meeting.refresh_from_db()
    assert meeting.place == "Biblioteket, salen" and meeting.sequence == 1
    assert meeting.starts_at == local_instant(wall(6, 18))
    told = OutboxMessage.objects.filter(signup__meeting=meeting).order_by("to")
    assert [m.to for m in told] == ["kirsten@example.dk", "ole@example.dk"]
    assert all("er ændret" in m.subject and "Biblioteket, salen" in m.body for m in told)
    entry = AuditEntry.objects.get(action="hearing.update_meeting")
    assert entry.changes["changed"]["place"] == ["Rådhuset, mødesal 1", "Biblioteket, salen"]
    assert entry.changes["told"] == 2 and "ole@example.dk" not in str(entry.changes)
    ics = Client().get(f"{BASE}/moeder/{meeting.pk}/kalender.ics").content.decode()
    assert "SEQUENCE:1" in ics and "STATUS:CONFIRMED" in ics and "Biblioteket" in ics
    assert deliver_due(timezone.now()).sent == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["kirsten@example.dk", "ole@example.dk"]


def test_a_change_nobody_needs_to_hear_about_sends_nothing(
        meeting: DialogueMeeting, finance: User) -> None:
    client_for(finance).post(f"/personale/hoering/moeder/{meeting.pk}/",
                             edit_post(capacity="10"))
    meeting.refresh_from_db()
    assert meeting.capacity == 10
    assert not OutboxMessage.objects.filter(signup__meeting=meeting).exists()


def test_places_cannot_drop_below_the_sign_ups(meeting: DialogueMeeting, finance: User) -> None:
    answer = client_for(finance).post(f"/personale/hoering/moeder/{meeting.pk}/",
                                      edit_post(capacity="1"), follow=True)
    assert "allerede 2 tilmeldte" in answer.content.decode()
    meeting.refresh_from_db()
    assert meeting.capacity == 3 and meeting.sequence == 0


def test_a_cancelled_meeting_tells_its_sign_ups_and_takes_no_more(
        meeting: DialogueMeeting, finance: User) -> None:
    staff = client_for(finance)
    url = f"/personale/hoering/moeder/{meeting.pk}/"
    refused = staff.post(url, {"action": "cancel", "aflys-reason": ""})
    assert refused.status_code == 400
    assert staff.post(url, {"action": "cancel",
                            "aflys-reason": "Salen er ikke ledig."}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.cancelled_at is not None and meeting.sequence == 1
    told = list(OutboxMessage.objects.filter(signup__meeting=meeting))
    assert len(told) == 2
    assert all("aflyst" in m.subject and "Salen er ikke ledig." in m.body for m in told)
    public = Client()
    page = public.get(f"{BASE}/moeder/{meeting.pk}/").content.decode()
    assert "Mødet er aflyst" in page and 'name="email"' not in page
    assert "aflyst" in public.get(f"{BASE}/").content.decode()
    late = public.post(f"{BASE}/moeder/{meeting.pk}/", {"name": "Per", "email": "per@example.dk"})
    assert late.status_code == 409
    ics = public.get(f"{BASE}/moeder/{meeting.pk}/kalender.ics").content.decode()
    assert "STATUS:CANCELLED" in ics and "SEQUENCE:1" in ics
    with pytest.raises(InvalidHearing):
        do_update_meeting(finance, meeting.pk, MeetingData(
            title="x", starts_at=meeting.starts_at, ends_at=meeting.ends_at, place="y",
            capacity=3))
    assert 'name="action" value="update"' not in staff.get(url).content.decode()


@pytest.mark.parametrize("who", ["anonymous", "politician", "author"])
def test_only_finance_staff_change_meetings(
        meeting: DialogueMeeting, who: str, politician: User, author: User) -> None:
    client = {"anonymous": Client(), "politician": client_for(politician),
              "author": client_for(author)}[who]
    url = f"/personale/hoering/moeder/{meeting.pk}/"
    assert client.get(url).status_code in (302, 404)
    assert client.post(url, {"action": "cancel", "aflys-reason": "x"}).status_code in (302, 404)
    meeting.refresh_from_db()
    assert meeting.cancelled_at is None
