"""Audit rules follow meaning, not wording: each rule is tried on hand-written
paraphrases of one statement. A consistent statement, however it is worded, raises no
error; a wrong one, however it is worded, does."""

from __future__ import annotations

import pytest

from budgetkatalog.audit import audit
from budgetkatalog.core.finding import Finding, Severity
from budgetkatalog.importers.catalogue_text import import_catalogue_text

# Row a -1.100 / -2.700, row b (Fritidsordning, forældrebetaling) +300 from 2026, an
# investment of 500 in 2025 (f) and derived operating costs of 40 a year (g).
PROPOSAL = """\
2.1 Et forslag
4010 Område

1. Type
Reduktionsforslag.

2. Beskrivelse af forslaget
Tekst.

7. Konsekvenser for økonomien
{text}

Tabel 1. 4010 Område i 1.000 kr.
Pengepose-nr. Pengeposenavn 2025 2026 2027 2028
a. 401010 Løn og drift -1.100 -2.700 -2.700 -2.700
b. 401020 Fritidsordning, forældrebetaling 0 300 300 300
c.
d.
e. Delsum (a+b+c+d) -1.100 -2.400 -2.400 -2.400
f. Anlægsinvestering 500 0 0 0
g. Afledte driftsudgifter 40 40 40 40
I alt (e+f+g) -560 -2.360 -2.360 -2.360
"""


def _errors(text: str) -> list[Finding]:
    result = import_catalogue_text(PROPOSAL.format(text=text))
    assert result.catalogue is not None
    return [f for f in (*result.findings, *audit(result.catalogue))
            if f.severity is Severity.ERROR]


# Phase-in described in words: the full-year figure and the first year's share.
PHASE_IN_CONSISTENT = [
    "Besparelsen er på 2,7 mio. kr. årligt, i 2025 dog 1,1 mio. kr.",
    "Forslaget sparer 2,7 mio. kr. om året; i 2025 dog kun 1,1 mio. kr.",
    "Der spares 2,7 mio. kr. årligt med fuld effekt fra 2026 og 1,1 mio. kr. i 2025.",
    "Reduktionen udgør 2,7 mio. kr. årligt fra 2026. I 2025 er beløbet 1,1 mio. kr.",
]
PHASE_IN_WRONG = [
    "Besparelsen er på 2,7 mio. kr. årligt, i 2025 dog 1,4 mio. kr.",
    "Forslaget sparer 2,9 mio. kr. årligt fra 2026.",
    "Reduktionen udgør 3,2 mio. kr. om året fra 2026.",
]


@pytest.mark.parametrize("text", PHASE_IN_CONSISTENT)
def test_a_described_phase_in_is_not_an_error(text: str) -> None:
    assert _errors(text) == []


@pytest.mark.parametrize("text", PHASE_IN_WRONG)
def test_a_wrong_figure_is_an_error_however_it_is_worded(text: str) -> None:
    assert any(f.rule == "text.amount-vs-table" and f.line == 11 for f in _errors(text))


# Figures about f, g, a single row or the sum of rows are not errors.
OTHER_ROWS = [
    "Ombygningen kræver en anlægsinvestering på 0,5 mio. kr. i 2025.",
    "Der afsættes 500.000 kr. til anlæg i 2025, og de afledte driftsudgifter er 40.000 "
    "kr. årligt.",
    "Besparelsen på løn og drift er 2,7 mio. kr. årligt fra 2026, og forældrebetalingen "
    "falder med 300.000 kr. om året.",
    "Nettobesparelsen er 2,4 mio. kr. årligt fra 2026.",
    "Samlet giver forslaget en nettobesparelse på 2,36 mio. kr. fra 2026.",
]


@pytest.mark.parametrize("text", OTHER_ROWS)
def test_a_figure_about_other_rows_or_their_sum_is_not_an_error(text: str) -> None:
    assert _errors(text) == []


@pytest.mark.parametrize("text", [
    "Samlet giver forslaget en nettobesparelse på 2,1 mio. kr. fra 2026.",
    "Nettobesparelsen er 2,0 mio. kr. årligt fra 2026.",
    "Forslaget giver en nettobesparelse på 1,9 mio. kr. om året fra 2026.",
])
def test_a_net_figure_no_row_or_sum_gives_is_an_error(text: str) -> None:
    assert any(f.rule == "text.amount-vs-table" for f in _errors(text))


