"""The costing form in the editor: POST fields ↔ the domain's ``CostForm``; the spec the
form makes is what the proposal stores (and what ``budgetkatalog cost`` reads)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import fields, replace
from decimal import Decimal
from typing import Any

from django.http import QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from budgetkatalog.costing.form import (
    LETTERS,
    CostForm,
    CostRow,
    field_label,
    from_text,
    to_document,
)
from budgetkatalog.web.catalogues.costing import Costing

PROPOSAL_FIELDS = ("start", "end", "first_year_share", "full_from", "notice_months",
                   "rounding")
ROW_FIELDS = tuple(f.name for f in fields(CostRow))
BLANK_ROWS = 2
MAX_ROWS = 40


def form_from_post(post: QueryDict) -> CostForm:
    try:
        count = min(int(post.get("cost-rows", "0")), MAX_ROWS)
    except ValueError:
        count = 0
    rows = []
    for index in range(1, count + 1):
        values = {name: post.get(f"cost-{index}-{name}", "").strip() for name in ROW_FIELDS}
        row = replace(CostRow(), **{k: v for k, v in values.items() if v})
        if row.letter not in LETTERS:
            row = replace(row, letter="a")
        rows.append(row)
    proposal = {name: post.get(f"cost-{name}", "").strip() for name in PROPOSAL_FIELDS}
    return CostForm(**{**proposal, "rounding": proposal["rounding"] or "half-up"},
                    rows=tuple(rows))


def spec_from_post(post: QueryDict) -> str | None:
    """The spec the costing form describes, or None when the page showed no form
    (a spec beyond the form, kept as it is)."""
    if post.get("costing_mode") != "form":
        return None
    form = form_from_post(post)
    if all(row.is_blank for row in form.rows):
        return ""
    return to_document(form, number=post.get("number", "").strip(),
                       title=post.get("title", "").strip(),
                       caption=post.get("table_caption", "").strip()).text


def form_context(values: dict[str, str], round_text: str) -> dict[str, Any]:
    """What the template needs: the form (from the posted fields, or from the stored
    spec), the round's staff categories, or why the form cannot show the spec."""
    if values.get("costing_mode") == "form":
        form: CostForm | None = form_from_post(_as_querydict(values))
        beyond: list[str] = []
    else:
        form, beyond = from_text(values.get("costing_spec", ""))
    staff = staff_categories(round_text)
    if form is None:
        return {"form": None, "beyond": beyond, "staff": staff}
    rows = [row for row in form.rows if not row.is_blank] + [CostRow()] * BLANK_ROWS
    return {"form": form, "rows": [{"index": i, "row": row} for i, row in
                                   enumerate(rows, start=1)],
            "count": len(rows), "beyond": [], "staff": staff, "letters": LETTERS}


def costing_messages(costing: Costing | None, values: dict[str, str]) -> list[dict[str, str]]:
    """The costing's findings, each naming the form's field ("beregningsrække 2,
    årsværk") where the spec's reader names a key path."""
    if costing is None:
        return []
    lang = "en" if get_language() == "en" else "da"
    paths: dict[str, int] = {}
    if values.get("costing_mode") == "form":
        query = _as_querydict(values)
        paths = to_document(form_from_post(query), number="", title="", caption="").paths
    messages = []
    for finding in costing.findings:
        text = finding.message.en if lang == "en" else finding.message.da
        match = re.match(r"([a-z_]+(?:\[\d+\])?(?:\.[a-z_]+(?:\[\d+\])?)*): (.*)", text, re.S)
        if match and paths:
            text = f"{field_label(match.group(1), paths, lang)}: {match.group(2)}"
        elif finding.line and not paths:
            text += f" ({_('linje')} {finding.line})"
        messages.append({"severity": str(finding.severity), "text": text})
    return messages


def staff_categories(round_text: str) -> list[dict[str, str]]:
    try:
        document = tomllib.loads(round_text or "", parse_float=Decimal)
    except tomllib.TOMLDecodeError:
        return []
    table = document.get("round", document)
    return [{"key": str(item.get("key", "")), "name": str(item.get("name", item.get("key"))),
             "salary": f"{int(Decimal(str(item.get('salary', 0)))):,}".replace(",", ".")}
            for item in table.get("staff", []) if isinstance(item, dict)]


def _as_querydict(values: dict[str, str]) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, value in values.items():
        query[key] = value
    return query
