"""The PDF bundle: the published responses for politicians, everything for finance
staff; the text is set as text (Typst markup in a response is not interpreted)."""

from __future__ import annotations

import io
import uuid

import pytest
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from budgetkatalog.web.accounts.models import User
from budgetkatalog.web.hearing.actions import (
    ResponseData,
    do_publish_response,
    do_submit_response,
)
from budgetkatalog.web.hearing.models import Hearing, SenderType
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_politicians_get_the_published_responses_per_proposal_as_pdf(
        open_hearing: Hearing, finance: User, politician: User, author: User) -> None:
    published = do_submit_response(open_hearing.pk, ResponseData(
        token=uuid.uuid4(), sender_type=SenderType.DISABILITY_COUNCIL, name="Rådet",
        email="raadet@example.dk", text="Vi anbefaler #set text(red) ikke forslaget.",
        proposal_number="2.4", consent_name=True), at=timezone.now()).response
    do_publish_response(finance, published.pk, public={}, reasons={})
    do_submit_response(open_hearing.pk, ResponseData(
        token=uuid.uuid4(), sender_type=SenderType.CITIZEN, name="Skjult", email="s@example.dk",
        text="Endnu ikke gennemset", proposal_number="2.4"), at=timezone.now())
    url = f"/personale/hoering/{open_hearing.pk}/eksport.pdf?forslag=2.4"
    answer = client_for(politician).get(url)
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    assert answer["Content-Disposition"].startswith("attachment;")
    text = text_of(answer.content)
    assert f"Høringssvar nr. {published.pk}" in text
    assert "Vi anbefaler #set text(red) ikke forslaget." in text
    assert "Endnu ikke gennemset" not in text and "raadet@example.dk" not in text
    full = text_of(client_for(finance).get(url).content)
    assert "Endnu ikke gennemset" in full and "raadet@example.dk" in full
    for other in (Client(), client_for(author)):
        assert other.get(url).status_code in (302, 404)
