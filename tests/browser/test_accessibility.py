"""Every public page type and the staff editor pass axe-core's WCAG 2.1 A and AA rules
(0 violations), in Danish and in English."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Page, expect

from tests.browser.support import (
    assert_accessible,
    axe_violations,
    describe_violations,
    log_in,
)

PUBLIC_PAGES = {
    "front": "/",
    "catalogue list": "/2020/katalog-2/",
    "catalogue list, filtered": "/2020/katalog-2/?q=jobcenter",
    "proposal": "/2020/katalog-2/2-8/",
    "search": "/soeg/?q=ledighed",
    "search, nothing found": "/soeg/?q=zzzzzz",
    "accessibility statement": "/tilgaengelighed/",
    "versions": "/2020/katalog-2/versioner/",
    "downloads": "/2020/katalog-2/hent/",
    "login": "/konto/login/",
    "scenarios, anonymous": "/scenarier/",
}
ENGLISH_PAGES = {
    "front": "/?lang=en",
    "catalogue list": "/2020/katalog-2/?lang=en",
    "proposal": "/2020/katalog-2/2-8/?lang=en",
    "downloads": "/2020/katalog-2/hent/?lang=en",
    "accessibility statement": "/tilgaengelighed/?lang=en",
}


def violations_on(page: Page, site: str, pages: dict[str, str], lang: str) -> str:
    """Every page's axe-core findings, as one report (empty when there are none)."""
    report = []
    for name, path in pages.items():
        response = page.goto(site + path)
        assert response is not None and response.status == 200, f"{name}: {path}"
        expect(page.locator("html")).to_have_attribute("lang", lang)
        violations = axe_violations(page)
        if violations:
            report.append(f"{name} ({path}):\n{describe_violations(violations)}")
    return "\n".join(report)


def test_every_public_page_type_has_no_wcag_violations(page: Page, site: str,
                                                       published_seed: Any) -> None:
    report = violations_on(page, site, PUBLIC_PAGES, "da")
    assert report == "", report


def test_every_english_page_type_has_no_wcag_violations(page: Page, site: str,
                                                        published_seed: Any) -> None:
    report = violations_on(page, site, ENGLISH_PAGES, "en")
    assert report == "", report


def test_proposal_page_states_table_1_with_caption_and_header_scopes(
        page: Page, site: str, published_seed: Any) -> None:
    page.goto(f"{site}/2020/katalog-2/2-8/")
    table = page.locator("table", has=page.locator("caption", has_text="Tabel 1"))
    expect(table).to_have_count(1)
    headers = table.locator("th")
    assert headers.count() > 0
    assert all(scope in ("col", "row") for scope in
               headers.evaluate_all("ths => ths.map(th => th.getAttribute('scope'))"))


def test_staff_editor_has_no_wcag_violations(page: Page, site: str, accounts: dict[str, str],
                                             published_seed: Any) -> None:
    log_in(page, site, accounts["finance"])
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(r"^2\.8 ")).click()
    expect(page.locator("#table1")).to_be_visible()
    assert_accessible(page)


def test_staff_editor_with_a_rejected_cell_has_no_wcag_violations(
        page: Page, site: str, accounts: dict[str, str], published_seed: Any) -> None:
    log_in(page, site, accounts["author"])
    page.get_by_role("link", name="Nyt forslag").click()
    assert_accessible(page)
    page.get_by_label("Nummer").fill("2.99")
    page.get_by_label("Titel").fill("Prøveforslag")
    page.get_by_role("button", name="Opret forslag").click()
    page.locator("[name=line-a-2020]").fill("tre hundrede")
    page.get_by_role("button", name="Gem", exact=True).click()
    expect(page.locator("[name=line-a-2020]")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)


def test_the_download_pages_have_no_wcag_violations_on_a_phone_and_a_desktop(
        page: Page, site: str, published_seed: Any) -> None:
    """The download page (the book, workbook, open data and templates of every version)
    in Danish and English, at 390 px and on a desktop."""
    report = []
    for width, height in ((390, 844), (1280, 900)):
        page.set_viewport_size({"width": width, "height": height})
        for lang, path in (("da", "/2020/katalog-2/hent/?lang=da"),
                           ("en", "/2020/katalog-2/hent/?lang=en")):
            found = violations_on(page, site, {f"downloads, {width} px": path}, lang)
            if found:
                report.append(found)
            links = page.locator("a[href$='katalog.pdf']")
            assert links.count() >= 1, (width, lang)
    assert report == [], "\n".join(report)
