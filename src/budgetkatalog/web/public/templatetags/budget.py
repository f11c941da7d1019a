"""Number formatting in the page's language, via the domain's ``format_number``."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from budgetkatalog.core.department import label as department_label
from budgetkatalog.core.money import round_half_up, thousands_to_millions
from budgetkatalog.core.text import SECTION_HEADINGS_EN, TextTable, with_text_tables
from budgetkatalog.formats.catalogue_json import read_blocks
from budgetkatalog.web.fields import field_label as _field_label

register = template.Library()

_DANISH = str.maketrans(",.", ".,")


def format_number(value: Decimal | int, decimals: int = 0, lang: str = "da") -> str:
    """The domain's ``format_number`` output (a test holds them equal), without Babel's
    per-call locale lookup: a catalogue page formats hundreds of cells."""
    exact = Decimal(value)
    if decimals:
        exact = round_half_up(exact, decimals)
    out = f"{exact:,.{decimals}f}"
    return out.translate(_DANISH) if lang == "da" else out


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


@register.simple_tag
def language_url(request: Any, lang: str) -> str:
    """The current page in another language: the same query with ``lang`` set."""
    query = request.GET.copy()
    query["lang"] = lang
    return f"{request.path}?{query.urlencode()}"


@register.filter
def section_heading(section: dict[str, Any]) -> str:
    """The template's heading in English on English pages; the source's own in Danish."""
    if _lang() == "en":
        return str(SECTION_HEADINGS_EN.get(section["number"], section["heading"]))
    return str(section["heading"])


@register.filter
def department(value: Any) -> str:
    """A proposal's department on every page: its name, or "ikke angivet" (never a
    default). Takes a name, a department row (anything with ``name``) or None."""
    name = getattr(value, "name", value)
    return department_label(str(name) if name else None, _lang())


@register.filter
def fte(value: Any) -> str:
    """Årsværk as stated (``6,4``; ``12`` without decimals); "ikke angivet" when the
    proposal states none (never 0)."""
    if value is None or value == "":
        return str(_("ikke angivet"))
    exact = Decimal(str(value)).normalize()
    decimals = max(0, -exact.as_tuple().exponent)  # type: ignore[operator]
    return format_number(exact, decimals, _lang())


@register.filter
def yes_no(value: Any) -> str:
    """A stated yes/no fact; None is "ikke angivet"."""
    if value is None:
        return str(_("ikke angivet"))
    return str(_("ja") if value else _("nej"))


@register.filter
def text_blocks(section: dict[str, Any]) -> list[dict[str, Any]]:
    """A published section's blocks for the page, with the tables its text holds as
    tables (``core.text.with_text_tables``): ``{"type": "table", "header", "rows"}``."""
    blocks = section.get("blocks", [])
    if not any(b.get("type") == "paragraph" for b in blocks):
        return list(blocks)
    domain = read_blocks(blocks)
    # Blocks that are not part of a table come back as the same objects.
    position = {id(block): i for i, block in enumerate(domain)}
    out: list[dict[str, Any]] = []
    for block in with_text_tables(domain):
        if isinstance(block, TextTable):
            out.append({"type": "table", "header": block.header, "rows": block.rows})
        else:
            out.append(blocks[position[id(block)]])
    return out


@register.filter
def field_label(name: str) -> str:
    """A field of a proposal by the label the pages give it ("Titel" for ``title``)."""
    return _field_label(name) or name
