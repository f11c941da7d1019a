"""Writes to users and departments, audit-logged."""

from __future__ import annotations

from django.db import transaction

from accounts.models import Department, Role, User
from auditlog.record import record


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
