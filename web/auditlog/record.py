"""Recording one audit entry; called by actions inside their transaction."""

from __future__ import annotations

from typing import Any

from django.db import models

from accounts.models import User
from auditlog.models import AuditEntry


def record(actor: User | None, action: str, obj: models.Model | None,
           changes: dict[str, Any] | None = None, *, object_type: str = "") -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor,
        actor_name=actor.get_username() if actor is not None else "system",
        action=action,
        object_type=object_type or (obj._meta.label if obj is not None else ""),
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        changes=changes or {},
    )
