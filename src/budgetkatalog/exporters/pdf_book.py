"""The catalogue book as a tagged PDF, typeset by Typst.

The layout is ``book.typ``; the content is handed to it as JSON (``sys.inputs``), so
no catalogue text is ever read as Typst markup. Typst writes a tagged PDF (structure
tree in reading order, headings, lists and tables with header cells, document
language ``da``, title, bookmarks from the headings) and checks it against PDF/UA-1
while it writes; the PDF is never encrypted. Only the fonts Typst ships are used, so
the same catalogue gives the same book on every machine. Why Typst and not
WeasyPrint: ``docs/book.md``.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from importlib import resources
from typing import Any

from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.core.text import Block, Paragraph, TextTable, with_text_tables
from budgetkatalog.exporters.book_content import (
    LABELS,
    Book,
    TableRows,
    build_book,
    text_table_rows,
)


class BookError(RuntimeError):
    """Typst refused the document (a bug in the layout, never the user's text)."""


def _blocks(blocks: tuple[Block, ...]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for block in with_text_tables(blocks):
        if isinstance(block, Paragraph):
            out.append({"type": "p", "text": block.text})
        elif isinstance(block, TextTable):
            out.append({"type": "table", **_table(text_table_rows(block))})
        else:
            out.append({"type": "list", "items": [item.text for item in block.items]})
    return out


def _table(table: TableRows) -> dict[str, Any]:
    return {"header": list(table.header), "rows": [list(r) for r in table.rows],
            "bold": list(table.bold), "numeric_from": table.numeric_from}


def book_data(book: Book) -> dict[str, Any]:
    """The JSON the layout reads."""
    return {
        "labels": {key: LABELS[key] for key in ("toc", "foreword", "overview", "page", "of",
                                                "no_table")},
        "title": book.title,
        "author": book.municipality,
        "keywords": ["budgetkatalog", "budget"],
        "municipality": book.municipality,
        "header": book.header,
        "cover": list(book.cover),
        "foreword": _blocks(book.foreword),
        "overview_note": book.overview_note,
        "overview": _table(book.overview),
        "sign": book.sign,
        "groups": [{
            "name": group.name,
            "intro": group.intro,
            "proposals": [{
                "heading": p.heading,
                "areas": p.areas,
                "facts": [f"{LABELS['department']}: {p.department}",
                          f"{LABELS['fte']}: {p.fte}"],
                "sections": [{"heading": heading, "blocks": _blocks(blocks)}
                             for heading, blocks in p.sections],
                "caption": p.caption,
                "table": None if p.table is None else _table(p.table),
            } for p in group.proposals],
        } for group in book.groups],
    }


def render_pdf(catalogue: Catalogue, version: int | None = None,
               published: date | None = None) -> bytes:
    """The book of ``catalogue`` as PDF bytes."""
    import typst  # the compiler is a large extension module: load it only when used

    layout = resources.files("budgetkatalog.exporters").joinpath("book.typ")
    data = json.dumps(book_data(build_book(catalogue, version, published)),
                      ensure_ascii=False)
    stamp = datetime.combine(published, datetime.min.time(), UTC) if published else None
    try:
        pdf = typst.compile(layout.read_bytes(), format="pdf", sys_inputs={"data": data},
                            pdf_standards=["ua-1"], ignore_system_fonts=True,
                            timestamp=stamp)
    except typst.TypstError as error:  # pragma: no cover - a layout bug, not user input
        raise BookError(error.message) from error
    assert isinstance(pdf, bytes)
    return pdf
