"""``serve --demo`` opens a hearing on the example catalogue, once, so a visitor can
try the response form."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from pytest_django.fixtures import Settings as SettingsWrapper

from budgetkatalog.web.hearing.demo import load_demo_with_hearing
from budgetkatalog.web.hearing.models import DialogueMeeting, Hearing, Response
from tests.web.hearing.conftest import BASE, form_token, response_post

pytestmark = pytest.mark.django_db


def test_the_demo_opens_a_hearing_once_and_a_visitor_can_respond(
        settings: SettingsWrapper, tmp_path: Path) -> None:
    settings.VAR_DIR = tmp_path
    result, hearing = load_demo_with_hearing()
    assert result.loaded and hearing is not None
    assert hearing.is_open(timezone.now())
    assert (hearing.deadline - timezone.now()).days >= 89
    assert DialogueMeeting.objects.filter(hearing=hearing).count() == 1
    again_result, again = load_demo_with_hearing()
    assert again is None and not again_result.loaded
    assert Hearing.objects.count() == 1 and DialogueMeeting.objects.count() == 1

    visitor = Client()
    page = visitor.get(f"{BASE}/").content.decode()
    assert "Dialogmøde om administrationsanalysen" in page
    answer = visitor.post(f"{BASE}/svar/", response_post(form_token(visitor)))
    assert answer.status_code == 200 and 'id="response-number"' in answer.content.decode()
    assert Response.objects.filter(hearing=hearing).count() == 1


def test_the_load_demo_command_says_where_the_hearing_is(
        settings: SettingsWrapper, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings.VAR_DIR = tmp_path
    call_command("load_demo")
    first = capsys.readouterr().out
    assert "Høring åben til" in first and "/2020/katalog-2/hoering/" in first
    call_command("load_demo")
    assert "intet ændret" in capsys.readouterr().out
