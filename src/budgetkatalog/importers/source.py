"""Reading source text: decoding, normalising and the blocks of running text."""

from __future__ import annotations

import itertools
import re
from typing import NamedTuple

from budgetkatalog.core.text import Block, BulletList, ListItem, Paragraph

BULLET_GLYPHS = "\uf0b7\u2022\u25aa\u25cf"
_SPACE_LIKE = {0x00A0: " ", 0x202F: " ", 0x2007: " ", 0x2009: " ", 0x0009: " "}
_INVISIBLE = {0x00AD: None, 0x200B: None, 0xFEFF: None, 0x000C: None, 0x2060: None}
_TRANSLATION = {**_SPACE_LIKE, **_INVISIBLE, 0x2011: "-"}


class SourceLine(NamedTuple):
    number: int  # 1-based, counting line feeds in the file as given
    raw: str  # normalised, trailing whitespace kept: it tells a word-end from a wrap
    text: str  # stripped
    blank: bool

    @classmethod
    def of(cls, number: int, raw: str) -> SourceLine:
        text = raw.strip()
        return cls(number, raw, text, not text)


def normalise(text: str) -> list[SourceLine]:
    """Split into lines, making CRLF, form feeds, non-breaking spaces and soft hyphens
    harmless. A soft hyphen at a line end marks a word broken over two lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\u00ad" in text:
        text = re.sub("\u00ad[ \t\u00a0]*\n", "-\n", text)
    # str.replace per character present is far faster than str.translate on long text.
    for code, replacement in _TRANSLATION.items():
        char = chr(code)
        if char in text:
            text = text.replace(char, replacement or "")
    raws = text.split("\n")
    if _without_trailing_spaces(raws):
        # A document whose lines never end in a space (a Word export, a hand-made text)
        # says nothing by a missing one: no line end is a word wrapped in a cell.
        raws = [raw + " " if raw.strip() else raw for raw in raws]
    return [SourceLine(i, raw, stripped, not stripped)
            for i, raw in enumerate(raws, start=1)
            for stripped in (raw.strip(),)]


def _without_trailing_spaces(raws: list[str]) -> bool:
    content = [raw for raw in raws if raw.strip()]
    spaced = sum(1 for raw in content if raw.endswith(" "))
    return len(content) >= 20 and spaced * 20 < len(content)


def page_starts(text: str) -> set[int]:
    """Line numbers (1-based, as :func:`normalise` counts) that start a page: a form
    feed, as PDF text extraction writes between pages."""
    if "\f" not in text:
        return set()
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return {i for i, raw in enumerate(text.split("\n"), start=1) if "\f" in raw}


_PAGE_MARK = re.compile(
    r"^(?:side|page|s\.)\s*\d{1,3}(?:\s*(?:af|of|/)\s*\d{1,3})?$|^\d{1,3}\s*/\s*\d{1,3}$"
    r"|^[-–]\s*\d{1,3}\s*[-–]$", re.IGNORECASE)
# A running header or footer that carries the page mark at one end, set off by a
# separator: "Bakkely Kommune · Budgetkatalog 2027–2029 · Side 1 af 5",
# "Side 3 af 12 | Strandvig Kommune".
_PAGE_IN_LINE = re.compile(
    r"(?:[·|•–—]|\s-)\s*(?:side|page)\s*\d{1,3}(?:\s*(?:af|of|/)\s*\d{1,3})?$"
    r"|^(?:side|page)\s*\d{1,3}\s*(?:af|of|/)\s*\d{1,3}\s*[·|•–—]", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
# Lines that are the template's own structure even where they repeat at page breaks.
_STRUCTURAL = re.compile(
    r"^(?:[1-7]\s*\.\s*(?:Type|Beskrivelse|Konsekvenser|Vigtige)|[a-g]\.(?:\s|$)|I\s*alt\b"
    r"|Tabel\s*1\b|Fortegn\b|e\.\s*Delsum)", re.IGNORECASE)


class Furniture(NamedTuple):
    """A line removed before parsing as page furniture, kept for the record."""

    number: int
    text: str
    kind: str  # "page-number", "running", "repeated-header"


def remove_furniture(lines: list[SourceLine], starts: set[int]
                     ) -> tuple[list[SourceLine], list[Furniture]]:
    """Running headers and footers, ``Side N af M`` and bare page numbers: recognised
    as lines that repeat at page boundaries (form feeds or page marks), removed with the
    blank lines between them; returned for the record."""
    boundaries: list[int] = []  # index of the first line of each new page
    marks: dict[int, str] = {}
    in_line: dict[str, list[int]] = {}
    for index, line in enumerate(lines):
        if starts and line.number in starts:
            boundaries.append(index)
        text = line.text
        if text and len(text) <= 14 and (text[0] in "SsPp-–" or text[0].isdigit()) \
                and _PAGE_MARK.match(text):
            marks[index] = "page-number"
            boundaries.append(index + 1)
        elif text and len(text) <= 120 and ("ide" in text or "age" in text) \
                and _PAGE_IN_LINE.search(text):
            in_line.setdefault(_DIGITS.sub("#", text), []).append(index)
    # A header or footer with its page mark repeats from page to page ("Side 1 af 5",
    # "Side 2 af 5"); a sentence that happens to end "– side 4" does not.
    for indices in in_line.values():
        if len(indices) >= 2:
            for index in indices:
                marks[index] = "running"
                boundaries.append(index + 1)
    bare = _bare_page_numbers(lines)
    for index in bare:
        marks[index] = "page-number"
        boundaries.append(index + 1)
    if not boundaries and not marks:
        return lines, []
    # The end of the document ends the last page: its footer stands before it.
    boundaries.append(len(lines))
    # The two non-blank lines either side of each boundary, by their text with the
    # digits masked ("Side 5 af 24" and "Side 6 af 24" alike).
    seen: dict[str, set[int]] = {}
    zone: dict[int, str] = {}
    for which, boundary in enumerate(sorted(set(boundaries))):
        for step in (-1, 1):
            index = boundary - 1 if step < 0 else boundary
            taken = 0
            while 0 <= index < len(lines) and taken < 2:
                line = lines[index]
                if not line.blank:
                    taken += 1
                    if index not in marks and not _STRUCTURAL.match(line.text):
                        key = _DIGITS.sub("#", line.text)
                        zone[index] = key
                        seen.setdefault(key, set()).add(which)
                index += step
    count = len(set(boundaries))
    needed = 2 if count <= 3 else 3
    for index, key in zone.items():
        if len(seen[key]) >= needed:
            marks[index] = "running"
    if not marks:
        return lines, []
    removed = [Furniture(lines[i].number, lines[i].text, kind) for i, kind in sorted(marks.items())]
    kept: list[SourceLine] = []
    in_break = False
    paragraph_ends = False
    spaced = False
    for index, line in enumerate(lines):
        if index in marks:
            if not in_break:
                # Text that runs on over the break (a sentence, a table) is joined up;
                # a paragraph that ends at the break stays apart: it ends a sentence, or
                # space was left below it and the next page starts a new one.
                in_break = True
                paragraph_ends = not _before_break(kept)
                spaced = bool(kept) and kept[-1].blank
                while kept and kept[-1].blank:
                    kept.pop()
            continue
        if in_break:
            if line.blank:
                continue
            if paragraph_ends or (spaced and (line.text[:1].isupper()
                                              or line.text[:1] in BULLET_GLYPHS)):
                kept.append(SourceLine(line.number - 1, "", "", True))
            in_break = False
        kept.append(line)
    return kept, removed


def _before_break(kept: list[SourceLine]) -> bool:
    """Whether the text before a page break continues after it: the last kept line does
    not end a sentence (or it is a table row, which a blank line never ends)."""
    last = next((line for line in reversed(kept) if not line.blank), None)
    if last is None:
        return False
    return not last.text.endswith((".", "!", "?"))


def _bare_page_numbers(lines: list[SourceLine]) -> list[int]:
    """Lone numbers between blank lines that count up through the document (1, 2, 3 ...
    with gaps allowed): page numbers, not table cells."""
    candidates = [index for index, line in enumerate(lines)
                  if len(line.text) <= 3 and line.text.isdigit()
                  and (index == 0 or lines[index - 1].blank)
                  and (index + 1 == len(lines) or lines[index + 1].blank)]
    found: list[int] = []
    last = 0
    for index in candidates:
        value = int(lines[index].text)
        if last < value <= last + 3:
            found.append(index)
            last = value
    if len(found) < 3:
        return []
    # Pages are of similar length: numbers in a table or a list are not spread so.
    gaps = [b - a for a, b in itertools.pairwise(found)]
    return found if max(gaps) <= 6 * min(gaps) else []


def strip_bullet(text: str) -> tuple[bool, str]:
    """(is a list item, text without its bullet)."""
    stripped = text.strip()
    if stripped and stripped[0] in BULLET_GLYPHS:
        return True, stripped[1:].strip()
    if stripped.startswith("- ") or stripped == "-":
        return True, stripped[1:].strip()
    return False, stripped


def remove_glyphs(text: str) -> str:
    for glyph in BULLET_GLYPHS:
        if glyph in text:
            text = text.replace(glyph, "")
    return text.strip()


def _ends_hyphenated(text: str) -> bool:
    """Ends in a letter followed by ``-`` (a word broken at the line end)."""
    return len(text) > 1 and text[-1] == "-" and text[-2].isalpha()


_CONTINUATION_WORDS = ("og ", "eller ", "samt ", "til ")


def join_wrapped(parts: list[tuple[str, str]]) -> str:
    """Join wrapped lines (raw, stripped pairs).

    A line ending in a letter plus ``-`` followed by a lower-case start is a hyphenated
    word (``kom-`` / ``munen``), unless the next line starts a coordination
    (``kultur-`` / ``og fritid``). A line ending in a letter with no trailing space,
    followed by a lower-case start, is a word wrapped in a table cell
    (``Kommunalbestyrel`` / ``sen``). Anything else is joined with a space.
    """
    return join_wrapped_breaks(parts)[0]


def join_wrapped_breaks(parts: list[tuple[str, str]]) -> tuple[str, tuple[int, ...]]:
    """:func:`join_wrapped`, with the offsets in the result where each later line
    starts (so a sentence can be told its own source line)."""
    result = ""
    previous_raw = ""
    breaks: list[int] = []
    for raw, stripped in parts:
        if not stripped:
            continue
        if not result:
            result = stripped
        elif (_ends_hyphenated(result) and stripped[0].islower()
              and not stripped.startswith(_CONTINUATION_WORDS)):
            breaks.append(len(result) - 1)
            result = result[:-1] + stripped
        elif (previous_raw and previous_raw[-1].isalpha() and stripped[0].islower()):
            breaks.append(len(result))
            result = result + stripped
        else:
            breaks.append(len(result) + 1)
            result = result + " " + stripped
        previous_raw = raw.rstrip("\n")
    return result, tuple(breaks)


def _is_page_number(lines: list[SourceLine], index: int) -> bool:
    candidate = lines[index].text
    if not (candidate.isdigit() and len(candidate) <= 3):
        return False
    before = lines[index - 1].blank if index > 0 else True
    after = lines[index + 1].blank if index + 1 < len(lines) else True
    return before and after


def build_blocks(lines: list[SourceLine]) -> tuple[Block, ...]:
    """Running text to paragraphs and bullet lists; page numbers and glyphs dropped."""
    blocks: list[Block] = []
    items: list[ListItem] = []
    current: list[tuple[str, str]] = []
    current_line: int | None = None
    current_is_item = False
    saw_blank = False

    def flush() -> None:
        nonlocal current, current_line, current_is_item
        if current:
            whole, breaks = join_wrapped_breaks(current)
            joined = remove_glyphs(whole)
            if joined != whole:
                shift = whole.find(joined[:8]) if joined else 0
                breaks = tuple(b - max(shift, 0) for b in breaks)
            if current_is_item:
                items.append(ListItem(joined, current_line, breaks))
            elif joined:
                flush_items()
                blocks.append(Paragraph(joined, current_line, breaks))
        current = []
        current_line = None
        current_is_item = False

    def flush_items() -> None:
        nonlocal items
        if items:
            blocks.append(BulletList(tuple(items)))
            items = []

    for index, line in enumerate(lines):
        if line.blank:
            saw_blank = True
            continue
        if _is_page_number(lines, index):
            continue
        is_item, body = strip_bullet(line.raw)
        continues_word = (bool(current) and _ends_hyphenated(current[-1][1])
                          and body[:1].islower())
        if is_item:
            flush()
            current, current_line, current_is_item = [(line.raw, body)], line.number, True
        elif current and (not saw_blank or continues_word):
            current.append((line.raw, line.text))
        else:
            flush()
            if not current_is_item:
                flush_items()
            current, current_line = [(line.raw, line.text)], line.number
        saw_blank = False
    flush()
    flush_items()
    return tuple(blocks)
