"""The whole road in a real browser: a department author writes a proposal with a
Table 1, finance staff approve and publish it, an anonymous visitor finds and reads it."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from playwright.sync_api import Page, expect

from tests.browser.support import log_in

YEARS = (2020, 2021, 2022, 2023)
# Row -> amounts per year, typed the Danish way; "" is a blank cell.
AMOUNTS = {
    "a": ("-150", "-1.300", "-1.300", "-1.300"),
    "b": ("-25", "-50", "", "-50"),
    "f": ("200", "", "", ""),
    "g": ("", "15", "15", "15"),
}
SUBTOTAL = ("-175", "-1.350", "-1.300", "-1.350")
TOTAL = ("25", "-1.335", "-1.285", "-1.335")


def fill_table_1(page: Page) -> None:
    page.locator("[name=line-a-code]").fill("829002")
    page.locator("[name=line-a-name]").fill("Økonomi & Stab - løn og drift")
    page.locator("[name=line-b-code]").fill("829003")
    page.locator("[name=line-b-name]").fill("Økonomi & Stab - kontorhold")
    for letter, amounts in AMOUNTS.items():
        for year, value in zip(YEARS, amounts, strict=True):
            if value:
                page.locator(f"[name=line-{letter}-{year}]").fill(value)


def test_author_writes_finance_publishes_and_a_visitor_finds_and_reads_it(
        site: str, accounts: dict[str, str], published_seed: Any,
        new_page: Callable[..., Page]) -> None:
    # The department author writes the proposal.
    author = new_page()
    log_in(author, site, accounts["author"])
    author.get_by_role("link", name="Nyt forslag").click()
    author.get_by_label("Nummer").fill("2.18")
    author.get_by_label("Titel").fill("Færre kopimaskiner på rådhuset")
    author.get_by_role("button", name="Opret forslag").click()
    expect(author).to_have_url(re.compile(r"/personale/forslag/\d+/$"))
    editor_url = author.url

    author.locator("[name=section-1]").fill("8290 Stabsenheder og direktører")
    author.locator("[name=section-2]").fill(
        "Rådhusets kopimaskiner samles på to pr. etage.\n\n- lavere leasing\n- mindre strøm")
    author.locator("[name=section-7]").fill("Besparelsen er fuldt indfaset fra 2021.")
    fill_table_1(author)

    # The sums follow the typing, before anything is sent to the server.
    for year, subtotal, total in zip(YEARS, SUBTOTAL, TOTAL, strict=True):
        expect(author.locator(f"#subtotal-{year}")).to_have_text(subtotal)
        expect(author.locator(f"#total-{year}")).to_have_text(total)

    author.get_by_role("button", name="Indsend").click()
    expect(author.locator("#proposal-state")).to_have_text("Indsendt")
    # What was saved comes back into the grid, formatted.
    expect(author.locator("[name=line-a-2021]")).to_have_value("-1.300")
    expect(author.locator("[name=line-b-2022]")).to_have_value("")

    # Not public yet: the visitor's search finds nothing.
    visitor = new_page()
    visitor.goto(f"{site}/soeg/?q=kopimaskiner")
    expect(visitor.get_by_role("link", name=re.compile("Færre kopimaskiner"))).to_have_count(0)

    # Finance staff approve and publish.
    finance = new_page()
    log_in(finance, site, accounts["finance"])
    finance.goto(editor_url)
    finance.get_by_role("button", name="Godkend").click()
    expect(finance.locator("#proposal-state")).to_have_text("Godkendt")
    finance.goto(f"{site}/personale/")
    finance.get_by_role("link", name="Publicér").click()
    expect(finance.get_by_role("main")).to_contain_text("2.18 Færre kopimaskiner på rådhuset")
    finance.get_by_role("button", name="Bekræft og publicér").click()
    expect(finance).to_have_url(f"{site}/2020/katalog-2/")

    # An anonymous visitor searches from the front page and reads the table.
    visitor.goto(f"{site}/")
    visitor.get_by_role("searchbox").first.fill("kopimaskiner")
    visitor.get_by_role("searchbox").first.press("Enter")
    expect(visitor).to_have_url(re.compile(r"/soeg/\?q=kopimaskiner$"))
    visitor.get_by_role("link", name="2.18 Færre kopimaskiner på rådhuset").click()
    expect(visitor).to_have_url(f"{site}/2020/katalog-2/2-18/")
    expect(visitor.get_by_role("heading", level=1)).to_contain_text("Færre kopimaskiner")
    expect(visitor.get_by_role("main")).to_contain_text("samles på to pr. etage")

    table = visitor.locator("table", has=visitor.locator("caption", has_text="Tabel 1"))
    expect(table.locator("thead th[scope=col]")).to_have_text(
        ["Række", "Pengepose-nr.", "Pengeposenavn", *map(str, YEARS)])
    rows = table.locator("tr", has=visitor.locator("th[scope=row]"))

    def cells(label: str) -> list[str]:
        row = rows.filter(has=visitor.locator("th", has_text=label)).first
        return [text.strip() for text in row.locator("td.num").all_inner_texts()]

    assert cells("a.") == list(AMOUNTS["a"])
    assert cells("b.") == list(AMOUNTS["b"])
    assert cells("Delsum") == list(SUBTOTAL)
    assert cells("Anlægsinvestering") == list(AMOUNTS["f"])
    assert cells("Afledte driftsudgifter") == list(AMOUNTS["g"])
    assert cells("I alt") == list(TOTAL)


def test_editor_works_without_javascript_the_server_computes_the_sums(
        site: str, accounts: dict[str, str], published_seed: Any,
        new_page: Callable[..., Page]) -> None:
    author = new_page(java_script_enabled=False)
    log_in(author, site, accounts["author"])
    author.goto(f"{site}/personale/forslag/ny/")
    author.get_by_label("Nummer").fill("2.19")
    author.get_by_label("Titel").fill("Uden JavaScript")
    author.get_by_role("button", name="Opret forslag").click()
    fill_table_1(author)
    expect(author.locator("#subtotal-2020")).not_to_have_text(SUBTOTAL[0])
    author.get_by_role("button", name="Beregn summer").click()
    for year, subtotal, total in zip(YEARS, SUBTOTAL, TOTAL, strict=True):
        expect(author.locator(f"#subtotal-{year}")).to_have_text(subtotal)
        expect(author.locator(f"#total-{year}")).to_have_text(total)
    author.get_by_role("button", name="Gem", exact=True).click()
    expect(author.locator("[name=line-a-2021]")).to_have_value("-1.300")
    expect(author.locator("#total-2020")).to_have_text(TOTAL[0])
