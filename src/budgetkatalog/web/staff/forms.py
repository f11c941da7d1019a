"""Reading the proposal editor's form into the action layer's ``ProposalData``.

Amounts are typed the Danish way (``-1.000``, ``-1175``); an empty cell is a blank
cell. A cell that is not a whole number is reported on that cell and nothing is
saved; the form comes back with everything the user typed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.http import QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from budgetkatalog.core.money import parse_danish_integer, parse_danish_number
from budgetkatalog.core.proposal import Proposal as DomainProposal
from budgetkatalog.core.table import parse_areas
from budgetkatalog.web.catalogues import limits
from budgetkatalog.web.catalogues.actions import LineData, ProposalData
from budgetkatalog.web.catalogues.domain import blocks_to_body
from budgetkatalog.web.catalogues.models import (
    EXTRA_LETTERS,
    LINE_LETTERS,
    SECTION_NUMBERS,
    Proposal,
)
from budgetkatalog.web.fields import field_label
from budgetkatalog.web.staff.costing_form import spec_from_post

ALL_LETTERS = (*LINE_LETTERS, *EXTRA_LETTERS)

def form_field_label(name: str) -> str:
    """An editor field as the user sees it ("Linje c, 2020" for ``line-c-2020``)."""
    return field_label(name) or _("Feltet")


@dataclass
class ParsedForm:
    data: ProposalData
    values: dict[str, str]  # what was typed, by field name, to show again
    errors: dict[str, str] = field(default_factory=dict)
    version: int = 0


def input_amount(value: int | None) -> str:
    """A cell as the grid shows it, in a form the grid reads back: Danish grouping on
    Danish pages (``-1.300``); plain digits on English pages (``-1300``), where
    ``-1,300`` would read back as a decimal and ``-1.300`` would mislead."""
    if value is None:
        return ""
    if (get_language() or "da").startswith("en"):
        return str(value)
    return f"{value:,}".replace(",", ".")


def input_fte(value: Decimal | None) -> str:
    """Årsværk as the field shows it: ``4,45`` on Danish pages, blank when not stated."""
    if value is None:
        return ""
    text = f"{value.normalize():f}"
    return text if (get_language() or "da").startswith("en") else text.replace(".", ",")


def _choice(value: bool | None) -> str:
    return "" if value is None else ("1" if value else "0")


def _read_choice(raw: str | None) -> bool | None:
    return {"1": True, "0": False}.get(raw or "")


def _read_fte(raw: str, errors: dict[str, str]) -> Decimal | None:
    """Årsværk typed the page's way (``4,45``; ``4.45`` on English pages); blank is
    "ikke angivet"."""
    raw = raw.strip()
    if not raw:
        return None
    english = (get_language() or "da").startswith("en")
    value = parse_danish_number(raw.replace(".", ",") if english else raw)
    if value is None or value < 0 or value >= 1_000_000 or value != round(value, 2):
        errors["fte"] = _("»%(value)s« er ikke et antal årsværk (skriv fx 4,45; "
                          "lad feltet stå tomt, hvis det ikke vides).") % {"value": raw}
        return None
    return value


def values_from_proposal(proposal: Proposal, years: tuple[int, ...]) -> dict[str, str]:
    """The editor's field values for a stored proposal (sections and lines prefetched)."""
    values = {
        "number": proposal.number, "title": proposal.title,
        "department": str(proposal.department_id or ""), "group": proposal.group,
        "areas_text": proposal.areas_text, "table_caption": proposal.table_caption,
        "costing_spec": proposal.costing_spec,
        "fte": input_fte(proposal.fte),
        "affects_citizens": _choice(proposal.affects_citizens),
        "affects_staff": _choice(proposal.affects_staff),
    }
    for section in proposal.sections.all():
        values[f"section-{section.number}"] = section.body
    for line in proposal.lines.all():
        values[f"line-{line.letter}-code"] = line.code
        values[f"line-{line.letter}-name"] = line.name
        for year, value in zip(years, line.amounts, strict=False):
            values[f"line-{line.letter}-{year}"] = input_amount(value)
    return values


def values_from_upload(values: dict[str, str], proposal: DomainProposal,
                       years: tuple[int, ...]) -> dict[str, str]:
    """The editor's values with what an uploaded Word template states: number, title,
    areas, årsværk, the seven sections, Table 1's caption and lines. What the template
    has no say in (group, costing, flags) stays as it was, and so does the department:
    the file names it for the reader, but finance staff confirm a proposal's department
    (the Afdelinger page). Nothing is saved."""
    out = dict(values)
    out["number"], out["title"] = proposal.number, proposal.title
    out["areas_text"] = proposal.areas_text or ""
    out["fte"] = input_fte(proposal.fte)
    for section in proposal.sections:
        out[f"section-{section.number}"] = blocks_to_body(section.blocks)
    table = proposal.table
    if table is not None:
        out["table_caption"] = table.caption
        by_letter = {line.letter: line for line in (*table.lines, table.investment,
                                                    table.derived_operating)}
        for letter in ALL_LETTERS:
            line = by_letter.get(letter)
            amounts = dict(zip(table.years, line.amounts, strict=True)) if line else {}
            out[f"line-{letter}-code"] = (line.code or "") if line else ""
            # Rows f and g have fixed labels in the template; their names stay.
            if letter in LINE_LETTERS:
                out[f"line-{letter}-name"] = (line.name or "") if line else ""
            for year in years:
                out[f"line-{letter}-{year}"] = input_amount(amounts.get(year))
    return out


