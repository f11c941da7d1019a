"""Receipts go through the outbox to a real SMTP server (aiosmtpd, started here). With
the server down every response is kept; when it is back, each receipt is sent once."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from budgetkatalog.web.hearing.actions import ResponseData, do_submit_response
from budgetkatalog.web.hearing.models import Hearing, OutboxMessage, Response, SenderType
from budgetkatalog.web.hearing.outbox import deliver_due
from tests.web.hearing.mail import MailServer, mail_server_fixture  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db


def submit(hearing: Hearing, n: int) -> Response:
    return do_submit_response(hearing.pk, ResponseData(
        token=uuid.uuid4(), sender_type=SenderType.CITIZEN, name=f"Borger {n}",
        email=f"borger{n}@example.dk", text=f"Svar nummer {n}"), at=timezone.now()).response


def test_a_receipt_reaches_the_mail_server_with_the_response_number(
        open_hearing: Hearing, mail_server: MailServer) -> None:
    response = submit(open_hearing, 1)
    result = deliver_due(timezone.now())
    assert (result.sent, result.failed) == (1, 0)
    [(to, subject, body)] = mail_server.inbox.messages
    assert to == ["borger1@example.dk"]
    assert str(response.pk) in subject
    assert f"Høringssvar nr. {response.pk}" in body and "Svar nummer 1" in body
    assert OutboxMessage.objects.get().sent_at is not None


def test_with_the_mail_server_down_nothing_is_lost_and_each_receipt_goes_once(
        open_hearing: Hearing, mail_server: MailServer) -> None:
    mail_server.stop()
    responses = [submit(open_hearing, n) for n in range(6)]
    now = timezone.now()
    down = deliver_due(now)
    assert (down.sent, down.failed) == (0, 6)
    assert Response.objects.count() == 6
    message = OutboxMessage.objects.first()
    assert message is not None and message.attempts == 1 and message.last_error
    # Not retried before its pause is over.
    assert deliver_due(now + timedelta(seconds=1)).failed == 0
    mail_server.start()
    later = now + timedelta(minutes=5)
    back = deliver_due(later)
    assert (back.sent, back.failed) == (6, 0)
    assert deliver_due(later + timedelta(hours=2)).sent == 0
    received = sorted(to[0] for to, _, _ in mail_server.inbox.messages)
    assert received == sorted(f"borger{n}@example.dk" for n in range(6))
    subjects = [subject for _, subject, _ in mail_server.inbox.messages]
    for response in responses:
        assert sum(str(response.pk) in s.split()[-1] for s in subjects) == 1


def test_a_message_claimed_by_another_worker_is_not_sent_twice(
        open_hearing: Hearing, mail_server: MailServer) -> None:
    submit(open_hearing, 1)
    now = timezone.now()
    OutboxMessage.objects.update(claimed_until=now + timedelta(minutes=5))
    assert deliver_due(now).sent == 0
    assert mail_server.inbox.messages == []
    assert deliver_due(now + timedelta(minutes=6)).sent == 1
