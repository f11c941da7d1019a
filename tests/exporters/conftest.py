from __future__ import annotations

import dataclasses
import io

import pytest

from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.core.proposal import Proposal
from budgetkatalog.core.table import TableLine
from budgetkatalog.core.text import BulletList, Paragraph
from budgetkatalog.exporters.pdf_book import render_pdf


@pytest.fixture(scope="session")
def seed_pdf(seed: Catalogue) -> bytes:
    return render_pdf(seed, version=1)


@pytest.fixture(scope="session")
def seed_pdf_pages(seed_pdf: bytes) -> list[str]:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(seed_pdf))
    return [page.extract_text() for page in reader.pages]


def without_source_lines(proposal: Proposal) -> Proposal:
    """The proposal with every source line number removed: a Word document has none."""

    def line(item: TableLine) -> TableLine:
        return dataclasses.replace(item, line=None)

    sections = tuple(dataclasses.replace(s, line=None, blocks=tuple(
        dataclasses.replace(b, line=None) if isinstance(b, Paragraph)
        else BulletList(tuple(dataclasses.replace(i, line=None) for i in b.items))
        for b in s.blocks)) for s in proposal.sections)
    table = proposal.table
    if table is not None:
        table = dataclasses.replace(table, line=None, lines=tuple(line(x) for x in table.lines),
                                    investment=line(table.investment),
                                    derived_operating=line(table.derived_operating))
    return dataclasses.replace(proposal, line=None, sections=sections, table=table)


def hostile(catalogue: Catalogue) -> Catalogue:
    """The catalogue with text that is markup or a formula in some output format."""
    first = catalogue.proposals[0]
    assert first.table is not None
    lines = list(first.table.lines)
    lines[0] = dataclasses.replace(lines[0], name="=HYPERLINK(\"http://x\";\"klik\")",
                                   code="+45 #set")
    table = dataclasses.replace(first.table, lines=tuple(lines))
    evil = dataclasses.replace(first, title="=1+2 #set page(width: 1cm) $x$ *fed* <b>",
                               table=table)
    return dataclasses.replace(catalogue, proposals=(evil, *catalogue.proposals[1:]),
                               title="@SUM(A1) Katalog [x] _y_ `z` \\ #pagebreak()")
