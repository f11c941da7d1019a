"""The hearing in a real browser: a citizen answers by keyboard alone, with a PDF
attached, and gets the receipt through a real SMTP server; finance staff publish it
redacted; the public page shows it without e-mail or phone. axe-core finds nothing in
any state of the form (empty, with errors, submitted, after the deadline)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.support import assert_accessible, log_in
from tests.web.hearing.conftest import pdf_bytes
from tests.web.hearing.mail import MailServer, mail_server_fixture  # noqa: F401 - a fixture

TEXT = ("Vi er imod forslag 2.4. Ring gerne på 20 30 40 50 eller skriv til "
        "lise.berg@example.dk. Det går ud over borgerservice.")


@pytest.fixture
def hearing(accounts: dict[str, str], published_seed: Any, settings: Any,
            tmp_path: Path) -> Any:
    from django.utils import timezone

    from budgetkatalog.web.accounts.models import User
    from budgetkatalog.web.hearing.actions import do_create_hearing

    settings.HEARING_FILES_DIR = tmp_path / "hearing-files"
    finance = User.objects.get(username=accounts["finance"])
    now = timezone.now()
    return do_create_hearing(finance, published_seed.pk, opens_at=now - timedelta(days=1),
                             deadline=now + timedelta(days=30))


def tab_to(page: Page, element_id: str, presses: int = 80) -> None:
    """Press Tab until the element with this id has focus."""
    for _ in range(presses):
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"#{element_id} is never reached by Tab")


def tab_to_button(page: Page, text: str, presses: int = 80) -> None:
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "BUTTON" and \
                text in page.evaluate("document.activeElement.innerText"):
            return
    raise AssertionError(f"button {text!r} is never reached by Tab")


def test_a_citizen_answers_by_keyboard_staff_publish_it_redacted(
        page: Page, new_page: Any, site: str, hearing: Any, mail_server: MailServer,
        accounts: dict[str, str], tmp_path: Path) -> None:
    from budgetkatalog.web.hearing.models import Response
    from budgetkatalog.web.hearing.outbox import deliver_due

    # File choosers are intercepted from the start: turning interception on only when
    # the chooser is awaited races with the key press that opens it.
    page.on("filechooser", lambda _chooser: None)
    form_url = f"{site}/2020/katalog-2/hoering/svar/?forslag=2.4"
    page.goto(form_url)
    assert_accessible(page)  # the empty form

    # Sent empty: every error is named in the summary and on its field.
    tab_to_button(page, "Send høringssvar")
    page.keyboard.press("Enter")
    expect(page.locator("#fejl")).to_be_visible()
    expect(page.locator("#id_name")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)  # the form with errors

    tab_to(page, "id_name")
    page.keyboard.type("Lise Berg")
    tab_to(page, "id_email")
    page.keyboard.type("lise.berg@example.dk")
    tab_to(page, "id_text")
    page.keyboard.type(TEXT)
    attachment = tmp_path / "indsigelse.pdf"
    attachment.write_bytes(pdf_bytes("Indsigelse"))
    tab_to(page, "id_attachments")
    with page.expect_file_chooser(timeout=30_000) as chooser:
        page.keyboard.press("Space")
    chooser.value.set_files(str(attachment))
    tab_to(page, "id_consent_name")
    page.keyboard.press("Space")
    tab_to_button(page, "Send høringssvar")
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", name="Høringssvar modtaget")).to_be_visible()
    number = page.locator("#response-number").inner_text()
    assert_accessible(page)  # submitted
    response = Response.objects.get()
    assert str(response.pk) == number
    assert response.attachments.get().original_name == "indsigelse.pdf"

    assert deliver_due(response.received_at + timedelta(seconds=1)).sent == 1
    [(to, subject, body)] = mail_server.inbox.messages
    assert to == ["lise.berg@example.dk"]
    assert number in subject and f"Høringssvar nr. {number}" in body

    # Finance staff publish it, taking out the last sentence (a logged redaction).
    staff = new_page()
    log_in(staff, site, accounts["finance"])
    staff.goto(f"{site}/personale/hoering/svar/{number}/")
    assert_accessible(staff)
    text_field = staff.get_by_label("Tekst, som den offentliggøres")
    suggested = text_field.input_value()
    assert "20 30 40 50" not in suggested and "lise.berg@example.dk" not in suggested
    text_field.fill(suggested.replace(" Det går ud over borgerservice.", ""))
    staff.get_by_label("Begrundelse for ændring af tekst").fill("Forkortet")
    staff.get_by_label("indsigelse.pdf").check()
    staff.get_by_role("button", name="Offentliggør", exact=True).click()
    expect(staff.locator("#state")).to_have_text("Offentliggjort")

    public = new_page()
    public.goto(f"{site}/2020/katalog-2/hoering/svar/{number}/")
    html = public.content()
    assert "Vi er imod forslag 2.4" in html
    for secret in ("lise.berg@example.dk", "20 30 40 50", "borgerservice"):
        assert secret not in html
    assert "Lise Berg" in html
    expect(public.get_by_role("link", name="indsigelse.pdf")).to_be_visible()
    assert_accessible(public)
    public.goto(f"{site}/2020/katalog-2/hoering/")
    expect(public.locator("#count-citizen")).to_have_text("1")
    assert "lise.berg@example.dk" not in public.content()
    assert_accessible(public)


def test_after_the_deadline_the_form_refuses_and_shows_the_text(
        page: Page, site: str, hearing: Any, accounts: dict[str, str]) -> None:
    from budgetkatalog.web.accounts.models import User
    from budgetkatalog.web.hearing.actions import do_close_hearing

    page.goto(f"{site}/2020/katalog-2/hoering/svar/")
    do_close_hearing(User.objects.get(username=accounts["finance"]), hearing.pk)
    page.get_by_label("Navn", exact=False).first.fill("Sen Afsender")
    page.locator("#id_email").fill("sen@example.dk")
    page.locator("#id_text").fill("Mit svar kom for sent")
    page.get_by_role("button", name="Send høringssvar").click()
    expect(page.get_by_role("heading", name="Høringsfristen er overskredet")).to_be_visible()
    expect(page.locator("#sent-text")).to_have_value("Mit svar kom for sent")
    assert_accessible(page)  # refused after the deadline
    page.goto(f"{site}/2020/katalog-2/hoering/svar/")
    assert_accessible(page)  # the form after the deadline


def test_staff_change_and_cancel_a_meeting_and_its_pages_stay_accessible(
        page: Page, new_page: Any, site: str, hearing: Any,
        accounts: dict[str, str]) -> None:
    from datetime import datetime

    from budgetkatalog.web.accounts.models import User
    from budgetkatalog.web.hearing.actions import MeetingData, do_create_meeting, do_sign_up
    from budgetkatalog.web.hearing.models import OutboxMessage
    from budgetkatalog.web.hearing.periods import local_instant

    starts = local_instant(datetime.now().replace(hour=19, minute=0, second=0, microsecond=0)
                           + timedelta(days=4))
    meeting = do_create_meeting(
        User.objects.get(username=accounts["finance"]), hearing.pk, MeetingData(
            title="Dialogmøde om jobcentret", starts_at=starts,
            ends_at=starts + timedelta(hours=2), place="Rådhuset", capacity=20))
    do_sign_up(meeting.pk, name="Ole", email="ole@example.dk")
    log_in(page, site, accounts["finance"])
    page.goto(f"{site}/personale/hoering/moeder/{meeting.pk}/")
    assert_accessible(page)  # the edit and cancel forms
    page.get_by_label("Sted").fill("Biblioteket")
    page.get_by_role("button", name="Gem ændringer").click()
    expect(page.get_by_label("Sted")).to_have_value("Biblioteket")
    page.get_by_label("Begrundelse (sendes til de tilmeldte)").fill("Sygdom.")
    page.get_by_role("button", name="Aflys mødet").click()
    expect(page.locator("#cancelled")).to_be_visible()
    assert_accessible(page)  # cancelled
    assert OutboxMessage.objects.filter(signup__meeting=meeting).count() == 2
    public = new_page()
    public.goto(f"{site}/2020/katalog-2/hoering/moeder/{meeting.pk}/")
    expect(public.locator("#cancelled")).to_be_visible()
    assert_accessible(public)
