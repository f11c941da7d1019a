"""Fixtures for the hearing tests: the published seed with an open hearing, files
kept in a temporary directory, and small real PDFs."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone
from pytest_django.fixtures import Settings as SettingsWrapper

from budgetkatalog.web.accounts.models import User
from budgetkatalog.web.catalogues.models import Catalogue
from budgetkatalog.web.hearing.actions import do_create_hearing
from budgetkatalog.web.hearing.models import Hearing

BASE = "/2020/katalog-2/hoering"


def pdf_bytes(text: str = "Bilag") -> bytes:
    """A minimal, valid one-page PDF."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R "
        b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
        b">> >> >> >>",
    ]
    stream = f"BT /F1 12 Tf 20 100 Td ({text}) Tj ET".encode()
    objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return out


@pytest.fixture(autouse=True)
def hearing_files(settings: SettingsWrapper, tmp_path: Path) -> Path:
    directory = tmp_path / "hearing-files"
    settings.HEARING_FILES_DIR = directory
    return directory


@pytest.fixture
def open_hearing(published_seed: Catalogue, finance: User) -> Hearing:
    now = timezone.now()
    return do_create_hearing(finance, published_seed.pk, opens_at=now - timedelta(days=1),
                             deadline=now + timedelta(days=30))


def form_token(client: Client, query: str = "") -> str:
    page = client.get(f"{BASE}/svar/{query}")
    assert page.status_code == 200
    found = re.search(r'name="token" value="([0-9a-f-]{36})"', page.content.decode())
    assert found is not None
    return found.group(1)


def response_post(token: str, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "token": token, "proposal": "2.4", "sender_type": "citizen", "name": "Jens Hansen",
        "organisation": "", "email": "jens@example.dk",
        "text": "Jeg er imod forslaget. Ring på 12 34 56 78.", "consent_name": "on",
        "website": ""}
    data.update(overrides)
    return data
