"""Writes to users and departments, audit-logged."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from budgetkatalog.web.accounts.models import Department, Role, SsoIdentity, User
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


class SsoRefused(Exception):
    """A person the municipality's provider signed in, whom Budgetkatalog does not let
    in; ``message`` says why in words for that person (shown on the refusal page)."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(reason)
        self.reason, self.message = reason, message


@dataclass(frozen=True)
class SsoPerson:
    """What a validated ID token says about the person (``sso.py`` reads the claims)."""

    issuer: str
    subject: str
    username: str
    role: str | None
    # From the department claim when one is configured (``department_from_provider``),
    # else None and the department is the one an administrator set.
    department: str | None
    department_from_provider: bool
    first_name: str = ""
    last_name: str = ""
    email: str = ""


def _sso_department(person: SsoPerson, role: Role) -> Department | None:
    if person.department is None:
        if role == Role.AUTHOR:
            raise SsoRefused("no_department", _(
                "Dit login fortæller ikke, hvilken afdeling du hører til, og en "
                "afdelingsforfatter skal høre til en afdeling. Bed kommunens "
                "it-administrator om at sætte din afdeling."))
        return None
    name = person.department
    department = Department.objects.filter(Q(name__iexact=name) | Q(short_name__iexact=name)
                                           ).order_by("pk").first()
    if department is None:
        raise SsoRefused("unknown_department", _(
            "Afdelingen »%(name)s«, som dit login angiver, findes ikke i Budgetkatalog. "
            "Bed en administrator i Økonomi om at oprette den.") % {"name": name})
    return department


@transaction.atomic
def do_sign_in_with_sso(person: SsoPerson) -> User:
    """The user for a person the provider signed in: found by the ID token's issuer and
    subject (or, the first time, by username, so an existing password account is linked),
    else created; role, department, name and e-mail are the provider's. Refused
    (:class:`SsoRefused`, nothing saved) without a mapped role, with an unknown
    department, or when the user is deactivated here. Audit-logged."""
    if person.role is None:
        raise SsoRefused("no_role", _(
            "Du er logget ind hos kommunen, men dit login giver dig ingen rolle i "
            "Budgetkatalog. Bed kommunens it-administrator om at give dig adgang "
            "(en gruppe eller rolle til Budgetkatalog)."))
    role = Role(person.role)
    identity = (SsoIdentity.objects.select_for_update().select_related("user")
                .filter(issuer=person.issuer, subject=person.subject).first())
    if identity is not None:
        user: User | None = identity.user
    else:
        user = User.objects.select_for_update().filter(username=person.username).first()
        if user is not None and user.sso_identities.filter(issuer=person.issuer).exists():
            raise SsoRefused("username_taken", _(
                "Brugernavnet %(username)s hører allerede til en anden person i "
                "kommunens login. Kontakt en administrator.") % {"username": person.username})
    if user is not None and not user.is_active:
        raise SsoRefused("deactivated", _(
            "Din bruger i Budgetkatalog er deaktiveret. Kontakt en administrator."))
    department = (_sso_department(person, role) if person.department_from_provider
                  else (user.department if user is not None else None))
    created = user is None
    if user is None:
        user = User.objects.create_user(username=person.username, password=None, role=role)
    if identity is None:
        SsoIdentity.objects.create(user=user, issuer=person.issuer, subject=person.subject)
    before = {"role": user.role, "department": user.department_id,
              "name": user.get_full_name(), "email": user.email}
    user.role, user.department = role, department
    user.first_name = person.first_name or user.first_name
    user.last_name = person.last_name or user.last_name
    user.email = person.email or user.email
    user.save()
    after = {"role": user.role, "department": user.department_id,
             "name": user.get_full_name(), "email": user.email}
    changes = {k: [before[k], v] for k, v in after.items() if created or before[k] != v}
    if created:
        record(user, "sso_create_user", user, {**changes, "username": person.username})
    elif identity is None:
        record(user, "sso_link_user", user, {**changes, "subject": person.subject})
    elif changes:
        record(user, "sso_update_user", user, changes)
    return user
