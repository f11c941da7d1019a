"""Writes to users and departments, audit-logged."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from budgetkatalog.web.accounts.models import Department, Role, User
from budgetkatalog.web.auditlog.record import record


@transaction.atomic
def do_create_department(actor: User | None, name: str) -> Department:
    department, created = Department.objects.get_or_create(name=name)
    if created:
        record(actor, "create_department", department, {"name": name})
    return department


def _require_admin(actor: User | None) -> None:
    if actor is not None and not actor.is_admin:
        raise PermissionDenied


@transaction.atomic
def do_create_user(actor: User | None, username: str, password: str | None, role: Role, *,
                   department: Department | None = None, full_name: str = "",
                   email: str = "", party: str = "") -> User:
    """A new user. The password passes Django's password validators (a
    ``ValidationError`` says why not); without one the user sets it from an e-mailed
    link (:func:`do_send_password_link`)."""
    _require_admin(actor)
    first, _sep, last = full_name.partition(" ")
    candidate = User(username=username, email=email, first_name=first, last_name=last)
    if password is not None:
        validate_password(password, candidate)
    user = User.objects.create_user(username=username, password=password, role=role,
                                    department=department, first_name=first, last_name=last,
                                    email=email, party=party.strip())
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


@transaction.atomic
def do_update_user(actor: User | None, user_id: int, *, role: Role,
                   department: Department | None, party: str, full_name: str, email: str,
                   is_active: bool) -> User:
    """An administrator changes a user's role, department, party, name, e-mail, or
    deactivates the user (a deactivated user cannot log in; nothing is deleted)."""
    _require_admin(actor)
    user = User.objects.select_for_update().get(pk=user_id)
    if actor is not None and user.pk == actor.pk and (not is_active or role != Role.ADMIN):
        raise PermissionDenied  # an administrator does not lock themself out
    first, _sep, last = full_name.partition(" ")
    before = {"role": user.role, "department": user.department_id, "party": user.party,
              "name": user.get_full_name(), "email": user.email, "active": user.is_active}
    user.role, user.department, user.party = role, department, party.strip()
    user.first_name, user.last_name, user.email = first, last, email.strip()
    user.is_active = is_active
    user.save()
    after = {"role": user.role, "department": user.department_id, "party": user.party,
             "name": user.get_full_name(), "email": user.email, "active": user.is_active}
    changes = {k: [before[k], v] for k, v in after.items() if before[k] != v}
    if changes:
        record(actor, "update_user", user, changes)
    return user


def password_link(user: User, base_url: str) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return f"{base_url.rstrip('/')}/konto/adgangskode/{uid}/{token}/"


@transaction.atomic
def do_send_password_link(actor: User | None, user_id: int, base_url: str) -> User:
    """E-mail the user a one-time link to set their password (Django's token: it
    expires, and it stops working once the password is set)."""
    _require_admin(actor)
    user = User.objects.get(pk=user_id)
    if not user.email or not user.is_active:
        raise ValueError("the user has no e-mail address or is deactivated")
    link = password_link(user, base_url)
    send_mail(_("Vælg din adgangskode til Budgetkatalog"),
              _("Hej %(name)s\n\nVælg din adgangskode her: %(link)s\n\nLinket virker én "
                "gang og udløber efter tre dage.") % {
                  "name": user.get_full_name() or user.username, "link": link},
              settings.DEFAULT_FROM_EMAIL, [user.email])
    record(actor, "send_password_link", user, {"email": user.email})
    return user
