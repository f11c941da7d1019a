"""Derived figures the text states: a percentage of a stated base, a count times a
unit amount, a total less a deduction, a sum of named parts, a target less what is
already implemented, a percentage difference between two stated figures, a share
taken by one table line, and two statements of one range.

Each check recomputes the figure from the stated inputs and judges the stated result
with the tolerance rule in :func:`budgetkatalog.audit.registry.judge`: the result's
own precision, plus the rounding its inputs carry.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from decimal import Decimal

from budgetkatalog.audit.registry import judge, make, with_tables
from budgetkatalog.audit.statements import (
    Amount,
    Kind,
    Sentence,
    Statement,
    memo_sentences,
    proposal_sentences,
    statements_of,
)
from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.core.finding import Finding, Severity
from budgetkatalog.core.money import round_half_up
from budgetkatalog.core.words import content_stems

# Words that point back to the amount just stated ("af dette beløb", "af beløbet",
# "heraf", "således", "dermed") and words that state a base ("udgør", "er på",
# "beløber sig til").
_THIS_AMOUNT = re.compile(
    r"\baf\s+(?:dette|det\s+nævnte|det|denne)\s+(?:beløb|budget|ramme)\w*\b"
    r"|\baf\s+(?:beløbet|budgettet|rammen)\b|\bheraf\b|\bderaf\b|\bsåledes\b|\bdermed\b",
    re.IGNORECASE)
_STATES_BASE = re.compile(r"\budgør\b|\ber\s+på\b|\bbeløber\s+sig\s+til\b|\budgjorde\b",
                          re.IGNORECASE)
_GENERIC_STEMS = frozenset(("administration", "administrationsudgift", "besparelse",
                            "reduktionen"))


def _parts(catalogue: Catalogue) -> Iterator[tuple[str | None, tuple[Sentence, ...]]]:
    """The memo, then each proposal: (proposal number or None, its sentences)."""
    yield None, memo_sentences(catalogue)
    for proposal in catalogue.proposals:
        yield proposal.number, proposal_sentences(proposal)


def _plain(amounts: tuple[Amount, ...], kind: Kind | None = None) -> list[Amount]:
    return [a for a in amounts if not a.in_range and not a.approximate
            and (kind is None or a.kind is kind)]


def _show(amount: Amount) -> str:
    return amount.text


def _long_stems(text: str) -> set[str]:
    return {s for s in content_stems(text) if len(s) >= 10} - _GENERIC_STEMS


def percent_of_base(catalogue: Catalogue) -> list[Finding]:
    findings: list[Finding] = []
    for number, sentences in _parts(catalogue):
        for index, sentence in enumerate(sentences):
            percents = _plain(sentence.amounts, Kind.PERCENT)
            if len(percents) != 1 or len([a for a in sentence.amounts
                                          if a.kind is Kind.PERCENT]) != 1:
                continue
            percent = percents[0]
            base = _inline_base(sentence, percent)
            if base is not None:
                # "2,0 mio. kr. svarer til 15 pct. af områdets budget på 12,0 mio. kr.":
                # the base stands in the sentence; the result is the other amount, the
                # one before the percentage first.
                others = [a for a in _plain(sentence.amounts, base.kind)
                          if a is not base and not a.per_unit]
                before = [a for a in others if a.end <= percent.start]
                after = [a for a in others if a.start >= base.end]
                if not before and not after:
                    continue
                result = before[-1] if before else after[0]
            else:
                results = [a for a in _plain(sentence.amounts) if a.start > percent.end
                           and a.kind is not Kind.PERCENT and not a.per_unit]
                if not results and _THIS_AMOUNT.search(sentence.text[percent.end:]):
                    # "Reduktionen på 0,8 mio. kr. svarer til 20 pct. af dette budget":
                    # the result before, the base in the sentence before.
                    results = [a for a in reversed(_plain(sentence.amounts))
                               if a.end <= percent.start and a.kind is not Kind.PERCENT
                               and not a.per_unit]
                if not results:
                    continue
                result = results[0]
                base = _base(sentences, index, sentence, result)
                if base is None:
                    continue
            expected = percent.value * base.value / 100
            inputs = base.value * percent.precision / 100 + percent.value * base.precision / 100
            severity = judge(result.value - expected, result.precision, inputs)
            if severity is None:
                continue
            findings.append(make(
                "derived.percent", severity,
                "{pct} af {base} er {expected}, men teksten angiver {result}."
                + (" Forskellen kan forklares ved afrunding." if severity is Severity.NOTE
                   else ""),
                "{pct} of {base} is {expected}, but the text states {result}."
                + (" The difference is explained by rounding." if severity is Severity.NOTE
                   else ""),
                proposal=number, line=sentence.line, section=sentence.section,
                numbers=(("percent", percent.value), ("base", base.value),
                         ("expected", expected), ("stated", result.value)),
                pct=_show(percent), base=_show(base),
                expected=_format_like(expected, result), result=_show(result)))
    return findings


# Between "15 pct." and the base it is taken of: "af", a short noun phrase, perhaps "på";
# no verb or second clause ("udgør", "og", "svarende til", a comma): in "16 % af dette
# beløb udgør 34,2 mio. kr." the amount is the result, and the base stands before.
_OF_BASE = re.compile(
    r"\s*af\b(?![^,;]*\b(?:og|eller|svarende|dvs|hvilket|hvoraf|udgør|udgjorde|er|var"
    r"|bliver|giver|svarer|beløber|andrager|dette|denne|det|heraf)\b)[^,;]{0,60}$",
    re.IGNORECASE)


def _inline_base(sentence: Sentence, percent: Amount) -> Amount | None:
    """The base a percentage is taken of when the sentence states it right after the
    percentage ("15 pct. af områdets budget på 12,0 mio. kr.", "25 % af 8 mio. kr.")."""
    after = [a for a in _plain(sentence.amounts) if a.start >= percent.end
             and a.kind is not Kind.PERCENT and not a.per_unit]
    if not after:
        return None
    base = after[0]
    if _OF_BASE.match(sentence.text[percent.end:base.start]) is None:
        return None
    return base


def _base(sentences: tuple[Sentence, ...], index: int, sentence: Sentence,
          result: Amount) -> Amount | None:
    if _THIS_AMOUNT.search(sentence.text) and index > 0:
        previous = sentences[index - 1]
        if previous.section == sentence.section:
            same = [a for a in _plain(previous.amounts, result.kind) if not a.per_unit]
            if same:
                return same[-1]
    stems = _long_stems(sentence.text)
    if not stems:
        return None
    for earlier in reversed(sentences[:index]):
        if not _STATES_BASE.search(earlier.text) or not stems & _long_stems(earlier.text):
            continue
        same = [a for a in _plain(earlier.amounts, result.kind)
                if not a.per_unit and a.value > result.value]
        if same:
            return same[0]
    return None


def _format_like(value: Decimal, like: Amount) -> str:
    """``value`` in the unit and decimals ``like`` was written in."""
    text = like.text
    match = re.match(r"(?:kr\.\s*)?(\d[\d.,\s]*)", text)
    if match is None:
        return str(value)
    token = match.group(1).strip()
    decimals = len(token.split(",")[1]) if "," in token else 0
    scale = Decimal(1)
    lowered = text.lower()
    if "mio" in lowered:
        scale = Decimal(1_000_000)
    elif "tkr" in lowered or "t.kr" in lowered:
        scale = Decimal(1000)
    shown = round_half_up(value / scale, decimals + 1)
    unit = text[match.end():].strip() or ""
    number = f"{shown:f}".replace(".", ",")
    return f"{number} {unit}".strip()


_COUNT = re.compile(r"(?<![\d,.])(\d+(?:,\d+)?)\s+(?:personer|borgere|stillinger|medarbejdere)"
                    r"\b", re.IGNORECASE)
_ROUNDED_COUNT = re.compile(r"årsværk|fuldtid|årsnorm", re.IGNORECASE)
_UNIT_WORDS = re.compile(r"gennemsnitsløn|gennemsnitlig\w*\s+løn|\bi\s+gennemsnit\b"
                         r"|pr\.\s*år\s+pr\.|pr\.\s*\w+", re.IGNORECASE)


def product(catalogue: Catalogue) -> list[Finding]:
    findings: list[Finding] = []
    for number, sentences in _parts(catalogue):
        for sentence in sentences:
            money = _plain(sentence.amounts, Kind.MONEY)
            if len(money) < 2:
                continue
            unit = next((a for a in money if a.per_unit
                         or _UNIT_WORDS.search(sentence.text[:a.start])), None)
            if unit is None:
                continue
            totals = [a for a in money if a.start > unit.end and not a.per_unit
                      and a.value > unit.value]
            counts = [(Decimal(m.group(1).replace(",", ".")), m.group(0))
                      for m in _COUNT.finditer(sentence.text)]
            counts += [(a.value, a.text) for a in _plain(sentence.amounts, Kind.FTE)]
            if not totals or not counts:
                continue
            total = totals[0]
            best: tuple[Decimal, str, Severity | None] | None = None
            for count, count_text in counts:
                expected = count * unit.value
                decimals = len(str(count).split(".")[1]) if "." in str(count) else 0
                # People and posts are counted exactly ("4 stillinger"); an FTE figure
                # ("4,5 årsværk", "4 årsværk") may be rounded to its last digit.
                counted = decimals == 0 and not _ROUNDED_COUNT.search(count_text)
                count_precision = Decimal(0) if counted else Decimal(1).scaleb(-decimals) / 2
                inputs = unit.precision * count + count_precision * unit.value
                severity = judge(total.value - expected, total.precision, inputs)
                if best is None or severity is None or (
                        best[2] is Severity.ERROR and severity is Severity.NOTE):
                    best = (expected, count_text, severity)
                if severity is None:
                    break
            if best is None or best[2] is None:
                continue
            expected, count_text, severity = best
            assert severity is not None
            findings.append(make(
                "derived.product", severity,
                "{count} à {unit} giver {expected} kr., men teksten angiver {total}.",
                "{count} at {unit} gives DKK {expected}, but the text states {total}.",
                proposal=number, line=sentence.line, section=sentence.section,
                numbers=(("unit", unit.value), ("expected", expected),
                         ("stated", total.value)),
                count=count_text, unit=_show(unit), expected=round_half_up(expected),
                total=_show(total)))
    return findings


# "reduceres besparelsen med", "nedsættes beløbet med", "fratrækkes", "modregnes": a
# deduction; "Hermed", "Dermed", "Herefter", "Således", "Netto": its result.
_DEDUCTION = re.compile(
    r"\b(?:reducer\w*|nedsætte\w*|nedsættes|mindske\w*|formindske\w*)\s+"
    r"(?:besparelsen|beløbet|gevinsten|effekten)\s+med\b|\b(?:fratrækkes|modregnes)\b",
    re.IGNORECASE)
_RESULT = re.compile(r"^(?:Hermed|Dermed|Herefter|Derefter|Således|Netto\w*)\b",
                     re.IGNORECASE)


def deduction(catalogue: Catalogue) -> list[Finding]:
    findings: list[Finding] = []
    for number, sentences in _parts(catalogue):
        for index, sentence in enumerate(sentences):
            found = _DEDUCTION.search(sentence.text) if "e" in sentence.text else None
            if found is None:
                continue
            deducted = [a for a in _plain(sentence.amounts, Kind.MONEY) if a.start > found.end()]
            earlier = [a for s in sentences[:index] if s.paragraph == sentence.paragraph
                       and s.section == sentence.section
                       for a in _plain(s.amounts, Kind.MONEY) if not a.per_unit]
            later = next((s for s in sentences[index + 1:index + 3]
                          if _RESULT.match(s.text) and _plain(s.amounts, Kind.MONEY)), None)
            if not deducted or not earlier or later is None:
                continue
            total = max(earlier, key=lambda a: a.value)
            minus = deducted[0]
            result = _plain(later.amounts, Kind.MONEY)[-1]
            expected = total.value - minus.value
            severity = judge(result.value - expected, result.precision,
                             total.precision + minus.precision)
            if severity is None:
                continue
            findings.append(make(
                "derived.deduction", severity,
                "{total} fratrukket {minus} er {expected} kr., men teksten angiver {result}.",
                "{total} less {minus} is DKK {expected}, but the text states {result}.",
                proposal=number, line=later.line, section=later.section,
                numbers=(("total", total.value), ("deducted", minus.value),
                         ("expected", expected), ("stated", result.value)),
                total=_show(total), minus=_show(minus), expected=expected,
                result=_show(result)))
    return findings


# A sum stated after its parts: a sentence that starts with a sum word ("Samlet
# reduceres udgifterne med 1,0 mio. kr.", "I alt spares ...", "Tilsammen er det ..."),
# or a sum word after a comma in the sentence that states the parts ("0,2 mio. kr. på
# puljerne og 0,8 mio. kr. på kurserne, i alt 1,0 mio. kr.").
_SUM_START = re.compile(r"^(?:Samlet|Samlede|I\s+alt(?!\s+\d)|Tilsammen|Til\s+sammen"
                        r"|Sammenlagt|Alt\s+i\s+alt|Totalt)\b", re.IGNORECASE)
_SUM_INSIDE = re.compile(r"[,;–]\s*(?:og\s+)?(?:i\s+alt|samlet|tilsammen|sammenlagt"
                         r"|til\s+sammen)\b", re.IGNORECASE)
_DISTRIBUTED = re.compile(r"\bi\s+alt\b.*?\bfordelt\s+på\b", re.IGNORECASE)
_PAREN_NUMBER = re.compile(r"\((\d+(?:,\d+)?)\)")


# A net figure ("nettobesparelse", "nettoudgift", "netto 0,7 mio. kr."): its parts
# offset each other, so a part whose direction the text does not give may count either way.
_NET = re.compile(r"\bnetto\w*", re.IGNORECASE)


def _sum_claim(sentences: tuple[Sentence, ...], index: int, years: tuple[int, ...]
               ) -> tuple[Statement, list[Statement]] | None:
    """(the stated sum, the amounts before it that may be its parts), or ``None``; each
    with the years and direction its sentence gives it."""
    sentence = sentences[index]
    inside = _SUM_INSIDE.search(sentence.text)
    if inside is not None and not _SUM_START.match(sentence.text):
        after = [a for a in _plain(sentence.amounts) if a.start >= inside.end()]
        if not after:
            return None
        total = after[0]
        own = _statements(sentence, years)
        parts = [own[id(a)] for a in _plain(sentence.amounts, total.kind)
                 if a.end <= inside.start() and not a.per_unit]
        return (own[id(total)], parts) if len(parts) >= 2 else None
    if not _SUM_START.match(sentence.text):
        return None
    stated = _plain(sentence.amounts)
    if not stated:
        return None
    total = stated[0]
    before: list[Statement] = []
    for earlier in sentences[:index]:
        if earlier.section != sentence.section or _SUM_START.match(earlier.text):
            continue
        amounts = [a for a in _plain(earlier.amounts, total.kind) if not a.per_unit]
        if amounts:
            statements = _statements(earlier, years)
            before.extend(statements[id(a)] for a in amounts)
    return _statements(sentence, years)[id(total)], before[-6:]


def _statements(sentence: Sentence, years: tuple[int, ...]) -> dict[int, Statement]:
    """The sentence's statements by their amount's identity, in order."""
    return {id(s.amount): s for s in statements_of(sentence, years)}


def _period(statement: Statement, years: tuple[int, ...]) -> frozenset[int] | None:
    """The round years a statement speaks of; ``None`` when it names none (an amount
    without a year). A full-year amount speaks of every year but the one its phase-in
    makes an exception of ("0,6 mio. kr. årligt med halv effekt i 2026")."""
    if not statement.years:
        if statement.partial_year is None:
            return None
        return frozenset(y for y in years if y != statement.partial_year)
    if statement.onward:
        return frozenset(y for y in years if y >= min(statement.years))
    return frozenset(statement.years)


def _part_of(total: Statement, part: Statement, years: tuple[int, ...]) -> bool:
    """Whether ``part`` counts in every year ``total`` speaks of: "1,5 mio. kr. i 2026"
    is part of a sum "i 2026"; "2,3 mio. kr. årligt fra 2027" and "0,6 mio. kr. årligt
    med halv effekt i 2026" are not, and "400 t.kr. i 2025" is no part of one "fra
    2026"."""
    wanted, covered = _period(total, years), _period(part, years)
    return wanted is None or covered is None or wanted <= covered


