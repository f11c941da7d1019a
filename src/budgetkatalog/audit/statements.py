"""Statements: the amounts a text states, read the Danish way.

A *statement* is one amount in running text (``1,891 mio. kr.``, ``126 tkr.``,
``2.126.000 kr.``, ``kr. 0,9 mio.``, ``5 årsværk``, ``to fuldtidsansatte``, ``1,7%``)
with what the sentence says about it: the years it names (``i 2020``, ``fra 2021``,
``i 2020 og frem``), whether it is a full-year figure (``årligt``, ``helårseffekt``,
``ved fuld implementering``), its direction (saving or extra cost) and its source
line. *Phase-in* statements (``halv gennemslagskraft i 2020``, ``1/3 virkning``,
``7/12-effekt``, ``først effekt i 2021``, ``fuld effekt fra 2021``, ``virkning fra
juli 2020``) are read separately. Nothing here judges; the rules compare.

Every amount keeps its *precision*: half a unit of its last written digit
(``2,8 mio. kr.`` is 2.750.000–2.850.000 kr.), so a rule can tell a rounded
statement from a wrong one.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Any, TypeVar, cast

from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.core.proposal import Proposal
from budgetkatalog.core.text import Block, BulletList, Paragraph, line_at
from budgetkatalog.core.words import clear_word_cache

T = TypeVar("T")


class Kind(StrEnum):
    MONEY = "money"  # value in kr.
    FTE = "fte"  # value in årsværk
    PERCENT = "percent"  # value in per cent


class Notation(StrEnum):
    """A number written outside Danish convention, read anyway and reported."""

    ENGLISH_DECIMAL = "english-decimal"  # 1.75 mio. kr.
    SPACE_AFTER_COMMA = "space-after-comma"  # 1, 2 årsværk
    STRAY_POINT = "stray-point"  # 1. mio. kr.


@dataclass(frozen=True)
class Amount:
    value: Decimal
    kind: Kind
    precision: Decimal  # half a unit of the last written digit, in the value's unit
    text: str  # as written, unit included
    start: int  # offsets in the sentence
    end: int
    per_unit: bool = False  # "kr. pr. indbygger"
    approximate: bool = False  # "ca.", "omkring"
    in_range: bool = False  # "mellem 1,9 og 2,5 mio. kr.", "15-20 personer"
    notation: Notation | None = None

    def contains(self, other: Decimal, slack: Decimal = Decimal(0)) -> bool:
        """Whether ``other`` rounds to this amount at its written precision."""
        return abs(self.value - other) <= self.precision + slack


@dataclass(frozen=True)
class Sentence:
    text: str
    line: int | None
    section: str  # "1"–"7" in a proposal, "notat" in the front matter
    proposal: str | None
    paragraph: int  # index of the paragraph or list item within its section
    amounts: tuple[Amount, ...]


@dataclass(frozen=True)
class Statement:
    """An amount with the years and direction its sentence gives it."""

    amount: Amount
    sentence: Sentence
    years: tuple[int, ...] = ()  # round years named for this amount
    onward: bool = False  # "fra 2021", "i 2020 og frem"
    full_year: bool = False  # "årligt", "helårseffekt", "ved fuld implementering"
    foreign_year: bool = False  # names a year outside the round: context, not a claim
    direction: int = 0  # -1 saving / less expense, +1 extra expense, 0 not said
    own_direction: bool = False  # the direction word sits right before the amount
    effect_word: bool = False  # "effekt", "virkning", "indfaset" near the amount
    after_fte: bool = False  # "4,45 i årsnorm kr. 2.306.450": the FTE's full-year cost
    # The year a full-year amount is not whole in: "2,7 mio. kr. årligt, i 2026 dog 1,1",
    # "840.000 kr. årligt med halv effekt i 2026", "120.000 kr. om året fra april 2026".
    partial_year: int | None = None

    @property
    def line(self) -> int | None:
        return self.sentence.line

    @property
    def section(self) -> str:
        return self.sentence.section


class PhaseKind(StrEnum):
    RATIO = "ratio"  # a share of the full effect in one year
    NONE_BEFORE = "none-before"  # "først effekt i 2021": nothing before
    FULL_FROM = "full-from"  # "fuld effekt fra 2021": the full effect from then on


@dataclass(frozen=True)
class PhaseWords:
    kind: PhaseKind
    year: int
    ratio: Fraction | None
    words: str
    sentence: Sentence
    exceptions: bool = False  # "bortset fra", "undtagen": some lines start later


# -- numbers and units --------------------------------------------------------------

_NUMBER = (r"(?P<num>(?<![\w.,/])(?:\d{1,3}(?:\.\d{3})+|\d+)"
           r"(?:,\s?\d+(?=\s*(?:mio|mia|tkr|t\.kr|kr|årsværk|årsnorm|%|pct|procent))"
           r"|,\d+|\.\d{1,2}(?![\d.]))?)")
_UNIT = (r"(?P<unit>\.?\s*(?:mio\.?\s*kr\.?|mio\.|mia\.?\s*kr\.?|t\.?\s?kr\.?|kr\.?|,-"
         r"|%|pct\.?|procent|(?:i\s+|administrativ[te]?\s+)?[a-zæøå]{0,12}årsværk|i\s+årsnorm|årsnorm|fuldtidsansatte"
         r"|(?:[a-zæøå-]+\s+){0,2}(?:[a-zæøåA-Z-]*-)?stillinger|stilling)(?![a-zæøå]))")
_AMOUNT = re.compile(_NUMBER + r"\s*" + _UNIT, re.IGNORECASE)
_PREFIX_KR = re.compile(r"kr\.\s*" + _NUMBER + r"(?P<mio>\s*mio\.?(?:\s*kr\.?)?)?",
                        re.IGNORECASE)
_BARE = re.compile(_NUMBER)
_WORD_NUMBERS = {"et": 1, "én": 1, "en": 1, "ét": 1, "to": 2, "tre": 3, "fire": 4,
                 "fem": 5, "seks": 6, "syv": 7, "otte": 8, "ni": 9, "ti": 10}
_WORD_FTE = re.compile(
    r"\b(?P<word>et|én|ét|en|to|tre|fire|fem|seks|syv|otte|ni|ti)(?P<half>\s+halvt)?\s+"
    r"(?P<unit>årsværk|fuldtidsansatte)\b|\b(?P<only_half>et\s+halvt|halvt)\s+årsværk\b",
    re.IGNORECASE)
_APPROX = re.compile(r"(?:\bca\.|\bcirka|\bomkring|\bknap|\bgodt|\bop\s+til)\s*$", re.IGNORECASE)
_HAS_NUMBER = re.compile(r"\d|\b(?:et|én|ét|en|to|tre|fire|fem|seks|syv|otte|ni|ti|halvt)\s+"
                         r"(?:halvt\s+)?(?:årsværk|fuldtidsansatte)", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_ENGLISH = re.compile(r"\d+\.\d{1,2}")
_RANGE_HINT = re.compile(r"\d\s*(?:og|-|–|til)\s*\d")
_PER_UNIT = re.compile(r"\s*(?:pr\.?|per|om)\s+(?:år\s+(?:pr\.?|per)\s+)?(?!år\b|året\b)\w",
                       re.IGNORECASE)
# "4 stillinger à 500.000 kr.", "koster hver 500.000 kr.": a unit amount, named before it.
_PER_UNIT_BEFORE = re.compile(r"(?:\bhver|\bhvert|(?:^|\s)[àá])\s*$", re.IGNORECASE)
_YEAR_TOKEN = re.compile(r"(?:19|20)\d{2}")
_RANGE_JOIN = re.compile(r"^\s*(?:og|-|–|til)\s*$")


def _decimal(token: str) -> tuple[Decimal, int, Notation | None]:
    """(value, decimals, notation) of a number token."""
    notation = None
    if _ENGLISH.fullmatch(token):
        whole, frac = token.split(".")
        notation = Notation.ENGLISH_DECIMAL
    elif "," in token:
        whole, frac = token.split(",")
        if frac.startswith(" "):
            notation = Notation.SPACE_AFTER_COMMA
        frac = frac.strip()
        whole = whole.replace(".", "")
    else:
        whole, frac = token.replace(".", ""), ""
    value = Decimal(f"{whole}.{frac}") if frac else Decimal(whole)
    return value, len(frac), notation


def _unit(unit: str) -> tuple[Kind, Decimal] | None:
    u = " ".join(unit.strip(" .").lower().split())
    if u.startswith("mio"):
        return Kind.MONEY, Decimal(1_000_000)
    if u.startswith("mia"):
        return Kind.MONEY, Decimal(1_000_000_000)
    if u.startswith("t") and "kr" in u:
        return Kind.MONEY, Decimal(1000)
    if u.startswith("kr") or u == ",-":
        return Kind.MONEY, Decimal(1)
    if u in ("%", "pct", "procent"):
        return Kind.PERCENT, Decimal(1)
    if "årsværk" in u or "årsnorm" in u or "fuldtidsansatte" in u or "stilling" in u:
        return Kind.FTE, Decimal(1)
    return None


def _precision(decimals: int, scale: Decimal, kind: Kind, token: str) -> Decimal:
    """Half a unit of the last written digit. A whole amount of money is read to its
    last non-zero digit: ``2.126.000 kr.`` is stated to the thousand."""
    step = Decimal(1).scaleb(-decimals)
    if kind is Kind.MONEY and decimals == 0:
        digits = token.replace(".", "")
        zeros = len(digits) - len(digits.rstrip("0"))
        if zeros < len(digits):
            step = Decimal(10) ** zeros
    return step * scale / 2


def read_amounts(sentence: str) -> tuple[Amount, ...]:
    """Every amount with a unit in one sentence, in order of appearance."""
    has_digit = _DIGIT.search(sentence) is not None
    has_fte_word = "årsværk" in sentence or "fuldtidsansatte" in sentence
    if not has_digit and not has_fte_word:
        return ()
    found: list[Amount] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def add(token: str, unit: tuple[Kind, Decimal], start: int, end: int, text: str,
            notation: Notation | None = None) -> None:
        value, decimals, number_notation = _decimal(token)
        approximate = _APPROX.search(sentence[max(0, start - 16):start]) is not None
        kind, scale = unit
        after = sentence[end:end + 40]
        per_unit = kind is Kind.MONEY and (
            _PER_UNIT.match(after) is not None
            or _PER_UNIT_BEFORE.search(sentence[max(0, start - 12):start]) is not None)
        found.append(Amount(value * scale, kind,
                            _precision(decimals, scale, kind, token), text,
                            start, end, per_unit, approximate, False,
                            notation or number_notation))
        taken.append((start, end))

    for match in _AMOUNT.finditer(sentence) if has_digit else ():
        if not free(match.start(), match.end()):
            continue
        unit = _unit(match.group("unit"))
        if unit is None:
            continue
        token = match.group("num")
        notation = Notation.STRAY_POINT if match.group("unit").startswith(".") and \
            unit[0] is Kind.MONEY else None
        if unit[0] is Kind.FTE and _YEAR_TOKEN.fullmatch(token):
            continue
        add(token, unit, match.start(), match.end(), match.group(0).strip(), notation)
    for match in _PREFIX_KR.finditer(sentence) if "kr" in sentence else ():
        if not free(match.start(), match.end()):
            continue
        scale = Decimal(1_000_000) if match.group("mio") else Decimal(1)
        add(match.group("num"), (Kind.MONEY, scale), match.start(), match.end(),
            match.group(0).strip())
    for match in _WORD_FTE.finditer(sentence) if has_fte_word else ():
        if not free(match.start(), match.end()):
            continue
        if match.group("only_half"):
            value = Decimal("0.5")
        else:
            value = Decimal(_WORD_NUMBERS[match.group("word").lower()])
            if match.group("half"):
                # "et halvt årsværk" is a half; "to og et halvt" is not read here.
                value = Decimal("0.5") if value == 1 else value + Decimal("0.5")
        found.append(Amount(value, Kind.FTE, Decimal("0.05"), match.group(0), match.start(),
                            match.end()))
        taken.append((match.start(), match.end()))
    # "mellem 1,9 og 2,5 mio. kr.", "15-20 personer": the first number takes the unit
    # of the second.
    ranges = _RANGE_HINT.search(sentence) is not None and bool(found)
    for match in _BARE.finditer(sentence) if ranges else ():
        if not free(match.start(), match.end()) or _YEAR_TOKEN.fullmatch(match.group("num")):
            continue
        nxt = next((a for a in sorted(found, key=lambda a: a.start)
                    if a.start >= match.end()), None)
        if nxt is None or not _RANGE_JOIN.match(sentence[match.end():nxt.start]):
            continue
        value, decimals, notation = _decimal(match.group("num"))
        scale = nxt.value / _decimal(_leading_number(nxt.text))[0] \
            if _decimal(_leading_number(nxt.text))[0] else Decimal(1)
        first = Amount(value * scale, nxt.kind,
                       _precision(decimals, scale, nxt.kind, match.group("num")),
                       match.group(0), match.start(), match.end(), nxt.per_unit,
                       nxt.approximate, True, notation)
        found = [a if a is not nxt else _replace_range(a) for a in found]
        found.append(first)
        taken.append((match.start(), match.end()))
    return tuple(sorted(found, key=lambda a: a.start))


def _leading_number(text: str) -> str:
    match = _BARE.search(text)
    return match.group("num") if match else "0"


def _replace_range(amount: Amount) -> Amount:
    return Amount(amount.value, amount.kind, amount.precision, amount.text, amount.start,
                  amount.end, amount.per_unit, amount.approximate, True, amount.notation)


# -- sentences ---------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ]|\([A-ZÆØÅ])")
_ABBREVIATIONS = ("mio.", "kr.", "pct.", "ca.", "bl.a.", "f.eks.", "pr.", "jf.", "fx.",
                  "m.v.", "mv.", "tkr.", "t.kr.", "nr.", "inkl.", "evt.", "adm.")


def split_sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs. A point after ``kr.`` or ``mio.`` ends a sentence only
    when a capital follows that does not start a number's unit."""
    parts: list[tuple[int, str]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        before = text[start:match.start()]
        tail = before.rsplit(" ", 1)[-1].lower()
        if tail in ("ca.", "bl.a.", "f.eks.", "pr.", "jf.", "nr.") or \
                (before.endswith("kr.") and text[match.end():match.end() + 1].isdigit()):
            continue
        parts.append((start, before))
        start = match.end()
    parts.append((start, text[start:]))
    return [(offset, s.strip()) for offset, s in parts if s.strip()]


def _blocks_texts(blocks: tuple[Block, ...]
                  ) -> Iterator[tuple[str, int | None, tuple[int, ...]]]:
    for block in blocks:
        if isinstance(block, Paragraph):
            yield block.text, block.line, block.breaks
        elif isinstance(block, BulletList):
            for item in block.items:
                yield item.text, item.line, item.breaks


def _worth_reading(text: str) -> bool:
    """Whether a paragraph can state anything the audit reads: a number, an FTE word or
    a phase-in word. Most running text states none, and is skipped."""
    if _DIGIT.search(text) or "årsværk" in text or "fuldtidsansatte" in text:
        return True
    lowered = text.lower()
    return any(hint in lowered for hint in _PHASE_HINTS)


def sentences_of_blocks(blocks: tuple[Block, ...], section: str,
                        proposal: str | None) -> tuple[Sentence, ...]:
    result: list[Sentence] = []
    for index, (text, line, breaks) in enumerate(_blocks_texts(blocks)):
        if not _worth_reading(text):
            continue
        for offset, sentence in split_sentences(text):
            # The sentence's own line: where its first word stands in the source.
            start = offset + len(text[offset:]) - len(text[offset:].lstrip())
            result.append(Sentence(sentence, line_at(line, breaks, start), section, proposal,
                                   index, read_amounts(sentence)))
    return tuple(result)


# Every rule reads the same sentences, so they are read once per proposal object. The
# cache is keyed by identity (hashing a deep frozen dataclass on every look-up costs
# more than reading it) and holds the object, so an id is not reused while cached.
_CACHE: OrderedDict[tuple[str, int], tuple[object, tuple[Any, ...]]] = OrderedDict()
_CACHE_SIZE = 20_000


def cached(kind: str, owner: object, read: Callable[[], tuple[T, ...]]) -> tuple[T, ...]:
    """``read()`` once per ``owner`` object and ``kind``."""
    key = (kind, id(owner))
    hit = _CACHE.get(key)
    if hit is not None and hit[0] is owner:
        return cast(tuple[T, ...], hit[1])
    value = read()
    _CACHE[key] = (owner, value)
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return value


def clear_cache() -> None:
    """Forget every sentence and word read (for measurements of a cold check)."""
    _CACHE.clear()
    clear_word_cache()


def proposal_sentences(proposal: Proposal) -> tuple[Sentence, ...]:
    def read() -> tuple[Sentence, ...]:
        result: list[Sentence] = []
        for section in proposal.sections:
            result.extend(sentences_of_blocks(section.blocks, str(section.number),
                                              proposal.number))
        return tuple(result)
    return cached("proposal", proposal, read)


def memo_sentences(catalogue: Catalogue) -> tuple[Sentence, ...]:
    return cached("memo", catalogue.front_matter,
                   lambda: sentences_of_blocks(catalogue.front_matter, "notat", None))


def memo_statements(catalogue: Catalogue) -> tuple[Statement, ...]:
    years = catalogue.round.years
    return cached(f"memo-statements{years}", catalogue.front_matter, lambda: tuple(
        s for sentence in memo_sentences(catalogue) for s in statements_of(sentence, years)))


# -- years, direction, full-year words ----------------------------------------------

_YEAR_PHRASE = re.compile(
    r"\b(?P<prep>i|fra|fra og med|med virkning fra|pr\.|I|Fra)\s+"
    r"(?:(?:1\.\s*)?(?P<month>januar|februar|marts|april|maj|juni|juli|august|september"
    r"|oktober|november|december)\s+)?(?P<year>(?:19|20)\d{2})\b(?!\s*(?:pris|-P/L|P/L))"
    r"(?P<onward>\s+og\s+frem(?:efter|over)?)?", re.IGNORECASE)
_ANY_YEAR = re.compile(r"(?<![\d.,])(?:19|20)\d{2}(?![\d.,])")
_OUTLOOK = re.compile(r"\boverslagsår(?:ene)?\b", re.IGNORECASE)
_FULL_YEAR = re.compile(
    r"\bårlig(?:t|e)?\b|\bhelårs(?:effekt|virkning)|\bfuld(?:t|e)?\s+(?:implementer|indfas"
    r"|effekt|gennemslag|virkning|implementering)|\bpr\.\s*år\b|\bom\s+året\b",
    re.IGNORECASE)
_SAVING = re.compile(r"\b(?:(?:netto|brutto|drifts|el|energi|løn|års)?besparelse\w*"
                     r"|mindreudgift\w*|mindre\s+udgift\w*|reduktion\w*"
                     r"|reducer\w*|spare\w*|sparet|merindtægt\w*|effektivisering\w*)",
                     re.IGNORECASE)
_EXPENSE = re.compile(r"\b(?:merudgift\w*|meromkostning\w*|mindreindtægt\w*|koster)",
                      re.IGNORECASE)
_FULL_HINTS = ("årlig", "helårs", "fuld", "pr. år", "pr.år", "om året")
_EFFECT_HINTS = ("effekt", "virkning", "gennemslag", "indfas", "implementer")
_EFFECT = re.compile(r"effekt|virkning|gennemslag|indfas|fuld\w*\s+implementer",
                     re.IGNORECASE)


def _years_in(window: str, years: tuple[int, ...]) -> tuple[tuple[int, ...], bool, bool]:
    """(round years named, onward, foreign year named) in a piece of a sentence."""
    if "19" not in window and "20" not in window and "overslagsår" not in window:
        return (), False, False
    named: list[int] = []
    onward = False
    for match in _YEAR_PHRASE.finditer(window):
        year = int(match.group("year"))
        if year not in years:
            continue
        named.append(year)
        if match.group("prep").lower() in ("fra", "fra og med", "med virkning fra") \
                or match.group("onward"):
            onward = True
    if _OUTLOOK.search(window) and len(years) > 1:
        named.extend(years[1:])
    foreign = any(int(y) not in years for y in _ANY_YEAR.findall(window))
    return tuple(dict.fromkeys(named)), onward, foreign


# Phase-in or exception words followed by a year: "halv effekt i 2025", "i 2026 dog",
# "i 2027 det halve", "i 2025 halvdelen".
_PHASE_BEFORE_YEAR = re.compile(
    r"(?:halv\w*|\d+\s*/\s*\d+\s*-?|nedsat|delvis)\s*(?:effekt|virkning|gennemslag\w*)\s+"
    r"(?:i|fra)\s+(?:19|20)\d{2}|\bi\s+(?:19|20)\d{2}\s+(?:dog|kun|det\s+halve|halvdelen"
    r"|opnås|er\s+(?:effekten|beløbet|virkningen))", re.IGNORECASE)


# A start later in the year ("bortfalder fra april 2026"): that year has part of the
# full-year amount.
_LATER_MONTH = (r"\b(?:fra|pr\.|per|med\s+virkning\s+fra)\s+(?:1\.\s*)?(?:februar|marts|april|maj"
                r"|juni|juli|august|september|oktober|november|december)\s+(?:19|20)\d{2}")


_EXCEPTION_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_FTE_COST = re.compile(r"\s*(?:svarende\s+til|til\s+en\s+(?:udgift|værdi)\s+af|à)\s*",
                       re.IGNORECASE)
_CLAUSE = re.compile(r",\s+og\b|;\s")


def _exception_years(forward: str) -> str:
    """The forward window without the "i YEAR" phrase that starts an exception; a "fra
    YEAR" before it stays ("årligt fra 2027, i 2026 dog ...")."""
    match = re.search(r"(?:\bmed\s+)?(?:halv\w*|\d+\s*/\s*\d+\s*-?|nedsat|delvis)\s*"
                      r"(?:effekt|virkning|gennemslag\w*)\s+(?:i|fra)\s+(?:19|20)\d{2}"
                      r"|\bi\s+(?:19|20)\d{2}\b|" + _LATER_MONTH, forward, re.IGNORECASE)
    return forward[:match.start()] if match else forward


def statements_of(sentence: Sentence, years: tuple[int, ...]) -> tuple[Statement, ...]:
    """The sentence's amounts with the years and direction the sentence gives them.

    An amount takes the year phrase that follows it (up to the next amount) or, if
    there is none, the one before it (back to the previous amount): ``1,175 mio. kr. i
    2020 og 2,35 mio. kr. fra 2021``; ``I 2021 ... helårseffekt svarende til kr.
    2.306.450``."""
    result: list[Statement] = []
    amounts = sentence.amounts
    if not amounts:
        return ()
    text = sentence.text
    direction = 0
    saving = [m.start() for m in _SAVING.finditer(text)]
    expense = [m.start() for m in _EXPENSE.finditer(text)]
    for index, amount in enumerate(amounts):
        back_start = amounts[index - 1].end if index else 0
        fwd_end = amounts[index + 1].start if index + 1 < len(amounts) else len(text)
        backward = text[back_start:amount.start]
        forward = text[amount.end:fwd_end]
        near_full = any(h in forward.lower() for h in _FULL_HINTS) and \
            _FULL_YEAR.search(forward) is not None
        partial: int | None = None
        if near_full or _PHASE_BEFORE_YEAR.search(forward):
            # "2,7 mio. kr. årligt, i 2026 dog 1,1", "840.000 kr. årligt, med halv effekt
            # i 2026", "2,56 mio. kr. med halv effekt i 2025": the year after the full-year
            # or phase-in words is the exception, not this amount's year.
            kept = _exception_years(forward)
            exception = _EXCEPTION_YEAR.search(forward, len(kept))
            if len(kept) < len(forward) and exception is not None \
                    and int(exception.group(0)) in years:
                partial = int(exception.group(0))
            forward = kept
        named, onward, foreign = _years_in(forward, years)
        if not named:
            # Not back over ", og" or ";": "250.000 kr. om året fra 2026, og huslejen
            # på 120.000 kr. ..." gives 2026 to the first amount only.
            joints = list(_CLAUSE.finditer(backward))
            if joints and index:
                backward = backward[joints[-1].end():]
            named, onward, foreign_back = _years_in(backward, years)
            foreign = foreign or foreign_back
        else:
            foreign = foreign or _years_in(backward, years)[2]
        last_saving = max((p for p in saving if p < amount.start), default=-1)
        last_expense = max((p for p in expense if p < amount.start), default=-1)
        if last_saving >= 0 or last_expense >= 0:
            direction = -1 if last_saving > last_expense else 1
        own = bool(_SAVING.search(backward) or _EXPENSE.search(backward))
        near = (backward + " " + forward).lower()
        full = any(h in near for h in _FULL_HINTS) and _FULL_YEAR.search(near) is not None
        effect = any(h in near for h in _EFFECT_HINTS) and _EFFECT.search(near) is not None
        # "4,45 i årsnorm kr. 2.306.450", "2 lærerårsværk svarende til 1,9 mio. kr.
        # årligt": the cost of the FTE just named.
        after_fte = bool(index and amounts[index - 1].kind is Kind.FTE
                         and amount.kind is Kind.MONEY
                         and (len(backward.strip()) <= 3
                              or (full and _FTE_COST.fullmatch(backward) is not None)))
        result.append(Statement(amount, sentence, named, onward, full, foreign, direction,
                                own, effect, after_fte, partial))
    return tuple(result)


def proposal_statements(proposal: Proposal, years: tuple[int, ...]) -> tuple[Statement, ...]:
    return cached(f"statements{years}", proposal, lambda: tuple(
        s for sentence in proposal_sentences(proposal) for s in statements_of(sentence, years)))


# -- phase-in -----------------------------------------------------------------------

_MONTHS = {m: i for i, m in enumerate(
    ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
     "oktober", "november", "december"), start=1)}
