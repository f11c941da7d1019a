"""What the browser tests share: starting Debian's Chromium, axe-core, focus checks.

Chromium is the system's own (`/usr/bin/chromium`, Debian's package); Playwright
only drives it and never downloads a browser. A missing browser or a missing
axe-core makes the tests fail with a message saying what to install, never skip.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, Playwright, expect

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("BUDGETKATALOG_CHROMIUM", "/usr/bin/chromium"))
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"

# The machine has no network beyond package registries: the background services
# would only produce refused connections and slow start-up.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

PASSWORD = "Sparekatalog-2020-browser"

# WCAG 2.1 level A and AA, the level Danish public-sector sites must meet.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def launch_chromium(playwright: Playwright) -> Browser:
    """Start Debian's Chromium headless; each launch gets a new, empty profile directory."""
    if not CHROMIUM.exists():
        raise RuntimeError(
            f"Chromium is missing at {CHROMIUM}: install Debian's package "
            "(apt-get install chromium) or set BUDGETKATALOG_CHROMIUM")
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Run axe-core on the page as it is now; the WCAG 2.1 A/AA rules only."""
    if not AXE_JS.exists():
        raise RuntimeError(f"axe-core is missing at {AXE_JS}: run `npm ci` in {ROOT}")
    page.add_script_tag(path=str(AXE_JS))
    violations: list[dict[str, Any]] = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
            return result.violations;
        }""",
        WCAG_TAGS,
    )
    return violations


def describe_violations(violations: list[dict[str, Any]]) -> str:
    """One readable block per rule: what is wrong and where (first few nodes)."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    at {' '.join(node['target'])}: {node['html'][:160]}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    ... and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


def assert_accessible(page: Page) -> None:
    violations = axe_violations(page)
    assert not violations, f"axe-core found on {page.url}:\n" + describe_violations(violations)


# Focus counts as visible when the focused element draws an outline or a box shadow:
# the browser's own ring (outline-style "auto") unless a style sheet removed it.
_FOCUS_STYLE_JS = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const focused = getComputedStyle(el);
    const outline = focused.outlineStyle !== "none" && parseFloat(focused.outlineWidth) > 0;
    const shadow = focused.boxShadow !== "none";
    const describe = el.tagName.toLowerCase()
        + (el.id ? "#" + el.id : "")
        + (el.getAttribute("name") ? "[name=" + el.getAttribute("name") + "]" : "")
        + (el.getAttribute("href") ? "[href=" + el.getAttribute("href") + "]" : "");
    return {
        tag: el.tagName.toLowerCase(),
        name: el.getAttribute("name"),
        href: el.getAttribute("href"),
        text: (el.innerText || el.value || "").trim().slice(0, 80),
        describe: describe,
        visible: outline || shadow,
        focusVisible: el.matches(":focus-visible"),
    };
}"""


def focused_element(page: Page) -> dict[str, Any] | None:
    """The focused element and whether it shows a focus indicator (None: nothing focused)."""
    info: dict[str, Any] | None = page.evaluate(_FOCUS_STYLE_JS)
    return info


def tab_walk(page: Page, presses: int) -> list[dict[str, Any]]:
    """Press Tab `presses` times on a freshly loaded page; what got focus, in order."""
    walk = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        info = focused_element(page)
        if info is not None:
            walk.append(info)
    return walk


def log_in(page: Page, site: str, username: str) -> None:
    """Log in through the login form, as a person would; lands in the staff area."""
    page.goto(f"{site}/konto/login/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Log ind").click()
    expect(page).to_have_url(f"{site}/personale/")