# Each text field of the editor and its bound (the column's length, or a bound on
# free text).
TEXT_LIMITS = {
    "number": limits.NUMBER_CHARS, "title": limits.TITLE_CHARS,
    "group": limits.GROUP_CHARS, "areas_text": limits.AREAS_CHARS,
    "table_caption": limits.CAPTION_CHARS, "costing_spec": limits.COSTING_SPEC_CHARS,
    **{f"section-{n}": limits.SECTION_CHARS for n in SECTION_NUMBERS},
    **{f"line-{letter}-code": limits.LINE_CODE_CHARS for letter in ALL_LETTERS},
    **{f"line-{letter}-name": limits.LINE_NAME_CHARS for letter in ALL_LETTERS},
}


def amount_cell(raw: str) -> tuple[int | None, str | None]:
    """A Table 1 cell as typed: (the whole number or None for blank, the error)."""
    raw = raw.strip()
    if not raw:
        return None, None
    value = parse_danish_integer(raw) if len(raw) <= limits.MAX_NUMBER_CHARS else None
    if value is None:
        shown = raw if len(raw) <= limits.MAX_NUMBER_CHARS else raw[:limits.MAX_NUMBER_CHARS] + "…"
        return None, _("»%(value)s« er ikke et helt tal i 1.000 kr. "
                       "(skriv fx -1.000 eller -1175).") % {"value": shown}
    return value, limits.amount_error(value)


def parse_form(post: QueryDict, years: tuple[int, ...], department_id: int | None,
               departments: frozenset[int] | None = None) -> ParsedForm:
    """``departments``: the ids the user may choose among (finance staff); a chosen id
    outside it is an error at the field. Without it (authors) the posted department is
    ignored and ``department_id`` kept."""
    values = {key: post.get(key, "") for key in post if key != "csrfmiddlewaretoken"}
    from_form = spec_from_post(post)
    costing_spec = post.get("costing_spec", "") if from_form is None else from_form
    values["costing_spec"] = costing_spec
    errors: dict[str, str] = {}
    lines: dict[str, LineData] = {}
    for letter in ALL_LETTERS:
        amounts: list[int | None] = []
        for year in years:
            name = f"line-{letter}-{year}"
            value, error = amount_cell(post.get(name, ""))
            if error:
                errors[name] = error
            amounts.append(value)
        lines[letter] = LineData(post.get(f"line-{letter}-code", ""),
                                 post.get(f"line-{letter}-name", ""), tuple(amounts))
    # "" is "ikke angivet"; a form without the field keeps the stored department.
    chosen_department = department_id
    raw_department = post.get("department")
    if raw_department is not None and departments is not None:
        if not raw_department.strip():
            chosen_department = None
        else:
            parsed = limits.parse_id(raw_department)
            if parsed is None or parsed not in departments:
                errors["department"] = _("Vælg en af afdelingerne på listen.")
            else:
                chosen_department = parsed
    for name, limit in TEXT_LIMITS.items():
        message = limits.too_long(post.get(name, ""), limit)
        if message:
            errors[name] = message
    if "areas_text" not in errors and \
            len(parse_areas(post.get("areas_text", ""))) > limits.MAX_AREAS:
        errors["areas_text"] = _("Højst %(n)s områdebevillinger.") % {"n": limits.MAX_AREAS}
    if not post.get("title", "").strip():
        errors["title"] = _("Forslaget skal have en titel.")
    if not post.get("number", "").strip():
        errors["number"] = _("Forslaget skal have et nummer.")
    version = limits.parse_id(post.get("version", "0")) or 0
    data = ProposalData(
        number=post.get("number", ""), title=post.get("title", ""),
        department_id=chosen_department, group=post.get("group", ""),
        areas_text=post.get("areas_text", ""),
        fte=_read_fte(post.get("fte", ""), errors),
        affects_citizens=_read_choice(post.get("affects_citizens")),
        affects_staff=_read_choice(post.get("affects_staff")),
        table_caption=post.get("table_caption", ""),
        costing_spec=costing_spec,
        sections={n: post.get(f"section-{n}", "") for n in SECTION_NUMBERS},
        lines=lines)
    return ParsedForm(data, values, errors, version)


def sums(values: dict[str, str], years: tuple[int, ...]) -> tuple[list[int], list[int]]:
    """Delsum and I alt from the typed values (cells that do not parse count as 0), so
    the page shows live sums without JavaScript after "Beregn"."""
    def cell(letter: str, year: int) -> int:
        value, error = amount_cell(values.get(f"line-{letter}-{year}", ""))
        return value if value is not None and error is None else 0

    subtotal = [sum(cell(letter, y) for letter in LINE_LETTERS) for y in years]
    total = [s + sum(cell(letter, y) for letter in EXTRA_LETTERS)
             for s, y in zip(subtotal, years, strict=True)]
    return subtotal, total
