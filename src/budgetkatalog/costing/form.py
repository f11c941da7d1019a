"""The costing spec as a form: rows a finance officer fills in (what, staff category,
årsværk or an amount, offsets) and the proposal's phase-in, turned into the same
costing spec the command line reads from TOML, and back.

The form holds the common shape of a spec: per-proposal timing, and per row one basis
(staff × årsværk, a yearly amount, or a share of another line) with at most one offset.
A spec that uses more (årsværk per year, timing per component, benefits) is read as
"beyond the form": it still computes, and is changed with the command line.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import tomli_w

LETTERS = ("a", "b", "c", "d", "f", "g")
BASES = ("staff", "amount", "share")
OFFSET_KINDS = ("", "tariff", "user-payment", "external")
ROUNDINGS = ("half-up", "allocate", "down")

# Danish labels of the form's fields, for messages that name the field as the user sees it.
FIELD_LABELS = {
    "letter": ("række", "row"), "code": ("pengepose-nr.", "account no."),
    "name": ("pengeposenavn", "account name"), "label": ("hvad", "what"),
    "direction": ("retning", "direction"), "staff": ("personalekategori", "staff category"),
    "fte": ("årsværk", "FTE"), "amount": ("beløb pr. år (kr.)", "amount a year (DKK)"),
    "of": ("andel af række", "share of row"), "share": ("andel", "share"),
    "kind": ("modregning", "offset"), "start": ("start", "start"), "end": ("slut", "end"),
    "first_year_share": ("andel af første år", "share of the first year"),
    "full_from": ("fuld effekt fra", "full effect from"),
    "notice_months": ("varsel (måneder)", "notice (months)"),
    "rounding": ("afrunding", "rounding"),
}


@dataclass(frozen=True)
class CostRow:
    """One thing that costs or saves: a component of a Table 1 line."""

    letter: str = "a"
    code: str = ""
    name: str = ""
    label: str = ""
    direction: str = "saving"
    basis: str = "staff"
    staff: str = ""
    fte: str = ""
    amount: str = ""
    share_of: str = ""
    share: str = ""
    share_kind: str = "user-payment"
    offset_kind: str = ""
    offset_amount: str = ""
    offset_share: str = ""
    offset_label: str = ""

    @property
    def is_blank(self) -> bool:
        return not any((self.label, self.staff, self.fte, self.amount, self.share,
                        self.code, self.name))


@dataclass(frozen=True)
class CostForm:
    start: str = ""
    end: str = ""
    first_year_share: str = ""
    full_from: str = ""
    notice_months: str = ""
    rounding: str = "half-up"
    rows: tuple[CostRow, ...] = ()


@dataclass(frozen=True)
class Document:
    """A spec document built from the form, and where each row went in it."""

    text: str
    # "line[i].component[j]" (counted from 1, as the spec's messages count) -> form row
    paths: dict[str, int] = field(default_factory=dict)


def _number(text: str) -> Decimal | int | str:
    """A Danish number ("1,5", "633.000", "2 306 450") as exact Decimal; anything else
    stays text, so the spec's reader names it at its field."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?", cleaned):
        cleaned = cleaned.replace(".", "")
    cleaned = cleaned.replace(",", ".")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        return text.strip()
    # Whole numbers as integers: exact in TOML at any size.
    return int(number) if number == number.to_integral_value() else number


def _share(text: str) -> Decimal | int | str:
    """"25 %", "1/2" and "0,25" as the spec writes shares."""
    cleaned = text.strip()
    if "/" in cleaned or "%" in cleaned:
        return cleaned.replace(",", ".")
    return _number(cleaned)


