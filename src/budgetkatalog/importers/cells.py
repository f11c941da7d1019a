"""The numbers at the end of a table row, in every form Danish documents write them.

A row's cells are the tokens at its end: ``-1.280``, ``-1280``, ``−1 280`` (a space or
no-break space between thousands), ``÷420``, ``÷ 420``, ``(1.280)`` (negative), ``+75``,
``12,5`` and a lone dash (``-``, ``–``) for a cell with nothing in it. A number that
a reference word points at (``servicelovens § 85``, ``stk. 2``, ``lov nr. 548``) is
part of the row's name, never a cell. Where spaces
separate thousands, a row can be read more than one way (``1 280 2 560`` is two amounts
or four); every reading is returned, and the table's sums decide which is meant. A
reading never drops a token: each one is part of exactly one cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from budgetkatalog.core.money import parse_danish_number

DASHES = frozenset(("-", "–", "−", "—"))
SIGNS = frozenset(("÷", "+", "-", "–", "−"))
MAX_READINGS = 64

# A number that may start a space-grouped amount ("1" of "1 280", "-1" of "-1 280",
# "(1" of "(1 280)"), and a group of three digits that may continue one ("280",
# "280,5", "280)").
_HEAD = re.compile(r"^(?P<open>\()?(?P<sign>[+\-\u2212\u2013\u00f7])?[1-9]\d{0,2}$")
_TAIL = re.compile(r"^\d{3}(?:,\d+)?(?P<close>\))?$")


@dataclass(frozen=True)
class Cell:
    """One cell as read: its value (``None`` for a dash: nothing stated) and its text."""

    value: Decimal | None
    text: str
    joined: bool = False  # read from several tokens ("1 280", "÷ 420")


Reading = tuple[Cell, ...]


def is_cell_token(token: str) -> bool:
    return (token in DASHES or token in SIGNS or parse_danish_number(token) is not None
            or _HEAD.match(token) is not None or _TAIL.match(token) is not None)


# Words that make the number after them a reference into a law, a list or a document
# ("§ 85", "§§ 107", "stk. 2", "nr. 548", "kapitel 4", "pkt. 3", "litra 2"), not an amount.
_REFERENCE_WORDS = frozenset(("§", "§§", "stk.", "stk", "nr.", "nr", "kap.", "kapitel",
                              "pkt.", "punkt", "litra", "afsnit"))


def _is_reference(tokens: list[str] | tuple[str, ...], index: int) -> bool:
    """Whether the token at ``index`` is the number of a reference ("§ 85")."""
    return index > 0 and tokens[index - 1].lower() in _REFERENCE_WORDS


def trailing_run(tokens: list[str], limit: int) -> int:
    """How many tokens at the end could be cells (at most ``limit``)."""
    count = 0
    for index in range(len(tokens) - 1, -1, -1):
        if count >= limit or not is_cell_token(tokens[index]) or _is_reference(tokens, index):
            break
        count += 1
    # A run may not start inside a number: "(1 280)" needs its "(1", and a lone sign
    # needs the number after it.
    return count


def readings(tokens: tuple[str, ...], grouping: bool) -> list[Reading]:
    """Every way to read ``tokens`` as cells, fewest joins first. ``grouping``: whether
    a space may separate thousands (the document writes numbers that way)."""
    return list(_readings(tokens, grouping))


@lru_cache(maxsize=4096)
def _readings(tokens: tuple[str, ...], grouping: bool) -> tuple[Reading, ...]:
    memo: dict[int, list[Reading]] = {}

    def from_(i: int) -> list[Reading]:
        if i == len(tokens):
            return [()]
        if i in memo:
            return memo[i]
        result: list[Reading] = []
        token = tokens[i]
        if token in DASHES:
            result.extend((Cell(None, token), *rest) for rest in from_(i + 1))
        if token in SIGNS and i + 1 < len(tokens) and tokens[i + 1][:1].isdigit():
            # "÷ 420", "- 1.280": the sign of the number after it.
            for cell, after in _numbers(tokens, i + 1, grouping, sign=token):
                result.extend((cell, *rest) for rest in from_(after))
        elif token not in DASHES:
            for cell, after in _numbers(tokens, i, grouping):
                result.extend((cell, *rest) for rest in from_(after))
        memo[i] = result[:MAX_READINGS]
        return memo[i]

    found = from_(0)
    return tuple(sorted(found, key=lambda r: sum(c.joined for c in r)))


def _numbers(tokens: tuple[str, ...], i: int, grouping: bool, sign: str = ""
             ) -> list[tuple[Cell, int]]:
    """(cell, next index) for each number starting at token ``i``."""
    first = tokens[i]
    options: list[tuple[Cell, int]] = []
    prefix = sign if sign else ""
    value = parse_danish_number(prefix + first)
    if value is not None and not (sign and first[:1] in "+-−–÷("):
        text = f"{sign} {first}" if sign else first
        options.append((Cell(value, text, bool(sign)), i + 1))
    head = _HEAD.match(first) if grouping else None
    if head is not None and not (sign and head.group("sign")):
        parts = [first]
        j = i + 1
        while j < len(tokens):
            tail = _TAIL.match(tokens[j])
            if tail is None:
                break
            parts.append(tokens[j])
            j += 1
            written = " ".join(parts)
            value = parse_danish_number(prefix + written)
            if value is not None:
                text = f"{sign} {written}" if sign else written
                options.append((Cell(value, text, True), j))
            if tail.group("close") or "," in tokens[j - 1]:
                break
    return options


def needs_grouping(tokens: tuple[str, ...], n: int) -> bool:
    """Whether these tokens can only be ``n`` or fewer cells with spaces between
    thousands: ``-1 280 -2 560`` (four tokens, two amounts) or ``(1 280)``."""
    plain = _readings(tokens, False)
    if any(len(r) <= n for r in plain):
        return False
    return any(len(r) <= n for r in _readings(tokens, True))
