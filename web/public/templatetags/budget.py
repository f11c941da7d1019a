"""Number formatting in the page's language, via the domain's ``format_number``."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.translation import get_language

from budgetkatalog.core.money import format_number, thousands_to_millions

register = template.Library()


def _lang() -> str:
    return "en" if (get_language() or "da").startswith("en") else "da"


@register.filter
def amount(value: Any) -> str:
    """A Table 1 cell in 1.000 kr.; a blank cell stays blank."""
    if value is None or value == "":
        return ""
    return format_number(Decimal(value), 0, _lang())


@register.filter
def mio(value: Any) -> str:
    """1.000 kr. shown as mio. kr. with three decimals (exact, no rounding needed)."""
    if value is None:
        return ""
    return format_number(thousands_to_millions(int(value)), 3, _lang())


@register.filter
def get(mapping: Any, key: Any) -> Any:
    try:
        return mapping[key]
    except (KeyError, IndexError, TypeError):
        return None


@register.filter
def kroner(value: Any) -> str:
    """Unrounded kroner, shown to two decimals (half up) for reading, not for sums."""
    if value is None:
        return ""
    return format_number(Decimal(value), 2, _lang())
