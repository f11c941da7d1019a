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
