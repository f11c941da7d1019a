"""The whole story of a budget round, by keyboard only (fill and Enter, no clicks):
the administrator sets up Budget 2021 with departments and a user, imports the example
as last year's catalogue, carries three proposals forward (2021–2024, re-priced); the
author edits one; finance sends it back with a reason; the author fixes it; finance
previews and publishes; the public site shows both rounds."""

from __future__ import annotations

import re
from typing import Any

from django.core import mail
from playwright.sync_api import Page, expect

from tests.browser.support import PASSWORD, assert_accessible, log_in

SLOW = 60_000
ROUND_TOML = """[round]
budget_year = 2021
years = [2021, 2022, 2023, 2024]
price_level = 2021

[round.index.pl]
2020 = 101.9
2021 = 103.8
"""


def press(page: Page, role: str, name: str) -> None:
    """Focus a control and press Enter, as a keyboard user does."""
    control = page.get_by_role(role, name=name, exact=True).first  # type: ignore[arg-type]
    control.focus()
    page.keyboard.press("Enter")


def test_a_budget_round_from_set_up_to_publication_by_keyboard(
        site: str, published_seed: Any, seed_path: Any, new_page: Any) -> None:
    from budgetkatalog.web.accounts.actions import do_create_user
    from budgetkatalog.web.accounts.models import Role

    do_create_user(None, "admin", PASSWORD, Role.ADMIN, full_name="Ada Admin")
    admin = new_page()
    log_in(admin, site, "admin")

    # Budget 2021: years, a department owning the job centre's area, P/L index
    press(admin, "link", "Budgetrunder")
    admin.get_by_label("Navn (fx Budget 2021)").fill("Budget 2021")
    admin.get_by_label("Budgetår", exact=True).fill("2021")
    admin.get_by_label("Kommune", exact=True).fill(published_seed.round.municipality)
    press(admin, "button", "Opret runden")
    expect(admin.get_by_role("heading", level=1)).to_have_text("Budget 2021")
    admin.get_by_label("Navn", exact=True).fill("Borger & Arbejdsmarked")
    admin.get_by_label("Områdebevillinger (numre, fx 2085 2390)").fill("2085 2390")
    press(admin, "button", "Gem afdelingen")
    expect(admin.locator("#round-departments")).to_contain_text("2085, 2390")
    admin.get_by_label("Beregningsforudsætninger", exact=False).fill(ROUND_TOML)
    press(admin, "button", "Gem indstillingerne")
    expect(admin.get_by_role("status")).to_contain_text("Rundens indstillinger er gemt")
    admin.get_by_label("Nummer", exact=True).fill("2")
    admin.get_by_label("Titel", exact=True).fill("Katalog 2")
    press(admin, "button", "Opret kataloget")
    expect(admin.get_by_role("status")).to_contain_text("Kataloget Katalog 2 er oprettet")
    assert_accessible(admin)

    # a user for the department, who chooses a password from the e-mailed link
    admin.goto(f"{site}/personale/brugere/")
    admin.get_by_label("Brugernavn", exact=True).fill("bente")
    admin.get_by_label("Fulde navn").fill("Bente Borger")
    admin.get_by_label("E-mail", exact=True).fill("bente@kommune.dk")
    admin.get_by_label("Rolle", exact=True).select_option(label="Afdelingsforfatter")
    admin.get_by_label("Afdeling", exact=True).select_option(label="Borger & Arbejdsmarked")
    press(admin, "button", "Opret og send link til adgangskode")
    expect(admin.get_by_role("status")).to_contain_text("bente er oprettet")
    link = re.search(r"https?://\S+/konto/adgangskode/\S+/", mail.outbox[-1].body)
    assert link is not None
    author = new_page()
    author.goto(link.group(0))
    author.get_by_label("Ny adgangskode").fill("Budget-2021-bente")
    author.get_by_label("Gentag adgangskoden").fill("Budget-2021-bente")
    press(author, "button", "Gem adgangskoden")
    expect(author.get_by_role("heading", level=1)).to_have_text("Adgangskoden er gemt")

    # last year's catalogue: the example imported into Budget 2020, previewed first
    admin.goto(f"{site}/personale/runder/{published_seed.round_id}/")
    admin.get_by_label("Nummer", exact=True).fill("3")
    admin.get_by_label("Titel", exact=True).fill("Katalog 2 (indlæst)")
    press(admin, "button", "Opret kataloget")
    expect(admin.get_by_role("status")).to_contain_text("er oprettet")
    press(admin, "link", "Indlæs forslag i Katalog 2 (indlæst)")
    admin.get_by_label("Katalogfil").set_input_files(str(seed_path))
    press(admin, "button", "Vis forslagene")
    expect(admin.locator("#preview-summary")).to_contain_text("17 forslag", timeout=SLOW)
    press(admin, "button", "Gem 17 forslag som kladder")
    expect(admin.get_by_role("status")).to_contain_text("17 forslag er gemt", timeout=SLOW)

    # carry three proposals into Budget 2021
    admin.goto(f"{site}/personale/runder/")
    press(admin, "link", "Budget 2021")
    press(admin, "link", "Videreføre forslag til Katalog 2")
    admin.get_by_label("Fra kataloget").select_option(label="Katalog 2 (indlæst) (Budget 2020)")
    press(admin, "button", "Vis forslagene")
    for number in ("2.8", "2.16", "2.17"):
        admin.get_by_label(re.compile(rf"^{re.escape(number)} ")).check()
    press(admin, "button", "Videreføre de valgte forslag")
    expect(admin.get_by_role("status")).to_contain_text("3 forslag er videreført")

    # the author edits the carried 2.8 (now 2.1 of Budget 2021) and submits it
    author.goto(f"{site}/konto/login/")
    author.get_by_label("Brugernavn").fill("bente")
    author.get_by_label("Adgangskode").fill("Budget-2021-bente")
    author.get_by_label("Adgangskode").press("Enter")
    expect(author).to_have_url(f"{site}/personale/")
    expect(author.locator("#to-act")).to_contain_text("2.1 Reduktion i medarbejdere")
    press(author, "link", "2.1 Reduktion i medarbejdere i Borger & Arbejdsmarked")
    expect(author.locator("#carried-from")).to_have_text("videreført fra Budget 2020, 2.8")
    # years 2021–2024, the last year continuing 2023's re-priced amount
    steady = author.get_by_label("Række a, 2023 (1.000 kr.)").input_value()
    assert steady not in ("", "0")
    expect(author.get_by_label("Række a, 2024 (1.000 kr.)")).to_have_value(steady)
    author.get_by_label("Titel", exact=True).fill("Færre medarbejdere i Borger & Arbejdsmarked")
    press(author, "button", "Indsend")
    expect(author.locator("#proposal-state")).to_have_text("Indsendt")

    # finance sends it back with a reason; the author sees it and fixes the text
    admin.goto(f"{site}/personale/")
    press(admin, "link", "2.1 Færre medarbejdere i Borger & Arbejdsmarked")
    admin.get_by_label("Begrundelse for at sende tilbage", exact=False).fill(
        "Afsnit 2 skal nævne 2024.")
    press(admin, "button", "Send tilbage")
    expect(admin.locator("#proposal-state")).to_have_text("Kladde")
    author.goto(f"{site}/personale/")
    expect(author.locator("#to-act")).to_contain_text("Afsnit 2 skal nævne 2024.")
    press(author, "link", "2.1 Færre medarbejdere i Borger & Arbejdsmarked")
    expect(author.locator("#returned")).to_contain_text("Afsnit 2 skal nævne 2024.")
    author.get_by_label("2. Beskrivelse af forslaget", exact=False).press("End")
    author.keyboard.type(" Besparelsen gælder også i 2024.")
    press(author, "button", "Indsend")
    expect(author.locator("#proposal-state")).to_have_text("Indsendt")

    # finance approves, previews the publication and confirms
    admin.goto(f"{site}/personale/")
    press(admin, "link", "2.1 Færre medarbejdere i Borger & Arbejdsmarked")
    press(admin, "button", "Godkend")
    expect(admin.locator("#proposal-state")).to_have_text("Godkendt")
    admin.goto(f"{site}/personale/")
    admin.get_by_role("listitem").filter(has_text="Katalog 2 (2021)").get_by_role(
        "link", name="Publicér").focus()
    admin.keyboard.press("Enter")
    expect(admin.locator("#changes")).to_contain_text("2.1 Færre medarbejdere")
    assert_accessible(admin)
    press(admin, "button", "Bekræft og publicér")
    expect(admin).to_have_url(f"{site}/2021/katalog-2/")

    # the public site shows both rounds
    visitor = new_page()
    visitor.goto(f"{site}/")
    expect(visitor.get_by_role("main")).to_contain_text("2020")
    expect(visitor.get_by_role("main")).to_contain_text("2021")
    visitor.goto(f"{site}/2021/katalog-2/2-1/")
    expect(visitor.get_by_role("main")).to_contain_text("Besparelsen gælder også i 2024.")