_HALF = re.compile(r"\bhalv(?:t|e)?\s+(?:gennemslagskraft|gennemslag|effekt|virkning)"
                   r"|\bhalvårs(?:effekt|virkning)", re.IGNORECASE)
_FRACTION = re.compile(r"\b(?P<n>\d{1,2})\s*/\s*(?P<d>\d{1,2})\s*-?\s*"
                       r"(?:effekt|virkning|gennemslag|års?effekt)", re.IGNORECASE)
_FROM_MONTH = re.compile(
    r"(?:virkning|effekt)\s+(?:fra|pr\.)\s+(?:1\.\s*)?(?P<month>januar|februar|marts|april"
    r"|maj|juni|juli|august|september|oktober|november|december)\s+(?P<year>(?:19|20)\d{2})",
    re.IGNORECASE)
_NONE_BEFORE = re.compile(
    r"\bførst\s+(?:have\s+|få\s+|får\s+|give\s+|have\s+fuld\s+)?(?:effekt|virkning)\s+"
    r"(?:i|fra)\s+(?P<year>(?:19|20)\d{2})"
    # "virker først fra 2021", "får effekt først i 2021", "træder først i kraft i 2021"
    r"|\b(?:virker|virkning|effekt|træder|starter|begynder)\s+(?:\w+\s+)?først\s+"
    r"(?:i\s+kraft\s+)?(?:i|fra|pr\.)\s+(?:1\.\s*januar\s+)?(?P<year2>(?:19|20)\d{2})",
    re.IGNORECASE)
