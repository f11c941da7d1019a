"""The book engine choice, measured: the same catalogue book typeset by Typst (the
engine in use, ``exporters/pdf_book.py``) and by WeasyPrint from HTML/CSS.

Both books have the same content (``exporters/book_content.py``: cover, contents with
page numbers, foreword, overview, every proposal with its sections and Table 1),
A4 pages with a running header and "Side N af M", and are tagged PDF/UA-1 in Danish
with a title. WeasyPrint is not a dependency of the package; install it to run this:
``.venv/bin/pip install -c constraints.txt 'weasyprint==70.0'`` (it needs Pango from
the system). Results and the reasoning: ``docs/book.md``.

Run: .venv/bin/python bench/bench_book_engines.py [--repeat N] [--sizes 100]
"""

from __future__ import annotations

import argparse
import html
import io
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import SEED, generate
from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.core.text import Block, Paragraph
from budgetkatalog.exporters.book_content import LABELS, Book, TableRows, build_book
from budgetkatalog.exporters.pdf_book import render_pdf
from budgetkatalog.importers.catalogue_text import import_catalogue_text

CSS = """
@page { size: A4; margin: 25mm 20mm 22mm 20mm;
  @top-left { content: string(running); font-size: 8pt; }
  @bottom-right { content: "Side " counter(page) " af " counter(pages); font-size: 8pt; } }
@page :first { @top-left { content: none; } @bottom-right { content: none; } }
body { font-family: serif; font-size: 10pt; line-height: 1.3; }
h1 { page-break-before: always; font-size: 16pt; }
h2 { font-size: 13pt; page-break-before: always; string-set: running content(); }
h3 { font-size: 11pt; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; margin: 4pt 0; }
th, td { border: 0.5pt solid #888; padding: 2pt 3pt; }
td.n, th.n { text-align: right; }
tr.b td { font-weight: bold; }
.cover h1 { page-break-before: avoid; font-size: 24pt; }
nav a::after { content: leader('.') target-counter(attr(href), page); }
nav a { display: block; color: black; text-decoration: none; }
"""


def _e(value: str | None) -> str:
    return html.escape(value or "")


def _blocks(blocks: tuple[Block, ...]) -> str:
    out = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(f"<p>{_e(block.text)}</p>")
        else:
            items = "".join(f"<li>{_e(item.text)}</li>" for item in block.items)
            out.append(f"<ul>{items}</ul>")
    return "".join(out)


def _table(rows: TableRows, caption: str | None = None) -> str:
    def cls(index: int) -> str:
        return ' class="n"' if index >= rows.numeric_from else ""
    head = "".join(f'<th scope="col"{cls(i)}>{_e(h)}</th>' for i, h in enumerate(rows.header))
    body = "".join(
        f'<tr{" class=b" if r in rows.bold else ""}>'
        + "".join(f"<td{cls(i)}>{_e(c)}</td>" for i, c in enumerate(row)) + "</tr>"
        for r, row in enumerate(rows.rows))
    cap = f"<caption>{_e(caption)}</caption>" if caption else ""
    return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def book_html(book: Book) -> str:
    toc, parts = [], []
    for g, group in enumerate(book.groups):
        toc.append(f'<a href="#g{g}">{_e(group.name)}</a>')
        parts.append(f'<h1 id="g{g}">{_e(group.name)}</h1>'
                     + (f"<p>{_e(group.intro)}</p>" if group.intro else ""))
        for p, proposal in enumerate(group.proposals):
            anchor = f"p{g}-{p}"
            toc.append(f'<a href="#{anchor}">{_e(proposal.heading)}</a>')
            parts.append(f'<h2 id="{anchor}">{_e(proposal.heading)}</h2>')
            if proposal.areas:
                parts.append(f"<p><em>{_e(proposal.areas)}</em></p>")
            parts.append(f"<p>{_e(LABELS['department'])}: {_e(proposal.department)}</p>"
                         f"<p>{_e(LABELS['fte'])}: {_e(proposal.fte)}</p>")
            for heading, blocks in proposal.sections:
                parts.append(f"<h3>{_e(heading)}</h3>{_blocks(blocks)}")
            if proposal.table is not None:
                parts.append(_table(proposal.table, proposal.caption)
                             + f"<p>{_e(book.sign)}</p>")
    cover = "".join(f"<p>{_e(line)}</p>" for line in book.cover)
    return (f'<!DOCTYPE html><html lang="da"><head><meta charset="utf-8">'
            f"<title>{_e(book.title)}</title><style>{CSS}</style></head><body>"
            f'<section class="cover"><p>{_e(book.municipality)}</p><h1>{_e(book.title)}</h1>'
            f"{cover}</section>"
            f'<h1>{_e(LABELS["toc"])}</h1><nav>{"".join(toc)}</nav>'
            f'<h1>{_e(LABELS["foreword"])}</h1>{_blocks(book.foreword)}'
            f'<h1>{_e(LABELS["overview"])}</h1><p>{_e(book.overview_note)}</p>'
            f"{_table(book.overview)}{''.join(parts)}</body></html>")


def render_weasyprint(catalogue: Catalogue) -> bytes:
    from weasyprint import HTML  # not a dependency: see the module docstring

    document = HTML(string=book_html(build_book(catalogue)))
    pdf = document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
    assert isinstance(pdf, bytes)
    return pdf


def timed(render: Callable[[], bytes], repeat: int) -> tuple[float, float, bytes]:
    """Median wall and CPU seconds of ``repeat`` runs, and the last output."""
    walls, cpus = [], []
    out = b""
    for _ in range(repeat):
        cpu, start = time.process_time(), time.perf_counter()
        out = render()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), out


def pages(pdf: bytes) -> int:
    import pypdf
    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="*", default=[100])
    args = parser.parse_args()
    try:
        import weasyprint
    except ImportError:
        print("WeasyPrint is not installed: .venv/bin/pip install -c constraints.txt "
              "'weasyprint==70.0'")
        raise SystemExit(2) from None
    print(f"WeasyPrint {weasyprint.__version__}; Typst from the typst wheel")
    render_pdf(import_catalogue_text(SEED.read_text(encoding="utf-8")).catalogue
               or sys.exit("seed unreadable"))  # load the Typst compiler once
    print(f"{'case':<15}{'engine':<12}{'pages':>6}{'wall s':>9}{'cpu s':>8}")
    for name, text in [("seed", SEED.read_text(encoding="utf-8")),
                       *((f"generated {n}", generate(n)) for n in args.sizes)]:
        catalogue = import_catalogue_text(text).catalogue
        assert catalogue is not None
        repeat = args.repeat if name == "seed" else 1
        for engine, render in (("Typst", lambda c=catalogue: render_pdf(c)),
                               ("WeasyPrint", lambda c=catalogue: render_weasyprint(c))):
            wall, cpu, out = timed(render, repeat)
            print(f"{name:<15}{engine:<12}{pages(out):>6}{wall:>9.2f}{cpu:>8.2f}")


if __name__ == "__main__":
    main()
