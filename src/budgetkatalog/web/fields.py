"""Form fields as the user sees them, for messages that name a field.

Forms name their fields for the machine (``line-c-2020``, ``section-2``); a message
names the field by the label the page shows next to it ("Linje c, 2020",
"2. Beskrivelse af forslaget"), in the page's language.
"""

from __future__ import annotations

import re

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from budgetkatalog.core.text import SECTION_HEADINGS, SECTION_HEADINGS_EN

_LINE_FIELD = re.compile(r"line-([a-g])-(\d{4}|code|name)")
_SECTION_FIELD = re.compile(r"section-(\d+)")


def field_label(name: str) -> str | None:
    """An editor field as the user sees it, for messages that name it: "Linje c, 2020"
    for ``line-c-2020``, "2. Beskrivelse af forslaget" for ``section-2``; never the
    form's internal name. None for a field this list does not know."""
    labels = {
        "number": _("Nummer"), "title": _("Titel"), "department": _("Afdeling"),
        "group": _("Gruppe"), "areas_text": _("Områdebevilling (nummer og navn)"),
        "fte": _("Årsværk"), "affects_citizens": _("Berører borgere"),
        "affects_staff": _("Berører personale"),
        "table_caption": _("Tabel 1: områdebevilling i overskriften"),
        "costing_spec": _("Beregningsforudsætninger"),
        "return_reason": _("Begrundelse for at sende tilbage"), "action": _("Handling"),
        # The public list's filters.
        "area": _("Områdebevilling"), "q": _("Fritekst"), "citizens": _("Berører borgere"),
        "staff": _("Berører personale"),
    }
    if name in labels:
        return labels[name]
    if (line := _LINE_FIELD.fullmatch(name)) is not None:
        letter, part = line.groups()
        if part == "code":
            return _("Linje %(letter)s, pengepose-nr.") % {"letter": letter}
        if part == "name":
            return _("Linje %(letter)s, pengeposenavn") % {"letter": letter}
        return _("Linje %(letter)s, %(year)s") % {"letter": letter, "year": part}
    if (section := _SECTION_FIELD.fullmatch(name)) is not None:
        number = int(section.group(1))
        headings = SECTION_HEADINGS_EN if (get_language() or "da").startswith("en") \
            else SECTION_HEADINGS
        heading = headings.get(number)
        return f"{number}. {heading}" if heading else _("Afsnit %(n)s") % {"n": number}
    return None