# A percentage of a base stated in the sentence before, worded five ways.
PERCENT_RIGHT = [
    "Områdets budget udgør 10,0 mio. kr. Af dette beløb spares 27 pct., svarende til 2,7 "
    "mio. kr.",
    "Områdets budget er på 10,0 mio. kr. Af beløbet spares 27 pct., dermed 2,7 mio. kr.",
    "Områdets budget beløber sig til 10,0 mio. kr. Heraf spares 27 pct., altså 2,7 mio. kr.",
    "Områdets budget er på 10,0 mio. kr. Besparelsen på 2,7 mio. kr. svarer til 27 pct. af "
    "dette beløb.",
    "Områdets budget udgør 10,0 mio. kr. Der spares 2,7 mio. kr., hvilket er 27 pct. af "
    "beløbet.",
]
PERCENT_WRONG = [text.replace("27 pct.", "31 pct.") for text in PERCENT_RIGHT]


@pytest.mark.parametrize("text", PERCENT_RIGHT)
def test_a_percentage_of_a_base_agrees_however_it_is_worded(text: str) -> None:
    assert not any(f.rule == "derived.percent" for f in _errors(text))


@pytest.mark.parametrize("text", PERCENT_WRONG)
def test_a_wrong_percentage_of_a_base_is_found_however_it_is_worded(text: str) -> None:
    assert any(f.rule == "derived.percent" for f in _errors(text))


def _half(text: str) -> str:
    """The proposal with row a at half effect in 2025 (-1.350 against -2.700)."""
    return (PROPOSAL.format(text=text)
            .replace("-1.100 -2.700", "-1.350 -2.700")
            .replace("(a+b+c+d) -1.100", "(a+b+c+d) -1.350")
            .replace("(e+f+g) -560", "(e+f+g) -810"))


HALF_EFFECT = [
    "Besparelsen er 2,7 mio. kr. årligt med halv effekt i 2025.",
    "Løn og drift reduceres med 2,7 mio. kr. årligt, med halv virkning i 2025 og fuld "
    "virkning fra 2026.",
    "Der spares 2,7 mio. kr. om året fra 2026; i 2025 er der halv effekt.",
]


@pytest.mark.parametrize("text", HALF_EFFECT)
def test_half_effect_agrees_with_a_half_first_year(text: str) -> None:
    result = import_catalogue_text(_half(text))
    assert result.catalogue is not None
    assert [f for f in audit(result.catalogue) if f.severity is Severity.ERROR] == []


@pytest.mark.parametrize("text", HALF_EFFECT)
def test_half_effect_against_a_first_year_that_is_not_half_is_an_error(text: str) -> None:
    assert any(f.rule == "phase.ratio" and f.line == 11 for f in _errors(text))


# A total less a deduction, worded three ways: 2.532.000 − 390.000 = 2.142.000.
DEDUCTION = [
    "Lønbesparelsen er 2.532.000 kr. Dog reduceres besparelsen med 390.000 kr. til nye "
    "opgaver. Hermed bliver besparelsen {result} kr.",
    "Lønbesparelsen er 2.532.000 kr. Til nye opgaver nedsættes beløbet med 390.000 kr. "
    "Dermed er besparelsen {result} kr.",
    "Lønbesparelsen er 2.532.000 kr. Heraf fratrækkes 390.000 kr. til nye opgaver. "
    "Netto spares således {result} kr.",
]


@pytest.mark.parametrize("text", DEDUCTION)
def test_a_total_less_a_deduction_agrees_however_it_is_worded(text: str) -> None:
    assert not any(f.rule == "derived.deduction"
                   for f in _errors(text.format(result="2.142.000")))


@pytest.mark.parametrize("text", DEDUCTION)
def test_a_wrong_result_of_a_deduction_is_found_however_it_is_worded(text: str) -> None:
    assert any(f.rule == "derived.deduction" for f in _errors(text.format(result="2.242.000")))


