"""Properties of the costing that must hold for any spec, checked with Hypothesis."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from budgetkatalog.core.money import round_half_up
from budgetkatalog.costing.compute import cost
from budgetkatalog.costing.model import (
    Component,
    CostingRound,
    CostSpec,
    Derived,
    Direction,
    Fixed,
    LineSpec,
    Offset,
    OffsetKind,
    PriceIndex,
    RoundingMode,
    Staff,
    StaffCategory,
    Timing,
)
from budgetkatalog.costing.price import reprice
from budgetkatalog.costing.timing import year_shares

YEARS = (2020, 2021, 2022, 2023)
ROUND = CostingRound(2020, YEARS, staff=(StaffCategory("hk", "HK", Decimal(412345)),))

# Costing is fast, but the machine is shared: no per-example deadline.
no_deadline = settings(deadline=None)

kroner = st.decimals(min_value=1, max_value=50_000_000, places=2)
shares = st.fractions(min_value=0, max_value=1, max_denominator=24)
modes = st.sampled_from(list(RoundingMode))
directions = st.sampled_from(list(Direction))


@st.composite
def timings(draw: st.DrawFn) -> Timing:
    start = draw(st.one_of(st.none(), st.dates(date(2020, 1, 1), date(2022, 12, 31))))
    return Timing(start=start, notice_months=draw(st.integers(0, 12)),
                  first_year_share=draw(st.one_of(st.none(), shares)))


def spec_of(*lines: LineSpec, rounding: RoundingMode = RoundingMode.HALF_UP,
            round_: CostingRound = ROUND) -> CostSpec:
    return CostSpec("9.1", "Property", round_, lines, rounding=rounding)


@no_deadline
@given(timings())
def test_no_year_share_exceeds_a_full_year(timing: Timing) -> None:
    assert all(0 <= share <= 1 for share in year_shares(timing, YEARS, 2020).values())


@no_deadline
@given(timings(), kroner, st.decimals(min_value=0, max_value=40, places=2), modes, directions)
def test_the_first_year_never_exceeds_the_full_year_effect(
        timing: Timing, amount: Decimal, fte: Decimal, mode: RoundingMode,
        direction: Direction) -> None:
    components = (Component("fixed", Fixed(((None, amount),)), direction, timing),
                  Component("staff", Staff("hk", ((None, fte),)), direction, timing))
    for component in components:
        result = cost(spec_of(LineSpec("a", None, None, (component,)), rounding=mode))
        line = result.line("a")
        assert line is not None
        present = [i for i, v in enumerate(line.unrounded) if v is not None]
        if len(present) < 2:
            continue
        first, full = present[0], present[-1]
        assert abs(line.unrounded[first]) <= abs(line.unrounded[full])  # type: ignore[arg-type]
        assert abs(line.rounded[first]) <= abs(line.rounded[full])  # type: ignore[arg-type]


@no_deadline
@given(kroner, st.lists(st.tuples(st.sampled_from(list(OffsetKind)),
                                  st.one_of(shares, st.decimals(0, 60_000_000, places=2))),
                        min_size=1, max_size=3), directions, st.booleans())
def test_offsets_never_flip_a_sign_unless_the_spec_says_so(
        amount: Decimal, raw_offsets: list[tuple[OffsetKind, Fraction | Decimal]],
        direction: Direction, allow: bool) -> None:
    offsets = tuple(Offset(kind, share=value) if isinstance(value, Fraction)
                    else Offset(kind, amount=value) for kind, value in raw_offsets)
    component = Component("c", Fixed(((None, amount),)), direction, offsets=offsets,
                          allow_sign_change=allow)
    result = cost(spec_of(LineSpec("a", None, None, (component,))))
    flips = [f for f in result.findings if f.rule == "costing.offset-flips-sign"]
    (line_cost,) = result.line("a").components  # type: ignore[union-attr]
    for gross, net in zip(line_cost.gross, line_cost.net, strict=True):
        assert gross is not None and net is not None
        flipped = net != 0 and (net < 0) != (gross < 0)
        if flipped:
            assert allow or flips
        if allow:
            assert not flips
    if not any(net != 0 and (net < 0) != (gross < 0)  # type: ignore[operator]
               for gross, net in zip(line_cost.gross, line_cost.net, strict=True)):
        assert not flips


@no_deadline
@given(kroner, shares, modes)
def test_a_returned_user_payment_never_flips_the_line_it_offsets(
        amount: Decimal, share: Fraction, mode: RoundingMode) -> None:
    saving = LineSpec("a", None, None, (Component("s", Fixed(((None, amount),))),))
    returned = LineSpec("b", None, None, (Component("r", Derived("a", share)),))
    result = cost(spec_of(saving, returned, rounding=mode))
    for value in result.unrounded_subtotal:
        assert value <= 0
    for value in result.table.subtotal:
        assert value <= 0


indices = st.decimals(min_value=50, max_value=200, places=1)


@no_deadline
@given(kroner, indices, indices)
def test_repricing_there_and_back_returns_the_original(
        amount: Decimal, level_a: Decimal, level_b: Decimal) -> None:
    index = PriceIndex("pl", ((2020, level_a), (2023, level_b)))
    there = reprice(amount, index, 2020, 2023)
    assert there is not None
    back = reprice(there, index, 2023, 2020)
    assert back is not None
    assert abs(back - amount) <= amount * Decimal("1e-25")
    assert abs(round_half_up(back / 1000) - round_half_up(amount / 1000)) <= 1


@no_deadline
@given(kroner, indices, indices, modes)
def test_a_costed_table_repriced_there_and_back_is_the_same_within_rounding(
        amount: Decimal, level_a: Decimal, level_b: Decimal, mode: RoundingMode) -> None:
    round_ = CostingRound(2020, YEARS, price_level=2020,
                          indices=(PriceIndex("pl", ((2020, level_a), (2022, level_b))),))
    component = Component("c", Fixed(((None, amount),)), timing=Timing(start=date(2020, 7, 1)))
    original = cost(spec_of(LineSpec("a", None, None, (component,)), rounding=mode,
                            round_=round_))
    there = cost(spec_of(LineSpec("a", None, None, (component,)), rounding=mode,
                         round_=round_), price_level=2022)
    line = there.line("a")
    assert line is not None and line.unrounded[1] is not None
    restated = Component("c", Fixed(((None, -line.unrounded[1]),)),
                         timing=Timing(start=date(2020, 7, 1)), price_level=2022)
    back = cost(spec_of(LineSpec("a", None, None, (restated,)), rounding=mode, round_=round_),
                price_level=2020)
    assert original.findings == back.findings == ()
    for before, after in zip(original.table.lines[0].amounts, back.table.lines[0].amounts,
                             strict=True):
        assert before is not None and after is not None
        assert abs(before - after) <= 1
