"""Word (.docx) and PDF catalogues: the text of the published file, in reading order,
for the same parser as catalogue text.

A Word document gives its paragraphs (headings included) and its real tables; a table
row becomes one line with its cells in order and an empty cell written as ``–``, so a
blank cell keeps its year. A PDF gives its text lines page by page (pdfplumber), a
form feed between pages and a blank line where the vertical gap between two lines
shows a paragraph break. Line numbers in findings count the lines of that text.
"""

from __future__ import annotations

import io
import re

EMPTY_CELL = "–"


def docx_text(data: bytes) -> str:
    """The text of a Word document: paragraphs and tables in document order."""
    from docx import Document  # python-docx: loaded only for Word files
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = Document(io.BytesIO(data))
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            text = block.text
            lines.extend(text.split("\n") if text else [""])
            if text:
                lines.append("")
        elif isinstance(block, Table):
            lines.extend(_table_lines(block))
            lines.append("")
    return "\n".join(lines) + "\n"


def _table_lines(table: object) -> list[str]:
    grid: list[list[str]] = []
    for row in table.rows:  # type: ignore[attr-defined]
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            if cell._tc is previous:  # a merged cell repeats itself
                continue
            previous = cell._tc
            cells.append(" ".join(cell.text.split()))
        grid.append(cells)
    # Year columns: where a header row names a year. An empty cell there is a year with
    # nothing in it, written as a dash so it keeps its place.
    years: set[int] = set()
    for cells in grid[:3]:
        found = {i for i, cell in enumerate(cells) if _YEAR.fullmatch(cell)}
        if len(found) >= 2:
            years = found
            break
    lines: list[str] = []
    for cells in grid:
        parts = [cell if cell else EMPTY_CELL for i, cell in enumerate(cells)
                 if cell or (i in years and any(cells[j] for j in range(i)))]
        lines.append(" ".join(parts))
    return lines


_YEAR = re.compile(r"(?:19|20)\d{2}")


def pdf_text(data: bytes) -> str:
    """The text of a PDF: each page's lines, a blank line at a paragraph gap, a form
    feed between pages."""
    import pdfplumber  # loaded only for PDF files

    found_pages: list[list[dict[str, object]]] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            found_pages.append(page.extract_text_lines(return_chars=False))
    heights = [float(line["bottom"]) - float(line["top"])  # type: ignore[arg-type]
               for lines in found_pages for line in lines]
    from statistics import median  # only PDFs need it
    step = median(heights) if heights else 0.0
    # The lowest a page's body text reaches (its last line is the footer, if any): a
    # page whose body reaches it is full, and its last line runs on into the next page.
    body_bottom = max((float(lines[-2]["bottom"]) for lines in found_pages  # type: ignore[arg-type]
                       if len(lines) >= 2), default=0.0)
    # A line that runs on reaches the right margin; a paragraph's last line stops short.
    right = max((float(line["x1"]) for lines in found_pages  # type: ignore[arg-type]
                 for line in lines), default=0.0)
    pages: list[str] = []
    for lines in found_pages:
        out: list[str] = []
        previous: float | None = None
        previous_right = 0.0
        for position, line in enumerate(lines):
            top, bottom = float(line["top"]), float(line["bottom"])  # type: ignore[arg-type]
            footer = position == len(lines) - 1 and position > 0
            full = previous is not None and previous >= body_bottom - 1.5 * step \
                and previous_right >= 0.85 * right
            if previous is not None and top - previous > 0.8 * step and not (footer and full):
                out.append("")
            out.append(str(line["text"]))
            previous = bottom
            previous_right = float(line["x1"])  # type: ignore[arg-type]
        pages.append("\n".join(out))
    return "\n\f".join(pages) + "\n"


def kind_of(data: bytes) -> str:
    """``docx``, ``pdf`` or ``text``, by content."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        # zipfile only for zip containers: catalogue text is the common input
        import zipfile
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if "word/document.xml" in archive.namelist():
                    return "docx"
        except zipfile.BadZipFile:
            return "text"
    return "text"
