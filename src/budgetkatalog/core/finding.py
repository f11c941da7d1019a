"""Findings: problems as data with a location, collected rather than raised."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from budgetkatalog.core.money import format_number


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


Number = Decimal | int | None


@dataclass(frozen=True)
class Text:
    """A message in Danish (first) and English."""

    da: str
    en: str

    def in_language(self, lang: str) -> str:
        return self.en if lang == "en" else self.da


@dataclass(frozen=True)
class Finding:
    """One problem found in a catalogue or its source.

    ``rule`` is a stable id (``import.placement-no-fit``, ``audit.subtotal``),
    ``proposal`` is the proposal number or ``None`` for catalogue-level findings,
    ``line`` the 1-based line in the source file, ``section`` the template section
    (``"7"``) or part (``"oversigt"``), ``cell`` a table cell (``"a/2020"``), and
    ``numbers`` the figures involved, by name; ``page`` the page of a source that has
    pages (a PDF, text with form feeds).
    """

    rule: str
    severity: Severity
    message: Text
    proposal: str | None = None
    line: int | None = None
    section: str | None = None
    cell: str | None = None
    numbers: tuple[tuple[str, Number], ...] = field(default=())
    page: int | None = None  # the source's page, where it has pages (a PDF)

    def to_dict(self, lang: str = "da") -> dict[str, object]:
        located: dict[str, object] = {} if self.page is None else {"page": self.page}
        return {**located,
            "rule": self.rule,
            "severity": str(self.severity),
            "proposal": self.proposal,
            "line": self.line,
            "section": self.section,
            "cell": self.cell,
            "numbers": {name: _json_number(value) for name, value in self.numbers},
            "message": self.message.in_language(lang),
        }


def _json_number(value: Number) -> int | str | None:
    if value is None or isinstance(value, int):
        return value
    if value == value.to_integral_value():
        return int(value)
    return str(value)


def has_errors(findings: tuple[Finding, ...] | list[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)


def fmt(value: Number, lang: str, decimals: int | None = None) -> str:
    """A number for a message, in the message's language."""
    if value is None:
        return "tom" if lang == "da" else "blank"
    if decimals is None:
        exact = Decimal(value)
        decimals = max(0, -exact.normalize().as_tuple().exponent)  # type: ignore[operator]
    return format_number(value, decimals, lang)


def text(da: str, en: str, **params: Number | str) -> Text:
    """A two-language message: ``{name}`` placeholders filled, numbers formatted per
    language (``1.234,5`` in Danish, ``1,234.5`` in English)."""
    return Text(render(da, "da", params), render(en, "en", params))


# An amount as written ("25,7 mio. kr.") may end a sentence that ends with a point.
_POINTS = re.compile(r"(?<!\.)\.\.(?!\.)")
_FORMATTED: dict[tuple[str, str, str], str] = {}


def render(template: str, lang: str, params: Mapping[str, Number | str]) -> str:
    """The one message renderer: the template with its numbers formatted for ``lang``,
    each distinct number formatted once (a large catalogue repeats its figures)."""
    values: dict[str, str] = {}
    for name, value in params.items():
        if isinstance(value, str):
            values[name] = value
            continue
        key = (type(value).__name__, str(value), lang)
        shown = _FORMATTED.get(key)
        if shown is None:
            shown = fmt(value, lang)
            if len(_FORMATTED) < 50_000:
                _FORMATTED[key] = shown
        values[name] = shown
    return _POINTS.sub(".", template.format(**values))
