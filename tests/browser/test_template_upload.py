"""A department's Word round trip in the browser: download the proposal as a Word
template from the editor, change a cell, upload it into the form ("Indlæs i
formularen"), see what the file says before anything is saved, then save."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import docx
from playwright.sync_api import Page, expect

from tests.browser.support import log_in


def test_a_template_downloaded_from_the_editor_uploads_into_the_form_and_saves(
        page: Page, site: str, accounts: dict[str, str], published_seed: Any,
        tmp_path: Path) -> None:
    from budgetkatalog.web.catalogues.models import Proposal

    log_in(page, site, accounts["finance"])
    page.get_by_role("link", name=re.compile(r"^2\.8 ")).click()
    with page.expect_download() as info:
        page.get_by_role("link", name="Hent forslaget som Word-skabelon").click()
    document = docx.Document(io.BytesIO(Path(info.value.path()).read_bytes()))
    document.tables[0].rows[2].cells[4].text = "-700"  # row b, 2021
    filled = tmp_path / "forslag-2-8.docx"
    document.save(filled)

    page.get_by_label("Indlæs en udfyldt Word-skabelon (.docx)").set_input_files(filled)
    page.get_by_role("button", name="Indlæs i formularen").click()
    expect(page.get_by_text("Intet er gemt endnu")).to_be_visible()
    expect(page.locator("[name=line-b-2021]")).to_have_value("-700")
    expect(page.locator("[name=line-b-2022]")).to_have_value("-633")
    stored = Proposal.objects.get(catalogue=published_seed, number="2.8")
    assert stored.lines.get(letter="b").amounts[1] == -633  # nothing saved yet

    page.get_by_role("button", name="Gem", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Forslaget er gemt")
    stored = Proposal.objects.get(catalogue=published_seed, number="2.8")
    assert stored.lines.get(letter="b").amounts == [None, -700, -633, -633]
