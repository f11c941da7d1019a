"""Bounds on what the web application accepts, and their Danish messages.

Every form field and query parameter is checked against these before anything is
parsed further or reaches the database, so an absurd value is a 400 with a message
at the field, never an overflow or a 500.

Amounts: a Danish municipality's whole budget is below 100 mia. kr. (Copenhagen's is
about 60), so no cell of Table 1, target or overlap can be 100.000.000 (1.000 kr.) or
more; a larger number is a typing error, and letting it through made the optimiser
and the overview compute with nonsense.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

# In the table unit, 1.000 kr.: below 100 mia. kr.
MAX_AMOUNT = 99_999_999
# What an amount field may hold as typed (digits, separators, sign, decimals).
MAX_NUMBER_CHARS = 30
MAX_FTE = Decimal(100_000)

# Text fields: the database columns' lengths, and bounds on the free-text fields.
NUMBER_CHARS = 20
TITLE_CHARS = 300
GROUP_CHARS = 200
AREAS_CHARS = 300
CAPTION_CHARS = 300
LINE_CODE_CHARS = 40
LINE_NAME_CHARS = 200
SECTION_CHARS = 50_000
COSTING_SPEC_CHARS = 20_000
SCENARIO_NAME_CHARS = 200
DESCRIPTION_CHARS = 5_000
NOTE_CHARS = 500
PARTY_CHARS = 100
TARGETS_LABEL_CHARS = 200
# Appropriation areas a proposal may name (their codes are stored as "|8290|4410|").
MAX_AREAS = 20
AREA_CODE_CHARS = 20
# A filter value is one of the catalogue's own departments, groups or area codes.
FILTER_CHARS = 200

# Searches: a question, not a document.
SEARCH_CHARS = 200
SEARCH_WORDS = 20
# An id in a query string or form field: at most nine digits, like the URLs.
ID_DIGITS = 9


def too_long(value: str, limit: int) -> str | None:
    """The Danish message for a text over ``limit`` characters, or None."""
    if len(value) <= limit:
        return None
    return _("Højst %(limit)s tegn; der står %(n)s.") % {"limit": f"{limit:,}".replace(
        ",", "."), "n": f"{len(value):,}".replace(",", ".")}


def amount_error(value: int | Decimal) -> str | None:
    """The message for an amount beyond what a municipality's budget can hold."""
    if -MAX_AMOUNT <= value <= MAX_AMOUNT:
        return None
    return _("Beløbet er for stort: højst 99.999.999 (1.000 kr.), mere end en kommunes "
             "samlede budget.")


def parse_id(raw: str | None) -> int | None:
    """An id from a query string or form field: one to nine ASCII digits, else None."""
    raw = (raw or "").strip()
    if not raw or len(raw) > ID_DIGITS or not raw.isascii() or not raw.isdigit():
        return None
    return int(raw)


def search_error(query: str) -> str | None:
    """Why a search cannot be run, or None."""
    if len(query) > SEARCH_CHARS:
        return _("Søgningen er for lang: højst %(limit)s tegn.") % {"limit": SEARCH_CHARS}
    if len(query.split()) > SEARCH_WORDS:
        return _("Søgningen har for mange ord: højst %(limit)s.") % {"limit": SEARCH_WORDS}
    return None