def _signings(parts: list[Statement], net: bool) -> Iterator[tuple[int, ...]]:
    """The ways the parts may add up: a saving against an extra cost offsets it; a part
    whose direction the text does not give goes with the others, or, in a net figure,
    either way."""
    # Only a direction word right before the amount gives it its direction: in "sparer
    # 1,2 mio. kr., men mister 0,2 mio. kr. i lejeindtægter" the second does not save.
    directions = [p.direction if p.own_direction else 0 for p in parts]
    usual = 1 if sum(directions) >= 0 else -1
    options = [(d,) if d else ((1, -1) if net else (usual,)) for d in directions]
    return itertools.product(*options)


def _show_signed(parts: list[Statement], signs: tuple[int, ...]) -> str:
    """"0,62 mio. kr. − 20 t.kr.": each part after the first with + when it goes the
    first one's way, − when it offsets it."""
    shown = _show(parts[0].amount)
    for part, sign in zip(parts[1:], signs[1:], strict=True):
        shown += (" + " if sign == signs[0] else " − ") + _show(part.amount)
    return shown


def sum_of_parts(catalogue: Catalogue) -> list[Finding]:
    findings: list[Finding] = []
    years = catalogue.round.years
    for number, sentences in _parts(catalogue):
        for index, sentence in enumerate(sentences):
            findings.extend(_distributed(number, sentence))
            claim = _sum_claim(sentences, index, years)
            if claim is None:
                continue
            total, candidates = claim
            before = [p for p in candidates if _part_of(total, p, years)]
            if len(before) < 2:
                continue
            net = _NET.search(sentence.text) is not None
            stated = total.amount
            best: tuple[Decimal, list[Statement], tuple[int, ...]] | None = None
            agrees = False
            for size in range(2, len(before) + 1):
                parts = before[-size:]
                inputs = sum((p.amount.precision for p in parts), Decimal(0))
                for signs in _signings(parts, net):
                    value = abs(sum((sign * p.amount.value for sign, p in
                                     zip(signs, parts, strict=True)), Decimal(0)))
                    if judge(stated.value - value, stated.precision, inputs) is None:
                        agrees = True
                        break
                    if best is None or abs(stated.value - value) < abs(stated.value - best[0]):
                        best = (value, parts, signs)
                if agrees:
                    break
            if agrees or best is None:
                continue
            value, parts, signs = best
            findings.append(make(
                "derived.sum", Severity.WARNING,
                "'{text}' angiver {total}, men de foregående beløb ({parts}) summer ikke "
                "til det.",
                "'{text}' states {total}, but the amounts before it ({parts}) do not sum "
                "to it.", proposal=number, line=sentence.line, section=sentence.section,
                numbers=(("stated", stated.value), ("sum", value)),
                text=_clip(sentence.text), total=_show(stated),
                parts=_show_signed(parts, signs)))
    return findings


