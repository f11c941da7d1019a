"""Generate large catalogues in the seed's text form, for benchmarks.

The proposals are the seed's own, renumbered and cycled, so every trap of the seed
(wrapped names, blank cells, page numbers) appears in proportion; the overview lists
every proposal with its real totals in mio. kr.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from budgetkatalog.core.money import format_number
from budgetkatalog.importers.catalogue_text import import_catalogue_text

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "albertslund-2020-katalog-2.txt"


def _proposal_blocks(text: str) -> list[tuple[str, str]]:
    """(number, text) of each proposal in the seed, from its heading to the next."""
    result = import_catalogue_text(text)
    assert result.catalogue is not None
    lines = text.split("\n")
    starts = [p.line for p in result.catalogue.proposals]
    blocks = []
    for index, start in enumerate(starts):
        assert start is not None
        end = starts[index + 1] - 1 if index + 1 < len(starts) else len(lines)
        number = result.catalogue.proposals[index].number
        blocks.append((number, "\n".join(lines[start - 1:end])))
    return blocks


def generate(count: int, seed_text: str | None = None) -> str:
    text = seed_text if seed_text is not None else SEED.read_text(encoding="utf-8")
    result = import_catalogue_text(text)
    assert result.catalogue is not None
    catalogue = result.catalogue
    blocks = _proposal_blocks(text)
    totals = {p.number: p.total(catalogue.round.years) for p in catalogue.proposals}
    titles = {p.number: p.title for p in catalogue.proposals}
    chosen = [blocks[i % len(blocks)] for i in range(count)]

    rows = []
    sums = [0] * len(catalogue.round.years)
    body = []
    for index, (number, block) in enumerate(chosen, start=1):
        new = f"9.{index}"
        total = totals[number]
        sums = [s + t for s, t in zip(sums, total, strict=True)]
        rows.append((new, titles[number], total))
        body.append(re.sub(rf"^(\s*){re.escape(number)}(\s)", rf"\g<1>{new}\2", block,
                           count=1, flags=re.MULTILINE))

    def mio_cells(values: list[int] | tuple[int, ...]) -> str:
        return " ".join(format_number(Decimal(v) / 1000, 3, "da", grouping=False)
                        for v in values)

    overview = ["Oversigt over forslag (mio. kr.)", "",
                *(f"{y} \n(mio. kr.)" for y in catalogue.round.years), "",
                mio_cells(sums), f"Genereret gruppe {mio_cells(sums)}", ""]
    overview += [f"{n} {t} {mio_cells(v)}" for n, t, v in rows]
    overview += ["", "Katalog 9: Genereret katalog til målinger", ""]
    return "\n".join(["Forord", "Et genereret katalog i Albertslund Kommune.", "",
                      *overview, *body]) + "\n"


if __name__ == "__main__":  # pragma: no cover
    import sys
    sys.stdout.write(generate(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
