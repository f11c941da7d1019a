"""Template text: the seven sections, made of paragraphs and bullet lists."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of a section, with the source line it starts on."""

    text: str
    line: int | None = None
    # Offsets in ``text`` where each later source line starts (for sentence lines).
    breaks: tuple[int, ...] = field(default=(), compare=False, repr=False)

    def line_at(self, offset: int) -> int | None:
        return line_at(self.line, self.breaks, offset)


@dataclass(frozen=True)
class ListItem:
    """One item of a bulleted list."""

    text: str
    line: int | None = None
    breaks: tuple[int, ...] = field(default=(), compare=False, repr=False)

    def line_at(self, offset: int) -> int | None:
        return line_at(self.line, self.breaks, offset)


def line_at(first: int | None, breaks: tuple[int, ...], offset: int) -> int | None:
    """The source line of a character of a joined text."""
    if first is None:
        return None
    return first + bisect.bisect_right(breaks, offset)


@dataclass(frozen=True)
class BulletList:
    """A bulleted list in a section."""

    items: tuple[ListItem, ...]

    @property
    def line(self) -> int | None:
        return self.items[0].line if self.items else None


Block = Paragraph | BulletList

SECTION_HEADINGS: dict[int, str] = {
    1: "Type",
    2: "Beskrivelse af forslaget",
    3: "Konsekvenser for service til borgerne",
    4: "Konsekvenser for personale",
    5: "Konsekvenser for andre fagområder og områdebevillinger",
    6: "Vigtige risici i forhold til udmøntning af forslaget",
    7: "Konsekvenser for økonomien",
}

SECTION_HEADINGS_EN: dict[int, str] = {
    1: "Type",
    2: "Description of the proposal",
    3: "Consequences for services to citizens",
    4: "Consequences for staff",
    5: "Consequences for other fields and appropriation areas",
    6: "Important risks in implementing the proposal",
    7: "Consequences for the economy",
}


@dataclass(frozen=True)
class Section:
    """One of the template's seven sections, with its heading as the source states it."""

    number: int
    heading: str
    blocks: tuple[Block, ...]
    line: int | None = None

    @property
    def plain_text(self) -> str:
        """The section as one string: paragraphs and list items separated by newlines."""
        parts: list[str] = []
        for block in self.blocks:
            if isinstance(block, Paragraph):
                parts.append(block.text)
            else:
                parts.extend(item.text for item in block.items)
        return "\n".join(parts)