def _distributed(number: str | None, sentence: Sentence) -> list[Finding]:
    if "fordelt" not in sentence.text:
        return []
    match = _DISTRIBUTED.search(sentence.text)
    if match is None:
        return []
    totals = [a for a in _plain(sentence.amounts) if a.start < match.end()]
    parts = [Decimal(p.replace(",", ".")) for p in
             _PAREN_NUMBER.findall(sentence.text[match.end():])]
    if not totals or len(parts) < 2:
        return []
    total = totals[-1]
    value = sum(parts, Decimal(0))
    severity = judge(total.value - value, total.precision, Decimal(0))
    if severity is None:
        return []
    return [make("derived.sum", Severity.ERROR,
                 "'{total}' er fordelt på {parts}, som summer til {value}.",
                 "'{total}' is split into {parts}, which sum to {value}.",
                 proposal=number, line=sentence.line, section=sentence.section,
                 numbers=(("stated", total.value), ("sum", value)), total=_show(total),
                 parts=" + ".join(str(p).replace(".", ",") for p in parts), value=value)]


def _clip(text: str, length: int = 60) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


_COMPARISON = re.compile(r"(?:mere|højere|dyrere)\b|(?P<less>mindre|lavere|billigere)\b",
                         re.IGNORECASE)


def comparison(catalogue: Catalogue) -> list[Finding]:
    findings: list[Finding] = []
    for number, sentences in _parts(catalogue):
        for index, sentence in enumerate(sentences):
            percents = _plain(sentence.amounts, Kind.PERCENT)
            if len(percents) != 1:
                continue
            percent = percents[0]
            word = _COMPARISON.match(sentence.text[percent.end:].lstrip())
            if word is None:
                continue
            # The two figures compared: unit figures ("kr. pr. indbygger") stated before
            # the percentage, in earlier sentences of the section or in its own.
            earlier = [(s, a) for s in sentences[:index + 1] if s.section == sentence.section
                       for a in _plain(s.amounts, Kind.MONEY)
                       if (s is not sentence or a.end <= percent.start)
                       and (a.per_unit or re.match(r"\s*,-", s.text[a.end:]))]
            if len(earlier) < 2:
                continue
            other_sentence, other = earlier[-1]
            subject = sentence.text.split()[0]
            # The figure of the one the sentence speaks of ("Albertslund bruger ... mere"),
            # else the one stated before the other.
            own = next((a for s, a in reversed(earlier[:-1])
                        if s is not other_sentence and subject in s.text), earlier[-2][1])
            if other.value == 0:
                continue
            ratio = own.value / other.value
            expected = (1 - ratio if word.group("less") else ratio - 1) * 100
            inputs = (own.precision / other.value
                      + own.value * other.precision / other.value ** 2) * 100
            severity = judge(percent.value - expected, percent.precision, inputs)
            if severity is None:
                continue
            findings.append(make(
                "derived.comparison", severity,
                "{own} mod {other} er {expected} % {word}, men teksten angiver {stated}."
                + (" Forskellen kan forklares ved afrunding af de to tal."
                   if severity is Severity.NOTE else ""),
                "{own} against {other} is {expected} % {word}, but the text states {stated}."
                + (" The difference is explained by rounding the two figures."
                   if severity is Severity.NOTE else ""),
                proposal=number, line=sentence.line, section=sentence.section,
                numbers=(("own", own.value), ("other", other.value),
                         ("expected", round_half_up(expected, 2)), ("stated", percent.value)),
                own=_show(own), other=_show(other), expected=round_half_up(expected, 2),
                word=word.group(0), stated=_show(percent)))
    return findings


