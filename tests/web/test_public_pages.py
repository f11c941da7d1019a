from __future__ import annotations

import json
import re

import pytest
from django.test import Client

from budgetkatalog.web.catalogues.models import Catalogue

pytestmark = pytest.mark.django_db


def test_front_page_shows_the_overview_and_the_chart(published_seed: Catalogue) -> None:
    html = Client().get("/").content.decode()
    assert "Oversigt over forslag (mio. kr.)" in html
    # 2.8's I alt in 2021 is -7.666 (1.000 kr.) = -7,666 mio. kr.
    assert "-7,666" in html
    assert "<svg" in html and 'role="img"' in html
    assert 'href="/2020/katalog-2/2-8/"' in html


def test_proposal_page_shows_sections_and_table_1(published_seed: Catalogue) -> None:
    response = Client().get("/2020/katalog-2/2-8/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>2.8 Reduktion i medarbejdere i Borger &amp; Arbejdsmarked</h1>" in html
    assert "<caption>Tabel 1. 2390 i 1.000 kr.</caption>" in html
    assert '<th scope="col" class="num">2020</th>' in html
    assert "-1.898" in html and "-7.666" in html
    assert "Konsekvenser for personale" in html


def test_unknown_proposal_is_404(published_seed: Catalogue) -> None:
    assert Client().get("/2020/katalog-2/9-99/").status_code == 404
    assert Client().get("/2019/katalog-2/").status_code == 404


def test_filters_narrow_the_list(published_seed: Catalogue) -> None:
    everything = Client().get("/2020/katalog-2/").content.decode()
    jobcentre = Client().get("/2020/katalog-2/", {"group": "1.6 Analyse af Jobcentret"})
    html = jobcentre.content.decode()
    assert "2.16 En forstærket indsats" in html and "2.16 En forstærket indsats" in everything
    assert "2.1 Reduktion i topledelsen" not in html
    by_area = Client().get("/2020/katalog-2/", {"area": "2085"}).content.decode()
    assert "2.17 Tidlig indsats" in by_area and "2.4 Reduktion" not in by_area


def test_danish_search_finds_inflected_words(published_seed: Catalogue) -> None:
    html = Client().get("/soeg/", {"q": "dagpengemodtageren"}).content.decode()
    assert "2.16 En forstærket indsats" in html
    assert "2.17 Tidlig indsats" in html
    assert "2.1 Reduktion i topledelsen" not in html


def test_catalogue_json_is_the_domain_format(published_seed: Catalogue) -> None:
    doc = json.loads(Client().get("/2020/katalog-2/katalog.json").content)
    assert doc["format"] == "budgetkatalog-catalogue"
    assert len(doc["proposals"]) == 17


def test_english_switch(published_seed: Catalogue) -> None:
    client = Client()
    html = client.get("/", {"lang": "en"}).content.decode()
    assert '<html lang="en">' in html
    assert "Overview of proposals (DKK m)" in html
    # remembered by cookie
    assert '<html lang="en">' in client.get("/tilgaengelighed/").content.decode()


def test_accessibility_statement(db: None) -> None:
    html = Client().get("/tilgaengelighed/").content.decode()
    assert "<h1>Tilgængelighedserklæring</h1>" in html
    assert "WCAG 2.1" in html


def test_the_language_switch_keeps_the_search(published_seed: Catalogue) -> None:
    html = Client().get("/2020/katalog-2/", {"q": "jobcenter"}).content.decode()
    assert 'href="/2020/katalog-2/?q=jobcenter&amp;lang=en"' in html


def test_english_pages_use_the_templates_english_headings(published_seed: Catalogue) -> None:
    html = Client().get("/2020/katalog-2/2-8/", {"lang": "en"}).content.decode()
    assert "<h2>4. Consequences for staff</h2>" in html
    assert "<caption>Table 1. 2390 in DKK 1,000</caption>" in html


def test_danish_first_whatever_the_browser_asks_for(published_seed: Catalogue) -> None:
    html = Client().get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").content.decode()
    assert '<html lang="da">' in html


def test_front_page_table_and_chart_state_the_same_numbers_in_one_unit(
        published_seed: Catalogue) -> None:
    import re

    html = Client().get("/").content.decode()
    table = html[html.index("<table"):html.index("</table>")]
    chart = html[html.index("<svg"):html.index("</svg>")]
    totals = re.findall(r'<td class="num">([^<]+)</td>',
                        table[table.index('class="total-row"'):])
    labels = re.findall(r'class="bar-value">([^<]+)<', chart)
    assert totals == labels == ["-15,066", "-31,154", "-29,141", "-28,078"]
    assert "mio. kr." in chart


def test_a_proposal_page_opens_with_a_summary_box(published_seed: Catalogue) -> None:
    html = Client().get("/2020/katalog-2/2-8/").content.decode()
    box = html[html.index('<aside class="summary"'):html.index("</aside>")]
    assert "Kort om forslaget" in box
    assert "Borger &amp; Arbejdsmarked" in box
    years = re.findall(r'class="year">(\d{4}):</span> <span class="num">([^<]+)<', box)
    assert years == [("2020", "-3.517"), ("2021", "-7.666"), ("2022", "-7.666"),
                     ("2023", "-7.666")]
    assert '<dd id="proposal-fte">14,9</dd>' in box
    assert "<dt>Berører borgere</dt><dd>ikke angivet</dd>" in box
    assert "Offentliggjort, version 1" in box


def test_the_summary_box_in_english(published_seed: Catalogue) -> None:
    html = Client().get("/2020/katalog-2/2-8/", {"lang": "en"}).content.decode()
    box = html[html.index('<aside class="summary"'):html.index("</aside>")]
    assert "In brief" in box and "Amount per year (total, DKK 1,000)" in box
    assert '<dd id="proposal-fte">14.9</dd>' in box
    assert "Published, version 1" in box



def test_the_proposals_danish_text_is_marked_danish_on_english_pages(
        published_seed: Catalogue) -> None:
    english = Client().get("/2020/katalog-2/2-8/", {"lang": "en"}).content.decode()
    assert '<h1>2.8 <span lang="da">Reduktion i medarbejdere i Borger &amp; Arbejdsmarked' \
        '</span></h1>' in english
    texts = re.findall(r'<div class="section-text"( lang="da")?>', english)
    assert len(texts) == 7 and all(texts)
    danish = Client().get("/2020/katalog-2/2-8/").content.decode()
    assert re.findall(r'<div class="section-text"( lang="da")?>', danish) == [""] * 7

def test_the_staffing_tables_in_the_text_of_2_8_are_tables(published_seed: Catalogue) -> None:
    html = Client().get("/2020/katalog-2/2-8/").content.decode()
    section = html[html.index("<h2>2. "):html.index("<h2>3. ")]
    tables = re.findall(r'<table class="table text-table">.*?</table>', section, re.S)
    assert len(tables) == 2
    first, second = tables
    heads = re.findall(r'<th scope="col"[^>]*>(.*?)</th>', first)
    assert heads[1:] == ["Årsværk", "Antal sager 24/7- 2019", "Gns. antal i sagsstammerne"]
    assert ('<th scope="row">Fleksjobsagsbehandling</th><td class="num">2</td>'
            '<td class="num">390</td><td class="num">195,0</td>') in first
    # The cells the PDF left blank stay blank, in their own columns.
    assert ('<th scope="row">Sager hos andre medarbejdere</th><td class="num"></td>'
            '<td class="num">203</td><td class="num"></td>') in first
    assert ('<th scope="row">Total</th><td class="num">36,1</td>'
            '<td class="num">2.705</td><td class="num"></td>') in first
    assert "Andre medarbejdere i jobcentret, som ikke er egentlig sagsbærende" in second
    assert '<th scope="row">Total</th><td class="num">27,9</td>' in second
    # No row is left behind as a loose line.
    assert "<p>Ledelse 6</p>" not in section and "<p>Total 27,9</p>" not in section
    assert "Det giver kun mening at tale om egentlige sagsstammer" in section
