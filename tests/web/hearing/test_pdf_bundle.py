"""The PDF bundle: the published responses for politicians, everything for finance
staff; the text is set as text (Typst markup in a response is not interpreted)."""

from __future__ import annotations

import io
import uuid
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader, PdfWriter

from budgetkatalog.web.accounts.models import User
from budgetkatalog.web.hearing.actions import (
    ResponseData,
    do_publish_response,
    do_submit_response,
)
from budgetkatalog.web.hearing.files import IncomingFile
from budgetkatalog.web.hearing.models import Attachment, Hearing, SenderType
from tests.web.conftest import client_for
from tests.web.hearing.conftest import pdf_bytes

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


def test_the_attachments_follow_the_responses_in_the_bundle(
        open_hearing: Hearing, finance: User, politician: User) -> None:
    def submit(name: str, files: tuple[IncomingFile, ...]) -> int:
        return do_submit_response(open_hearing.pk, ResponseData(
            token=uuid.uuid4(), sender_type=SenderType.BOARD, name=name,
            email=f"{name.lower()}@example.dk", text=f"Svar fra {name}.",
            proposal_number="2.4", consent_name=True, files=files),
            at=timezone.now()).response.pk

    shown = submit("Bestyrelsen", (IncomingFile("udtalelse.pdf", pdf_bytes("Offentligt bilag")),
                                    IncomingFile("intern.pdf", pdf_bytes("Internt bilag"))))
    public_attachment = Attachment.objects.get(response_id=shown, original_name="udtalelse.pdf")
    do_publish_response(finance, shown, public={}, reasons={},
                        public_attachments=[public_attachment.pk])
    # A file that passes the upload check but is no readable PDF: named, not merged.
    damaged = submit("Klubben", (IncomingFile("skadet.pdf", b"%PDF-1.4\nrod\n%%EOF\n"),))
    url = f"/personale/hoering/{open_hearing.pk}/eksport.pdf"

    public = PdfReader(io.BytesIO(client_for(politician).get(url).content))
    pages = [page.extract_text() for page in public.pages]
    assert "Offentligt bilag" in pages[-1]
    assert not any("Internt bilag" in text for text in pages)
    first_attachment_page = len(pages)  # one page each: the typeset part, then the file
    assert f"udtalelse.pdf, bagest i samlingen fra side {first_attachment_page}" in pages[0]
    assert [t for t in outline_titles(public.outline) if t.startswith("Bilag")] == [
        f"Bilag til høringssvar nr. {shown}: udtalelse.pdf"]

    full = PdfReader(io.BytesIO(client_for(finance).get(url).content))
    texts = [page.extract_text() for page in full.pages]
    assert texts[-2:] == [pdf_bytes_text("Offentligt bilag", texts[-2]),
                          pdf_bytes_text("Internt bilag", texts[-1])]
    assert "skadet.pdf (kunne ikke indsættes; hent det separat)" in "\n".join(texts)
    assert [t for t in outline_titles(full.outline) if t.startswith("Bilag")] == [
        f"Bilag til høringssvar nr. {shown}: udtalelse.pdf",
        f"Bilag til høringssvar nr. {shown}: intern.pdf"]
    assert f"Høringssvar nr. {damaged}" in "\n".join(texts)


def outline_titles(outline: list[Any]) -> list[str]:
    """Every title in a PDF outline, nested entries included, in order."""
    titles: list[str] = []
    for item in outline:
        titles.extend(outline_titles(item) if isinstance(item, list) else [str(item.title)])
    return titles


def pdf_bytes_text(expected: str, actual: str) -> str:
    assert expected in actual
    return actual


def test_an_attachment_brings_its_pages_but_not_its_links_or_scripts(
        open_hearing: Hearing, finance: User) -> None:
    from pypdf.actions import JavaScript
    from pypdf.annotations import Link

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes("Med link"))))
    writer.add_annotation(0, Link(rect=(10, 10, 100, 40), url="https://example.invalid/"))
    writer.add_open_action(JavaScript("app.alert('hej');"))
    out = io.BytesIO()
    writer.write(out)
    do_submit_response(open_hearing.pk, ResponseData(
        token=uuid.uuid4(), sender_type=SenderType.CITIZEN, name="Ida", email="ida@example.dk",
        text="Se bilaget.", files=(IncomingFile("link.pdf", out.getvalue()),)),
        at=timezone.now())
    bundle = PdfReader(io.BytesIO(client_for(finance).get(
        f"/personale/hoering/{open_hearing.pk}/eksport.pdf").content))
    last = bundle.pages[-1]
    assert "Med link" in last.extract_text()
    assert "/Annots" not in last
    root = bundle.trailer["/Root"]
    assert "/OpenAction" not in root and "/JavaScript" not in str(root.get("/Names", {}))
