"""Who may read which entries of the audit log: the same people who may open the thing
an entry records. Nobody sees through the log what they could not open.

The audit log sits below every app, so it cannot ask their permission rules itself;
each app registers, when it is ready, a rule for the object types it records (and the
Danish words for its actions and fields). An entry of a type no app has registered is
shown only where the fallback rule allows (the accounts app registers "finance staff").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from budgetkatalog.web.auditlog.models import AuditEntry

# The ids of the objects of one type that the user may open, or None for all of them.
Rule = Callable[[Any], Iterable[object] | None]
# May the user read entries of types no app registered?
Fallback = Callable[[Any], bool]


@dataclass
class Registry:
    rules: dict[str, Rule] = field(default_factory=dict)
    fallback: Fallback = lambda user: False
    actions: dict[str, Any] = field(default_factory=dict)
    fields: dict[str, Any] = field(default_factory=dict)


REGISTRY = Registry()


def register(object_type: str, rule: Rule, *, actions: dict[str, Any] | None = None,
             fields: dict[str, Any] | None = None) -> None:
    """``object_type`` is the model's label (``catalogues.Proposal``); ``actions`` and
    ``fields`` map codes to (lazily translated) Danish words."""
    REGISTRY.rules[object_type] = rule
    REGISTRY.actions.update(actions or {})
    REGISTRY.fields.update(fields or {})


def register_fallback(rule: Fallback) -> None:
    REGISTRY.fallback = rule


def visible_entries(user: Any, entries: QuerySet[AuditEntry] | None = None
                    ) -> QuerySet[AuditEntry]:
    """The entries ``user`` may read."""
    entries = entries if entries is not None else AuditEntry.objects.all()
    shown = Q(pk__in=[])
    for object_type, rule in REGISTRY.rules.items():
        ids = rule(user)
        if ids is None:
            shown |= Q(object_type=object_type)
        else:
            shown |= Q(object_type=object_type, object_id__in=[str(i) for i in ids])
    if REGISTRY.fallback(user):
        shown |= ~Q(object_type__in=list(REGISTRY.rules))
    return entries.filter(shown)


def action_label(action: str) -> str:
    return str(REGISTRY.actions.get(action, action))


def field_label(name: str) -> str:
    if name in REGISTRY.fields:
        return str(REGISTRY.fields[name])
    prefix, _, rest = name.partition("-")
    if f"{prefix}-*" in REGISTRY.fields:
        return f"{REGISTRY.fields[prefix + '-*']} {rest}"
    return name
