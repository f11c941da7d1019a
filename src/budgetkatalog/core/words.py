"""Words for fuzzy matching: normalised titles, the Danish stemmer, content bigrams.

Catalogues abbreviate and vary their spelling (``Adm. besparelse - Dagtilbud`` for
``Effektivisering af ledelse ... på dagtilbudsområde``, ``&`` for ``og``), so titles
are compared word by word, a word matching when it is contained in a title word or
shares most of its beginning with one.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

STOPWORDS = frozenset((
    "og", "i", "af", "at", "en", "et", "der", "det", "til", "på", "med", "for", "som", "de",
    "den", "vil", "kan", "er", "ved", "fra", "om", "sig", "ikke", "hvor", "hvis", "så",
    "nu", "da", "har", "have", "være", "blive", "bliver", "ud", "også", "samt", "mv", "m.v",
    "eller", "men", "dog", "alle", "skal", "kunne", "disse", "dette", "denne", "hhv",
    "bl.a", "fx", "f.eks", "jf", "ca", "pr", "inden", "under", "over", "efter", "mod",
    "deres", "dens", "dets", "vores", "sin", "sine", "sit", "hele", "flere", "færre",
    "mere", "mindre", "samme",
))
GENERIC = frozenset((
    "adm", "besparelse", "besparelsen", "reduktion", "reduktionen", "reducere", "reduceres",
    "forslag", "forslaget", "årsværk", "administrative", "administrativ", "administration",
    "kommunen", "kommunens", "samlet", "samlede",
))
# Danish inflection endings, longest first: "besparelserne", "besparelser" and
# "besparelse" share the stem "besparels".
_SUFFIXES = ("ernes", "erne", "enes", "ende", "ene", "ers", "ets", "ens", "er", "et", "en",
             "es", "e", "t", "s")


def normalise(text: str) -> str:
    text = text.lower().replace("&", " og ").replace("–", " ").replace("-", "")
    return re.sub(r"[^\wæøå ]+", " ", text)


@lru_cache(maxsize=65_536)
def _words(text: str) -> tuple[str, ...]:
    return tuple(w for w in normalise(text).split() if w)


def words(text: str) -> list[str]:
    return list(_words(text))


def stem(word: str, shortest: int = 5) -> str:
    """The one Danish stemmer: ``word`` casefolded, less its longest inflection ending
    when at least ``shortest`` letters remain. Matching titles keeps long stems (5);
    the web's portable search keeps short ones (3), as it matches stems as prefixes."""
    word = word.casefold()
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= shortest:
            return word[: -len(suffix)]
    return word


_VOWELS = frozenset("aeiouyæøå")


def search_stem(word: str) -> str:
    """The search's key for ``word``: the stemmer's short stem (three letters kept),
    with the ending "-er" of a noun folded the same way whether inflected or not.

    Danish drops the "e" of a final unstressed "-er" before an ending ("jobcenter",
    "jobcenteret", "jobcentret", "jobcentre"), so after the inflection ending is gone
    a stem may still end in "er" ("jobcenter") or in consonant + "r" ("jobcentr").
    Both lose that last syllable, and the four forms share "jobcent"."""
    key = stem(word, shortest=3)
    if len(key) - 2 >= 3 and key.endswith("er"):
        return key[:-2]
    if len(key) - 1 >= 3 and key.endswith("r") and key[-2] not in _VOWELS:
        return key[:-1]
    return key


@lru_cache(maxsize=65_536)
def _content_stems(text: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in _words(text) if w not in STOPWORDS and not w.isdigit())


def content_stems(text: str) -> list[str]:
    return list(_content_stems(text))


TOPIC_GENERIC = frozenset(("årsværk", "forslag", "forslaget", "besparels", "reduktion",
                           "reducer", "samlet", "samled", "medarbejder", "stilling"))


def content_bigrams(text: str) -> set[tuple[str, str]]:
    """Pairs of neighbouring content stems: what a sentence is about."""
    stems = [s for s in content_stems(text) if s not in TOPIC_GENERIC and len(s) >= 4]
    return set(itertools.pairwise(stems))


def word_matches(word: str, candidates: list[str]) -> bool:
    for candidate in candidates:
        if word in candidate or (candidate in word and len(candidate) >= 5):
            return True
        common = 0
        for a, b in zip(word, candidate, strict=False):
            if a != b:
                break
            common += 1
        if common >= 5 and common >= 0.8 * min(len(word), len(candidate)):
            return True
    return False


def significant(text: str) -> list[str]:
    return [w for w in words(text) if len(w) >= 4 and w not in STOPWORDS and w not in GENERIC]


def title_matches(short: str, full: str) -> bool:
    """Whether an abbreviated title names the same proposal as a full one: every
    significant word of ``short`` is found in ``full``."""
    wanted = significant(short)
    available = words(full)
    return all(word_matches(w, available) for w in wanted)


def clear_word_cache() -> None:
    _words.cache_clear()
    _content_stems.cache_clear()
