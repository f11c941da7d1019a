"""Moderation and publication: staff see responses at once; the public sees only
published ones, without e-mail addresses or phone numbers, even typed into the text;
redaction needs a logged reason."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client
from django.utils import timezone

from budgetkatalog.web.accounts.models import User
from budgetkatalog.web.auditlog.models import AuditEntry
from budgetkatalog.web.hearing.actions import (
    RedactionReasonMissing,
    ResponseData,
    do_publish_response,
    do_submit_response,
    do_withhold_response,
    suggested_publication,
)
from budgetkatalog.web.hearing.masking import mask_personal_data
from budgetkatalog.web.hearing.models import Hearing, Response, ResponseState, SenderType
from tests.web.conftest import client_for
from tests.web.hearing.conftest import BASE

pytestmark = pytest.mark.django_db

TEXT = ("Forslaget rammer vores børn. Skriv til mig på karen.olsen@example.dk "
        "eller ring +45 20 30 40 50. Besparelsen på 2.126.000 kr. i 2020 2021 er for stor.")


def submit(hearing: Hearing, *, text: str = TEXT, name: str = "Karen Olsen 22334455",
           consent: bool = True, proposal: str = "2.4",
           sender: SenderType = SenderType.BOARD) -> Response:
    return do_submit_response(hearing.pk, ResponseData(
        token=uuid.uuid4(), sender_type=sender, name=name, email="karen@example.dk",
        text=text, organisation="Skolebestyrelsen", proposal_number=proposal,
        consent_name=consent), at=timezone.now()).response


@pytest.mark.parametrize("text,kept,gone", [
    ("mail a.b@c.dk nu", "mail", "a.b@c.dk"),
    ("ring 12345678", "ring", "12345678"),
    ("tlf. 1234 5678", "tlf.", "1234 5678"),
    ("tlf 12 34 56 78", "tlf", "12 34 56 78"),
    ("+4512345678", "", "12345678"),
    ("cpr 010203-1234", "cpr", "010203-1234"),
    ("skriv til anne (at) kommune.dk", "skriv", "kommune.dk"),
])
def test_contact_data_is_masked(text: str, kept: str, gone: str) -> None:
    masked = mask_personal_data(text)
    assert gone not in masked and kept in masked


@pytest.mark.parametrize("text", ["Besparelse 2.126.000 kr.", "i årene 2020 2021", "-1.175",
                                  "forslag 2.4 og 2.17", "1,891 mio. kr."])
def test_amounts_and_years_are_not_masked(text: str) -> None:
    assert mask_personal_data(text) == text


def test_staff_see_a_response_at_once_the_public_only_after_publication(
        open_hearing: Hearing, finance: User) -> None:
    response = submit(open_hearing)
    staff_page = client_for(finance).get(f"/personale/hoering/{open_hearing.pk}/")
    assert "Karen Olsen" in staff_page.content.decode()
    public = Client()
    assert public.get(f"{BASE}/svar/{response.pk}/").status_code == 404
    assert "Karen" not in public.get(f"{BASE}/").content.decode()
    suggested = suggested_publication(response)
    do_publish_response(finance, response.pk, public=suggested, reasons={})
    page = public.get(f"{BASE}/svar/{response.pk}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Forslaget rammer vores børn" in html
    for secret in ("karen.olsen@example.dk", "karen@example.dk", "20 30 40 50", "22334455"):
        assert secret not in html
    assert "2.126.000 kr." in html and "Karen Olsen" in html


def test_without_consent_the_name_is_never_published(open_hearing: Hearing,
                                                     finance: User) -> None:
    response = submit(open_hearing, consent=False, name="Hemmelig Person")
    do_publish_response(finance, response.pk,
                        public={"public_name": "Hemmelig Person"},
                        reasons={"public_name": "staff typed it"})
    html = Client().get(f"{BASE}/svar/{response.pk}/").content.decode()
    assert "Hemmelig Person" not in html
    assert "Navn ikke offentliggjort" in html


def test_staff_cannot_publish_contact_data_even_by_typing_it(open_hearing: Hearing,
                                                             finance: User) -> None:
    response = submit(open_hearing)
    published = do_publish_response(
        finance, response.pk,
        public={"public_text": "Se mere: x@y.dk, 87654321"},
        reasons={"public_text": "kortet ned"})
    assert "x@y.dk" not in published.public_text
    assert "87654321" not in published.public_text


def test_a_redaction_needs_a_reason_which_is_logged(open_hearing: Hearing,
                                                   finance: User) -> None:
    response = submit(open_hearing)
    shorter = suggested_publication(response)["public_text"].replace(
        "Forslaget rammer vores børn. ", "")
    with pytest.raises(RedactionReasonMissing) as refused:
        do_publish_response(finance, response.pk, public={"public_text": shorter}, reasons={})
    assert refused.value.fields == ["public_text"]
    assert Response.objects.get(pk=response.pk).state == ResponseState.RECEIVED
    do_publish_response(finance, response.pk, public={"public_text": shorter},
                        reasons={"public_text": "Oplysning om tredjemand"})
    entry = AuditEntry.objects.get(action="hearing.publish_response")
    assert entry.changes["redacted"] == {"public_text": "Oplysning om tredjemand"}
    assert entry.actor_name == finance.username


def test_moderation_through_the_page_reports_a_missing_reason_on_the_field(
        open_hearing: Hearing, finance: User) -> None:
    response = submit(open_hearing)
    client = client_for(finance)
    page = client.post(f"/personale/hoering/svar/{response.pk}/", {
        "action": "publish", "public_name": "Karen Olsen [telefonnummer fjernet]",
        "public_organisation": "Skolebestyrelsen", "public_text": "Kort tekst"})
    assert page.status_code == 400
    assert 'id="id_reason_public_text-error"' in page.content.decode()
    ok = client.post(f"/personale/hoering/svar/{response.pk}/", {
        "action": "publish", "public_name": "Karen Olsen [telefonnummer fjernet]",
        "public_organisation": "Skolebestyrelsen", "public_text": "Kort tekst",
        "reason_public_text": "Forkortet efter aftale"})
    assert ok.status_code == 302
    assert Response.objects.get(pk=response.pk).public_text == "Kort tekst"


def test_a_withheld_response_leaves_the_public_pages(open_hearing: Hearing,
                                                     finance: User) -> None:
    response = submit(open_hearing)
    do_publish_response(finance, response.pk, public={}, reasons={})
    do_withhold_response(finance, response.pk, reason="Injurierende")
    assert Client().get(f"{BASE}/svar/{response.pk}/").status_code == 404
    assert AuditEntry.objects.get(action="hearing.withhold_response").changes == {
        "reason": "Injurierende"}


def test_the_hearing_page_counts_and_filters_published_responses(open_hearing: Hearing,
                                                                 finance: User) -> None:
    board = submit(open_hearing, sender=SenderType.BOARD, proposal="2.4",
                   text="Svar fra bestyrelsen")
    council = submit(open_hearing, sender=SenderType.ELDERLY_COUNCIL, proposal="",
                     text="Svar fra ældrerådet")
    submit(open_hearing, sender=SenderType.CITIZEN, text="Ikke offentliggjort endnu")
    for r in (board, council):
        do_publish_response(finance, r.pk, public={}, reasons={})
    client = Client()
    html = client.get(f"{BASE}/").content.decode()
    assert 'id="count-board">1<' in html and 'id="count-elderly_council">1<' in html
    assert 'id="count-citizen">0<' in html
    assert "Ikke offentliggjort endnu" not in html
    only_board = client.get(f"{BASE}/?afsender=board").content.decode()
    assert "Svar fra bestyrelsen" in only_board and "Svar fra ældrerådet" not in only_board
    whole = client.get(f"{BASE}/?forslag=hele").content.decode()
    assert "Svar fra ældrerådet" in whole and "Svar fra bestyrelsen" not in whole
    proposal = client.get(f"{BASE}/?forslag=2.4").content.decode()
    assert "Svar fra bestyrelsen" in proposal and "Svar fra ældrerådet" not in proposal
