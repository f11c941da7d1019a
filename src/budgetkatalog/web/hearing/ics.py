"""A dialogue meeting as an iCalendar (RFC 5545) entry, in UTC so that every
calendar places it right whatever its own time zone."""

from __future__ import annotations

from datetime import UTC, datetime

from budgetkatalog.web.hearing.models import DialogueMeeting


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space."""
    out, current = [], b""
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > 75:
            out.append(current.decode())
            current = b" "
        current += encoded
    out.append(current.decode())
    return "\r\n".join(out)


def _utc(instant: datetime) -> str:
    return instant.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def meeting_calendar(meeting: DialogueMeeting, url: str, host: str) -> str:
    description = meeting.accessibility
    if meeting.proposal_numbers:
        description = ("Forslag: " + ", ".join(meeting.proposal_numbers) + "\n"
                       + description)
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Budgetkatalog//Dialogmøde//DA",
        "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "BEGIN:VEVENT",
        f"UID:dialogmoede-{meeting.pk}@{host.split(':')[0] or 'budgetkatalog'}",
        f"DTSTAMP:{_utc(datetime.now(UTC))}", f"SEQUENCE:{meeting.sequence}",
        f"STATUS:{'CANCELLED' if meeting.cancelled_at is not None else 'CONFIRMED'}",
        f"DTSTART:{_utc(meeting.starts_at)}", f"DTEND:{_utc(meeting.ends_at)}",
        f"SUMMARY:{_escape(meeting.title)}", f"LOCATION:{_escape(meeting.place)}",
        f"DESCRIPTION:{_escape(description.strip())}", f"URL:{url}",
        "END:VEVENT", "END:VCALENDAR",
    ]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