_IMPLEMENTED = re.compile(r"\bimplementer\w*|\bgennemført\w*|\ballerede\s+vedtaget",
                          re.IGNORECASE)
_REMAINING = re.compile(r"\breduktion\w*|\bmåltal\w*|\bresterende\b", re.IGNORECASE)


def target_remaining(catalogue: Catalogue) -> list[Finding]:
    sentences = memo_sentences(catalogue)
    target: Amount | None = None
    for index, sentence in enumerate(sentences):
        percents = _plain(sentence.amounts, Kind.PERCENT)
        money = [a for a in _plain(sentence.amounts, Kind.MONEY) if a.start > (
            percents[0].end if percents else len(sentence.text))]
        if percents and money and _THIS_AMOUNT.search(sentence.text):
            target = money[0]
            start = index
            break
    if target is None:
        return []
    implemented: Amount | None = None
    for sentence in sentences[start + 1:]:
        money = _plain(sentence.amounts, Kind.MONEY)
        if implemented is None:
            if money and _IMPLEMENTED.search(sentence.text):
                implemented = money[0]
            continue
        if money and _REMAINING.search(sentence.text):
            remaining = money[0]
            expected = target.value - implemented.value
            severity = judge(remaining.value - expected, remaining.precision,
                             target.precision + implemented.precision)
            if severity is None:
                return []
            return [make(
                "memo.target", severity,
                "Målet {target} fratrukket de allerede gennemførte {done} giver {expected}, "
                "men notatet angiver {remaining}.",
                "The target {target} less the {done} already implemented gives "
                "{expected}, but the memo states {remaining}.",
                line=sentence.line, section="notat",
                numbers=(("target", target.value), ("implemented", implemented.value),
                         ("expected", expected), ("stated", remaining.value)),
                target=_show(target), done=_show(implemented),
                expected=_format_like(expected, remaining),
                remaining=_show(remaining))]
    return []


