"""Exact numbers and two-language messages for the scenario pages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.translation import get_language

from budgetkatalog.core.finding import Finding, Text, fmt
from budgetkatalog.web.catalogues.models import Catalogue
from budgetkatalog.web.scenarios.models import Scenario

register = template.Library()


def page_lang() -> str:
    return "en" if (get_language() or "da").startswith("en") else "da"


@register.filter
def exact(value: Any) -> str:
    """A Decimal with exactly the decimals it has (``-587,5``), in the page's language;
    the domain's amounts are exact, so nothing is rounded for display."""
    if value is None or value == "":
        return ""
    return fmt(Decimal(value), page_lang())


@register.filter
def signed(value: Any) -> str:
    """A difference with its sign always shown (``+1.175``, ``-50``, ``0``)."""
    if value is None or value == "":
        return ""
    text = fmt(Decimal(value), page_lang())
    return f"+{text}" if Decimal(value) > 0 else text


@register.filter
def message(finding: Finding) -> str:
    return finding.message.in_language(page_lang())


@register.inclusion_tag("scenarios/_agreement_link.html")
def agreement_link(catalogue: Catalogue) -> dict[str, Any]:
    """A link to the adopted budget on a public catalogue page, when one is recorded."""
    exists = Scenario.objects.filter(catalogue=catalogue, is_agreement=True).exists()
    return {"catalogue": catalogue, "exists": exists}


@register.filter
def in_lang(value: Text) -> str:
    return value.in_language(page_lang())


@register.filter
def solver_number(value: float) -> str:
    """A figure HiGHS reports as a float, to four decimals: it is the solver's own
    report, shown next to the exact objective value computed by the domain."""
    return fmt(Decimal(repr(value)).quantize(Decimal("0.0001")).normalize(), page_lang())
