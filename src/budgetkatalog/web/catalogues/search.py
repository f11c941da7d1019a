"""Danish full-text search over published proposals.

On PostgreSQL: ``to_tsvector('danish', ...)`` with websearch syntax, ranked, title
weighted above text. Elsewhere (SQLite) a portable fallback: text and query words
are reduced by the domain's Danish stemmer (``core.words.stem``), and every query
word must start a word of the proposal ("besparelser" finds "besparelse").
"""

from __future__ import annotations

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, QuerySet

from budgetkatalog.core.words import stem as danish_stem
from budgetkatalog.web.catalogues.models import PublishedProposal

WORD = re.compile(r"\w+")
# Stems as short as three letters: a query word matches the start of a stored word.
SHORTEST_STEM = 3


def stem(word: str) -> str:
    return danish_stem(word, shortest=SHORTEST_STEM)


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
    # Bounded like the query's length (limits.SEARCH_WORDS): one LIKE per word.
    terms = [stem(w) for w in WORD.findall(query)][:20]
    for term in terms:
        qs = qs.filter(search_words__contains=" " + term)
    return qs