# "ingen effekt i 2020": nothing in that year; in the budget year, nothing before the next.
_NONE_IN = re.compile(r"\bingen\s+(?:effekt|virkning|besparelse)\s+i\s+"
                      r"(?P<year>(?:19|20)\d{2})", re.IGNORECASE)
_FULL_FROM = re.compile(
    r"\b(?:(?:fuld|fulde|fuldt)\s+(?:effekt|gennemslag|besparelse|virkning|indfaset"
    r"|implementeret)|helårs(?:effekt|virkning)|(?:virker|slår)\s+fuldt(?:\s+(?:ud|igennem))?"
    r"|fuldt\s+ud\s+(?:indfaset|implementeret))\b(?P<rest>[^.]{0,60}?)"
    r"(?:(?:fra|i)\s+(?P<year>(?:19|20)\d{2})|(?P<outlook>i\s+overslagsårene)"
    r"|(?P<after>efterfølgende))", re.IGNORECASE)
_HELAARS = re.compile(r"helårs(?:effekt|virkning)", re.IGNORECASE)
_EXCEPT = re.compile(r"\bbortset\s+fra\b|\bundtagen\b|\bdog\s+ikke\b", re.IGNORECASE)


# The template puts phase-in in the description (its time horizon) and the economy.
_PHASE_SECTIONS = ("2", "7")
_PHASE_HINTS = ("effekt", "virkning", "gennemslag", "indfas", "implementer", "helårs", "halv",
                "virker", "først")


