"""The harness itself: the real Chromium starts, and axe-core and the focus check see faults.

Without these, a page "with 0 violations" could mean an axe that never ran.
"""

from __future__ import annotations

from playwright.sync_api import Page

from tests.browser.support import (
    axe_violations,
    describe_violations,
    focused_element,
    tab_walk,
)

BROKEN = """<!doctype html><html><head></head><body>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<input type="text" name="q">
<p style="color:#777;background:#888">low contrast</p>
</body></html>"""

CLEAN = """<!doctype html><html lang="da"><head><title>Forside</title></head><body>
<main><h1>Budgetkatalog</h1>
<label for="q">Søg</label> <input id="q" type="search" name="q">
<a href="/tilgaengelighed/">Tilgængelighedserklæring</a></main>
</body></html>"""


def test_chromium_is_debians_and_runs_headless(page: Page) -> None:
    version = page.context.browser.version if page.context.browser else ""
    assert version.split(".")[0].isdigit()
    assert page.evaluate("navigator.webdriver") is True


def test_axe_reports_the_faults_of_an_inaccessible_page(page: Page) -> None:
    page.set_content(BROKEN)
    found = {violation["id"] for violation in axe_violations(page)}
    assert {"html-has-lang", "document-title", "image-alt", "label",
            "color-contrast"} <= found


def test_axe_reports_nothing_on_an_accessible_page(page: Page) -> None:
    page.set_content(CLEAN)
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)


def test_axe_runs_only_the_wcag_2_1_a_and_aa_rules(page: Page) -> None:
    # "region" (content outside landmarks) is best practice, not a WCAG criterion.
    page.set_content('<!doctype html><html lang="da"><head><title>t</title></head>'
                     "<body><p>outside any landmark</p></body></html>")
    assert axe_violations(page) == []
    every_rule = page.evaluate("async () => (await axe.run(document)).violations")
    assert "region" in {violation["id"] for violation in every_rule}


def test_tab_walk_follows_the_tab_order_and_sees_the_browsers_focus_ring(page: Page) -> None:
    page.set_content(CLEAN)
    walk = tab_walk(page, 2)
    assert [(step["tag"], step["name"] or step["href"]) for step in walk] == [
        ("input", "q"), ("a", "/tilgaengelighed/")]
    assert all(step["visible"] for step in walk)


def test_focus_check_sees_a_focus_ring_removed_by_a_style_sheet(page: Page) -> None:
    page.set_content(CLEAN.replace("<head>", "<head><style>:focus{outline:none}</style>"))
    page.keyboard.press("Tab")
    step = focused_element(page)
    assert step is not None and step["name"] == "q"
    assert step["visible"] is False
