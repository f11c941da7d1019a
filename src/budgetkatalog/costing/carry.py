"""Carrying a proposal's Table 1 forward into a later round: the years shift, the last
year's amount continues as the steady state, and every amount is re-priced from the
old round's price level to the new one's with the new round's P/L index.

Re-pricing multiplies before it divides (one division) and rounds each cell half up to
whole table units, the rounding the catalogue's tables use; a blank cell stays blank.
"""

from __future__ import annotations

from decimal import Decimal

from budgetkatalog.core.money import round_half_up
from budgetkatalog.costing.model import PriceIndex
from budgetkatalog.costing.price import price_factor

Amounts = tuple[int | None, ...]


def shift_years(amounts: Amounts, old_years: tuple[int, ...],
                new_years: tuple[int, ...]) -> Amounts:
    """The amounts for ``new_years``: a year both rounds have keeps its amount; a year
    after the old round takes the old round's last amount (the steady state); a year
    before it is blank."""
    by_year = dict(zip(old_years, amounts, strict=False))
    last = amounts[len(old_years) - 1] if len(amounts) >= len(old_years) and old_years \
        else None
    out: list[int | None] = []
    for year in new_years:
        if year in by_year:
            out.append(by_year[year])
        elif old_years and year > old_years[-1]:
            out.append(last)
        else:
            out.append(None)
    return tuple(out)


def reprice_amounts(amounts: Amounts, index: PriceIndex, from_level: int,
                    to_level: int) -> Amounts | None:
    """Every cell re-priced, rounded half up to whole units; ``None`` when the index
    lacks one of the two price levels."""
    factor = price_factor(index, from_level, to_level)
    if factor is None:
        return None
    numerator, denominator = factor
    return tuple(None if value is None
                 else int(round_half_up(Decimal(value) * numerator / denominator))
                 for value in amounts)


def carry_forward(amounts: Amounts, old_years: tuple[int, ...], new_years: tuple[int, ...],
                  index: PriceIndex | None, from_level: int, to_level: int) -> Amounts | None:
    """Shifted and re-priced; ``None`` when re-pricing is needed and impossible."""
    shifted = shift_years(amounts, old_years, new_years)
    if from_level == to_level:
        return shifted
    if index is None:
        return None
    return reprice_amounts(shifted, index, from_level, to_level)
