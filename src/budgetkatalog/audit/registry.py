"""The rule registry: every rule is ``rule(catalogue) -> list[Finding]``.

Rules register themselves with :func:`rule`; :func:`audit` runs them all and returns
the findings in source order. A rule never raises on odd input: it skips what it
cannot read (the importer has already reported it).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.core.finding import Finding, Number, Severity, Text, fmt

RuleFunction = Callable[[Catalogue], list[Finding]]


@dataclass(frozen=True)
class Rule:
    """A registered rule: its id (the prefix of the findings it makes), what it checks
    and the function."""

    id: str
    description: Text
    check: RuleFunction


RULES: dict[str, Rule] = {}
_POINTS = re.compile(r"(?<!\.)\.\.(?!\.)")


def rule(rule_id: str, da: str, en: str) -> Callable[[RuleFunction], RuleFunction]:
    def register(check: RuleFunction) -> RuleFunction:
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id} registered twice")
        RULES[rule_id] = Rule(rule_id, Text(da, en), check)
        return check
    return register


def audit(catalogue: Catalogue, only: tuple[str, ...] | None = None) -> list[Finding]:
    """Run every registered rule (or those in ``only``); findings sorted by line."""
    findings: list[Finding] = []
    for rule_id, registered in RULES.items():
        if only is not None and rule_id not in only:
            continue
        findings.extend(registered.check(catalogue))
    return sorted(findings, key=_order)


def by_proposal(findings: list[Finding]) -> dict[str | None, list[Finding]]:
    """Findings grouped by proposal number (``None``: the catalogue), each group in
    source order, for showing findings next to each proposal."""
    grouped: dict[str | None, list[Finding]] = {}
    for finding in findings:
        grouped.setdefault(finding.proposal, []).append(finding)
    return grouped


def _order(finding: Finding) -> tuple[int, str, str]:
    return (finding.line or 0, finding.rule, finding.cell or "")


def make(rule_id: str, severity: Severity, da: str, en: str, *, proposal: str | None = None,
         line: int | None = None, section: str | None = None, cell: str | None = None,
         numbers: tuple[tuple[str, Number], ...] = (), **params: Number | str) -> Finding:
    """A finding with a two-language message (``{name}`` placeholders, numbers formatted
    per language)."""
    # An amount as written ("25,7 mio. kr.") may end a sentence that ends with a point.
    message = Text(_POINTS.sub(".", _render(da, "da", params)),
                   _POINTS.sub(".", _render(en, "en", params)))
    return Finding(rule_id, severity, message, proposal, line, section, cell, numbers)


_FORMATTED: dict[tuple[str, str, str], str] = {}


def _render(template: str, lang: str, params: dict[str, Number | str]) -> str:
    """The template with its numbers formatted for ``lang`` (as ``core.finding.text``
    does), each distinct number formatted once: a large catalogue repeats its figures."""
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
    return template.format(**values)


def judge(difference: Decimal, own_precision: Decimal, input_precision: Decimal
          ) -> Severity | None:
    """The tolerance rule (docs/audit.md).

    A stated figure that equals the expected one at its own written precision is
    fine (``None``); one that differs by no more than its own precision plus the
    rounding its inputs carry is a rounding *note*; anything larger is an *error*.
    """
    difference = abs(difference)
    if difference <= own_precision:
        return None
    if difference <= own_precision + input_precision:
        return Severity.NOTE
    return Severity.ERROR
