"""Recording one audit entry; called by actions inside their transaction."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models

from budgetkatalog.web.auditlog.models import AuditEntry


# The actor is any user model: the audit log sits below the accounts app, which
# records its own actions here.
def record(actor: AbstractBaseUser | None, action: str, obj: models.Model | None,
           changes: dict[str, Any] | None = None, *, object_type: str = "") -> AuditEntry:
    return AuditEntry.objects.create(
        actor_id=actor.pk if actor is not None else None,
        actor_name=actor.get_username() if actor is not None else "system",
        action=action,
        object_type=object_type or (obj._meta.label if obj is not None else ""),
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        changes=changes or {},
    )