def phase_ins(sentence: Sentence, years: tuple[int, ...]) -> tuple[PhaseWords, ...]:
    if sentence.section not in _PHASE_SECTIONS:
        return ()
    text = sentence.text
    lowered = text.lower()
    if not any(hint in lowered for hint in _PHASE_HINTS):
        return ()
    found: list[PhaseWords] = []
    named = [int(m.group("year")) for m in _YEAR_PHRASE.finditer(text)
             if int(m.group("year")) in years]
    default = named[0] if named else (years[0] if years else 0)
    exceptions = _EXCEPT.search(text) is not None
    for match in _HALF.finditer(text):
        found.append(PhaseWords(PhaseKind.RATIO, _year_at(text, match.end(), years, default),
                             Fraction(1, 2), match.group(0), sentence, exceptions))
    for match in _FRACTION.finditer(text):
        n, d = int(match.group("n")), int(match.group("d"))
        if 0 < n < d:
            found.append(PhaseWords(PhaseKind.RATIO, _year_at(text, match.end(), years, default),
                                 Fraction(n, d), match.group(0), sentence, exceptions))
    for match in _FROM_MONTH.finditer(text):
        year = int(match.group("year"))
        month = _MONTHS[match.group("month").lower()]
        if year in years and month > 1:
            found.append(PhaseWords(PhaseKind.RATIO, year, Fraction(13 - month, 12),
                                 match.group(0), sentence, exceptions))
    for match in _NONE_BEFORE.finditer(text):
        year = int(match.group("year") or match.group("year2"))
        if year in years:
            found.append(PhaseWords(PhaseKind.NONE_BEFORE, year, None, match.group(0), sentence,
                                 exceptions))
    for match in _NONE_IN.finditer(text):
        year = int(match.group("year"))
        if years and year == years[0] and year + 1 in years:
            found.append(PhaseWords(PhaseKind.NONE_BEFORE, year + 1, None, match.group(0),
                                    sentence, exceptions))
    for match in _FULL_FROM.finditer(text):
        if match.group("year"):
            year = int(match.group("year"))
        elif match.group("outlook") and len(years) > 1:
            year = years[1]
        elif match.group("after") and found and found[-1].kind is PhaseKind.RATIO:
            year = found[-1].year + 1
        else:
            continue
        if year in years:
            found.append(PhaseWords(PhaseKind.FULL_FROM, year, None, match.group(0), sentence,
                                 exceptions))
    for match in _HELAARS.finditer(text):
        if re.match(r"\s+(?:fra|i)\s+(?:19|20)\d{2}", text[match.end():]):
            continue  # "helårseffekt fra 2021": read above
        before = [m for m in _YEAR_PHRASE.finditer(text[:match.start()])
                  if int(m.group("year")) in years]
        if before:
            found.append(PhaseWords(PhaseKind.FULL_FROM, int(before[-1].group("year")), None,
                                 match.group(0), sentence, exceptions))
    return tuple(found)


def _year_at(text: str, end: int, years: tuple[int, ...], default: int) -> int:
    """The year the phase-in words name right after them ("halv effekt i 2025"), else
    the sentence's first year."""
    match = re.match(r"\s+(?:i|fra|for)\s+((?:19|20)\d{2})\b", text[end:end + 16])
    if match and int(match.group(1)) in years:
        return int(match.group(1))
    # "i 2025 er der halv effekt": the year just before, in the same clause.
    before = re.findall(r"\bi\s+((?:19|20)\d{2})\b[^.;,]{0,30}$", text[max(0, end - 60):end])
    if before and int(before[-1]) in years:
        return int(before[-1])
    return default


def proposal_phase_ins(proposal: Proposal, years: tuple[int, ...]) -> tuple[PhaseWords, ...]:
    return cached(f"phases{years}", proposal, lambda: tuple(
        p for sentence in proposal_sentences(proposal) for p in phase_ins(sentence, years)))
