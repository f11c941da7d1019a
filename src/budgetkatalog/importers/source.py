"""Reading source text: decoding, normalising and the blocks of running text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from budgetkatalog.core.text import Block, BulletList, ListItem, Paragraph

BULLET_GLYPHS = "\uf0b7\u2022\u25aa\u25cf"
_SPACE_LIKE = {0x00A0: " ", 0x202F: " ", 0x2007: " ", 0x2009: " ", 0x0009: " "}
_INVISIBLE = {0x00AD: None, 0x200B: None, 0xFEFF: None, 0x000C: None, 0x2060: None}
_TRANSLATION = {**_SPACE_LIKE, **_INVISIBLE, 0x2011: "-"}


@dataclass(frozen=True)
class SourceLine:
    number: int  # 1-based, counting line feeds in the file as given
    raw: str  # normalised, trailing whitespace kept: it tells a word-end from a wrap

    @property
    def text(self) -> str:
        return self.raw.strip()

    @property
    def blank(self) -> bool:
        return not self.raw.strip()


def normalise(text: str) -> list[SourceLine]:
    """Split into lines, making CRLF, form feeds, non-breaking spaces and soft hyphens
    harmless. A soft hyphen at a line end marks a word broken over two lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub("\u00ad[ \t\u00a0]*\n", "-\n", text)
    text = text.translate(_TRANSLATION)
    return [SourceLine(i, raw) for i, raw in enumerate(text.split("\n"), start=1)]


def strip_bullet(text: str) -> tuple[bool, str]:
    """(is a list item, text without its bullet)."""
    stripped = text.strip()
    if stripped and stripped[0] in BULLET_GLYPHS:
        return True, stripped[1:].strip()
    if stripped.startswith("- ") or stripped == "-":
        return True, stripped[1:].strip()
    return False, stripped


def remove_glyphs(text: str) -> str:
    return "".join(ch for ch in text if ch not in BULLET_GLYPHS).strip()


_CONTINUATION_WORDS = ("og ", "eller ", "samt ", "til ")


def join_wrapped(parts: list[tuple[str, str]]) -> str:
    """Join wrapped lines (raw, stripped pairs).

    A line ending in a letter plus ``-`` followed by a lower-case start is a hyphenated
    word (``kom-`` / ``munen``), unless the next line starts a coordination
    (``kultur-`` / ``og fritid``). A line ending in a letter with no trailing space,
    followed by a lower-case start, is a word wrapped in a table cell
    (``Kommunalbestyrel`` / ``sen``). Anything else is joined with a space.
    """
    result = ""
    previous_raw = ""
    for raw, stripped in parts:
        if not stripped:
            continue
        if not result:
            result = stripped
        elif (re.search(r"[^\W\d_]-$", result) and stripped[0].islower()
              and not stripped.startswith(_CONTINUATION_WORDS)):
            result = result[:-1] + stripped
        elif (previous_raw and previous_raw[-1].isalpha() and stripped[0].islower()):
            result = result + stripped
        else:
            result = result + " " + stripped
        previous_raw = raw.rstrip("\n")
    return result


def _is_page_number(lines: list[SourceLine], index: int) -> bool:
    if not re.fullmatch(r"\d{1,3}", lines[index].text):
        return False
    before = lines[index - 1].blank if index > 0 else True
    after = lines[index + 1].blank if index + 1 < len(lines) else True
    return before and after


def _ends_hyphenated(text: str) -> bool:
    return re.search(r"[^\W\d_]-$", text) is not None


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
            joined = remove_glyphs(join_wrapped(current))
            if current_is_item:
                items.append(ListItem(joined, current_line))
            elif joined:
                flush_items()
                blocks.append(Paragraph(joined, current_line))
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
