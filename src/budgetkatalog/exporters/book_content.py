"""The catalogue book's content, laid out once for every book format.

The PDF (:mod:`pdf_book`) and the Word document (:mod:`docx_book`) show the same
parts in the same order: cover, contents, foreword, overview, then each group's
proposals with their seven sections and Table 1. Numbers are formatted here, the
Danish way, so both formats print the same figures.

Table 1 shows every row as the catalogue states it (a blank cell stays blank); where
Delsum or I alt computed from the rows differs from the stated one, a note row
("Beregnet: …") shows the computed figures, so a reader sees both.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.core.money import format_number
from budgetkatalog.core.overview import RowKind, compute_overview
from budgetkatalog.core.proposal import Proposal
from budgetkatalog.core.table import AmountsTable
from budgetkatalog.core.text import Block, Paragraph

LABELS = {
    "toc": "Indhold",
    "foreword": "Forord",
    "overview": "Oversigt over forslag",
    "overview_note": "Beløb i mio. kr. (netto, {price_level}), beregnet fra forslagenes "
                     "Tabel 1. Negative beløb er besparelser.",
    "number": "Nr.",
    "proposal": "Forslag",
    "row": "Række",
    "code": "Pengepose-nr.",
    "name": "Pengeposenavn",
    "subtotal": "Delsum (a+b+c+d)",
    "investment": "Anlægsinvestering",
    "derived": "Afledte driftsudgifter",
    "total": "I alt (e+f+g)",
    "sign": "Fortegn: \"+\" angiver merudgift/mindre indtægt og \"-\" angiver mindre "
            "udgift/merindtægt. Beløb i {unit} kr., {price_level}.",
    "caption": "Tabel 1. {caption} i {unit} kr.",
    "computed": "Beregnet",
    "no_table": "Forslaget har ingen Tabel 1.",
    "page": "Side",
    "of": "af",
    "ungrouped": "Forslag",
    "budget": "Budget {year}",
    "outlook": "Overslagsår {first}–{last}",
    "version": "Offentliggjort version {version}",
    "published": "Offentliggjort {date}",
    "count": "{n} forslag",
}


@dataclass(frozen=True)
class TableRows:
    """A table as printed: header cells, body rows of cell text, which rows are bold."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    bold: tuple[int, ...]
    numeric_from: int


@dataclass(frozen=True)
class BookProposal:
    number: str
    heading: str
    areas: str | None
    sections: tuple[tuple[str, tuple[Block, ...]], ...]
    caption: str | None
    table: TableRows | None
    department: str | None = None


@dataclass(frozen=True)
class BookGroup:
    name: str
    intro: str | None
    proposals: tuple[BookProposal, ...]


@dataclass(frozen=True)
class Book:
    title: str
    municipality: str
    header: str
    cover: tuple[str, ...]
    foreword: tuple[Block, ...]
    overview_note: str
    overview: TableRows
    sign: str
    groups: tuple[BookGroup, ...]


def amount(value: int | None) -> str:
    """A Table 1 cell: ``-1.898``; blank stays blank."""
    return "" if value is None else format_number(value, 0, "da")


def millions(value: int | Decimal, unit: int) -> str:
    """Table units to mio. kr. with three decimals: ``-7,666``."""
    return format_number(Decimal(value) * unit / 1_000_000, 3, "da", grouping=False)


def table_rows(table: AmountsTable) -> TableRows:
    header = (LABELS["row"], LABELS["code"], LABELS["name"], *(str(y) for y in table.years))
    rows: list[tuple[str, ...]] = []
    bold: list[int] = []

    def add(letter: str, code: str, name: str, values: tuple[int | None, ...],
            strong: bool = False) -> None:
        if strong:
            bold.append(len(rows))
        rows.append((letter, code, name, *(amount(v) for v in values)))

    for line in table.lines:
        add(f"{line.letter}.", line.code or "", line.name or "", line.amounts)
    add("e.", "", LABELS["subtotal"], table.stated_subtotal, strong=True)
    add("f.", "", LABELS["investment"], table.investment.amounts)
    add("g.", "", LABELS["derived"], table.derived_operating.amounts)
    add("", "", LABELS["total"], table.stated_total, strong=True)
    for label, stated, computed in ((LABELS["subtotal"], table.stated_subtotal, table.subtotal),
                                    (LABELS["total"], table.stated_total, table.total)):
        if tuple(v or 0 for v in stated) != computed:
            add("", "", f"{LABELS['computed']}: {label}", computed)
    return TableRows(header, tuple(rows), tuple(bold), 3)


