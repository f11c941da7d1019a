"""Finding and masking personal contact data in text that is about to be published.

E-mail addresses, Danish phone numbers and CPR numbers are replaced by a bracketed
word wherever they appear (a name field, an organisation, the response's text), so
a sender who types them into the text is not published with them. The patterns lean
towards masking: a budget figure is written with dots (``2.126.000``) and is left
alone; eight digits in a row, or in pairs or fours separated by spaces, are masked
unless they are two years (``2020 2021``).
"""

from __future__ import annotations

import re

EMAIL_MASK = "[e-mail fjernet]"
PHONE_MASK = "[telefonnummer fjernet]"
CPR_MASK = "[cpr-nummer fjernet]"

EMAIL = re.compile(r"[\w.+-]+(?:@|\s*\(at\)\s*|\s*\[at\]\s*)[\w-]+(?:\.[\w-]+)+", re.UNICODE)
CPR = re.compile(r"(?<![\d.,])[0-3]\d[01]\d\d\d[- ]?\d{4}(?![\d.,])")
PHONE = re.compile(
    r"(?<![\w.,])(?:(?:\+|00)\s?45[\s-]?)?"
    r"(?:\d{8}|\d{2}[\s-]\d{2}[\s-]\d{2}[\s-]\d{2}|\d{4}[\s-]\d{4}|\d{3}[\s-]\d{3}[\s-]\d{2})"
    r"(?![\w.,]\d|\d)")
YEARS = re.compile(r"(?:19|20)\d\d[\s-](?:19|20)\d\d")


def _phone(match: re.Match[str]) -> str:
    found = match.group(0)
    if YEARS.fullmatch(found):
        return found
    return PHONE_MASK


def mask_personal_data(text: str) -> str:
    """The text with e-mail addresses, phone and CPR numbers masked."""
    text = EMAIL.sub(EMAIL_MASK, text)
    text = CPR.sub(CPR_MASK, text)
    return PHONE.sub(_phone, text)


def has_personal_data(text: str) -> bool:
    return mask_personal_data(text) != text
