"""Scenario settings as JSON: what finance staff set for a round beyond the catalogue.

```json
{
  "attributes": {"2.1": {"fte": "1", "citizen_impact": "limited",
                         "divisibility": "share", "min_share_percent": 20,
                         "department": "Miljø & Teknik"}},
  "relations": [
    {"kind": "exclusive", "proposals": ["2.1", "2.18"], "note": "..."},
    {"kind": "requires", "proposal": "2.11", "required": "2.1"},
    {"kind": "overlap", "first": "2.4", "second": "2.12",
     "double_counted": {"2021": 300, "2022": 300}},
    {"kind": "protected", "department": "Social & Familie"},
    {"kind": "protected", "area_code": "4410"}
  ]
}
```

Numbers may be JSON numbers or strings. A JSON number is read exactly as written
(``1.5`` is 1,5; no binary rounding). A string is read in Danish notation: the comma is
the decimal mark and a dot separates thousands in groups of three, so ``"1,5"`` is 1,5
and ``"1.500"`` is 1500. A dot anywhere else (``"1.50"``, ``"4.45"``) is not Danish
notation and is refused rather than guessed at.

``fte`` is the proposal's årsværk. An FTE whose size is above ``fte_limit`` (top level,
default 100 årsværk for one proposal) is an error naming the proposal: it is far more
likely a slip such as ``"1.500"`` for 1,5 than a real figure; a round with larger
proposals sets its own limit. ``double_counted`` is a whole positive number of
1.000 kr. per year; ``min_share_percent`` a whole number from 1 to 100. Every problem
is reported with its place in the document (``relations[2].first``), never as a
traceback.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from budgetkatalog.core.finding import Finding, Number, Severity, text
from budgetkatalog.core.money import parse_danish_number
from budgetkatalog.scenarios.attributes import AttributeOverride, CitizenImpact, Divisibility
from budgetkatalog.scenarios.relations import (
    MutuallyExclusive,
    Overlap,
    Protected,
    Relation,
    Requires,
)

# Årsværk for one proposal above which a figure is taken for a slip, not a fact.
DEFAULT_FTE_LIMIT = Decimal(100)


@dataclass(frozen=True)
class ScenarioSettings:
    """What a settings file sets: attribute overrides, relations and the FTE limit."""

    overrides: tuple[AttributeOverride, ...] = ()
    relations: tuple[Relation, ...] = ()
    fte_limit: Decimal = DEFAULT_FTE_LIMIT


class _Problems:
    def __init__(self) -> None:
        self.findings: list[Finding] = []

    def add(self, where: str, da: str, en: str, proposal: str | None = None,
            **values: Number | str) -> None:
        self.findings.append(Finding(
            "settings.invalid", Severity.ERROR,
            text("{where}: " + da, "{where}: " + en, where=where, **values), cell=where,
            proposal=proposal))


def _decimal(value: Any) -> Decimal | None:
    """A JSON number exactly as written, or a string in Danish notation; else ``None``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, str):
        return parse_danish_number(value)
    return None


def _whole(value: Any) -> int | None:
    number = _decimal(value)
    if number is None or number != number.to_integral_value():
        return None
    return int(number)


def _string(doc: dict[str, Any], key: str, where: str, problems: _Problems,
            required: bool = True) -> str | None:
    value = doc.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        problems.add(f"{where}.{key}", "skal være en tekst.", "must be a string.")
        return None
    return value.strip()


E = TypeVar("E", CitizenImpact, Divisibility)


def _choice(doc: dict[str, Any], key: str, kind: type[E], where: str,
            problems: _Problems) -> E | None:
    if key not in doc:
        return None
    try:
        return kind(doc[key])
    except ValueError:
        allowed = [member.value for member in kind]
        problems.add(f"{where}.{key}",
                     "skal være " + ", ".join(allowed[:-1]) + " eller " + allowed[-1] + ".",
                     "must be " + ", ".join(allowed[:-1]) + " or " + allowed[-1] + ".")
        return None


def _override(number: str, doc: Any, where: str, problems: _Problems,
              fte_limit: Decimal) -> AttributeOverride:
    if not isinstance(doc, dict):
        problems.add(where, "skal være et objekt.", "must be an object.")
        return AttributeOverride(number)
    known = {"fte", "department", "citizen_impact", "divisibility", "min_share_percent"}
    for key in sorted(set(doc) - known):
        problems.add(f"{where}.{key}", "er ikke et kendt felt.", "is not a known field.")
    fte = None
    if "fte" in doc:
        fte = _decimal(doc["fte"])
        if fte is None:
            problems.add(f"{where}.fte", "skal være et antal årsværk som tal (4.45) eller "
                         "tekst med decimalkomma (\"4,45\"), ikke {value}.",
                         "must be a number of FTE as a number (4.45) or as text with a "
                         "decimal comma (\"4,45\"), not {value}.", number,
                         value=json.dumps(doc["fte"], ensure_ascii=False, default=str))
        elif abs(fte) > fte_limit:
            problems.add(f"{where}.fte", "forslag {number} får {fte} årsværk, mere end "
                         "grænsen på {limit} for ét forslag; er det en skrivefejl (\"1.500\" "
                         "er 1500, \"1,5\" er 1,5)? Ellers sæt fte_limit.",
                         "proposal {number} gets {fte} FTE, more than the limit of {limit} "
                         "for one proposal; is it a slip (\"1.500\" is 1500, \"1,5\" is "
                         "1.5)? Otherwise set fte_limit.", number, number=number,
                         fte=fte if fte.adjusted() < 12 else str(fte),
                         limit=fte_limit)
            fte = None
    impact = _choice(doc, "citizen_impact", CitizenImpact, where, problems)
    divisibility = _choice(doc, "divisibility", Divisibility, where, problems)
    minimum = None
    if doc.get("min_share_percent") is not None:
        minimum = _whole(doc["min_share_percent"])
        if minimum is None or not 1 <= minimum <= 100:
            problems.add(f"{where}.min_share_percent", "skal være et helt tal fra 1 til 100.",
                         "must be a whole number from 1 to 100.", number)
            minimum = None
    department = _string(doc, "department", where, problems, required=False)
    return AttributeOverride(number, department, fte, impact, divisibility, minimum)