def share(catalogue: Catalogue) -> list[Finding]:
    findings: list[Finding] = []
    for proposal, table in with_tables(catalogue):
        for sentence in proposal_sentences(proposal):
            percents = _plain(sentence.amounts, Kind.PERCENT)
            if len(percents) != 1:
                continue
            stems = set(content_stems(sentence.text))
            for line in table.lines:
                if not line.name:
                    continue
                name_stems = {s for s in content_stems(line.name) if len(s) >= 6}
                if not name_stems or not name_stems <= stems:
                    continue
                others = [other for other in table.lines if other is not line]
                for index, year in enumerate(table.years):
                    cell = line.amounts[index]
                    rest = sum(other.amounts[index] or 0 for other in others)
                    if cell is None or rest == 0 or (cell > 0) == (rest > 0):
                        continue  # only an offset against the other rows is a share
                    expected = abs(Decimal(rest)) * percents[0].value / 100
                    count = sum(1 for o in others if o.amounts[index])
                    severity = judge(Decimal(abs(cell)) - expected, Decimal("0.5"),
                                     percents[0].value / 100 * count / 2)
                    if severity is None or round_half_up(expected) == abs(cell):
                        continue
                    findings.append(make(
                        "derived.share", severity,
                        "Række {row} ({name}) skal være {pct} af {rest} = {expected} i "
                        "{year}, men er {value}.",
                        "Row {row} ({name}) should be {pct} of {rest} = {expected} in {year}, "
                        "but is {value}.", proposal=proposal.number, line=line.line,
                        section="tabel 1", cell=f"{line.letter}/{year}",
                        numbers=(("expected", expected), ("table", cell)),
                        row=line.letter, name=line.name, pct=_show(percents[0]), rest=rest,
                        expected=round_half_up(expected, 2), year=str(year), value=cell))
            break
    return findings