# A gross figure: the lines that save, before the line that offsets them. In another
# style: "÷" for minus, the caption in t.kr., three saving lines and the parents' payment
# (25 %) that falls away. Gross ÷3.200 a year (÷1.600 in 2026), net ÷2.400 (÷1.200).
GROSS_PROPOSAL = """\
BU-04 Færre dagplejere i Vestområdet
5110 Dagpleje og 5120 Pladsanvisning

1. Type
Effektivisering.

2. Beskrivelse af forslaget
Tekst.

7. Konsekvenser for økonomien
{text}

Tabel 1. Flere områdebevillinger, t.kr.
Konto Tekst 2026 2027 2028 2029
a. 511010 Dagplejere, løn ÷1.000 ÷2.000 ÷2.000 ÷2.000
b. 511020 Dagpleje, drift ÷400 ÷800 ÷800 ÷800
c. 512010 Pladsanvisning ÷200 ÷400 ÷400 ÷400
d. 511090 Forældrebetaling 400 800 800 800
e. Delsum (a+b+c+d) ÷1.200 ÷2.400 ÷2.400 ÷2.400
f. Anlægsinvestering
g. Afledte driftsudgifter
I alt (e+f+g) ÷1.200 ÷2.400 ÷2.400 ÷2.400
"""

GROSS_RIGHT = [
    "Bruttobesparelsen er 3,2 mio. kr. om året, hvoraf forældrebetalingen på 25 pct. "
    "falder bort.",
    "Før forældrebetalingen modregnes, sparer forslaget 3,2 mio. kr. årligt fra 2027.",
    "Brutto spares der 3.200.000 kr. om året; forældrenes betaling falder tilsvarende.",
    "I 2026 er bruttobesparelsen 1,6 mio. kr., da dagplejerne først stopper 1. juli.",
    "Inden tabt forældrebetaling trækkes fra, giver forslaget en besparelse på 3,2 mio. "
    "kr. om året.",
]
GROSS_WRONG = [
    "Bruttobesparelsen er 3,5 mio. kr. om året, hvoraf forældrebetalingen på 25 pct. "
    "falder bort.",
    "Før forældrebetalingen modregnes, sparer forslaget 3,6 mio. kr. årligt fra 2027.",
    "Brutto spares der 2.900.000 kr. om året; forældrenes betaling falder tilsvarende.",
    "I 2026 er bruttobesparelsen 2,0 mio. kr., da dagplejerne først stopper 1. juli.",
]


def _gross_errors(text: str) -> list[Finding]:
    result = import_catalogue_text(GROSS_PROPOSAL.format(text=text))
    assert result.catalogue is not None
    return [f for f in (*result.findings, *audit(result.catalogue))
            if f.severity is Severity.ERROR]


@pytest.mark.parametrize("text", GROSS_RIGHT)
def test_a_gross_figure_the_saving_lines_give_is_not_an_error(text: str) -> None:
    assert _gross_errors(text) == []


@pytest.mark.parametrize("text", GROSS_WRONG)
def test_a_gross_figure_no_lines_give_is_an_error(text: str) -> None:
    assert any(f.rule == "text.amount-vs-table" and f.line == 11
               for f in _gross_errors(text))


# A percentage with its base in the same sentence, worded four ways: 25 % of 8,0 mio. kr.
# is 2,0 mio. kr.
PERCENT_INLINE_RIGHT = [
    "Reduktionen på 2,0 mio. kr. svarer til 25 pct. af områdets budget på 8,0 mio. kr.",
    "Der spares 2,0 mio. kr., hvilket er 25 % af et samlet budget på 8,0 mio. kr.",
    "Budgettet reduceres med 2,0 mio. kr. eller 25 procent af 8,0 mio. kr.",
    "Med en besparelse på 25 pct. af puljens 8,0 mio. kr. frigøres 2,0 mio. kr.",
]
PERCENT_INLINE_WRONG = [text.replace("25", "20") for text in PERCENT_INLINE_RIGHT]


@pytest.mark.parametrize("text", PERCENT_INLINE_RIGHT)
def test_a_percentage_of_a_base_in_the_same_sentence_agrees(text: str) -> None:
    assert not any(f.rule == "derived.percent" for f in _errors(text))


@pytest.mark.parametrize("text", PERCENT_INLINE_WRONG)
def test_a_wrong_percentage_of_a_base_in_the_same_sentence_is_found(text: str) -> None:
    assert any(f.rule == "derived.percent" and f.line == 11 for f in _errors(text))
