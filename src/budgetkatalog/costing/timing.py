"""Year shares: how much of a full year's effect falls in each budget year.

Effect is counted in whole months. A start on the 1st counts its month; a start
later in a month counts from the next month (a notice period ending mid-month
frees no salary that month). An end on a month's last day counts that month.
"""

from __future__ import annotations

import calendar
from datetime import date
from fractions import Fraction

from budgetkatalog.costing.model import Timing


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def first_effect_month(timing: Timing, budget_year: int) -> int:
    """Month index (year × 12 + month − 1) of the first month with effect."""
    if timing.start is None:
        month = budget_year * 12
    else:
        month = _month_index(timing.start) + (0 if timing.start.day == 1 else 1)
    return month + timing.notice_months + timing.delay_months


def last_effect_month(timing: Timing) -> int | None:
    """Month index of the last month with effect, or ``None`` when open-ended."""
    if timing.end is None:
        return None
    last_day = calendar.monthrange(timing.end.year, timing.end.month)[1]
    month = _month_index(timing.end) - (0 if timing.end.day == last_day else 1)
    return month + timing.delay_months


def year_shares(timing: Timing, years: tuple[int, ...], budget_year: int) -> dict[int, Fraction]:
    """The share (0–1) of the full-year effect in each year; 0 means no effect."""
    first = first_effect_month(timing, budget_year)
    last = last_effect_month(timing)
    shares: dict[int, Fraction] = {}
    for year in years:
        start = max(first, year * 12)
        stop = year * 12 + 11 if last is None else min(last, year * 12 + 11)
        shares[year] = Fraction(max(0, stop - start + 1), 12)
    effect_years = [year for year in years if shares[year] > 0]
    if effect_years and timing.first_year_share is not None:
        shares[effect_years[0]] = timing.first_year_share
    if effect_years and timing.full_from is not None:
        held = shares[effect_years[0]]
        for year in effect_years[1:]:
            if year < timing.full_from:
                shares[year] = held
    for year, share in timing.shares:
        if year in shares:
            shares[year] = share
    return shares
