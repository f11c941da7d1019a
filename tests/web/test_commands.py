from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from budgetkatalog.web.accounts.models import Role, User
from budgetkatalog.web.auditlog.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_create_user_makes_an_audited_author_in_a_department(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "a-long-password")
    call_command("create_user", "hanne", "--role", "author", "--department", "Kultur & Fritid")
    user = User.objects.get(username="hanne")
    assert user.role == Role.AUTHOR and user.department is not None
    assert user.department.name == "Kultur & Fritid"
    assert user.check_password("a-long-password")
    assert AuditEntry.objects.filter(action="create_user", object_id=str(user.pk)).exists()


def test_an_author_needs_a_department() -> None:
    with pytest.raises(CommandError, match="afdeling"):
        call_command("create_user", "uden", "--role", "author")
