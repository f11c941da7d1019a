"""Every page type, as each role, on a 390 px phone and on a desktop: no page is wider
than the screen (wide tables scroll inside a labelled region the keyboard reaches),
axe-core finds nothing, and on the phone Tab reaches every control with visible focus.

Screenshots of every page at both widths are written to ``build/screenshots/`` (or
``BUDGETKATALOG_SCREENSHOTS``), so a reviewer can look without running anything."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from tests.browser.support import (
    PASSWORD,
    axe_violations,
    describe_violations,
    focused_element,
    log_in,
)

ROOT = Path(__file__).resolve().parents[2]
SHOTS = Path(os.environ.get("BUDGETKATALOG_SCREENSHOTS", ROOT / "build" / "screenshots"))
WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}

# Everything Tab can reach: what the walk must visit.
_TABBABLE_JS = """() => Array.from(document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, [tabindex]'))
  .filter(el => !el.disabled && el.tabIndex >= 0 && el.getClientRects().length > 0
          && getComputedStyle(el).visibility !== 'hidden')
  .filter(el => !(el.type === 'radio' && !el.checked
                  && document.querySelector('input[type=radio][name="' + el.name + '"]:checked')))
  .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
          + (el.getAttribute('name') ? '[name=' + el.getAttribute('name') + ']' : '')
          + (el.getAttribute('href') ? '[href=' + el.getAttribute('href') + ']' : ''))"""


def public_pages(seed: Any) -> dict[str, tuple[str, int]]:
    return {
        "forside": ("/", 200),
        "katalog": ("/2020/katalog-2/", 200),
        "forslag": ("/2020/katalog-2/2-8/", 200),
        "versioner": ("/2020/katalog-2/versioner/", 200),
        "hent": ("/2020/katalog-2/hent/", 200),
        "soegning": ("/soeg/?q=jobcenter", 200),
        "katalog-soegning": ("/2020/katalog-2/?q=jobcentret", 200),
        "tilgaengelighed": ("/tilgaengelighed/", 200),
        "scenarier": ("/scenarier/", 200),
        "findes-ikke": ("/findes-ikke/", 404),
    }


def staff_pages(role: str, seed: Any, proposal_id: int, scenario_id: int | None
                ) -> dict[str, tuple[str, int]]:
    pages = {"personale": ("/personale/", 200),
             "editor": (f"/personale/forslag/{proposal_id}/", 200),
             "scenarier": ("/scenarier/", 200)}
    if role == "author":
        pages["nyt-forslag"] = ("/personale/forslag/ny/", 200)
    if role == "finance":
        pages |= {"revisionslog": ("/personale/revisionslog/", 200),
                  "publicer": (f"/personale/katalog/{seed.pk}/publicer/", 200),
                  "opsaetning": (f"/scenarier/opsaetning/{seed.pk}/", 200),
                  "partier": ("/scenarier/partier/", 200),
                  "optimering": (f"/scenarier/optimer/{seed.pk}/", 200)}
    if role == "politician":
        pages |= {"optimering": (f"/scenarier/optimer/{seed.pk}/", 200),
                  "scenarie": (f"/scenarier/{scenario_id}/", 200),
                  "sammenlign": (f"/scenarier/sammenlign/?id={scenario_id}", 200)}
    return pages


def check_page(page: Page, site: str, role: str, name: str, path: str, status: int,
               width: str) -> list[str]:
    """What is wrong with one page at one width (empty when nothing is)."""
    response = page.goto(site + path)
    assert response is not None
    if response.status != status:
        return [f"{path}: status {response.status}, expected {status}"]
    return check_loaded_page(page, role, name, path, width)


def check_loaded_page(page: Page, role: str, name: str, path: str, width: str) -> list[str]:
    """The checks of :func:`check_page` on the page as it is now."""
    problems = []
    page.wait_for_load_state("load")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{role}-{name}-{width}.png"), full_page=True)
    viewport = WIDTHS[width]["width"]
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width > viewport:
        problems.append(f"{path} at {width}: the page is {scroll_width} px wide on a "
                        f"{viewport} px screen")
    violations = axe_violations(page)
    if violations:
        problems.append(f"{path} at {width}:\n{describe_violations(violations)}")
    if width == "phone":
        problems += keyboard_walk(page, path)
    return problems


def keyboard_walk(page: Page, path: str) -> list[str]:
    tabbable = page.evaluate(_TABBABLE_JS)
    expected = set(tabbable)
    reached: set[str] = set()
    unseen_focus = []
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); "
                  "window.scrollTo(0, 0); }")
    # A radio group is one Tab stop (the checked radio); arrows move inside it.
    for _ in range(2 * len(tabbable) + 5):
        page.keyboard.press("Tab")
        info = focused_element(page)
        if info is None:
            continue
        reached.add(info["describe"])
        if not info["visible"]:
            unseen_focus.append(info["describe"])
    problems = []
    missing = sorted(expected - reached)
    if missing:
        problems.append(f"{path}: Tab never reaches {missing[:8]}")
    if unseen_focus:
        problems.append(f"{path}: focus is not visible on {unseen_focus[:8]}")
    return problems


@pytest.mark.parametrize("role", ["anonymous", "author", "finance", "politician"])
def test_every_page_fits_the_screen_passes_axe_and_is_walkable_by_keyboard(
        new_page: Callable[..., Page], site: str, accounts: dict[str, str],
        published_seed: Any, role: str) -> None:
    from budgetkatalog.web.accounts.models import User
    from budgetkatalog.web.catalogues.models import Proposal
    from budgetkatalog.web.scenarios.actions import do_create_scenario

    own = Proposal.objects.filter(catalogue=published_seed,
                                  department__name="Økonomi & Stab").order_by("pk").first()
    assert own is not None
    proposal_id = (own.pk if role == "author" else
                   Proposal.objects.get(catalogue=published_seed, number="2.8").pk)
    scenario_id = None
    if role == "politician":
        scenario_id = do_create_scenario(User.objects.get(username=accounts["politician"]),
                                         published_seed.pk, "Mit scenarie").pk
    problems: list[str] = []
    for width, viewport in WIDTHS.items():
        page = new_page(viewport=viewport)
        if role == "anonymous":
            pages = public_pages(published_seed)
        else:
            log_in(page, site, accounts[role])
            pages = staff_pages(role, published_seed, proposal_id, scenario_id)
        for name, (path, status) in pages.items():
            problems += check_page(page, site, role, name, path, status, width)
    assert not problems, "\n".join(problems)


def test_the_public_pages_in_english_fit_the_screen_and_pass_axe(
        new_page: Callable[..., Page], site: str, published_seed: Any) -> None:
    problems: list[str] = []
    for width, viewport in WIDTHS.items():
        page = new_page(viewport=viewport)
        for name, (path, status) in public_pages(published_seed).items():
            joined = f"{path}{'&' if '?' in path else '?'}lang=en"
            problems += check_page(page, site, "anonymous-en", name, joined, status, width)
            if status == 200:
                lang = page.locator("html").get_attribute("lang")
                if lang != "en":
                    problems.append(f"{joined}: lang={lang}")
    assert not problems, "\n".join(problems)


def round_pages(seed: Any, admin_id: int, later_id: int, spare_id: int
                ) -> dict[str, tuple[str, int]]:
    """The budget round's pages and the book's downloads, for the administrator (who is
    finance staff too); the import preview is checked after an upload."""
    return {
        "hent": (f"/{seed.round.budget_year}/{seed.slug}/hent/", 200),
        "runder": ("/personale/runder/", 200),
        "runde": (f"/personale/runder/{seed.round_id}/", 200),
        "brugere": ("/personale/brugere/", 200),
        "bruger": (f"/personale/brugere/{admin_id}/", 200),
        "afdelinger": (f"/personale/katalog/{seed.pk}/afdelinger/", 200),
        "publicer": (f"/personale/katalog/{seed.pk}/publicer/", 200),
        "viderefoer": (f"/personale/katalog/{later_id}/viderefoer/", 200),
        "indlaes": (f"/personale/katalog/{spare_id}/indlaes/", 200),
    }


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_round_pages_and_the_book_downloads_fit_the_screen_and_pass_axe(
        new_page: Callable[..., Page], site: str, published_seed: Any, seed_path: Path,
        lang: str) -> None:
    from budgetkatalog.web.accounts.actions import do_create_user
    from budgetkatalog.web.accounts.models import Role
    from budgetkatalog.web.catalogues.actions import do_create_catalogue, do_create_round

    admin = do_create_user(None, "admin", PASSWORD, Role.ADMIN)
    later = do_create_catalogue(None, do_create_round(
        None, municipality="Albertslund Kommune", budget_year=2021, outlook_count=3).pk,
        number="2", title="Katalog 2")
    spare = do_create_catalogue(None, published_seed.round_id, number="3", title="Katalog 3")
    problems: list[str] = []
    for width, viewport in WIDTHS.items():
        page = new_page(viewport=viewport)
        log_in(page, site, "admin")
        pages = round_pages(published_seed, admin.pk, later.pk, spare.pk)
        for name, (path, status) in pages.items():
            problems += check_page(page, site, f"admin-{lang}", name, f"{path}?lang={lang}",
                                   status, width)
        # The import preview: the example uploaded, every proposal and Table 1 shown.
        page.goto(f"{site}/personale/katalog/{spare.pk}/indlaes/?lang={lang}")
        page.set_input_files("#file", str(seed_path))
        page.locator("form.narrow-form button[type=submit]").click()
        page.wait_for_selector("#preview-summary")
        problems += check_loaded_page(page, f"admin-{lang}", "indlaes-forhaandsvisning",
                                      "import preview", width)
    assert not problems, "\n".join(problems)


def test_the_layout_check_catches_a_page_wider_than_the_phone(
        new_page: Callable[..., Page], site: str, published_seed: Any) -> None:
    page = new_page(viewport=WIDTHS["phone"])
    page.goto(site + "/2020/katalog-2/2-8/")
    page.evaluate("() => { const d = document.createElement('div'); "
                  "d.style.width = '900px'; d.textContent = 'bred'; "
                  "document.querySelector('main').appendChild(d); }")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width > 390
    page.goto(site + "/2020/katalog-2/2-8/")
    page.evaluate("() => { const b = document.createElement('button'); b.textContent = 'x';"
                  "b.style.outline = 'none'; b.style.boxShadow = 'none'; b.id = 'planted';"
                  "b.addEventListener('focus', () => { b.style.outline = 'none'; });"
                  "document.querySelector('main').appendChild(b); "
                  "const s = document.createElement('style');"
                  "s.textContent = '#planted:focus-visible{outline:none!important;"
                  "box-shadow:none!important}'; document.head.appendChild(s); }")
    problems = keyboard_walk(page, "/2020/katalog-2/2-8/")
    assert any("focus is not visible" in p and "planted" in p for p in problems), problems


def test_a_wide_table_scrolls_in_a_named_region_the_keyboard_reaches(
        new_page: Callable[..., Page], site: str, published_seed: Any) -> None:
    page = new_page(viewport=WIDTHS["phone"])
    page.goto(site + "/2020/katalog-2/2-8/")
    region = page.locator(".table-wrap", has=page.locator("caption", has_text="Tabel 1"))
    assert region.get_attribute("role") == "region"
    assert region.get_attribute("tabindex") == "0"
    label = region.get_attribute("aria-labelledby")
    assert label and re.match(r"Tabel 1\.", page.locator(f"#{label}").inner_text())
    hint = page.locator(f"#{region.get_attribute('aria-describedby')}")
    assert "rul til siden" in hint.inner_text()
    region.focus()
    before = region.evaluate("el => el.scrollLeft")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    # Scrolling by key may be animated: wait for it (fails after the timeout if it never moves).
    page.wait_for_function("([el, before]) => el.scrollLeft > before",
                           arg=[region.element_handle(), before], timeout=10_000)
