"""The public pages work from the keyboard: Tab reaches the skip link, the search field
and the main links, in a sensible order, and every stop shows where focus is."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect

from tests.browser.support import tab_walk


def test_tab_reaches_search_field_and_main_links_with_visible_focus(
        page: Page, site: str, published_seed: Any) -> None:
    page.goto(f"{site}/")
    walk = tab_walk(page, 30)
    stops = [step["name"] or step["href"] for step in walk]

    assert walk[0]["href"] == "#indhold", "the first Tab stop is the skip link"
    assert "q" in stops, f"the search field is never reached: {stops}"
    for href in ("/", "/soeg/", "/konto/login/", "/2020/katalog-2/",
                 "/2020/katalog-2/2-8/", "/tilgaengelighed/"):
        assert href in stops, f"{href} is never reached: {stops}"
    # The header comes before the content, the content before the footer.
    assert stops.index("/soeg/") < stops.index("q") < stops.index("/2020/katalog-2/")
    invisible = [step["describe"] for step in walk if not step["visible"]]
    assert invisible == [], f"focus is not visible on {invisible}"


def test_skip_link_moves_focus_to_the_main_content(page: Page, site: str,
                                                   published_seed: Any) -> None:
    page.goto(f"{site}/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('main') !== null")
    assert focused, "after the skip link, Tab continues inside the main content"


def test_search_works_from_the_keyboard_alone(page: Page, site: str,
                                              published_seed: Any) -> None:
    page.goto(f"{site}/")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "q":
            break
    page.keyboard.type("ledighed")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{site}/soeg/?q=ledighed")
    expect(page.get_by_role("main").get_by_role("listitem").first).to_be_visible()
