"""Price level (P/L): re-pricing an amount from one P/L year to another.

An index table per round (KL's price and wage forecast) gives each year's level;
an amount at P/L year ``a`` is ``amount × index[b] / index[a]`` at P/L year ``b``.
"""

from __future__ import annotations

from decimal import Decimal

from budgetkatalog.costing.model import CostingRound, PriceIndex

DEFAULT_SERIES = "pl"
WAGE_SERIES = "wage"


def price_factor(index: PriceIndex, from_year: int, to_year: int) -> tuple[Decimal, Decimal] | None:
    """(numerator, denominator) of the re-pricing factor, or ``None`` if a year is missing.

    Kept as a pair so the caller multiplies before it divides: one division, one
    rounding step at the context's precision.
    """
    if from_year == to_year:
        return Decimal(1), Decimal(1)
    source, target = index.value(from_year), index.value(to_year)
    if source is None or target is None or source == 0:
        return None
    return target, source


def reprice(amount: Decimal, index: PriceIndex, from_year: int, to_year: int) -> Decimal | None:
    """``amount`` at ``from_year`` P/L re-priced to ``to_year`` P/L."""
    factor = price_factor(index, from_year, to_year)
    if factor is None:
        return None
    numerator, denominator = factor
    return amount * numerator / denominator


def series_for(round_: CostingRound, wanted: str | None, staff: bool) -> PriceIndex | None:
    """The index series a component uses: its own, else wages for staff, else P/L."""
    if wanted is not None:
        return round_.index(wanted)
    if staff and round_.index(WAGE_SERIES) is not None:
        return round_.index(WAGE_SERIES)
    return round_.index(DEFAULT_SERIES)
