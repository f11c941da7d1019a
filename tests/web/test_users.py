"""People: the administrator creates, edits and deactivates users, and e-mails a link
to choose a password; Django's password validators apply everywhere."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client

from budgetkatalog.web.accounts.models import Department, Role, User
from budgetkatalog.web.auditlog.models import AuditEntry
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(make_user: Callable[..., User]) -> User:
    return make_user("admin", Role.ADMIN)


def test_the_administrator_creates_a_user_who_sets_a_password_from_the_link(
        admin: User, finance_department: Department) -> None:
    response = client_for(admin).post("/personale/brugere/", {
        "username": "hanne", "full_name": "Hanne Hansen", "email": "hanne@kommune.dk",
        "role": "author", "department": str(finance_department.pk), "party": ""})
    assert response.status_code == 302
    hanne = User.objects.get(username="hanne")
    assert hanne.role == Role.AUTHOR and hanne.department == finance_department
    assert not hanne.has_usable_password()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["hanne@kommune.dk"]
    link = re.search(r"https?://[^\s]+/konto/adgangskode/[^\s]+/", mail.outbox[0].body)
    assert link is not None
    path = link.group(0).split("://", 1)[1].split("/", 1)[1]
    visitor = Client()
    form = visitor.get("/" + path, follow=True)
    assert "Vælg adgangskode" in form.content.decode()
    set_url = form.redirect_chain[-1][0]
    weak = visitor.post(set_url, {"new_password1": "password", "new_password2": "password"})
    assert weak.status_code == 200 and "aria-invalid" in weak.content.decode()
    hanne.refresh_from_db()
    assert not hanne.has_usable_password()
    strong = "Budgetkatalog-2021-hanne"
    done = visitor.post(set_url, {"new_password1": strong, "new_password2": strong})
    assert done.status_code == 302
    assert Client().login(username="hanne", password=strong)
    # the link works once
    assert "Linket er brugt eller udløbet" in Client().get("/" + path, follow=True
                                                         ).content.decode()
    assert AuditEntry.objects.filter(action="send_password_link").exists()


def test_the_administrator_edits_and_deactivates_a_user(
        admin: User, make_user: Callable[..., User], other_department: Department) -> None:
    person = make_user("p", Role.POLITICIAN)
    response = client_for(admin).post(f"/personale/brugere/{person.pk}/", {
        "username": "p", "full_name": "Pia Politiker", "email": "pia@kommune.dk",
        "role": "politician", "department": "", "party": "Rødt", "active": ""})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.party == "Rødt" and not person.is_active
    assert person.get_full_name() == "Pia Politiker"
    assert not Client().login(username="p", password="a-long-test-password-1")
    entry = AuditEntry.objects.get(action="update_user")
    assert entry.changes["active"] == [True, False]


def test_an_author_without_department_is_refused(admin: User) -> None:
    response = client_for(admin).post("/personale/brugere/", {
        "username": "x", "email": "x@kommune.dk", "role": "author", "department": ""})
    assert response.status_code == 400
    assert "En afdelingsforfatter skal have en afdeling." in response.content.decode()
    assert not User.objects.filter(username="x").exists() and not mail.outbox


def test_the_administrator_cannot_lock_themself_out(admin: User) -> None:
    response = client_for(admin).post(f"/personale/brugere/{admin.pk}/", {
        "username": "admin", "role": "finance", "active": "1"})
    assert response.status_code == 400
    admin.refresh_from_db()
    assert admin.role == Role.ADMIN


def test_the_create_user_command_applies_the_password_validators(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "password")
    with pytest.raises(CommandError, match="Adgangskoden kan ikke bruges"):
        call_command("create_user", "svag", "--role", "politician")
    assert not User.objects.filter(username="svag").exists()


@pytest.mark.parametrize("role", [None, Role.FINANCE, Role.AUTHOR, Role.POLITICIAN])
def test_only_administrators_manage_people(
        admin: User, make_user: Callable[..., User], role: Role | None) -> None:
    target = make_user("target", Role.POLITICIAN)
    user = make_user("someone", role) if role is not None else None
    client = client_for(user)
    expected = 302 if user is None else 403
    assert client.get("/personale/brugere/").status_code == expected
    assert client.get(f"/personale/brugere/{target.pk}/").status_code == expected
    assert client.post("/personale/brugere/", {
        "username": "smuglet", "email": "s@k.dk", "role": "admin"}).status_code == expected
    assert client.post(f"/personale/brugere/{target.pk}/", {
        "username": "target", "role": "admin", "active": "1"}).status_code == expected
    assert client.post(f"/personale/brugere/{target.pk}/link/").status_code == expected
    target.refresh_from_db()
    assert target.role == Role.POLITICIAN and not User.objects.filter(
        username="smuglet").exists()
    assert not mail.outbox


def test_the_sixth_wrong_password_in_a_minute_is_refused_in_danish(
        make_user: Callable[..., User]) -> None:
    make_user("hanne", Role.AUTHOR)
    client = Client()
    for _attempt in range(5):
        wrong = client.post("/konto/login/", {"username": "hanne", "password": "forkert"})
        assert wrong.status_code == 200
        assert "Brugernavn eller adgangskode er forkert." in wrong.content.decode()
    sixth = client.post("/konto/login/", {"username": "Hanne", "password": "forkert"})
    assert sixth.status_code == 429
    page = sixth.content.decode()
    assert 'role="alert"' in page and "For mange forkerte forsøg. Vent et minut" in page
    # the form is still there, labelled, for keyboard and screen-reader users
    assert '<label for="id_username">' in page and 'id="id_password"' in page
    # even the right password waits out the minute; another user is not affected
    right = client.post("/konto/login/", {"username": "hanne",
                                          "password": "a-long-test-password-1"})
    assert right.status_code == 429
    make_user("jens", Role.AUTHOR)
    other = Client().post("/konto/login/", {"username": "jens",
                                            "password": "a-long-test-password-1"})
    assert other.status_code == 302


def test_many_usernames_from_one_address_are_limited_too(
        make_user: Callable[..., User]) -> None:
    make_user("hanne", Role.AUTHOR)
    client = Client()
    for attempt in range(30):
        client.post("/konto/login/", {"username": f"gæt{attempt}", "password": "x"})
    refused = client.post("/konto/login/", {"username": "hanne",
                                            "password": "a-long-test-password-1"})
    assert refused.status_code == 429
