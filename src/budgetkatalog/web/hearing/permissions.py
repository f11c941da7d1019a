"""Who may do what in a hearing.

Finance staff run hearings: they see every response at once, with the sender's
e-mail, moderate and publish, and make the full archive export. Politicians read the
published responses and fetch the exports of them (published, masked fields only).
Everyone else sees published responses on the public pages, never an e-mail address.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from budgetkatalog.web.accounts.models import User
from budgetkatalog.web.hearing.models import Attachment, ResponseState

AnyUser = User | AnonymousUser


def _user(user: AnyUser) -> User | None:
    return user if isinstance(user, User) and user.is_active else None


def can_manage(user: AnyUser) -> bool:
    """Set up hearings and meetings, moderate, publish, read everything received."""
    u = _user(user)
    return u is not None and u.is_finance


def can_export(user: AnyUser) -> bool:
    u = _user(user)
    return u is not None and (u.is_finance or u.is_politician)


def export_is_full(user: AnyUser) -> bool:
    """The full archive (every response, e-mail included) is for finance staff; others
    get the published responses' public fields."""
    return can_manage(user)


def can_download(user: AnyUser, attachment: Attachment) -> bool:
    if can_manage(user):
        return True
    return attachment.public and attachment.response.state == ResponseState.PUBLISHED
