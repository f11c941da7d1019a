"""Danish full-text search over published proposals, alike on every database.

Text and query words are reduced to the same key by the domain's Danish stemmer
(``core.words.search_stem``), and every query word must begin a word of the proposal
("besparelser" finds "besparelse", "Jobcenteret" finds "jobcentret"). The stored keys
(``PublishedProposal.search_words``) are matched with one containment lookup per
query word, which SQLite and PostgreSQL answer the same way; there is deliberately no
PostgreSQL-only path (its ``danish`` text search configuration stems "jobcenter" and
"jobcentret" apart). Ranking (title before text) and the highlighted snippet are
computed here in Python from the matched rows, so they are the same on both.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from django.db.models import QuerySet
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from budgetkatalog.core.words import STOPWORDS
from budgetkatalog.core.words import search_stem as stem
from budgetkatalog.web.catalogues.models import PublishedProposal

WORD = re.compile(r"\w+")
# Bounded like the query's length (limits.SEARCH_WORDS): one containment per word.
MOST_TERMS = 20
SNIPPET_CHARS = 220


def search_text(title: str, department: str, group: str, areas: str,
                sections: Iterable[str]) -> str:
    """What a published proposal is searched by: a head of four lines (title,
    department, group, areas), then its sections' text (what snippets are cut from)."""
    return "\n".join([title, department, group, areas, *sections])


HEAD_LINES = 4


def search_words(text: str) -> str:
    return " " + " ".join(stem(w) for w in WORD.findall(text)) + " "


def query_terms(query: str) -> list[str]:
    """The query's keys; small words ("i", "og") only when the query has nothing else,
    since every key also matches as the start of a longer word."""
    words = WORD.findall(query)
    content = [w for w in words if w.casefold() not in STOPWORDS] or words
    return list(dict.fromkeys(stem(w) for w in content))[:MOST_TERMS]


def search(qs: QuerySet[PublishedProposal], query: str) -> QuerySet[PublishedProposal]:
    """``qs`` narrowed to the proposals holding every word of ``query``; a query of
    punctuation alone ("!!!") holds no word and finds nothing."""
    if not query.strip():
        return qs
    terms = query_terms(query)
    if not terms:
        return qs.none()
    for term in terms:
        qs = qs.filter(search_words__contains=" " + term)
    return qs


def _matches(word: str, terms: Iterable[str]) -> bool:
    key = stem(word)
    return any(key.startswith(term) for term in terms)


def rank(rows: Sequence[PublishedProposal], query: str) -> list[PublishedProposal]:
    """``rows`` with those whose title holds more of the query's words first, then by
    how often the words occur in the text; otherwise in their given order."""
    terms = query_terms(query)

    def score(row: PublishedProposal) -> tuple[int, int]:
        in_title = sum(1 for w in WORD.findall(row.title) if _matches(w, terms))
        in_text = sum(1 for w in row.search_words.split() if w.startswith(tuple(terms)))
        return (-in_title, -in_text)

    return sorted(rows, key=score) if terms else list(rows)


def snippet(text: str, query: str, width: int = SNIPPET_CHARS) -> SafeString:
    """A passage of ``text`` (a ``search_text``) around the first matching word of the
    sections, escaped, with every matching word in ``<mark>``."""
    terms = query_terms(query)
    lines = text.split("\n")
    hits: list[re.Match[str]] = []
    # The sections first; the head (title, department, ...) when only it matches.
    for part in (lines[HEAD_LINES:], lines[1:HEAD_LINES]):
        body = " ".join(" ".join(part).split())
        hits = [m for m in WORD.finditer(body) if _matches(m.group(), terms)]
        if hits:
            break
    if not terms or not hits:
        return SafeString("")
    start = max(0, hits[0].start() - width // 3)
    if start:
        start = body.rfind(" ", 0, start) + 1
    end = min(len(body), start + width)
    if end < len(body):
        cut = body.rfind(" ", start, end)
        end = cut if cut > hits[0].end() else end
    marked = []
    at = start
    for m in hits:
        if m.start() < start or m.end() > end:
            continue
        marked.append((body[at:m.start()], m.group()))
        at = m.end()
    # format_html escapes every piece of text; only the <mark> tags are markup.
    return format_html("{}{}{}{}", "… " if start else "",
                       format_html_join("", "{}<mark>{}</mark>", marked),
                       body[at:end], " …" if end < len(body) else "")
