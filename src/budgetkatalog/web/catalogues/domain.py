"""Between the database rows and the domain's frozen dataclasses and catalogue JSON.

The web keeps the domain's meaning: Table 1 cells are whole table units or blank
(None), sums are computed by the domain, and a version's document is the domain's
catalogue JSON, validated by its schema.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from typing import Any

from django.utils.translation import get_language, gettext

from budgetkatalog.core.catalogue import Catalogue as DomainCatalogue
from budgetkatalog.core.department import Department as DomainDepartment
from budgetkatalog.core.department import Source
from budgetkatalog.core.proposal import Proposal as DomainProposal
from budgetkatalog.core.proposal import proposal_sort_key
from budgetkatalog.core.table import AmountsTable, parse_areas
from budgetkatalog.core.table import TableLine as DomainLine
from budgetkatalog.core.text import (
    SECTION_HEADINGS,
    Block,
    BulletList,
    ListItem,
    Paragraph,
)
from budgetkatalog.core.text import (
    Section as DomainSection,
)
from budgetkatalog.core.years import BudgetRound as DomainRound
from budgetkatalog.formats.catalogue_json import from_document, to_document
from budgetkatalog.web.catalogues.models import (
    EXTRA_LETTERS,
    LINE_LETTERS,
    BudgetRound,
    Catalogue,
    Proposal,
    RoundDepartment,
)

BULLET = re.compile(r"^\s*(?:[-*•\uf0b7])\s+")


def body_to_blocks(body: str) -> tuple[Block, ...]:
    """Paragraphs are separated by blank lines; consecutive lines starting with ``- ``
    (or ``•``) form a bullet list."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", body.replace("\r\n", "\n").strip()):
        lines = [line for line in chunk.split("\n") if line.strip()]
        paragraph: list[str] = []
        items: list[ListItem] = []
        for line in lines:
            if BULLET.match(line):
                if paragraph:
                    blocks.append(Paragraph(" ".join(paragraph)))
                    paragraph = []
                items.append(ListItem(BULLET.sub("", line).strip()))
            elif items and line.startswith((" ", "\t")):
                # an indented line continues the previous bullet item
                last = items.pop()
                items.append(ListItem(f"{last.text} {line.strip()}"))
            else:
                if items:
                    blocks.append(BulletList(tuple(items)))
                    items = []
                paragraph.append(line.strip())
        if paragraph:
            blocks.append(Paragraph(" ".join(paragraph)))
        if items:
            blocks.append(BulletList(tuple(items)))
    return tuple(blocks)


def blocks_to_body(blocks: Iterable[Block]) -> str:
    parts: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            parts.append(block.text)
        else:
            parts.append("\n".join(f"- {item.text}" for item in block.items))
    return "\n\n".join(parts)


def sort_key(number: str) -> str:
    """A string that orders ``2.10`` after ``2.9`` and ``UV 10`` after ``UV 9`` in SQL;
    numbers without a series keep the form ``00002.00010``."""
    series, numbers, suffix = proposal_sort_key(number)
    digits = ".".join(f"{part:05d}" for part in numbers) + suffix
    return f"{series}.{digits}" if series else digits


def slug_for(number: str) -> str:
    return re.sub(r"[^0-9a-z]+", "-", number.lower()).strip("-") or "forslag"


def domain_round_of(r: BudgetRound) -> DomainRound:
    return DomainRound(r.budget_year, tuple(r.outlook_years), r.unit, r.price_level)


def domain_round(catalogue: Catalogue) -> DomainRound:
    return domain_round_of(catalogue.round)


def round_departments(round_: BudgetRound) -> tuple[DomainDepartment, ...]:
    """The round's departments as the domain's department rule reads them."""
    rows = RoundDepartment.objects.filter(round=round_).select_related("department")
    return tuple(
        DomainDepartment(row.department.name, row.department.short_name,
                         tuple(str(code) for code in row.area_codes),
                         tuple((int(low), int(high)) for low, high in row.account_ranges))
        for row in rows)


def department_name(proposal: Proposal) -> str | None:
    """The proposal's department as the domain and every page name it; ``None`` is
    "ikke angivet". Needs ``department`` selected with the proposal."""
    return proposal.department.name if proposal.department is not None else None


