from __future__ import annotations

from datetime import date
from fractions import Fraction

from budgetkatalog.costing.model import Timing
from budgetkatalog.costing.timing import year_shares

YEARS = (2020, 2021, 2022, 2023)


def shares(timing: Timing) -> tuple[Fraction, ...]:
    result = year_shares(timing, YEARS, 2020)
    return tuple(result[year] for year in YEARS)


def test_an_open_ended_measure_has_full_effect_from_the_budget_year() -> None:
    assert shares(Timing()) == (1, 1, 1, 1)


def test_a_start_in_july_is_half_a_year() -> None:
    assert shares(Timing(start=date(2020, 7, 1))) == (Fraction(1, 2), 1, 1, 1)


def test_notice_months_move_the_start_so_june_plus_nothing_is_seven_twelfths() -> None:
    assert shares(Timing(start=date(2020, 6, 1)))[0] == Fraction(7, 12)
    # Decided 1 February, four months' notice: effect from 1 June.
    assert shares(Timing(start=date(2020, 2, 1), notice_months=4))[0] == Fraction(7, 12)


def test_a_start_after_the_first_counts_from_the_next_month() -> None:
    assert shares(Timing(start=date(2020, 9, 15)))[0] == Fraction(3, 12)


def test_an_end_year_stops_the_effect_and_leaves_later_years_empty() -> None:
    assert shares(Timing(end=date(2021, 12, 31))) == (1, 1, 0, 0)


def test_a_delay_moves_start_and_end_together() -> None:
    trial = Timing(start=date(2020, 1, 1), end=date(2021, 12, 31), delay_months=6)
    assert shares(trial) == (Fraction(1, 2), 1, Fraction(1, 2), 0)


def test_a_later_start_year_is_a_delayed_start() -> None:
    assert shares(Timing(start=date(2021, 1, 1))) == (0, 1, 1, 1)


def test_a_stated_first_year_share_applies_to_the_first_year_with_effect() -> None:
    assert shares(Timing(first_year_share=Fraction(1, 3))) == (Fraction(1, 3), 1, 1, 1)
    later = Timing(start=date(2021, 1, 1), first_year_share=Fraction(1, 2))
    assert shares(later) == (0, Fraction(1, 2), 1, 1)


def test_full_from_holds_the_first_share_until_that_year() -> None:
    timing = Timing(first_year_share=Fraction(1, 3), full_from=2022)
    assert shares(timing) == (Fraction(1, 3), Fraction(1, 3), 1, 1)


def test_shares_override_single_years() -> None:
    timing = Timing(first_year_share=Fraction(1, 3), shares=((2021, Fraction(2, 3)),))
    assert shares(timing) == (Fraction(1, 3), Fraction(2, 3), 1, 1)