def ranges(catalogue: Catalogue) -> list[Finding]:
    findings: list[Finding] = []
    for proposal in catalogue.proposals:
        pairs: list[tuple[Sentence, Amount, Amount]] = []
        for sentence in proposal_sentences(proposal):
            inside = [a for a in sentence.amounts if a.in_range and a.kind is Kind.MONEY]
            for low, high in zip(inside[::2], inside[1::2], strict=False):
                pairs.append((sentence, low, high))
        for i, (s1, low1, high1) in enumerate(pairs):
            for s2, low2, high2 in pairs[i + 1:]:
                coarse_low = max(low1.precision, low2.precision)
                coarse_high = max(high1.precision, high2.precision)
                same_low = abs(low1.value - low2.value) <= coarse_low
                same_high = abs(high1.value - high2.value) <= coarse_high
                if same_low == same_high:
                    continue  # the same range, or two different ones
                findings.append(make(
                    "ranges", Severity.WARNING,
                    "Afsnit {sec1} angiver mellem {low1} og {high1}, afsnit {sec2} mellem "
                    "{low2} og {high2}; de to intervaller stemmer ikke overens, heller ikke "
                    "afrundet.",
                    "Section {sec1} states between {low1} and {high1}, section {sec2} between "
                    "{low2} and {high2}; the two ranges disagree, even rounded.",
                    proposal=proposal.number, line=s2.line, section=s2.section,
                    numbers=(("low1", low1.value), ("high1", high1.value),
                             ("low2", low2.value), ("high2", high2.value)),
                    sec1=s1.section, sec2=s2.section, low1=_show(low1), high1=_show(high1),
                    low2=_show(low2), high2=_show(high2)))
    return findings
