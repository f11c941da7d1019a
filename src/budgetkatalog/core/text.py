"""Template text: the seven sections, made of paragraphs and bullet lists."""

from __future__ import annotations

import bisect
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
