"""A department downloads its proposal as a Word template, fills it in and uploads it:
the editor shows what the file says and its findings; only the save button saves."""

from __future__ import annotations

import html
import io
import re

import docx
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import Client

from budgetkatalog.web.accounts.models import User
from budgetkatalog.web.catalogues.models import Catalogue, Proposal
from tests.web.conftest import client_for


def _proposal(catalogue: Catalogue, number: str) -> Proposal:
    return Proposal.objects.get(catalogue=catalogue, number=number)


def _upload(client: Client, proposal: Proposal, content: bytes) -> HttpResponse:
    response: HttpResponse = client.post(f"/personale/forslag/{proposal.pk}/", {
        "action": "upload", "template": SimpleUploadedFile("forslag.docx", content)})
    return response


def test_an_uploaded_template_fills_the_form_and_saves_nothing(
        published_seed: Catalogue, finance: User) -> None:
    client = client_for(finance)
    proposal = _proposal(published_seed, "2.8")
    downloaded = client.get(f"/personale/forslag/{proposal.pk}/skabelon.docx")
    assert downloaded.status_code == 200
    document = docx.Document(io.BytesIO(downloaded.content))
    document.tables[0].rows[2].cells[4].text = "-700"  # b, 2021
    out = io.BytesIO()
    document.save(out)
    before = proposal.lock_version
    response = _upload(client, proposal, out.getvalue())
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="line-b-2021" value="-700"' in page
    assert 'name="line-b-2022" value="-633"' in page
    assert 'id="subtotal-2021">-7.733<' in page  # the sums follow the uploaded cell
    assert "Intet er gemt endnu" in page
    proposal.refresh_from_db()
    assert proposal.lock_version == before
    line_b = proposal.lines.get(letter="b")
    assert line_b.amounts[1] == -633


def test_an_unreadable_upload_shows_its_findings_and_saves_nothing(
        published_seed: Catalogue, finance: User) -> None:
    client = client_for(finance)
    proposal = _proposal(published_seed, "2.8")
    document = docx.Document()
    document.add_paragraph("Ingen overskrifter her")
    out = io.BytesIO()
    document.save(out)
    response = _upload(client, proposal, out.getvalue())
    assert response.status_code == 400
    page = response.content.decode()
    assert "Word-filen kan ikke indlæses" in page
    assert "ingen overskrift med et forslagsnummer" in page
    proposal.refresh_from_db()
    assert proposal.lines.get(letter="b").amounts[1] == -633


def test_a_politician_cannot_upload(published_seed: Catalogue, politician: User) -> None:
    client = client_for(politician)
    proposal = _proposal(published_seed, "2.8")
    response = _upload(client, proposal, b"PK")
    assert response.status_code in (403, 404)


def test_the_uploaded_values_save_through_the_editor(published_seed: Catalogue,
                                                     finance: User) -> None:
    """After the upload, the author's save stores what the file said."""
    client = client_for(finance)
    proposal = _proposal(published_seed, "2.8")
    document = docx.Document(io.BytesIO(
        client.get(f"/personale/forslag/{proposal.pk}/skabelon.docx").content))
    document.tables[0].rows[2].cells[4].text = "-700"
    out = io.BytesIO()
    document.save(out)
    page = _upload(client, proposal, out.getvalue()).content.decode()
    fields = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', page))
    textareas = dict(re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)</textarea>', page))
    form = {**fields, **{k: html.unescape(v) for k, v in textareas.items()}, "action": "save"}
    form = {k: html.unescape(v) for k, v in form.items()}
    form.pop("template", None)
    response = client.post(f"/personale/forslag/{proposal.pk}/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    proposal.refresh_from_db()
    assert proposal.lines.get(letter="b").amounts == [None, -700, -633, -633]
    assert proposal.sections.get(number=7).body.startswith("Det foreslås, at forslagene")
