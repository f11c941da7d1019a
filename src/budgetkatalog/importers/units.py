"""The unit a table or overview states in its caption or heading: ``i 1.000 kr.``,
``(1.000 kr.)``, ``t.kr.``, ``tkr.``, ``i kr.``, ``hele kroner``, ``mio. kr.``."""

from __future__ import annotations

import re

_UNIT_WORDS = (
    r"(?P<thousand>(?:1\.000|1000|1 000)\s*kr(?:oner)?\.?|t\.\s?kr\.?|tkr\.?"
    r"|tusinde?\s+kr(?:oner)?\.?)"
    r"|(?P<million>mio\.?\s*kr(?:oner)?\.?|millioner\s+kr(?:oner)?\.?)"
    r"|(?P<krone>(?:hele\s+)?kr(?:oner)?\.?)"
)
# At the end of a caption: "... i 1.000 kr.", "... (t.kr.)", "... i kr.", "..., 1.000 kr."
_AT_END = re.compile(
    r"(?:(?:^|\s|,)(?:beløb\s+)?i\s+|\(|^|,\s*|\s)(?:" + _UNIT_WORDS + r")\s*\)?\s*$",
    re.IGNORECASE)
# Anywhere on a line of its own or a header row: "Beløb i 1.000 kr.", "(1.000 kr.) 2026"
_ANYWHERE = re.compile(
    r"(?:(?:^|\s)(?:beløb\s+)?i\s+|\(|^)(?:" + _UNIT_WORDS + r")(?=\s|\)|$)",
    re.IGNORECASE)


def unit_of(text: str, anywhere: bool = False) -> tuple[int, int] | None:
    """(unit in kroner, where the unit phrase starts) or ``None`` where none is stated.
    ``anywhere``: the phrase may stand anywhere on the line, not only at its end. A bare
    ``kr.`` counts only after ``i`` or in parentheses (``Tabel 1. 4020 Kultur i kr.``)."""
    match = (_ANYWHERE if anywhere else _AT_END).search(text)
    if match is None:
        return None
    if match.group("thousand"):
        unit = 1000
    elif match.group("million"):
        unit = 1_000_000
    else:
        lead = match.group(0)[: match.start("krone") - match.start()]
        if not (lead.strip().lower().endswith("i") or "(" in lead):
            return None
        unit = 1
    return unit, match.start()
