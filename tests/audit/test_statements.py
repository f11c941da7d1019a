"""Reading amounts the Danish way, with their precision, years and phase-in words."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from budgetkatalog.audit.statements import (
    Kind,
    Notation,
    PhaseKind,
    Sentence,
    phase_ins,
    read_amounts,
    split_sentences,
    statements_of,
)

YEARS = (2020, 2021, 2022, 2023)


@pytest.mark.parametrize(("text", "value", "kind", "precision"), [
    ("en besparelse på 1,891 mio. kr. årligt", "1891000", Kind.MONEY, "500"),
    ("en besparelse på 126 tkr. i 2020", "126000", Kind.MONEY, "500"),
    ("en besparelse på 2.126.000 kr.", "2126000", Kind.MONEY, "500"),
    ("svarende til kr. 2.306.450.", "2306450", Kind.MONEY, "5"),
    ("et afledt besparelse på kr. 0,9 mio.", "900000", Kind.MONEY, "50000"),
    ("udgør 7,0 mio.kr. og", "7000000", Kind.MONEY, "50000"),
    ("reduceres med 5 årsværk", "5", Kind.FTE, "0.5"),
    ("svarer til 4,45 i årsnorm", "4.45", Kind.FTE, "0.005"),
    ("teamet består af to fuldtidsansatte", "2", Kind.FTE, "0.05"),
    ("et halvt årsværk til virksomhedsdelen", "0.5", Kind.FTE, "0.05"),
    ("reduceres med 1,7%", "1.7", Kind.PERCENT, "0.05"),
    ("forældrebetalingen på 25 pct.", "25", Kind.PERCENT, "0.5"),
])
def test_amounts_are_read_with_their_unit_and_written_precision(
        text: str, value: str, kind: Kind, precision: str) -> None:
    [amount] = read_amounts(text)
    assert amount.value == Decimal(value)
    assert amount.kind is kind
    assert amount.precision == Decimal(precision)


def test_a_range_gives_its_unit_to_the_first_number() -> None:
    low, high = read_amounts("mellem 1,9 og 2,5 mio. kr.")
    assert (low.value, high.value) == (Decimal(1900000), Decimal(2500000))
    assert low.in_range and high.in_range


def test_english_decimals_and_stray_points_are_read_and_marked() -> None:
    [english] = read_amounts("på 1.75 mio. kr.")
    assert english.value == Decimal(1750000)
    assert english.notation is Notation.ENGLISH_DECIMAL
    [stray] = read_amounts("en besparelse på 1. mio. kr. da der")
    assert stray.value == Decimal(1000000) and stray.notation is Notation.STRAY_POINT


def test_years_are_not_amounts_and_per_inhabitant_figures_are_marked() -> None:
    amounts = read_amounts("Albertslund kommune brugte i 2018 - 241,1 kr. pr. indbygger.")
    assert [a.value for a in amounts] == [Decimal("241.1")]
    assert amounts[0].per_unit and not amounts[0].in_range


def _sentence(text: str, section: str = "7") -> Sentence:
    return Sentence(text, 1, section, "2.2", 0, read_amounts(text))


def test_each_amount_takes_the_year_phrase_that_follows_it() -> None:
    first, second = statements_of(_sentence(
        "En reduktion kan medføre en besparelse på 1,175 mio. kr. i 2020 og 2,35 mio. kr. "
        "fra 2021."), YEARS)
    assert (first.years, first.onward) == ((2020,), False)
    assert (second.years, second.onward) == ((2021,), True)
    assert first.direction == second.direction == -1


def test_a_year_before_the_amount_counts_when_none_follows() -> None:
    [statement] = statements_of(_sentence(
        "I 2021 vil der være tale om helårseffekt svarende til kr. 2.306.450."), YEARS)
    assert statement.years == (2021,) and statement.full_year


def test_a_year_outside_the_round_marks_context() -> None:
    [statement] = statements_of(_sentence(
        "I 2018 var de sparede ydelser på 6,5 mio. kr."), YEARS)
    assert statement.foreign_year and statement.years == ()


def test_sentences_split_after_kr_only_before_a_capital_word() -> None:
    parts = [s for _, s in split_sentences(
        "Besparelsen er på 1.75 mio. kr. I 2020 forventes en besparelse på kr. 1.000. Slut.")]
    assert parts == ["Besparelsen er på 1.75 mio. kr.",
                     "I 2020 forventes en besparelse på kr. 1.000.", "Slut."]


@pytest.mark.parametrize(("text", "kind", "year", "ratio"), [
    ("Forslagene har halv gennemslagskraft i 2020.", PhaseKind.RATIO, 2020, Fraction(1, 2)),
    ("Udmøntes med 1/3 virkning fra 2020.", PhaseKind.RATIO, 2020, Fraction(1, 3)),
    ("I 2020 regnes der efter 7/12-effekt.", PhaseKind.RATIO, 2020, Fraction(7, 12)),
    ("Effektiviseringen kan ske med virkning fra juli 2020.", PhaseKind.RATIO, 2020,
     Fraction(1, 2)),
    ("Reduktionen vil først have effekt i 2021.", PhaseKind.NONE_BEFORE, 2021, None),
    ("Besparelsen får fuld effekt fra 2021.", PhaseKind.FULL_FROM, 2021, None),
])
def test_phase_in_words(text: str, kind: PhaseKind, year: int,
                        ratio: Fraction | None) -> None:
    [phase] = phase_ins(_sentence(text), YEARS)
    assert (phase.kind, phase.year, phase.ratio) == (kind, year, ratio)


def test_a_full_saving_that_only_comes_later_is_not_no_effect_before() -> None:
    kinds = [p.kind for p in phase_ins(_sentence(
        "Den fulde besparelse effektueres derfor først fra 2021 og frem."), YEARS)]
    assert kinds == [PhaseKind.FULL_FROM]
