"""Mutants of the corpus catalogues (tests/corpus/): every Table 1 cell and every
overview cell changed, one at a time, in the form it is written (``÷1.150`` becomes
``÷1.151``, ``(0,9)`` becomes ``(0,4)``).

Each change breaks the catalogue's consistency by construction: a Table 1 cell sits in
the Delsum or the I alt sum, which add up exactly; an overview cell is changed by five
units of its last written digit (fifty of the third decimal in mio. kr.), more than its
written precision and the rounding of its parts allow. A mutant is caught when the
import and the audit report a finding about its proposal (or the catalogue) that the
unmutated document does not give.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from budgetkatalog.core.proposal import PROPOSAL_NUMBER
from tests.audit.mutants import Mutant, Outcome, check, key

CORPUS = Path(__file__).resolve().parents[1] / "corpus"

_CAPTION = re.compile(r"^(?:\d\.\s*)?Tabel\s*1\b", re.IGNORECASE)
_ROW = re.compile(r"^(?:[a-g]\.|I\s*alt)", re.IGNORECASE)
_TOKEN = re.compile(r"[(÷\-–−+]?\d[\d.]*(?:,\d+)?\)?$")
_HEADING = re.compile(r"^\s*(" + PROPOSAL_NUMBER + r")\s+\S")
_OVERVIEW = re.compile(r"^\s*(?:samlet\s+)?(?:oversigt|forslagsoversigt)\b", re.IGNORECASE)
_YEAR = re.compile(r"^(?:19|20)\d{2}$")


def documents() -> list[Path]:
    return sorted(path for path in CORPUS.glob("*.txt"))


def _trailing_tokens(text: str) -> list[str]:
    """The amounts at the end of a row; not a page number, a year or an account code."""
    if _PAGE.search(text):
        return []
    tokens = text.split()
    found: list[str] = []
    for index in range(len(tokens) - 1, -1, -1):
        token = tokens[index]
        if not _TOKEN.fullmatch(token) or _YEAR.match(token) or re.fullmatch(r"\d{5,}", token):
            break
        if index and tokens[index - 1].lower() in _REFERENCE:
            break  # "servicelovens § 97": part of the name
        found.append(token)
    return found


_REFERENCE = frozenset(("§", "§§", "stk.", "nr.", "kapitel"))


# Page marks, alone or ending a running header ("Kystby Kommune – Budgetkatalog 2026 –
# side 3"): their numbers are no amounts to mutate.
_PAGE = re.compile(r"^\s*(?:side\s+)?\d{1,3}(?:\s+af\s+\d{1,3})?\s*$|side\s+\d+\s+af\s+\d+\s*$"
                   r"|[·|•–—-]\s*side\s+\d{1,3}\s*$", re.IGNORECASE)


def _bump(token: str, position: int, step: int) -> str:
    """``token`` with its ``position``-th digit from the end raised by ``step`` (mod 10)."""
    digits = [i for i, char in enumerate(token) if char.isdigit()]
    index = digits[-position]
    new = (int(token[index]) + step) % 10
    return token[:index] + str(new) + token[index + 1:]


def _proposal_lines(lines: list[str]) -> list[tuple[int, str]]:
    """(line, number) of each proposal heading: a numbered line before a '1. Type'."""
    found: list[tuple[int, str]] = []
    for index, text in enumerate(lines):
        if not re.match(r"^\s*1\s*\.\s*Type\b", text):
            continue
        for back in range(index - 1, max(-1, index - 8), -1):
            match = _HEADING.match(lines[back])
            if match and not re.match(r"^\s*\d{4}\b", lines[back]):
                found.append((back + 1, match.group(1)))
                break
    return found


def _owner(starts: list[tuple[int, str]], line: int) -> str | None:
    owner = None
    for start, number in starts:
        if start <= line:
            owner = number
    return owner


def mutants_of(path: Path) -> Iterator[Mutant]:
    lines = path.read_text(encoding="utf-8").split("\n")
    starts = _proposal_lines(lines)
    first = starts[0][0] if starts else len(lines)
    overview = next((i for i in range(first - 1, -1, -1) if _OVERVIEW.match(lines[i])), None)
    if overview is not None:
        for number in range(overview + 2, first):
            text = lines[number - 1].replace("\t", " ").replace("\f", "")
            for token in dict.fromkeys(_trailing_tokens(text)):
                decimals = len(token.split(",")[1].rstrip(")")) if "," in token else 0
                position = 2 if decimals >= 3 else 1
                if sum(c.isdigit() for c in token) < position:
                    continue
                head = _HEADING.match(text)
                proposal = head.group(1) if head and any(head.group(1) == n
                                                         for _, n in starts) else None
                yield Mutant("corpus overview cell", number, token, _bump(token, position, 5),
                             proposal, True, f"{path.name}: five units of the last digit")
    inside = False
    for number, raw in enumerate(lines, start=1):
        text = raw.replace("\t", " ").replace("\f", "").strip()
        if _CAPTION.match(text):
            inside = True
            continue
        if not inside or not _ROW.match(text):
            continue
        for token in dict.fromkeys(_trailing_tokens(text)):
            yield Mutant("corpus table cell", number, token, _bump(token, 1, 1),
                         _owner(starts, number), True,
                         f"{path.name}: every cell is in the Delsum or the I alt sum")
        if text.lower().startswith("i alt"):
            inside = False


def run_corpus() -> list[Outcome]:
    outcomes: list[Outcome] = []
    for path in documents():
        lines = path.read_text(encoding="utf-8").split("\n")
        baseline = {key(f) for f in check("\n".join(lines))}
        for mutant in mutants_of(path):
            found = check("\n".join(_apply(mutant, lines)))
            new = tuple(f for f in found if key(f) not in baseline
                        and (mutant.proposal is None or f.proposal in (mutant.proposal, None)))
            outcomes.append(Outcome(mutant, new))
    return outcomes


def _apply(mutant: Mutant, lines: list[str]) -> list[str]:
    text = lines[mutant.line - 1]
    index = text.rfind(mutant.old)
    changed = list(lines)
    changed[mutant.line - 1] = text[:index] + mutant.new + text[index + len(mutant.old):]
    return changed
