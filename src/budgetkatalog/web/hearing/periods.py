"""Hearing times are entered and shown in Copenhagen wall-clock time and stored as
aware instants; the deadline is compared to the second, whatever the UTC offset on
either side of a daylight-saving change."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


class LocalTimeError(ValueError):
    """A wall-clock time that names no instant, or two, in Copenhagen."""


def local_instant(wall: datetime) -> datetime:
    """The instant a naive Copenhagen wall-clock time names, to the whole second.

    A time skipped by the spring change (02:00–02:59 on the last Sunday of March) or
    repeated by the autumn change (02:00–02:59 on the last Sunday of October) is
    refused with a message, not guessed."""
    if wall.tzinfo is not None:
        raise ValueError("expected a wall-clock (naive) time")
    wall = wall.replace(microsecond=0)
    first = wall.replace(tzinfo=COPENHAGEN, fold=0)
    second = wall.replace(tzinfo=COPENHAGEN, fold=1)
    if first.utcoffset() != second.utcoffset():
        back = first.astimezone(UTC).astimezone(COPENHAGEN).replace(tzinfo=None)
        if back != wall:
            raise LocalTimeError(_("%(time)s findes ikke i dansk tid (sommertid begynder).")
                                 % {"time": wall.strftime("%d.%m.%Y %H:%M")})
        raise LocalTimeError(_("%(time)s forekommer to gange i dansk tid (sommertid slutter); "
                               "vælg et andet tidspunkt.")
                             % {"time": wall.strftime("%d.%m.%Y %H:%M")})
    return first


def wall_clock(instant: datetime) -> datetime:
    """The Copenhagen wall-clock time of an aware instant (naive)."""
    return instant.astimezone(COPENHAGEN).replace(tzinfo=None)


def whole_second(instant: datetime) -> datetime:
    return instant - timedelta(microseconds=instant.microsecond)
