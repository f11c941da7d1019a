"""Writes of the public app: the site texts finance staff maintain."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction

from budgetkatalog.web.accounts.models import User
from budgetkatalog.web.auditlog.record import record
from budgetkatalog.web.public.models import AccessibilityStatement

FIELDS = ("organisation", "compliance", "scope", "known_issues", "prepared_on",
          "reviewed_on", "contact_email", "contact_phone", "complaint_url")


@dataclass(frozen=True)
class StatementData:
    organisation: str
    compliance: str
    scope: str
    known_issues: str
    prepared_on: date | None
    reviewed_on: date | None
    contact_email: str
    contact_phone: str
    complaint_url: str


def can_edit_site_texts(user: object) -> bool:
    return isinstance(user, User) and user.is_finance


@transaction.atomic
def do_update_accessibility_statement(actor: User, data: StatementData
                                      ) -> AccessibilityStatement:
    if not can_edit_site_texts(actor):
        raise PermissionDenied
    statement = (AccessibilityStatement.objects.select_for_update().order_by("pk").first()
                 or AccessibilityStatement())
    changes = {}
    for field in FIELDS:
        before, after = getattr(statement, field), getattr(data, field)
        if before != after:
            changes[field] = [str(before or ""), str(after or "")]
            setattr(statement, field, after)
    statement.full_clean()
    statement.save()
    record(actor, "update_accessibility_statement", statement, changes)
    return statement
