"""Parsing the scenario forms. Plain functions over ``request.POST``/``GET``: each
returns the parsed values and a dict of field name -> Danish/English message, so a
rejected form is shown again with the user's input and the reasons next to the fields.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from budgetkatalog.core.money import parse_danish_number
from budgetkatalog.scenarios.decision import Decision
from budgetkatalog.scenarios.optimiser import Objective

HUNDRED = Decimal(100)
# Shares are entered in percent with at most four decimals (the column's precision).
SHARE_PLACES = 4


def field_id(name: str) -> str:
    """An HTML id for a field whose name holds a proposal number (``decision-2.1``)."""
    return re.sub(r"[^0-9A-Za-z_-]+", "-", name)


_ENGLISH_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")


def parse_amount(raw: str) -> Decimal | None:
    """A number written the page's way: Danish ``-25.700``, ``12,5``; English
    ``-25,700``, ``12.5``. ``None`` if it is not one."""
    text = raw.strip().replace("\u2212", "-").replace(" ", "").replace("\u00a0", "")
    if not text:
        return None
    if (get_language() or "da").startswith("en"):
        if not _ENGLISH_NUMBER.match(text):
            return None
        return Decimal(text.replace(",", ""))
    return parse_danish_number(text)


@dataclass
class DecisionsForm:
    decisions: dict[str, Decision] = field(default_factory=dict)
    values: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def parse_decisions(data: Mapping[str, str], numbers: Iterable[str]) -> DecisionsForm:
    """``decision-<number>`` is ``adopted``, ``rejected`` or ``partial``; a partial
    decision needs ``share-<number>``, a percentage above 0 and below 100."""
    form = DecisionsForm()
    for number in numbers:
        kind = data.get(f"decision-{number}", "rejected")
        share_raw = data.get(f"share-{number}", "").strip()
        form.values[f"decision-{number}"] = kind
        form.values[f"share-{number}"] = share_raw
        if kind == "adopted":
            form.decisions[number] = Decision.adopted()
        elif kind == "partial":
            share = parse_amount(share_raw)
            if share is None:
                form.errors[f"share-{number}"] = _(
                    "Skriv andelen i procent, fx 50 eller 37,5.")
            elif not Decimal(0) < share < HUNDRED:
                form.errors[f"share-{number}"] = _(
                    "Andelen skal være over 0 og under 100 %.")
            elif share != round(share, SHARE_PLACES):
                form.errors[f"share-{number}"] = _(
                    "Andelen kan have højst fire decimaler.")
            else:
                form.decisions[number] = Decision.partial(share / HUNDRED)
        elif kind != "rejected":
            form.errors[f"decision-{number}"] = _("Vælg vedtaget, forkastet eller delvist.")
    return form


@dataclass
class TargetsForm:
    targets: dict[int, Decimal] = field(default_factory=dict)
    values: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def parse_targets(data: Mapping[str, str], years: Iterable[int]) -> TargetsForm:
    """``target-<year>`` in 1.000 kr. with the catalogue's sign; blank = no target."""
    form = TargetsForm()
    for year in years:
        name = f"target-{year}"
        raw = data.get(name, "").strip()
        form.values[name] = raw
        if not raw:
            continue
        amount = parse_amount(raw)
        if amount is None:
            form.errors[name] = _("Skriv målet i 1.000 kr., fx -25.700.")
        else:
            form.targets[year] = amount
    return form


@dataclass
class OptimiseForm:
    targets: dict[int, Decimal]
    objective: Objective
    group: str
    max_fte: Decimal | None
    excluded: tuple[str, ...]
    alternatives: int
    values: dict[str, str]
    errors: dict[str, str]


MAX_ALTERNATIVES = 5


def parse_optimise(data: Mapping[str, str], excluded: list[str], years: Iterable[int],
                   groups: Iterable[str], departments: Iterable[str]) -> OptimiseForm:
    years = list(years)
    targets = parse_targets(data, years)
    errors = dict(targets.errors)
    values = dict(targets.values)
    if not targets.targets and not errors:
        errors[f"target-{years[0]}"] = _("Angiv mindst ét mål.")
    objective_raw = data.get("objective", Objective.FTE.value)
    values["objective"] = objective_raw
    try:
        objective = Objective(objective_raw)
    except ValueError:
        objective = Objective.FTE
        errors["objective"] = _("Vælg hvad der skal gøres mindst.")
    group = data.get("group", "").strip()
    values["group"] = group
    if group and group not in set(groups):
        errors["group"] = _("Vælg en af katalogets grupper.")
    max_raw = data.get("max_fte", "").strip()
    values["max_fte"] = max_raw
    max_fte = parse_amount(max_raw) if max_raw else None
    if max_raw and (max_fte is None or max_fte < 0):
        errors["max_fte"] = _("Skriv et antal årsværk, fx 12,5.")
        max_fte = None
    known = set(departments)
    chosen = tuple(d for d in excluded if d in known)
    alternatives_raw = data.get("alternatives", "0").strip() or "0"
    values["alternatives"] = alternatives_raw
    try:
        alternatives = int(alternatives_raw)
    except (ValueError, InvalidOperation):
        alternatives = -1
    if not 0 <= alternatives <= MAX_ALTERNATIVES:
        errors["alternatives"] = _("Skriv et helt tal fra 0 til 5.")
        alternatives = 0
    return OptimiseForm(targets.targets, objective, group, max_fte, chosen, alternatives,
                        values, errors)
