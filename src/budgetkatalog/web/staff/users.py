"""Administrators manage people: create, edit and deactivate users, set role,
department and party, and e-mail a link for the user to choose a password. Thin:
every write is in ``accounts.actions``."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from budgetkatalog.web.accounts import actions
from budgetkatalog.web.accounts.models import Department, Role, SsoIdentity, User

FIELDS = ("username", "full_name", "email", "role", "department", "party")


def _admin(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not user.is_admin:
        raise PermissionDenied
    return user


def _read(post: dict[str, str], departments: list[Department]
          ) -> tuple[Role | None, Department | None, dict[str, str]]:
    errors: dict[str, str] = {}
    try:
        role: Role | None = Role(post.get("role", ""))
    except ValueError:
        role = None
        errors["role"] = _("Vælg en rolle.")
    department = next((d for d in departments if str(d.pk) == post.get("department")), None)
    if role == Role.AUTHOR and department is None:
        errors["department"] = _("En afdelingsforfatter skal have en afdeling.")
    email = post.get("email", "").strip()
    if email and ("@" not in email or " " in email):
        errors["email"] = _("Skriv en e-mailadresse, fx navn@kommune.dk.")
    return role, department, errors


@login_required
@require_http_methods(["GET", "POST"])
def users(request: HttpRequest) -> HttpResponse:
    admin = _admin(request)
    departments = list(Department.objects.all())
    values = {key: str(request.POST.get(key, "")) for key in FIELDS}
    errors: dict[str, str] = {}
    if request.method == "POST":
        role, department, errors = _read(values, departments)
        username = values["username"].strip()
        if not username:
            errors["username"] = _("Skriv et brugernavn.")
        elif User.objects.filter(username=username).exists():
            errors["username"] = _("Brugernavnet er taget.")
        if not values["email"].strip():
            errors["email"] = _("Skriv en e-mailadresse; linket til adgangskoden sendes dertil.")
        if not errors and role is not None:
            user = actions.do_create_user(admin, username, None, role, department=department,
                                          full_name=values["full_name"].strip(),
                                          email=values["email"].strip(),
                                          party=values["party"])
            actions.do_send_password_link(admin, user.pk, request.build_absolute_uri("/"))
            messages.success(request, _("%(user)s er oprettet, og et link til at vælge "
                                        "adgangskode er sendt til %(email)s.") % {
                                            "user": user.username, "email": user.email})
            return redirect("staff:users")
    return render(request, "staff/users.html", {
        "users": User.objects.select_related("department").annotate(
            signs_in_with_sso=Exists(SsoIdentity.objects.filter(user=OuterRef("pk")))
        ).order_by("username"),
        "departments": departments, "roles": Role.choices, "values": values,
        "errors": errors}, status=400 if errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    admin = _admin(request)
    person = get_object_or_404(User.objects.select_related("department"), pk=pk)
    departments = list(Department.objects.all())
    errors: dict[str, str] = {}
    if request.method == "POST":
        values = {key: str(request.POST.get(key, "")) for key in FIELDS}
        values["active"] = "1" if request.POST.get("active") == "1" else ""
        role, department, errors = _read(values, departments)
        if person.pk == admin.pk and (role != Role.ADMIN or not values["active"]):
            errors["role"] = _("Du kan ikke fjerne din egen administratorrolle eller "
                               "deaktivere dig selv.")
        if not errors and role is not None:
            actions.do_update_user(admin, person.pk, role=role, department=department,
                                   party=values["party"], full_name=values["full_name"],
                                   email=values["email"], is_active=bool(values["active"]))
            messages.success(request, _("Brugeren er gemt."))
            return redirect("staff:user", pk=person.pk)
    else:
        values = {"username": person.username, "full_name": person.get_full_name(),
                  "email": person.email, "role": person.role,
                  "department": str(person.department_id or ""), "party": person.party,
                  "active": "1" if person.is_active else ""}
    sso = getattr(settings, "BUDGETKATALOG_SSO", None)
    return render(request, "staff/user.html", {
        "person": person, "departments": departments, "roles": Role.choices,
        "values": values, "errors": errors,
        # Role (and department, with a department claim) come from the municipality's
        # login at each sign-in: changes made here last until the next one.
        "signs_in_with_sso": person.sso_identities.exists(),
        "sso_sets_department": bool(sso is not None and sso.department_claim)},
        status=400 if errors else 200)


@login_required
@require_POST
def send_password_link(request: HttpRequest, pk: int) -> HttpResponse:
    admin = _admin(request)
    person = get_object_or_404(User, pk=pk)
    try:
        actions.do_send_password_link(admin, person.pk, request.build_absolute_uri("/"))
    except ValueError:
        messages.error(request, _("Brugeren har ingen e-mailadresse eller er deaktiveret; "
                                  "intet er sendt."))
    else:
        messages.success(request, _("Linket er sendt til %(email)s.") % {
            "email": person.email})
    return redirect("staff:user", pk=person.pk)