@dataclass(frozen=True)
class TextTable:
    """A small table inside a section's text, as the text's lines hold it: a header
    (the row label's heading, possibly blank, then one heading per column) and rows
    (a label, then one cell per column, "" where the source left the cell blank)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    line: int | None = None


# A number as tables in catalogues write it: "9,2", "2.705", "-1.898", "195,0", "10%".
_NUMBER = r"-?\d{1,3}(?:\.\d{3})+(?:,\d+)?%?|-?\d+(?:,\d+)?%?"
# A row: a label that does not end in a digit, then numbers to the end of the line; the
# label may be followed by two or more spaces, which is where a blank first cell was.
_ROW = re.compile(rf"(?P<label>\S.*?[^\d\s,.%-])(?P<gap>\s+)(?P<cells>(?:(?:{_NUMBER})\s*)+)$")
_CELL = re.compile(_NUMBER)
_MAX_LABEL = 70
_MAX_HEADING = 45


def _row_parts(text: str) -> list[tuple[str, bool, list[str]]] | None:
    """(label, blank first cell, numbers) for each row a paragraph holds; a paragraph
    may hold two rows the extraction joined ("Sager ... 203 Total 36,1 2.705"): a
    number followed by a capitalised word starts the next row."""
    pieces = re.split(r"(?<=[\d%])\s+(?=[A-ZÆØÅ][a-zæøå])", text.strip())
    matches = [_ROW.match(piece) for piece in pieces]
    if not all(m is not None and len(m.group("label")) <= _MAX_LABEL for m in matches):
        whole = _ROW.match(text.strip())
        if whole is None or len(whole.group("label")) > _MAX_LABEL:
            return None
        matches = [whole]
    return [_parts(m) for m in matches if m is not None]


def _parts(match: re.Match[str]) -> tuple[str, bool, list[str]]:
    return (match.group("label").strip(), len(match.group("gap")) >= 2,
            _CELL.findall(match.group("cells")))


def _heading(block: Block | TextTable) -> str | None:
    if isinstance(block, Paragraph) and len(block.text) <= _MAX_HEADING * 2 \
            and not block.text.rstrip().endswith((".", ":", "!", "?")):
        return block.text
    return None


def with_text_tables(blocks: tuple[Block, ...]) -> list[Block | TextTable]:
    """``blocks`` with each run of three or more table rows (paragraphs that are a label
    and numbers) and the column headings just before them as one :class:`TextTable`.

    PDF text keeps a table as lines and drops its blank cells: a row with fewer numbers
    than the table has columns is filled from the left, after a blank first cell where
    the label is followed by a wide gap ("Sager hos andre medarbejdere  203"), and the
    cells it lacks stay blank. Nothing is dropped: a run that does not read as a table
    stays as its paragraphs, and every block outside a table is returned as itself."""
    out: list[Block | TextTable] = []
    index = 0
    while index < len(blocks):
        run: list[tuple[str, bool, list[str]]] = []
        end = index
        while end < len(blocks) and isinstance(blocks[end], Paragraph):
            parts = _row_parts(blocks[end].text)  # type: ignore[union-attr]
            if not parts:
                break
            run.extend(parts)
            end += 1
        if len(run) < 3 or end == index:
            out.append(blocks[index])
            index += 1
            continue
        columns = max(len(cells) for _, _, cells in run)
        header, first = _table_header(out, columns)
        rows = []
        for label, blank_first, cells in run:
            lead = [""] if blank_first and len(cells) < columns else []
            filled = (lead + cells + [""] * columns)[:columns]
            rows.append((label, *filled))
        line = first if first is not None else blocks[index].line
        out.append(TextTable(header, tuple(rows), line))
        index = end
    return out


def _table_header(out: list[Block | TextTable], columns: int) -> tuple[tuple[str, ...], int | None]:
    """The column headings that precede a run of rows, taken off ``out``: one short
    paragraph per column ("Årsværk", "Antal sager 24/7- 2019", ...), or one paragraph
    holding the label's heading and a single column's heading apart by a wide gap.
    Without them the header is blank."""
    if out and isinstance(out[-1], Paragraph) and columns == 1:
        parts = re.split(r"\s{2,}", out[-1].text.strip())
        if len(parts) == 2 and len(parts[1]) <= _MAX_HEADING:
            block = out.pop()
            return (parts[0], parts[1]), block.line
    if len(out) >= columns and all(_heading(b) for b in out[-columns:]):
        blocks = out[-columns:]
        del out[-columns:]
        return ("", *(b.text for b in blocks)), blocks[0].line  # type: ignore[union-attr]
    return ("", *("" for _ in range(columns))), None


def text_table_lines(table: TextTable) -> list[str]:
    """The lines of text a :class:`TextTable` is read from, for a format that writes it
    as a real table and reads it back as text (the Word book): the column headings, one
    line each (or the row label's heading and the one column's heading apart by a wide
    gap), then one line per row, with a wide gap after the label where the first cell is
    blank. ``with_text_tables`` reads these lines, after the same text as before, as the
    same table; a row the source's text ran together with the next comes back as two
    lines. Blank cells after the last number are left out, as the text leaves them out."""
    label, *headings = table.header
    if label:
        lines = [f"{label}  {' '.join(h for h in headings if h)}".rstrip()]
    else:
        lines = [heading for heading in headings if heading]
    for name, *cells in table.rows:
        numbers = " ".join(cell for cell in cells if cell)
        gap = "  " if cells and not cells[0] else " "
        lines.append(f"{name}{gap}{numbers}".strip() if name else numbers)
    return [line for line in lines if line]
