"""Helpers shared by the scenario tests: reading numbers back from a page."""

from __future__ import annotations

import re
from decimal import Decimal

from budgetkatalog.core.money import parse_danish_number


def cell(html: str, element_id: str) -> str:
    """The text of the element with this id (tags inside it removed)."""
    match = re.search(rf'id="{re.escape(element_id)}"[^>]*>(.*?)</(?:td|dd|span|p)>', html,
                      re.S)
    assert match is not None, f"no element #{element_id} on the page"
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


def number(html: str, element_id: str) -> Decimal:
    """A Danish-written number shown in the element with this id."""
    text = cell(html, element_id).split("(")[0].strip().lstrip("+")
    value = parse_danish_number(text)
    assert value is not None, f"#{element_id} shows {text!r}, not a number"
    return value