def to_document(form: CostForm, *, number: str, title: str, caption: str,
                round_name: str = "round") -> Document:
    doc: dict[str, Any] = {"round": round_name,
                           "proposal": {"number": number, "title": title or number,
                                        "rounding": form.rounding or "half-up"}}
    if caption:
        doc["proposal"]["caption"] = caption
    timing: dict[str, Any] = {}
    if form.start.strip():
        timing["start"] = form.start.strip()
    if form.end.strip():
        timing["end"] = form.end.strip()
    if form.first_year_share.strip():
        timing["first_year_share"] = _share(form.first_year_share)
    if form.full_from.strip():
        timing["full_from"] = _number(form.full_from)
    if form.notice_months.strip():
        timing["notice_months"] = _number(form.notice_months)
    if timing:
        doc["timing"] = {k: int(v) if isinstance(v, Decimal) and k != "first_year_share"
                         and v == v.to_integral_value() else v for k, v in timing.items()}
    lines: list[dict[str, Any]] = []
    paths: dict[str, int] = {}
    for index, row in enumerate(form.rows, start=1):
        if row.is_blank:
            continue
        line = next((item for item in lines if item["letter"] == row.letter), None)
        if line is None:
            line = {"letter": row.letter}
            if row.code.strip():
                line["code"] = row.code.strip()
            if row.name.strip():
                line["name"] = row.name.strip()
            line["component"] = []
            lines.append(line)
        component: dict[str, Any] = {"label": row.label.strip() or row.name.strip() or "-"}
        if row.direction == "cost":
            component["direction"] = "cost"
        if row.basis == "amount":
            component["amount"] = _number(row.amount)
        elif row.basis == "share":
            component["derived"] = {"of": row.share_of, "share": _share(row.share),
                                    "kind": row.share_kind or "user-payment"}
        else:
            component["staff"] = row.staff
            component["fte"] = _number(row.fte)
        if row.offset_kind:
            offset: dict[str, Any] = {"kind": row.offset_kind}
            if row.offset_share.strip():
                offset["share"] = _share(row.offset_share)
            else:
                offset["amount"] = _number(row.offset_amount)
            if row.offset_label.strip():
                offset["label"] = row.offset_label.strip()
            component["offset"] = [offset]
        line["component"].append(component)
        paths[f"line[{lines.index(line) + 1}].component[{len(line['component'])}]"] = index
    if lines:
        doc["line"] = lines
    return Document(tomli_w.dumps(doc), paths)


def _text(value: object) -> str:
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return str(int(value))
        return format(value.normalize(), "f").replace(".", ",")
    return "" if value is None else str(value)


def from_text(spec: str) -> tuple[CostForm | None, list[str]]:
    """The form for a stored spec, or None and what the form cannot show."""
    if not spec.strip():
        return CostForm(), []
    try:
        doc = tomllib.loads(spec, parse_float=Decimal)
    except tomllib.TOMLDecodeError as error:
        return None, [f"TOML: {error}"]
    beyond: list[str] = []
    if "round" in doc and not isinstance(doc["round"], str):
        beyond.append("round")
    timing = doc.get("timing", {})
    for key in set(timing) - {"start", "end", "first_year_share", "full_from",
                              "notice_months"}:
        beyond.append(f"timing.{key}")
    rows: list[CostRow] = []
    for line in doc.get("line", []):
        for component in line.get("component", []):
            extra = set(component) - {"label", "direction", "staff", "fte", "amount",
                                      "derived", "offset"}
            beyond += [f"{line.get('letter')}.{key}" for key in sorted(extra)]
            offsets = component.get("offset", [])
            if len(offsets) > 1:
                beyond.append(f"{line.get('letter')}.offset")
            if isinstance(component.get("fte"), dict) or isinstance(component.get("amount"),
                                                                    dict):
                beyond.append(f"{line.get('letter')}: pr. år")
            offset = offsets[0] if offsets else {}
            derived = component.get("derived", {})
            basis = ("share" if "derived" in component else
                     "amount" if "amount" in component else "staff")
            rows.append(CostRow(
                letter=str(line.get("letter", "a")), code=_text(line.get("code")),
                name=_text(line.get("name")), label=_text(component.get("label")),
                direction=str(component.get("direction", "saving")), basis=basis,
                staff=_text(component.get("staff")), fte=_text(component.get("fte")),
                amount=_text(component.get("amount")), share_of=_text(derived.get("of")),
                share=_text(derived.get("share")),
                share_kind=_text(derived.get("kind", "user-payment")),
                offset_kind=_text(offset.get("kind")),
                offset_amount=_text(offset.get("amount")),
                offset_share=_text(offset.get("share")),
                offset_label=_text(offset.get("label"))))
    if beyond:
        return None, beyond
    return CostForm(start=_text(timing.get("start")), end=_text(timing.get("end")),
                    first_year_share=_text(timing.get("first_year_share")),
                    full_from=_text(timing.get("full_from")),
                    notice_months=_text(timing.get("notice_months")),
                    rounding=str(doc.get("proposal", {}).get("rounding", "half-up")),
                    rows=tuple(rows)), []


def field_label(path: str, paths: dict[str, int], lang: str = "da") -> str:
    """``line[1].component[2].fte`` as the form names it: "række 3, årsværk"."""
    match = re.match(r"(line\[\d+\]\.component\[\d+\])(?:\.(.+))?", path)
    which = 0 if lang == "da" else 1
    if match and match.group(1) in paths:
        key = (match.group(2) or "").split(".")[-1]
        label = FIELD_LABELS.get(key, (key, key))[which]
        row = paths[match.group(1)]
        prefix = f"beregningsrække {row}" if lang == "da" else f"costing row {row}"
        return f"{prefix}, {label}" if label else prefix
    key = path.split(".")[-1]
    return FIELD_LABELS.get(key, (path, path))[which]
