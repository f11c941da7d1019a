"""From unrounded kroner to whole table units: the three rounding rules.

``half-up``: every cell to the nearest unit, halves away from zero (how finance
staff round by hand). ``down``: every cell towards zero, as a spreadsheet's
truncation does (the seed's 2.9). ``allocate``: lines a–d are floored and the units
left over go to the lines with the largest remainders, so the lines add up to the
Delsum rounded from the unrounded figures; equal remainders go in line order
(the seed's 2.10). See docs/costing.md.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import ROUND_DOWN, Decimal

from budgetkatalog.core.money import round_half_up
from budgetkatalog.costing.model import RoundingMode


def to_units(kroner: Decimal, unit: int) -> Decimal:
    return kroner / unit


def round_cell(value: Decimal, mode: RoundingMode) -> int:
    """One cell in table units; ``allocate`` rounds lone cells half-up."""
    if mode is RoundingMode.DOWN:
        return int(value.quantize(Decimal(1), rounding=ROUND_DOWN))
    return int(round_half_up(value))


def round_column(values: Sequence[Decimal | None], mode: RoundingMode) -> list[int | None]:
    """One year's cells of lines a–d, in line order; ``None`` stays blank."""
    if mode is not RoundingMode.ALLOCATE:
        return [None if v is None else round_cell(v, mode) for v in values]
    present = [(i, v) for i, v in enumerate(values) if v is not None]
    target = int(round_half_up(sum((v for _, v in present), Decimal(0))))
    floors = {i: math.floor(v) for i, v in present}
    leftover = target - sum(floors.values())
    by_remainder = sorted(present, key=lambda item: (-(item[1] - floors[item[0]]), item[0]))
    result: list[int | None] = [None] * len(values)
    for rank, (i, _) in enumerate(by_remainder):
        result[i] = floors[i] + (1 if rank < leftover else 0)
    return result
