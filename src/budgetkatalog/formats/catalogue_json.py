"""The catalogue JSON format, version 1.

``to_document`` and ``from_document`` round-trip a :class:`Catalogue` exactly.
Amount objects map years (as strings) to whole table units or ``null`` for a blank
cell; ``lines`` holds rows a–d and ``total`` the computed I alt. Computed fields
(``subtotal``, ``total``, the FTE table total) are written for other tools and
checked, not trusted, on the way in. The schema is ``catalogue-v1.schema.json``.
"""

from __future__ import annotations

import json
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any, cast

from budgetkatalog.core.catalogue import (
    Catalogue,
    FteRow,
    FteTable,
    OverviewRow,
    ProposalGroup,
    SignConvention,
    StatedOverview,
    duplicate_numbers,
)
from budgetkatalog.core.finding import Finding, Severity, text
from budgetkatalog.core.proposal import Proposal
from budgetkatalog.core.table import AmountsTable, AppropriationArea, TableLine
from budgetkatalog.core.text import Block, BulletList, ListItem, Paragraph, Section
from budgetkatalog.core.years import BudgetRound

FORMAT = "budgetkatalog-catalogue"
VERSION = 1

Json = dict[str, Any]


def schema() -> Json:
    source = resources.files("budgetkatalog.formats").joinpath("catalogue-v1.schema.json")
    return cast(Json, json.loads(source.read_text(encoding="utf-8")))


@cache
def _compiled() -> Any:
    """The schema compiled once per process (jsonschema-rs): about 2,5 ms to check the
    seed's 250 kB against 50 ms with jsonschema, and 12 ms to load against 45 ms."""
    import jsonschema_rs  # loaded on first validation

    return jsonschema_rs.validator_for(schema(), validate_formats=False)


# -- out --------------------------------------------------------------------------


def _amounts(years: tuple[int, ...], values: tuple[int | None, ...]) -> Json:
    return {str(year): value for year, value in zip(years, values, strict=True)}