def caption(table: AmountsTable) -> str:
    text = LABELS["caption"].format(caption=table.caption or "",
                                    unit=format_number(table.unit, 0, "da"))
    return " ".join(text.split())


def book_proposal(proposal: Proposal) -> BookProposal:
    return BookProposal(
        number=proposal.number,
        heading=f"{proposal.number} {proposal.title}",
        areas=proposal.areas_text,
        sections=tuple((f"{s.number}. {s.heading}", s.blocks) for s in proposal.sections),
        caption=caption(proposal.table) if proposal.table else None,
        table=table_rows(proposal.table) if proposal.table else None,
        department=proposal.department,
    )


def overview_rows(catalogue: Catalogue) -> TableRows:
    overview = compute_overview(catalogue)
    header = (LABELS["number"], LABELS["proposal"], *(str(y) for y in overview.years))
    rows: list[tuple[str, ...]] = []
    bold: list[int] = []
    for line in overview.lines:
        if line.kind is not RowKind.PROPOSAL:
            bold.append(len(rows))
        rows.append((line.number or "", line.label,
                     *(millions(v, overview.unit) for v in line.computed)))
    return TableRows(header, tuple(rows), tuple(bold), 2)


def grouped(catalogue: Catalogue) -> list[tuple[str, str | None, list[Proposal]]]:
    """Each group's proposals in order, then any proposal no group names."""
    seen: set[str] = set()
    result: list[tuple[str, str | None, list[Proposal]]] = []
    for group in catalogue.groups:
        members = [p for n in group.proposal_numbers
                   if (p := catalogue.proposal(n)) is not None and n not in seen]
        seen.update(p.number for p in members)
        result.append((group.name, group.intro, members))
    rest = [p for p in catalogue.proposals if p.number not in seen]
    if rest:
        result.append((LABELS["ungrouped"], None, rest))
    return result


def build_book(catalogue: Catalogue, version: int | None = None,
               published: date | None = None) -> Book:
    round_ = catalogue.round
    cover = [LABELS["budget"].format(year=round_.budget_year)]
    if round_.outlook_years:
        cover.append(LABELS["outlook"].format(first=round_.outlook_years[0],
                                              last=round_.outlook_years[-1]))
    cover.append(LABELS["count"].format(n=len(catalogue.proposals)))
    if version is not None:
        cover.append(LABELS["version"].format(version=version))
    if published is not None:
        cover.append(LABELS["published"].format(date=f"{published.day}.{published.month}."
                                                     f"{published.year}"))
    municipality = catalogue.municipality or ""
    header = " · ".join(part for part in (municipality, f"Budget {round_.budget_year}") if part)
    foreword = catalogue.front_matter
    return Book(
        title=catalogue.title,
        municipality=municipality,
        header=header,
        cover=tuple(cover),
        foreword=foreword,
        overview_note=LABELS["overview_note"].format(price_level=round_.price_level_label),
        overview=overview_rows(catalogue),
        sign=LABELS["sign"].format(unit=format_number(round_.unit, 0, "da"),
                                   price_level=round_.price_level_label),
        groups=tuple(BookGroup(name, intro, tuple(book_proposal(p) for p in members))
                     for name, intro, members in grouped(catalogue)),
    )


def block_text(block: Block) -> list[str]:
    if isinstance(block, Paragraph):
        return [block.text]
    return [item.text for item in block.items]