def department_hint(proposal: Proposal) -> str:
    """Where an unconfirmed department came from, for finance staff to confirm."""
    if proposal.department_confirmed:
        return ""
    lang = "en" if (get_language() or "da").startswith("en") else "da"
    try:
        source = Source(proposal.department_source)
    except ValueError:
        source = Source.NONE
    if proposal.department is None:
        return gettext("Ikke bekræftet: %(why)s.") % {"why": source.label(lang)}
    return gettext("Foreslået ved indlæsning (%(why)s); ikke bekræftet.") % {
        "why": source.label(lang)}


def domain_proposal(proposal: Proposal, years: tuple[int, ...]) -> DomainProposal:
    """Needs ``sections``, ``lines`` and ``department`` loaded to stay at a fixed number
    of queries."""
    sections = tuple(
        DomainSection(s.number, s.heading or SECTION_HEADINGS.get(s.number, ""),
                      body_to_blocks(s.body))
        for s in sorted(proposal.sections.all(), key=lambda s: s.number))
    table = None
    if proposal.has_table:
        by_letter = {line.letter: line for line in proposal.lines.all()}

        def line(letter: str) -> DomainLine:
            row = by_letter.get(letter)
            if row is None:
                return DomainLine(letter, None, None, tuple(None for _ in years))
            amounts = tuple(row.amounts) + (None,) * (len(years) - len(row.amounts))
            return DomainLine(letter, row.code or None, row.name or None,
                              tuple(amounts[: len(years)]))

        lines = tuple(line(letter) for letter in LINE_LETTERS)
        investment, derived = (line(letter) for letter in EXTRA_LETTERS)
        computed = AmountsTable(proposal.table_caption, years, lines, investment, derived,
                                (), (), proposal.catalogue.round.unit)
        table = AmountsTable(
            caption=proposal.table_caption, years=years, lines=lines, investment=investment,
            derived_operating=derived,
            stated_subtotal=_stated(proposal.stated_subtotal, computed.subtotal),
            stated_total=_stated(proposal.stated_total, computed.total),
            unit=proposal.catalogue.round.unit,
            caption_areas=parse_areas(proposal.table_caption))
    return DomainProposal(
        number=proposal.number, title=proposal.title, sections=sections, table=table,
        areas_text=proposal.areas_text or None, areas=parse_areas(proposal.areas_text),
        fte=proposal.fte, department=department_name(proposal))


def _stated(stated: list[int | None] | None, computed: tuple[int, ...]) -> tuple[int | None, ...]:
    if stated is None or len(stated) != len(computed):
        return computed
    return tuple(stated)


def proposal_document(catalogue: Catalogue, proposal: DomainProposal) -> dict[str, Any]:
    """The proposal's part of the catalogue JSON."""
    mini = DomainCatalogue(catalogue.title, domain_round(catalogue), (proposal,))
    return to_document(mini)["proposals"][0]  # type: ignore[no-any-return]


def catalogue_frame(catalogue: DomainCatalogue) -> dict[str, Any]:
    doc = to_document(catalogue)
    doc["proposals"] = []
    return doc


def version_document(catalogue: Catalogue,
                     proposals: list[tuple[Proposal, dict[str, Any]]]) -> dict[str, Any]:
    """The catalogue JSON of a version: the catalogue's frame with these proposals,
    groups in the frame's order, new groups after them."""
    doc = copy.deepcopy(catalogue.frame) if catalogue.frame else to_document(
        DomainCatalogue(catalogue.title, domain_round(catalogue), ()))
    doc["title"] = catalogue.title
    doc["municipality"] = catalogue.round.municipality
    doc["proposals"] = [pdoc for _, pdoc in proposals]
    members: dict[str, list[str]] = {}
    for proposal, pdoc in proposals:
        members.setdefault(proposal.group, []).append(pdoc["number"])
    groups = []
    known = set()
    for group in doc.get("groups", []):
        known.add(group["name"])
        if group["name"] in members:
            groups.append({**group, "proposals": members[group["name"]]})
    for name, numbers in members.items():
        if name not in known and name:
            groups.append({"name": name, "proposals": numbers, "heading": None,
                           "intro": None, "listed_titles": [], "stated_count": None,
                           "source_line": None})
    doc["groups"] = groups
    return doc


def domain_catalogue(document: dict[str, Any]) -> DomainCatalogue:
    catalogue, _ = from_document(document)
    return catalogue