def _relation(doc: Any, where: str, problems: _Problems) -> Relation | None:
    if not isinstance(doc, dict):
        problems.add(where, "skal være et objekt.", "must be an object.")
        return None
    kind = doc.get("kind")
    raw_note = doc.get("note")
    note = raw_note if isinstance(raw_note, str) else ""
    if kind == "exclusive":
        proposals = doc.get("proposals")
        if not isinstance(proposals, list) or len(proposals) < 2 \
                or not all(isinstance(p, str) for p in proposals):
            problems.add(f"{where}.proposals", "skal være en liste med mindst to forslag.",
                         "must be a list of at least two proposals.")
            return None
        return MutuallyExclusive(tuple(proposals), note)
    if kind == "requires":
        proposal = _string(doc, "proposal", where, problems)
        required = _string(doc, "required", where, problems)
        return Requires(proposal, required, note) if proposal and required else None
    if kind == "overlap":
        first = _string(doc, "first", where, problems)
        second = _string(doc, "second", where, problems)
        amounts = doc.get("double_counted")
        parsed: dict[int, int] = {}
        if not isinstance(amounts, dict) or not amounts:
            problems.add(f"{where}.double_counted", "skal angive beløb pr. år.",
                         "must give an amount per year.")
            return None
        for year, amount in amounts.items():
            whole = _whole(amount)
            if not (isinstance(year, str) and year.isdigit()) or whole is None or whole < 0:
                problems.add(f"{where}.double_counted.{year}",
                             "skal være et positivt helt beløb i 1.000 kr.",
                             "must be a positive whole amount in DKK 1,000.")
                return None
            parsed[int(year)] = whole
        return Overlap.of(first, second, parsed, note) if first and second else None
    if kind == "protected":
        department = _string(doc, "department", where, problems, required=False)
        area = _string(doc, "area_code", where, problems, required=False)
        if (department is None) == (area is None):
            problems.add(where, "skal angive enten department eller area_code.",
                         "must give either department or area_code.")
            return None
        return Protected(department, area, note)
    problems.add(f"{where}.kind", "skal være exclusive, requires, overlap eller protected.",
                 "must be exclusive, requires, overlap or protected.")
    return None


def loads_settings(document: str) -> tuple[ScenarioSettings | None, list[Finding]]:
    """Read settings; ``None`` with findings when the document cannot be used."""
    problems = _Problems()
    try:
        # JSON numbers as exact decimals: 1.5 is 1,5, never the nearest binary fraction
        doc = json.loads(document, parse_float=Decimal)
    except json.JSONDecodeError as error:
        problems.add(f"linje {error.lineno}", f"ugyldig JSON ({error.msg}).",
                     f"invalid JSON ({error.msg}).")
        return None, problems.findings
    if not isinstance(doc, dict):
        problems.add("$", "skal være et objekt.", "must be an object.")
        return None, problems.findings
    for key in sorted(set(doc) - {"attributes", "relations", "fte_limit"}):
        problems.add(key, "er ikke et kendt felt.", "is not a known field.")
    fte_limit = DEFAULT_FTE_LIMIT
    if "fte_limit" in doc:
        given = _decimal(doc["fte_limit"])
        if given is None or given <= 0:
            problems.add("fte_limit", "skal være et positivt antal årsværk.",
                         "must be a positive number of FTE.")
        else:
            fte_limit = given
    attributes = doc.get("attributes", {})
    relations = doc.get("relations", [])
    overrides: list[AttributeOverride] = []
    if not isinstance(attributes, dict):
        problems.add("attributes", "skal være et objekt.", "must be an object.")
    else:
        overrides = [_override(number, value, f"attributes.{number}", problems, fte_limit)
                     for number, value in attributes.items()]
    found: list[Relation] = []
    if not isinstance(relations, list):
        problems.add("relations", "skal være en liste.", "must be a list.")
    else:
        for index, value in enumerate(relations):
            relation = _relation(value, f"relations[{index}]", problems)
            if relation is not None:
                found.append(relation)
    if problems.findings:
        return None, problems.findings
    return ScenarioSettings(tuple(overrides), tuple(found), fte_limit), []
