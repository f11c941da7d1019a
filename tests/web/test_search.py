"""The public search: one Danish stemming and one snippet, whatever the database
(CI runs this file on SQLite and again on PostgreSQL)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from budgetkatalog.web.catalogues.models import Catalogue

pytestmark = pytest.mark.django_db


def found(query: str) -> dict[str, str]:
    """Proposal number -> its snippet, as the search page shows them."""
    html = Client().get("/soeg/", {"q": query}).content.decode()
    items = re.findall(r'<li><a href="[^"]+">(\d+\.\d+) [^<]*</a>.*?</li>', html, re.S)
    snippets = re.findall(r'<li><a href="[^"]+">[^<]*</a>.*?<p class="snippet">(.*?)</p>',
                          html, re.S)
    assert len(items) == len(snippets), html
    return dict(zip(items, snippets, strict=True))


def test_every_form_of_jobcenter_finds_the_same_proposals_each_with_a_snippet(
        published_seed: Catalogue) -> None:
    forms = ("Jobcenteret", "jobcentret", "jobcenter")
    results = {form: found(form) for form in forms}
    numbers = {form: sorted(r) for form, r in results.items()}
    assert numbers["jobcenter"], "the seed names the job centre in several proposals"
    assert numbers["Jobcenteret"] == numbers["jobcentret"] == numbers["jobcenter"]
    assert "2.16" in numbers["jobcenter"]
    for result in results.values():
        for snippet in result.values():
            assert re.search(r"<mark>[Jj]obcent\w*</mark>", snippet), snippet


def test_a_proposal_naming_the_words_in_its_title_comes_first(
        published_seed: Catalogue) -> None:
    html = Client().get("/soeg/", {"q": "medarbejdere i jobcentret"}).content.decode()
    results = html[html.index('<ul class="results">'):]
    first = re.search(r'<li><a href="[^"]+">([^<]+)</a>', results)
    assert first is not None
    assert first.group(1) == "2.8 Reduktion i medarbejdere i Borger &amp; Arbejdsmarked"


def test_small_words_are_not_highlighted_alone(published_seed: Catalogue) -> None:
    for snippet in found("medarbejdere i jobcentret").values():
        assert "<mark>i</mark>" not in snippet and "<mark>I</mark>" not in snippet


def test_the_snippet_is_cut_from_the_sections_not_the_head(
        published_seed: Catalogue) -> None:
    # 2.16's group is "1.6 Analyse af Jobcentret"; its text names the job centre too.
    assert not found("jobcentret")["2.16"].startswith("1.6 Analyse")


def test_every_word_of_the_query_is_required(published_seed: Catalogue) -> None:
    assert found("jobcentret dagpengemodtagere").keys() <= found("jobcentret").keys()
    assert not found("jobcentret zebraer")


def test_the_snippet_is_escaped_text(published_seed: Catalogue) -> None:
    html = Client().get("/soeg/", {"q": "<b>jobcenter</b>"}).content.decode()
    assert "<b>jobcenter" not in html
    assert "<mark>" in html


def test_the_catalogues_own_search_shows_a_snippet_per_proposal(
        published_seed: Catalogue) -> None:
    html = Client().get("/2020/katalog-2/", {"q": "jobcentret"}).content.decode()
    rows = re.findall(r'<th scope="row" class="proposal-cell">(.*?)</th>', html, re.S)
    assert len(rows) == len(found("jobcentret")) > 0
    assert all(re.search(r'<span class="snippet">.*<mark>[Jj]obcent\w*</mark>', row)
               for row in rows)


def test_a_query_without_a_word_finds_nothing(published_seed: Catalogue) -> None:
    assert not found("!!! --")
