"""Phase-in (indfasning): recognising the share of the full-year effect a row shows.

Catalogues describe phase-in in words ("halv effekt i 2020", "7/12-effekt på grund af
opsigelsesvarsler", "1/3 virkning", "først effekt fra 2021") and show it as numbers.
:func:`recognise_phase_in` reads the numbers of one Table 1 row and says which pattern
they follow, so a check can hold the words against the table.

A row's cells are whole table units, so a share of the full-year effect is only ever
shown rounded: a cell matches a share when it lies within ``tolerance`` units of the
unrounded share (1 by default: one rounding step). A sum of ``n`` rounded lines may
be up to ``n`` units off; pass a larger tolerance for Delsum rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction


class PhaseInKind(StrEnum):
    FULL = "full"                      # full effect from the first year with any effect
    HALF = "half"                      # 1/2 the first year (effect from 1 July)
    ONE_THIRD = "one-third"            # 1/3 the first year (effect from 1 September)
    SEVEN_TWELFTHS = "seven-twelfths"  # 7/12 the first year (effect from 1 June)
    MONTHS = "months"                  # another whole number of months: k/12
    DELAYED_START = "delayed-start"    # nothing until a later year, then full effect


#: Shares tried, in order of preference when two fit equally well.
NAMED_SHARES: tuple[tuple[Fraction, PhaseInKind], ...] = (
    (Fraction(1), PhaseInKind.FULL),
    (Fraction(1, 2), PhaseInKind.HALF),
    (Fraction(1, 3), PhaseInKind.ONE_THIRD),
    (Fraction(7, 12), PhaseInKind.SEVEN_TWELFTHS),
)

CANDIDATE_SHARES: tuple[tuple[Fraction, PhaseInKind], ...] = NAMED_SHARES + tuple(
    (Fraction(k, 12), PhaseInKind.MONTHS) for k in range(1, 12)
    if Fraction(k, 12) not in {share for share, _ in NAMED_SHARES}
)

KIND_LABELS: dict[PhaseInKind, tuple[str, str]] = {
    PhaseInKind.FULL: ("fuld effekt", "full effect"),
    PhaseInKind.HALF: ("halv effekt det første år", "half effect the first year"),
    PhaseInKind.ONE_THIRD: ("1/3 effekt det første år", "one third effect the first year"),
    PhaseInKind.SEVEN_TWELFTHS: ("7/12 effekt det første år", "7/12 effect the first year"),
    PhaseInKind.MONTHS: ("{share} effekt det første år", "{share} effect the first year"),
    PhaseInKind.DELAYED_START: ("effekt først fra et senere år", "effect only from a later year"),
}


@dataclass(frozen=True)
class PhaseIn:
    """The phase-in pattern of one row.

    Indices count from the row's first year (the budget year). ``share`` is the
    first effect year's share of ``full_year``; ``expected`` is that share
    unrounded and ``difference`` what the row shows beyond it (rounding).
    ``end_index`` is the last year with an effect when the row stops before its
    last year (a time-limited measure), else ``None``.
    """

    kind: PhaseInKind
    share: Fraction
    full_year: int
    first_amount: int
    start_index: int
    full_from_index: int
    expected: Decimal
    difference: Decimal
    end_index: int | None = None

    @property
    def delayed(self) -> bool:
        return self.start_index > 0

    def label(self, lang: str = "da") -> str:
        da, en = KIND_LABELS[self.kind]
        template = en if lang == "en" else da
        return template.format(share=f"{self.share.numerator}/{self.share.denominator}")


def share_of(amount: int | Decimal, share: Fraction) -> Decimal:
    """``amount × share`` as an exact-as-possible Decimal (no rounding to units)."""
    return Decimal(amount) * share.numerator / share.denominator


def _is_empty(cell: int | None) -> bool:
    return cell is None or cell == 0


def recognise_phase_in(amounts: Sequence[int | None], tolerance: int = 1) -> PhaseIn | None:
    """Recognise the phase-in pattern of a row's cells (first cell = the budget year).

    Returns ``None`` when the row has no effect, only one year of effect, or a first
    effect year that is no recognisable share of the year after it.
    """
    cells = list(amounts)
    start = next((i for i, cell in enumerate(cells) if not _is_empty(cell)), None)
    if start is None or start + 1 >= len(cells):
        return None
    first = cells[start]
    full = cells[start + 1]
    if first is None or full is None or full == 0:
        return None
    end = _end_index(cells, start)

    if first == full:
        kind = PhaseInKind.DELAYED_START if start > 0 else PhaseInKind.FULL
        return PhaseIn(kind, Fraction(1), full, first, start, start, Decimal(full),
                       Decimal(0), end)
    if (first < 0) != (full < 0) or abs(first) > abs(full):
        return None
    best: tuple[Decimal, Fraction, PhaseInKind] | None = None
    for share, kind in CANDIDATE_SHARES[1:]:
        difference = Decimal(first) - share_of(full, share)
        if abs(difference) <= tolerance and (best is None or abs(difference) < abs(best[0])):
            best = (difference, share, kind)
    if best is None:
        return None
    difference, share, kind = best
    return PhaseIn(kind, share, full, first, start, start + 1, share_of(full, share),
                   difference, end)


def _end_index(cells: list[int | None], start: int) -> int | None:
    last = max(i for i, cell in enumerate(cells) if not _is_empty(cell))
    return last if last < len(cells) - 1 and last >= start else None


def recognise_rows(rows: Sequence[Sequence[int | None]],
                   tolerance: int = 1) -> tuple[PhaseIn | None, ...]:
    """:func:`recognise_phase_in` for each row, e.g. the lines a–d of one table."""
    return tuple(recognise_phase_in(row, tolerance) for row in rows)
