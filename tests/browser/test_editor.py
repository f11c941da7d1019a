"""The editor from the keyboard: Enter in a field saves the proposal (it does not run
the costing calculator), and nothing typed is lost."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Page, expect

from tests.browser.support import log_in


def test_enter_in_the_title_field_saves(page: Page, site: str, accounts: dict[str, str],
                                        published_seed: Any) -> None:
    from budgetkatalog.web.catalogues.models import Proposal

    log_in(page, site, accounts["finance"])
    page.get_by_role("link", name=re.compile(r"^2\.8 ")).click()
    title = page.get_by_label("Titel", exact=True)
    title.fill("Færre medarbejdere i Borger & Arbejdsmarked")
    page.locator("[name=line-c-2023]").fill("-3.300")
    title.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Forslaget er gemt")
    saved = Proposal.objects.get(catalogue=published_seed, number="2.8")
    assert saved.title == "Færre medarbejdere i Borger & Arbejdsmarked"
    expect(page.locator("[name=line-c-2023]")).to_have_value("-3.300")
    expect(page.get_by_label("Titel", exact=True)).to_have_value(saved.title)


def test_the_costing_form_fills_table_1_only_where_the_author_accepts(
        page: Page, site: str, accounts: dict[str, str], published_seed: Any) -> None:
    log_in(page, site, accounts["finance"])
    page.get_by_role("link", name=re.compile(r"^2\.10 ")).click()
    row_a_2021 = page.locator("[name=line-a-2021]").input_value()
    row_b_2021 = page.locator("[name=line-b-2021]").input_value()
    page.get_by_label("Andel af første år").fill("1/2")
    row = page.get_by_role("group", name="Beregningsrække 1")
    row.get_by_label("Række i Tabel 1").select_option("b")
    row.get_by_label("Hvad", exact=True).fill("Kan-opgaver inden for miljø")
    row.get_by_label("Beregnes af").select_option("amount")
    row.get_by_label("Beløb pr. år (kr.)", exact=True).fill("1.266.000")
    page.get_by_role("button", name="Beregn Tabel 1", exact=True).click()

    proposed = page.locator("#proposed-table1")
    expect(proposed).to_contain_text("-1.266")
    # nothing replaced yet; row b holds other figures, so it is not ticked
    expect(page.locator("[name=line-b-2021]")).to_have_value(row_b_2021)
    accept = page.get_by_label("Overfør række b")
    expect(accept).not_to_be_checked()
    accept.focus()
    page.keyboard.press("Space")
    expect(accept).to_be_checked()
    page.get_by_role("button", name="Overfør de valgte rækker til Tabel 1").click()

    expect(page.locator("[name=line-b-2021]")).to_have_value("-1.266")
    expect(page.locator("[name=line-b-2020]")).to_have_value("-633")
    expect(page.locator("[name=line-a-2021]")).to_have_value(row_a_2021)  # typed row kept
    page.get_by_label("Titel", exact=True).press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Forslaget er gemt")
    expect(page.locator("[name=line-b-2021]")).to_have_value("-1.266")
