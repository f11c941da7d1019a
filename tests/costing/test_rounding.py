from __future__ import annotations

from decimal import Decimal

from budgetkatalog.costing.model import RoundingMode
from budgetkatalog.costing.rounding import round_cell, round_column


def test_half_up_rounds_halves_away_from_zero() -> None:
    assert round_cell(Decimal("-1897.5"), RoundingMode.HALF_UP) == -1898
    assert round_cell(Decimal("288.5"), RoundingMode.HALF_UP) == 289
    assert round_cell(Decimal("-1619.2"), RoundingMode.HALF_UP) == -1619


def test_down_truncates_towards_zero() -> None:
    assert round_cell(Decimal("-404.8333"), RoundingMode.DOWN) == -404
    assert round_cell(Decimal("318.5"), RoundingMode.DOWN) == 318


def test_allocate_makes_the_lines_add_up_to_the_rounded_sum() -> None:
    column = [Decimal("-316.5"), Decimal("-754.5"), None]
    assert round_column(column, RoundingMode.ALLOCATE) == [-316, -755, None]
    assert round_column(column, RoundingMode.HALF_UP) == [-317, -755, None]


def test_allocate_gives_leftover_units_to_the_largest_remainders() -> None:
    column = [Decimal("10.2"), Decimal("10.7"), Decimal("10.6")]  # sum 31,5 -> 32
    assert round_column(column, RoundingMode.ALLOCATE) == [10, 11, 11]
    mixed = [Decimal("-1153.225"), Decimal("288.306")]  # sum -864,919 -> -865
    assert round_column(mixed, RoundingMode.ALLOCATE) == [-1153, 288]
