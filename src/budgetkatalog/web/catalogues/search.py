"""Danish full-text search over published proposals.

On PostgreSQL: ``to_tsvector('danish', ...)`` with websearch syntax, ranked, title
weighted above text. Elsewhere (SQLite) a portable fallback: text and query words
are casefolded and stripped of common Danish inflection endings, and every query
word must start a word of the proposal ("besparelser" finds "besparelse").
"""

from __future__ import annotations

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, QuerySet

from budgetkatalog.web.catalogues.models import PublishedProposal

WORD = re.compile(r"\w+")
# Longest first; a stem keeps at least three letters.
SUFFIXES = ("ernes", "erne", "enes", "ende", "ene", "ers", "er", "en", "et", "es", "e", "s")


def stem(word: str) -> str:
    w = word.casefold()
    for suffix in SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)]
    return w


def search_words(text: str) -> str:
    return " " + " ".join(stem(w) for w in WORD.findall(text)) + " "


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def search(qs: QuerySet[PublishedProposal], query: str) -> QuerySet[PublishedProposal]:
    query = query.strip()
    if not query:
        return qs
    if uses_postgres():
        vector = (SearchVector("title", weight="A", config="danish")
                  + SearchVector("search_text", weight="B", config="danish"))
        ts_query = SearchQuery(query, config="danish", search_type="websearch")
        return (qs.annotate(search=vector, rank=SearchRank(vector, ts_query))
                .filter(search=ts_query).order_by(F("rank").desc(), "sort_key"))
    terms = [stem(w) for w in WORD.findall(query)]
    for term in terms:
        qs = qs.filter(search_words__contains=" " + term)
    return qs
