"""Sending the outbox: each due message is claimed (one conditional UPDATE, so two
workers never send the same message), sent, and marked sent; a failure is counted
and retried later with a growing pause. A message is sent at least once and, short of
the worker dying between the mail server's acceptance and the mark, exactly once."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import Q

from budgetkatalog.web.hearing.models import OutboxMessage

CLAIM = timedelta(minutes=5)
FIRST_PAUSE = timedelta(seconds=30)
LONGEST_PAUSE = timedelta(hours=1)


@dataclass(frozen=True)
class Delivery:
    sent: int
    failed: int


def pause_after(attempts: int) -> timedelta:
    pause: timedelta = FIRST_PAUSE * (2 ** max(attempts - 1, 0))
    return min(pause, LONGEST_PAUSE)


def due(at: datetime) -> list[int]:
    return list(OutboxMessage.objects
                .filter(sent_at__isnull=True, next_attempt_at__lte=at)
                .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=at))
                .order_by("next_attempt_at", "id").values_list("id", flat=True)[:500])


def _claim(message_id: int, at: datetime) -> bool:
    return bool(OutboxMessage.objects
                .filter(pk=message_id, sent_at__isnull=True)
                .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=at))
                .update(claimed_until=at + CLAIM))


def deliver_due(at: datetime) -> Delivery:
    """Send every message due at ``at``; one SMTP connection for the batch."""
    sent = failed = 0
    connection = get_connection(fail_silently=False,
                                timeout=getattr(settings, "EMAIL_TIMEOUT", None) or 10)
    try:
        for message_id in due(at):
            if not _claim(message_id, at):
                continue
            message = OutboxMessage.objects.get(pk=message_id)
            email = EmailMessage(message.subject, message.body,
                                 settings.DEFAULT_FROM_EMAIL, [message.to],
                                 connection=connection)
            try:
                email.send()
            except Exception as error:
                failed += 1
                attempts = message.attempts + 1
                OutboxMessage.objects.filter(pk=message_id).update(
                    attempts=attempts, next_attempt_at=at + pause_after(attempts),
                    claimed_until=None, last_error=f"{type(error).__name__}: {error}"[:1000])
                # A broken connection is opened afresh for the next message.
                connection.close()
                continue
            sent += 1
            OutboxMessage.objects.filter(pk=message_id).update(
                sent_at=at, attempts=message.attempts + 1, claimed_until=None, last_error="")
    finally:
        with contextlib.suppress(Exception):  # closing a dead connection
            connection.close()
    return Delivery(sent, failed)
