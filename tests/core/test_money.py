from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetkatalog.core.money import (
    format_number,
    parse_danish_integer,
    parse_danish_number,
    round_half_up,
)


@pytest.mark.parametrize(("token", "value"), [
    ("-1.000", Decimal(-1000)), ("-1175", Decimal(-1175)), ("1,891", Decimal("1.891")),
    ("2.126.000", Decimal(2126000)), ("0,865", Decimal("0.865")), ("\u22121.898", Decimal(-1898)),
    ("+288", Decimal(288)), ("0", Decimal(0)),
])
def test_danish_numbers_are_read_exactly(token: str, value: Decimal) -> None:
    assert parse_danish_number(token) == value


@pytest.mark.parametrize("token", ["1.75", "12.34.567", "abc", "", "1,", "--1", "1.2345"])
def test_ambiguous_or_malformed_numbers_are_not_guessed(token: str) -> None:
    assert parse_danish_number(token) is None


def test_whole_numbers_only_for_table_cells() -> None:
    assert parse_danish_integer("-2.784") == -2784
    assert parse_danish_integer("1,5") is None


def test_rounding_is_half_up_away_from_zero() -> None:
    assert round_half_up(Decimal("1897.5")) == Decimal(1898)
    assert round_half_up(Decimal("-1897.5")) == Decimal(-1898)
    assert round_half_up(Decimal("0.0005"), 3) == Decimal("0.001")


def test_formatting_follows_the_language() -> None:
    assert format_number(Decimal("-15.065"), 3, "da", grouping=False) == "-15,065"
    assert format_number(-1898, 0, "da") == "-1.898"
    assert format_number(-1898, 0, "en") == "-1,898"


@given(st.integers(min_value=-10**12, max_value=10**12))
def test_formatted_danish_integers_read_back(value: int) -> None:
    assert parse_danish_integer(format_number(value, 0, "da")) == value
