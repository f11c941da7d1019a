"""Carrying Table 1 forward: years shift, the steady state continues, P/L re-pricing."""

from __future__ import annotations

from decimal import Decimal

from budgetkatalog.costing.carry import carry_forward, reprice_amounts, shift_years
from budgetkatalog.costing.model import PriceIndex

INDEX = PriceIndex("pl", ((2020, Decimal("101.9")), (2021, Decimal("103.8"))))
OLD = (2020, 2021, 2022, 2023)
NEW = (2021, 2022, 2023, 2024)


def test_the_years_shift_and_the_last_amount_continues() -> None:
    # 2.8's I alt: half effect in 2020, full from 2021
    assert shift_years((-3517, -7666, -7666, -7666), OLD, NEW) == (-7666, -7666, -7666, -7666)
    # 2.17 ends in 2023: the steady state is the last year's blank or zero
    assert shift_years((-563, -1626, -1063, 0), OLD, NEW) == (-1626, -1063, 0, 0)
    assert shift_years((None, 5, None, None), OLD, NEW) == (5, None, None, None)
    assert shift_years((1, 2, 3, 4), OLD, (2019, 2020)) == (None, 1)


def test_repricing_multiplies_then_divides_and_rounds_half_up() -> None:
    # -7666 × 103,8 / 101,9 = -7808,93...
    assert reprice_amounts((-7666, None, 0), INDEX, 2020, 2021) == (-7809, None, 0)
    # exactly half a unit rounds away from zero
    half = PriceIndex("pl", ((1, Decimal(2)), (2, Decimal(3))))
    assert reprice_amounts((1, -1, 3), half, 1, 2) == (2, -2, 5)  # 1.5, -1.5, 4.5


def test_a_missing_price_level_is_refused_not_guessed() -> None:
    assert reprice_amounts((100,), INDEX, 2020, 2022) is None
    assert carry_forward((100, 100, 100, 100), OLD, NEW, None, 2020, 2021) is None
    assert carry_forward((100, 100, 100, 100), OLD, NEW, None, 2021, 2021) == (100,) * 4
