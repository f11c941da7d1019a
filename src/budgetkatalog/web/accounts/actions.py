"""Writes to users and departments, audit-logged."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from budgetkatalog.web.accounts.models import Department, Role, User
from budgetkatalog.web.auditlog.record import record


@transaction.atomic
def do_create_department(actor: User | None, name: str) -> Department:
    department, created = Department.objects.get_or_create(name=name)
    if created:
        record(actor, "create_department", department, {"name": name})
    return department


@transaction.atomic
def do_create_user(actor: User | None, username: str, password: str, role: Role, *,
                   department: Department | None = None, full_name: str = "") -> User:
    first, _, last = full_name.partition(" ")
    user = User.objects.create_user(username=username, password=password, role=role,
                                    department=department, first_name=first, last_name=last)
    record(actor, "create_user", user, {"username": username, "role": role.value,
                                        "department": department.name if department else None})
    return user


@transaction.atomic
def do_set_party(actor: User | None, user_id: int, party: str) -> User:
    """Set a user's party; finance staff (or the system) only."""
    if actor is not None and not actor.is_finance:
        raise PermissionDenied
    user = User.objects.select_for_update().get(pk=user_id)
    before, party = user.party, party.strip()
    if before != party:
        user.party = party
        user.save(update_fields=["party"])
        record(actor, "set_party", user, {"party": [before, party]})
    return user
