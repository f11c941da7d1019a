from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.costing.phase_in import PhaseInKind, recognise_phase_in, recognise_rows


def _lines(seed: Catalogue, number: str) -> dict[str, tuple[int | None, ...]]:
    proposal = seed.proposal(number)
    assert proposal is not None and proposal.table is not None
    return {line.letter: line.amounts for line in proposal.table.lines}


@pytest.mark.parametrize(("number", "letter", "kind", "share"), [
    ("2.2", "a", PhaseInKind.HALF, Fraction(1, 2)),
    ("2.5", "a", PhaseInKind.HALF, Fraction(1, 2)),
    ("2.5", "b", PhaseInKind.HALF, Fraction(1, 2)),
    ("2.8", "a", PhaseInKind.HALF, Fraction(1, 2)),
    ("2.8", "c", PhaseInKind.HALF, Fraction(1, 2)),
    ("2.9", "a", PhaseInKind.SEVEN_TWELFTHS, Fraction(7, 12)),
    ("2.9", "b", PhaseInKind.SEVEN_TWELFTHS, Fraction(7, 12)),
    ("2.9", "c", PhaseInKind.SEVEN_TWELFTHS, Fraction(7, 12)),
    ("2.10", "b", PhaseInKind.HALF, Fraction(1, 2)),
    ("2.11", "a", PhaseInKind.ONE_THIRD, Fraction(1, 3)),
    ("2.11", "c", PhaseInKind.ONE_THIRD, Fraction(1, 3)),
    ("2.16", "a", PhaseInKind.FULL, Fraction(1)),
    ("2.17", "a", PhaseInKind.HALF, Fraction(1, 2)),
])
def test_the_seed_rows_show_the_phase_in_their_text_describes(
        seed: Catalogue, number: str, letter: str, kind: PhaseInKind, share: Fraction) -> None:
    phase_in = recognise_phase_in(_lines(seed, number)[letter])
    assert phase_in is not None
    assert (phase_in.kind, phase_in.share) == (kind, share)
    assert abs(phase_in.difference) <= 1


def test_a_line_that_starts_a_year_later_is_a_delayed_start(seed: Catalogue) -> None:
    phase_in = recognise_phase_in(_lines(seed, "2.8")["b"])
    assert phase_in is not None
    assert phase_in.kind is PhaseInKind.DELAYED_START
    assert (phase_in.start_index, phase_in.full_year, phase_in.delayed) == (1, -633, True)
    assert recognise_phase_in((0, -900, -900, -900)).kind is PhaseInKind.DELAYED_START  # type: ignore[union-attr]


def test_the_rounding_step_is_reported_as_the_difference(seed: Catalogue) -> None:
    phase_in = recognise_phase_in(_lines(seed, "2.9")["b"])
    assert phase_in is not None
    assert phase_in.full_year == -694
    assert phase_in.first_amount == -404
    # 694 × 7/12 = 404,83…; the seed shows 404: truncated, not rounded.
    assert phase_in.difference == Decimal(-404) - Decimal(-694) * 7 / 12
    assert Decimal("0.8") < phase_in.difference < Decimal("0.9")


def test_a_time_limited_measure_reports_its_last_year(seed: Catalogue) -> None:
    a = recognise_phase_in(_lines(seed, "2.16")["a"])
    assert a is not None and a.end_index == 1
    trial = recognise_phase_in(_lines(seed, "2.17")["a"])
    assert trial is not None and trial.end_index == 2
    assert recognise_phase_in((-900, -900, -900, -900)).end_index is None  # type: ignore[union-attr]


def test_rows_without_a_recognisable_pattern_give_none() -> None:
    assert recognise_phase_in((None, None, None, None)) is None
    assert recognise_phase_in((0, 0, 0, -500)) is None        # one year only: no full year
    assert recognise_phase_in((1000, 750, None, None)) is None  # steps down, not in
    assert recognise_phase_in((-400, -1000, -1000)) is None     # 0,4 is no month share
    assert recognise_phase_in((300, -600, -600)) is None        # signs differ


def test_other_month_shares_are_recognised_as_months() -> None:
    phase_in = recognise_phase_in((-250, -1000, -1000))
    assert phase_in is not None
    assert (phase_in.kind, phase_in.share) == (PhaseInKind.MONTHS, Fraction(3, 12))
    assert phase_in.label("da") == "1/4 effekt det første år"
    assert phase_in.label("en") == "1/4 effect the first year"


def test_a_delsum_needs_a_tolerance_of_one_unit_per_line(seed: Catalogue) -> None:
    proposal = seed.proposal("2.9")
    assert proposal is not None and proposal.table is not None
    subtotal = proposal.table.subtotal
    assert recognise_phase_in(subtotal) is None  # 1746 × 7/12 = 1018,5 vs 1017
    lines = [line for line in proposal.table.lines if not line.is_blank]
    phase_in = recognise_phase_in(subtotal, tolerance=len(lines))
    assert phase_in is not None and phase_in.kind is PhaseInKind.SEVEN_TWELFTHS
    assert len(recognise_rows([line.amounts for line in lines])) == 3