def _decimal(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _line(years: tuple[int, ...], line: TableLine) -> Json:
    return {"letter": line.letter, "code": line.code, "name": line.name,
            "amounts": _amounts(years, line.amounts), "source_line": line.line}


def _blocks(blocks: tuple[Block, ...]) -> list[Json]:
    out: list[Json] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append({"type": "paragraph", "text": block.text, "source_line": block.line})
        else:
            out.append({"type": "list", "items": [
                {"text": item.text, "source_line": item.line} for item in block.items]})
    return out


def _areas(areas: tuple[AppropriationArea, ...]) -> list[Json]:
    return [{"code": area.code, "name": area.name} for area in areas]


def _proposal(years: tuple[int, ...], proposal: Proposal) -> Json:
    table = proposal.table
    doc: Json = {
        "number": proposal.number,
        "title": proposal.title,
        "areas_text": proposal.areas_text,
        "areas": _areas(proposal.areas),
        "fte": _decimal(proposal.fte),
        "department": proposal.department,
        "source_line": proposal.line,
        "sections": [{"number": s.number, "heading": s.heading, "source_line": s.line,
                      "blocks": _blocks(s.blocks)} for s in proposal.sections],
        "table": None,
        "lines": [],
        "total": _amounts(years, proposal.total(years)),
    }
    if table is not None:
        doc["table"] = {
            "caption": table.caption,
            "caption_areas": _areas(table.caption_areas),
            "unit": table.unit,
            "stated_unit": table.stated_unit,
            "years": list(table.years),
            "source_line": table.line,
            "investment": _line(table.years, table.investment),
            "derived_operating": _line(table.years, table.derived_operating),
            "stated_subtotal": _amounts(table.years, table.stated_subtotal),
            "stated_total": _amounts(table.years, table.stated_total),
            "subtotal": _amounts(table.years, table.subtotal),
        }
        doc["lines"] = [_line(table.years, line) for line in table.lines]
        doc["total"] = _amounts(table.years, table.total)
    return doc


def _overview_row(years: tuple[int, ...], row: OverviewRow) -> Json:
    return {"label": row.label, "number": row.number, "source_line": row.line,
            "amounts": {str(y): _decimal(v) for y, v in zip(years, row.amounts, strict=False)}}


def to_document(catalogue: Catalogue) -> Json:
    years = catalogue.round.years
    overview = catalogue.overview
    fte = catalogue.fte_table
    return {
        "format": FORMAT,
        "version": VERSION,
        "title": catalogue.title,
        "municipality": catalogue.municipality,
        "years": list(years),
        "unit": catalogue.round.unit,
        "price_level": catalogue.round.price_level,
        "sign_convention": None if catalogue.sign_convention is None else {
            "text": catalogue.sign_convention.text,
            "source_line": catalogue.sign_convention.line,
            "savings_negative": catalogue.sign_convention.savings_negative},
        "groups": [{"name": g.name, "proposals": list(g.proposal_numbers),
                    "heading": g.heading, "intro": g.intro,
                    "listed_titles": list(g.listed_titles), "stated_count": g.stated_count,
                    "source_line": g.line} for g in catalogue.groups],
        "proposals": [_proposal(years, p) for p in catalogue.proposals],
        "overview": None if overview is None else {
            "years": list(overview.years),
            "scale": overview.scale,
            "source_line": overview.line,
            "total": None if overview.total is None
            else _overview_row(overview.years, overview.total),
            "groups": [{"row": _overview_row(overview.years, g),
                        "proposals": [_overview_row(overview.years, m) for m in members]}
                       for g, members in overview.groups],
        },
        "fte_table": None if fte is None else {
            "source_line": fte.line,
            "stated_total": _decimal(fte.stated_total),
            "total": str(fte.total),
            "rows": [{"department": r.department, "tasks": list(r.tasks),
                      "fte": _decimal(r.fte), "source_line": r.line} for r in fte.rows],
        },
        "front_matter": _blocks(catalogue.front_matter),
    }


def dumps(catalogue: Catalogue) -> str:
    return json.dumps(to_document(catalogue), ensure_ascii=False, indent=2) + "\n"


# -- in ---------------------------------------------------------------------------


class FormatError(ValueError):
    """The document is not a valid catalogue document; ``findings`` says where."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__("; ".join(f.message.en for f in findings))
        self.findings = findings


def _cells(years: tuple[int, ...], amounts: Json) -> tuple[int | None, ...]:
    return tuple(amounts.get(str(year)) for year in years)


def _table_line(years: tuple[int, ...], doc: Json) -> TableLine:
    return TableLine(doc["letter"], doc["code"], doc["name"], _cells(years, doc["amounts"]),
                     doc.get("source_line"))


def read_blocks(docs: list[Json]) -> tuple[Block, ...]:
    blocks: list[Block] = []
    for doc in docs:
        if doc["type"] == "paragraph":
            blocks.append(Paragraph(doc["text"], doc.get("source_line")))
        else:
            blocks.append(BulletList(tuple(ListItem(i["text"], i.get("source_line"))
                                           for i in doc["items"])))
    return tuple(blocks)


def _read_areas(docs: list[Json]) -> tuple[AppropriationArea, ...]:
    return tuple(AppropriationArea(d["code"], d["name"]) for d in docs)


def _optional_decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _read_row(years: tuple[int, ...], doc: Json) -> OverviewRow:
    amounts = tuple(_optional_decimal(doc["amounts"].get(str(y))) for y in years
                    if str(y) in doc["amounts"])
    return OverviewRow(doc["label"], amounts, doc["number"], doc.get("source_line"))


def _read_proposal(doc: Json, findings: list[Finding]) -> Proposal:
    table = None
    table_doc = doc["table"]
    if table_doc is not None:
        years = tuple(table_doc["years"])
        table = AmountsTable(
            caption=table_doc["caption"], years=years,
            lines=tuple(_table_line(years, line) for line in doc["lines"]),
            investment=_table_line(years, table_doc["investment"]),
            derived_operating=_table_line(years, table_doc["derived_operating"]),
            stated_subtotal=_cells(years, table_doc["stated_subtotal"]),
            stated_total=_cells(years, table_doc["stated_total"]),
            unit=table_doc["unit"], caption_areas=_read_areas(table_doc["caption_areas"]),
            line=table_doc.get("source_line"), stated_unit=table_doc.get("stated_unit"))
        for name, stated, computed in (("subtotal", table_doc["subtotal"], table.subtotal),
                                       ("total", doc["total"], table.total)):
            if _cells(years, stated) != computed:
                findings.append(Finding(
                    "json.computed-mismatch", Severity.WARNING,
                    text("Forslag {number}: feltet '{field}' stemmer ikke med rækkerne; det er "
                         "beregnet igen.",
                         "Proposal {number}: the field '{field}' disagrees with the rows; it "
                         "was recomputed.", number=doc["number"], field=name),
                    proposal=doc["number"]))
    return Proposal(
        number=doc["number"], title=doc["title"],
        sections=tuple(Section(s["number"], s["heading"], read_blocks(s["blocks"]),
                               s.get("source_line")) for s in doc["sections"]),
        table=table, areas_text=doc["areas_text"], areas=_read_areas(doc["areas"]),
        fte=_optional_decimal(doc["fte"]), line=doc.get("source_line"),
        department=doc.get("department"))


def from_document(doc: object) -> tuple[Catalogue, list[Finding]]:
    """Validate against the schema and build the catalogue; raises :class:`FormatError`
    with located findings when the document is not a valid catalogue."""
    if _compiled().is_valid(doc):
        errors = []
    else:
        # Only an invalid document pays for jsonschema, whose errors carry the paths and
        # messages the findings give (the compiled check says only yes or no here).
        import jsonschema

        validator = jsonschema.Draft202012Validator(schema())
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    if errors:
        raise FormatError([Finding(
            "json.schema", Severity.ERROR,
            text("JSON-dokumentet følger ikke formatet ved {path}: {why}",
                 "The JSON document does not follow the format at {path}: {why}",
                 path="/" + "/".join(str(p) for p in e.absolute_path), why=e.message),
            section="/" + "/".join(str(p) for p in e.absolute_path)) for e in errors[:50]])
    data = cast(Json, doc)
    findings: list[Finding] = []
    years = tuple(data["years"])
    overview_doc = data["overview"]
    overview = None
    if overview_doc is not None:
        o_years = tuple(overview_doc["years"])
        overview = StatedOverview(
            years=o_years,
            total=None if overview_doc["total"] is None
            else _read_row(o_years, overview_doc["total"]),
            groups=tuple((_read_row(o_years, g["row"]),
                          tuple(_read_row(o_years, m) for m in g["proposals"]))
                         for g in overview_doc["groups"]),
            scale=overview_doc["scale"], line=overview_doc.get("source_line"))
    fte_doc = data["fte_table"]
    fte = None if fte_doc is None else FteTable(
        rows=tuple(FteRow(r["department"], tuple(r["tasks"]), _optional_decimal(r["fte"]),
                          r.get("source_line")) for r in fte_doc["rows"]),
        stated_total=_optional_decimal(fte_doc["stated_total"]),
        line=fte_doc.get("source_line"))
    proposals = tuple(_read_proposal(p, findings) for p in data["proposals"])
    duplicates = duplicate_numbers(proposals)
    if duplicates:
        raise FormatError(duplicates)
    catalogue = Catalogue(
        title=data["title"],
        round=BudgetRound.from_years(years, data["unit"], data["price_level"]),
        proposals=proposals,
        groups=tuple(ProposalGroup(g["name"], tuple(g["proposals"]), g["heading"], g["intro"],
                                   tuple(g["listed_titles"]), g["stated_count"],
                                   g.get("source_line")) for g in data["groups"]),
        municipality=data["municipality"],
        overview=overview,
        fte_table=fte,
        front_matter=read_blocks(data["front_matter"]),
        sign_convention=None if not data.get("sign_convention") else SignConvention(
            data["sign_convention"]["text"], data["sign_convention"].get("source_line"),
            data["sign_convention"]["savings_negative"]),
    )
    return catalogue, findings


def loads(content: str) -> tuple[Catalogue, list[Finding]]:
    try:
        doc = json.loads(content)
    except json.JSONDecodeError as error:
        raise FormatError([Finding(
            "json.syntax", Severity.ERROR,
            text("Ugyldig JSON på linje {line}, kolonne {col}: {why}.",
                 "Invalid JSON at line {line}, column {col}: {why}.",
                 line=error.lineno, col=error.colno, why=error.msg),
            line=error.lineno)]) from error
    return from_document(doc)
