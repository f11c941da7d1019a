"""Exact money: Danish number reading and writing, explicit rounding.

Amounts are ``int`` (whole table units, 1.000 kr. in Table 1) or ``Decimal``;
``float`` never appears. Rounding happens only through :func:`round_half_up`.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

# Minus signs seen in extracted PDF text: ASCII hyphen, U+2212 minus, en dash.
MINUS_SIGNS = "-\u2212\u2013"

_NUMBER_START = frozenset("+0123456789" + MINUS_SIGNS)
_DANISH_NUMBER = re.compile(
    r"""^(?P<sign>[+\-\u2212\u2013])?
        (?P<int>\d{1,3}(?:\.\d{3})+|\d+)
        (?:,(?P<frac>\d+))?$""",
    re.VERBOSE,
)


@lru_cache(maxsize=8192)
def parse_danish_number(token: str) -> Decimal | None:
    """Read a number written the Danish way: ``-1.000``, ``-1175``, ``1,891``, ``2.126.000``.

    A dot is a thousands separator only in groups of three digits; a comma is the
    decimal mark. Anything else gives ``None`` rather than a guess.
    """
    token = token.strip()
    if not token or token[0] not in _NUMBER_START:
        return None
    match = _DANISH_NUMBER.match(token)
    if match is None:
        return None
    digits = match.group("int").replace(".", "")
    frac = match.group("frac")
    text = digits if frac is None else f"{digits}.{frac}"
    try:
        value = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        return None
    sign = match.group("sign")
    if sign is not None and sign in MINUS_SIGNS:
        value = -value
    return value


def parse_danish_integer(token: str) -> int | None:
    """Read a whole Danish number (``-1.000`` or ``-1175``); a decimal gives ``None``."""
    value = parse_danish_number(token)
    if value is None or value != value.to_integral_value():
        return None
    return int(value)


def round_half_up(value: Decimal, places: int = 0) -> Decimal:
    """Round half away from zero to ``places`` decimals, as finance staff do by hand."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def thousands_to_millions(amount: int) -> Decimal:
    """1.000 kr. to mio. kr., exactly (three decimals)."""
    return (Decimal(amount) / 1000).quantize(Decimal("0.001"))


def millions_to_thousands(amount: Decimal) -> Decimal:
    """mio. kr. to 1.000 kr., exactly; whole when the source used three decimals."""
    return amount * 1000


# (thousands separator, decimal mark) as Danish (da_DK) and British English (en_GB)
# write numbers; any other language is written the Danish way.
_SEPARATORS = {"da": (".", ","), "en": (",", ".")}


def format_number(value: Decimal | int, decimals: int = 0, lang: str = "da", *,
                  grouping: bool = True) -> str:
    """Format with the language's separators (``-1.898``; ``-15,065`` in Danish).

    Rounds half up to ``decimals``, a whole number half to even, and writes exactly
    ``decimals`` decimals, as Babel's ``#,##0.00`` patterns did; done here because
    loading Babel's locale data cost a command's start more than all its work."""
    group, mark = _SEPARATORS.get(lang, _SEPARATORS["da"])
    exact = Decimal(value).quantize(Decimal(1).scaleb(-decimals),
                                    rounding=ROUND_HALF_UP if decimals else ROUND_HALF_EVEN)
    whole, _, fraction = f"{abs(exact):f}".partition(".")
    if grouping:
        head = len(whole) % 3 or 3
        whole = whole[:head] + "".join(group + whole[i:i + 3]
                                       for i in range(head, len(whole), 3))
    return ("-" if exact.is_signed() else "") + whole + (mark + fraction if decimals else "")
