"""More rules, each tried on hand-written paraphrases (see test_paraphrases.py): a sum
after its parts, a count times a unit amount, a comparison of two unit figures, a saving
said to continue, the phase-in words "full from" and "nothing before", FTE statements,
a share taken by one line, ranges and the memo's remaining target. A right
statement raises no finding of the rule however it is worded; a wrong one raises it."""

from __future__ import annotations

import pytest

from budgetkatalog.audit import audit
from budgetkatalog.core.finding import Finding, Severity
from budgetkatalog.importers.catalogue_text import import_catalogue_text
from tests.audit.conftest import findings_of, proposal_text


def _rules(found: list[Finding], severity: Severity | None = None) -> set[str]:
    return {f.rule for f in found if severity is None or f.severity is severity}


# A sum stated after its parts: 0,2 + 0,8 = 1,0 mio. kr.
SUMS = [
    "Puljerne kan reduceres med 0,2 mio. kr. Kurserne kan reduceres med 0,8 mio. kr. "
    "Samlet reduceres udgifterne med {total} mio. kr.",
    "Puljerne reduceres med 0,2 mio. kr., og kurserne med 0,8 mio. kr. I alt reduceres "
    "udgifterne med {total} mio. kr.",
    "Der spares 0,2 mio. kr. på puljerne og 0,8 mio. kr. på kurserne, i alt {total} mio. kr.",
    "Puljerne giver 0,2 mio. kr. og kurserne 0,8 mio. kr. Tilsammen er det {total} mio. kr.",
]


@pytest.mark.parametrize("text", SUMS)
def test_a_sum_of_the_parts_before_it_agrees_however_it_is_worded(text: str) -> None:
    assert "derived.sum" not in _rules(findings_of(description=text.format(total="1,0")))


@pytest.mark.parametrize("text", SUMS)
def test_a_sum_that_is_not_the_parts_is_found_however_it_is_worded(text: str) -> None:
    assert "derived.sum" in _rules(findings_of(description=text.format(total="1,1")))


# A net figure: the parts offset each other. 1,2 mio. kr. saved on wages less 0,2 mio. kr.
# lost (rent, transport, training) is a net saving of 1,0 mio. kr.; the table agrees.
OFFSET_TABLE = {"line_a": "829002 Løn -600 -1200 -1200 -1200",
                "line_b": "829003 Husleje 100 200 200 200"}
NET_SUMS = [
    "Lukningen sparer 1,2 mio. kr. om året, men kommunen mister 0,2 mio. kr. i "
    "lejeindtægter om året. Samlet er nettobesparelsen {total} mio. kr. om året.",
    "Tiden til hjemmehjælp reduceres med 1,2 mio. kr. om året, og træningen koster 0,2 mio. "
    "kr. om året. Samlet spares netto {total} mio. kr. om året.",
    "Besparelsen på lønnen er 1,2 mio. kr. årligt. Huslejen stiger med 0,2 mio. kr. årligt. "
    "Tilsammen giver det en nettobesparelse på {total} mio. kr. årligt.",
    "Der spares 1,2 mio. kr. på lønnen og bruges 0,2 mio. kr. på kørsel, i alt netto "
    "{total} mio. kr. om året.",
]


@pytest.mark.parametrize("text", NET_SUMS)
def test_a_net_sum_of_parts_that_offset_each_other_agrees(text: str) -> None:
    found = findings_of(economy=text.format(total="1,0"), **OFFSET_TABLE)
    assert "derived.sum" not in _rules(found), [f.message.en for f in found]


@pytest.mark.parametrize("text", NET_SUMS)
def test_a_net_sum_that_is_not_the_parts_is_found(text: str) -> None:
    found = findings_of(economy=text.format(total="0,9"), **OFFSET_TABLE)
    assert "derived.sum" in _rules(found)


# A sum for one year counts only the parts for that year: in 2020 the 1,5 mio. kr.
# investment less the 0,5 mio. kr. saved that year is a net cost of 1,0 mio. kr.; the
# 1,0 mio. kr. a year saved from 2021 is no part of it. The table agrees.
INVESTED_2020 = {"investment": " 1500", "total": "1000 -1000 -1000 -1000"}
SUMS_FOR_A_YEAR = [
    "Der investeres 1,5 mio. kr. i 2020, og lønnen reduceres med 0,5 mio. kr. i 2020 og "
    "1,0 mio. kr. fra 2021. Samlet er nettoudgiften {total} mio. kr. i 2020.",
    "Anlægsudgiften er 1,5 mio. kr. i 2020. Fra 2021 spares 1,0 mio. kr. om året, og i 2020 "
    "spares 0,5 mio. kr. I alt er nettoudgiften {total} mio. kr. i 2020.",
    "Bygningen koster 1,5 mio. kr. i 2020, og der spares 0,5 mio. kr. på driften i 2020. "
    "Driften spares med 1,0 mio. kr. årligt fra 2021. Samlet bliver nettoudgiften {total} "
    "mio. kr. i 2020.",
]


@pytest.mark.parametrize("text", SUMS_FOR_A_YEAR)
def test_a_sum_for_one_year_counts_only_that_year_s_parts(text: str) -> None:
    found = findings_of(economy=text.format(total="1,0"), **INVESTED_2020)
    assert "derived.sum" not in _rules(found), [f.message.en for f in found]


@pytest.mark.parametrize("text", SUMS_FOR_A_YEAR)
def test_a_sum_for_one_year_that_is_not_that_year_s_parts_is_found(text: str) -> None:
    found = findings_of(economy=text.format(total="1,2"), **INVESTED_2020)
    assert "derived.sum" in _rules(found)


# A full-year amount is not whole in the year its phase-in excepts: in 2020 the saving of
# 1,0 mio. kr. a year is half, so the 0,3 mio. kr. net saving in 2020 (0,5 less the 0,2
# rebuilding) is no sum of 1,0 and 0,2; the table agrees.
PHASED_2020 = {"investment": " 200", "total": "-300 -1000 -1000 -1000"}


@pytest.mark.parametrize("text", [
    "Lønbesparelsen er 1,0 mio. kr. årligt med halv effekt i 2020. Ombygningen koster 0,2 "
    "mio. kr. i 2020. Samlet giver forslaget en nettobesparelse på 0,3 mio. kr. i 2020.",
    "Ombygningen koster 0,2 mio. kr. i 2020. Der spares 1,0 mio. kr. om året, i 2020 dog kun "
    "det halve. Samlet er nettobesparelsen 0,3 mio. kr. i 2020.",
    "Ombygningen koster 0,2 mio. kr. i 2020, og lønudgiften falder med 1,0 mio. kr. om året "
    "fra juli 2020. Samlet spares netto 0,3 mio. kr. i 2020.",
])
def test_a_full_year_amount_is_no_part_of_a_sum_for_the_year_its_phase_in_excepts(
        text: str) -> None:
    found = findings_of(economy=text, **PHASED_2020)
    assert "derived.sum" not in _rules(found), [f.message.en for f in found]


@pytest.mark.parametrize("text", [
    "Ombygningen kræver en anlægsinvestering på 1,5 mio. kr. i 2020. Driftsbesparelsen er "
    "på 1,0 mio. kr. årligt fra 2021. Samlet giver forslaget en nettoudgift på 1,0 mio. kr. "
    "i 2020.",
    "I 2020 investeres 1,5 mio. kr. Fra 2021 spares 1,0 mio. kr. om året. Samlet koster "
    "forslaget netto 1,0 mio. kr. i 2020.",
    "Anlægget koster 1,5 mio. kr. i 2020, og driften spares med 1,0 mio. kr. om året fra "
    "2021. Samlet er nettoudgiften 1,0 mio. kr. i 2020.",
])
def test_a_sum_for_one_year_is_not_held_to_parts_of_other_years(text: str) -> None:
    # One stated part in 2020; the 2020 saving the net figure also holds is only in the
    # table, so the sentence is the text rule's to check (it agrees with I alt 2020).
    found = findings_of(economy=text, **INVESTED_2020)
    assert "derived.sum" not in _rules(found), [f.message.en for f in found]
    assert _rules(found, Severity.ERROR) == set(), [f.message.en for f in found]


# A count times a unit amount: 4 × 500.000 kr. = 2,0 mio. kr. (the table agrees).
TABLE_2000 = {"line_a": "829002 Løn -1000 -2000 -2000 -2000",
              "subtotal": "-1000 -2000 -2000 -2000", "total": "-1000 -2000 -2000 -2000"}
PRODUCTS = [
    "En gennemsnitsløn er 500.000 kr., svarende til {total} mio. kr. for de 4 stillinger.",
    "4 stillinger à 500.000 kr. giver {total} mio. kr.",
    "Med en gennemsnitlig løn på 500.000 kr. pr. stilling spares {total} mio. kr. for 4 "
    "stillinger.",
    "De 4 medarbejdere koster hver 500.000 kr. om året, i alt {total} mio. kr.",
    "Lønnen til de 4 stillinger er i gennemsnit 500.000 kr. pr. år, dvs. {total} mio. kr. "
    "i alt.",
]


@pytest.mark.parametrize("text", PRODUCTS)
def test_a_count_times_a_unit_amount_agrees_however_it_is_worded(text: str) -> None:
    found = findings_of(description=text.format(total="2,0"), **TABLE_2000)
    assert "derived.product" not in _rules(found)
    assert _rules(found, Severity.ERROR) == set()


@pytest.mark.parametrize("text", PRODUCTS)
def test_a_wrong_product_is_an_error_however_it_is_worded(text: str) -> None:
    found = findings_of(description=text.format(total="2,4"), **TABLE_2000)
    assert "derived.product" in _rules(found, Severity.ERROR)


# Two unit figures compared: 241,1 against 236,7 kr. per inhabitant is 1,86 % more.
COMPARISONS = [
    "Kommunen bruger 241,1 kr. pr. indbygger. Sammenlignelige kommuner bruger 236,7 kr. pr. "
    "indbygger. Kommunen bruger således {pct} % mere.",
    "Kommunen bruger 241,1 kr. pr. indbygger. Sammenlignelige kommuner bruger 236,7 kr. pr. "
    "indbygger. Kommunen bruger dermed {pct} % mere.",
    "Kommunen bruger 241,1 kr. pr. indbygger, mens sammenlignelige kommuner bruger 236,7 kr. "
    "pr. indbygger. Det er {pct} pct. mere.",
    "Udgiften er 241,1 kr. pr. indbygger mod 236,7 kr. pr. indbygger i sammenlignelige "
    "kommuner, altså {pct} procent højere.",
]


@pytest.mark.parametrize("text", COMPARISONS)
def test_a_comparison_of_two_figures_agrees_however_it_is_worded(text: str) -> None:
    assert "derived.comparison" not in _rules(findings_of(description=text.format(pct="1,9")),
                                              Severity.ERROR)


@pytest.mark.parametrize("text", COMPARISONS)
def test_a_wrong_comparison_is_an_error_however_it_is_worded(text: str) -> None:
    assert "derived.comparison" in _rules(findings_of(description=text.format(pct="5,0")),
                                          Severity.ERROR)


# A saving said to continue, against a table that stops (0 in 2023) or does not.
STOPS = {"line_a": "829002 Løn -500 -1000 -1000 0", "subtotal": "-500 -1000 -1000 0",
         "total": "-500 -1000 -1000 0"}
CONTINUES = [
    "Forslaget sparer 1,0 mio. kr. årligt fremover.",
    "Besparelsen på 1,0 mio. kr. om året er permanent.",
    "Der spares varigt 1,0 mio. kr. om året.",
    "Forslaget sparer 1,0 mio. kr. om året, også i årene derefter.",
]


@pytest.mark.parametrize("text", CONTINUES)
def test_a_saving_said_to_continue_agrees_with_a_table_that_continues(text: str) -> None:
    assert "continues" not in _rules(findings_of(description=text))


@pytest.mark.parametrize("text", CONTINUES)
def test_a_saving_said_to_continue_is_flagged_where_the_table_stops(text: str) -> None:
    assert "continues" in _rules(findings_of(description=text, **STOPS))


# "Full effect from 2021": 2021 onward equal. The wrong table has 2022 at -900.
UNEVEN = {"line_a": "829002 Løn -500 -1000 -900 -1000", "subtotal": "-500 -1000 -900 -1000",
          "total": "-500 -1000 -900 -1000"}
FULL_FROM = [
    "Forslaget har fuld effekt fra 2021.",
    "Forslaget har helårseffekt fra 2021.",
    "Besparelsen er fuldt indfaset fra 2021.",
    "Forslaget virker fuldt ud fra 2021.",
]


@pytest.mark.parametrize("text", FULL_FROM)
def test_full_effect_from_a_year_agrees_however_it_is_worded(text: str) -> None:
    assert _rules(findings_of(economy=text), Severity.ERROR) == set()


@pytest.mark.parametrize("text", FULL_FROM)
def test_full_effect_from_a_year_against_an_uneven_table_is_an_error(text: str) -> None:
    assert "phase.full-from" in _rules(findings_of(economy=text, **UNEVEN), Severity.ERROR)


# Phase-in words speak of the effect on operations (the Delsum), not of a one-off capital
# investment (f) or the derived operating costs that follow it (g): a table with 2.500
# invested in 2020 and 25 a year in running costs from 2021 still has its full effect
# from 2021 (a-d: -500, then -1.000), though I alt is 2.000 in 2020, then -975.
INVESTED = {"investment": " 2500", "derived": " 25 25 25",
            "total": "2000 -975 -975 -975"}
INVESTED_UNEVEN = {**UNEVEN, "investment": " 2500", "derived": " 25 25 25",
                   "total": "2000 -975 -875 -975"}
FULL_FROM_AFTER_INVESTMENT = [
    "Anlægsudgiften er 2,5 mio. kr. i 2020. Besparelsen har halv effekt i 2020 og fuld "
    "effekt fra 2021.",
    "Efter en investering på 2,5 mio. kr. i 2020 er besparelsen fuldt indfaset fra 2021.",
    "Forslaget virker fuldt ud fra 2021, når anlægget til 2,5 mio. kr. er bygget i 2020.",
    "Ombygningen koster 2,5 mio. kr. i 2020 og giver driftsudgifter på 25.000 kr. om året "
    "fra 2021. Forslaget har helårseffekt fra 2021.",
]


@pytest.mark.parametrize("text", FULL_FROM_AFTER_INVESTMENT)
def test_full_effect_from_a_year_looks_past_a_one_off_investment(text: str) -> None:
    found = findings_of(economy=text, **INVESTED)
    assert not {f.rule for f in found if f.rule.startswith("phase.")}, [
        f.message.en for f in found]


@pytest.mark.parametrize("text", FULL_FROM_AFTER_INVESTMENT)
def test_full_effect_from_a_year_after_an_investment_is_still_checked(text: str) -> None:
    found = findings_of(economy=text, **INVESTED_UNEVEN)
    assert "phase.full-from" in _rules(found, Severity.ERROR)


# "Nothing before 2021": 2020 must be 0. The default table has -500 in 2020.
LATER = {"line_a": "829002 Løn 0 -1000 -1000 -1000", "subtotal": "0 -1000 -1000 -1000",
         "total": "0 -1000 -1000 -1000"}
NONE_BEFORE = [
    "Forslaget får først effekt i 2021.",
    "Forslaget virker først fra 2021.",
    "Der er ingen effekt i 2020.",
    "Besparelsen træder først i kraft i 2021.",
]


@pytest.mark.parametrize("text", NONE_BEFORE)
def test_no_effect_before_a_year_agrees_however_it_is_worded(text: str) -> None:
    assert _rules(findings_of(economy=text, **LATER), Severity.ERROR) == set()


@pytest.mark.parametrize("text", NONE_BEFORE)
def test_no_effect_before_a_year_against_a_table_with_one_is_an_error(text: str) -> None:
    assert "phase.none-before" in _rules(findings_of(economy=text), Severity.ERROR)


# "Nothing before 2021" with the investment made in 2020: I alt has it, the effect not.
LATER_INVESTED = {**LATER, "investment": " 1200", "total": "1200 -1000 -1000 -1000"}
NONE_BEFORE_AFTER_INVESTMENT = [
    "Anlægget bygges i 2020 for 1,2 mio. kr.; forslaget får først effekt i 2021.",
    "Efter investeringen på 1,2 mio. kr. i 2020 virker forslaget først fra 2021.",
    "Besparelsen træder først i kraft i 2021, når anlægsinvesteringen på 1,2 mio. kr. i "
    "2020 er gennemført.",
]


@pytest.mark.parametrize("text", NONE_BEFORE_AFTER_INVESTMENT)
def test_no_effect_before_a_year_looks_past_an_investment_that_year(text: str) -> None:
    found = findings_of(economy=text, **LATER_INVESTED)
    assert "phase.none-before" not in _rules(found), [f.message.en for f in found]


@pytest.mark.parametrize("text", NONE_BEFORE_AFTER_INVESTMENT)
def test_an_effect_before_the_year_is_an_error_beside_an_investment(text: str) -> None:
    found = findings_of(economy=text, investment=" 1200", total="700 -1000 -1000 -1000")
    assert "phase.none-before" in _rules(found, Severity.ERROR)


# Two statements of one FTE reduction, the second worded three ways.
FTE_DESCRIPTION = "De administrative støttefunktioner reduceres med samlet 2 årsværk."
FTE_STAFF = [
    "Reduktionen i administrative støttefunktioner medfører en reduktion på {n} årsværk.",
    "I de administrative støttefunktioner nedlægges {n} årsværk.",
    "Forslaget betyder, at {n} årsværk i de administrative støttefunktioner bortfalder.",
]


@pytest.mark.parametrize("staff", FTE_STAFF)
def test_two_statements_of_one_fte_reduction_agree_however_worded(staff: str) -> None:
    assert findings_of(description=FTE_DESCRIPTION, staff=staff.format(n=2)) == []


@pytest.mark.parametrize("staff", FTE_STAFF)
def test_two_statements_of_one_fte_reduction_that_differ_are_an_error(staff: str) -> None:
    found = findings_of(description=FTE_DESCRIPTION, staff=staff.format(n=3))
    assert "fte.conflict" in _rules(found, Severity.ERROR)


# The parents' payment as a share of the other lines: 25 % of 800 is 200, not 250.
SHARE = [
    "Fratrukket forældrebetalingen på 25 pct. giver det en besparelse.",
    "Heraf falder forældrebetalingen på 25 % bort.",
    "Forældrebetalingen, som udgør 25 procent, modregnes.",
    "Besparelsen modregnes en forældrebetaling svarende til 25 pct.",
]


def _share(economy: str, payment: str, net: str) -> list[Finding]:
    return findings_of(economy=economy, caption="8290", line_a="Dagtilbud -400 -800 -800 -800",
                       line_b=f"Forældrebetaling 100 {payment} {payment} {payment}",
                       subtotal=f"-300 {net} {net} {net}", total=f"-300 {net} {net} {net}")


@pytest.mark.parametrize("text", SHARE)
def test_a_share_taken_by_one_line_agrees_however_it_is_worded(text: str) -> None:
    assert _share(text, "200", "-600") == []


@pytest.mark.parametrize("text", SHARE)
def test_a_wrong_share_taken_by_one_line_is_an_error_however_it_is_worded(text: str) -> None:
    assert "derived.share" in _rules(_share(text, "250", "-550"), Severity.ERROR)


# One range stated twice, the first worded three ways.
RANGES = [
    "Forslaget giver mellem 1,9 og 2,5 mio. kr. Besparelsen ligger mellem 1,9 og {high} mio. "
    "kr.",
    "Forslaget giver fra 1,9 til 2,5 mio. kr. Besparelsen ligger mellem 1,9 og {high} mio. kr.",
    "Forslaget giver 1,9–2,5 mio. kr. Besparelsen ligger i intervallet 1,9 til {high} mio. kr.",
]


@pytest.mark.parametrize("text", RANGES)
def test_one_range_stated_twice_agrees_however_it_is_worded(text: str) -> None:
    assert "ranges" not in _rules(findings_of(description=text.format(high="2,5")))


@pytest.mark.parametrize("text", RANGES)
def test_two_statements_of_a_range_that_differ_are_found_however_worded(text: str) -> None:
    assert "ranges" in _rules(findings_of(description=text.format(high="3,5")))


# FTE today less the level reduced to: 5,8 − 1,8 = 4 årsværk, as section 4 states.
FTE_LEVELS = [
    "Enheden har i dag 5,8 årsværk. Forslaget reducerer enheden til 1,8 administrativt "
    "årsværk.",
    "I dag er der 5,8 årsværk i enheden. Efter forslaget er der 1,8 årsværk tilbage.",
    "Enheden består i dag af 5,8 årsværk, som nedbringes til 1,8 årsværk.",
    "Med forslaget går enheden fra 5,8 årsværk i dag til 1,8 årsværk.",
]


@pytest.mark.parametrize("text", FTE_LEVELS)
def test_fte_today_less_the_level_reduced_to_agrees_however_worded(text: str) -> None:
    assert findings_of(description=text, staff="Afskedigelse svarende til 4 årsværk.") == []


@pytest.mark.parametrize("text", FTE_LEVELS)
def test_fte_today_less_the_level_reduced_to_that_differs_is_an_error(text: str) -> None:
    found = findings_of(description=text, staff="Afskedigelse svarende til 3 årsværk.")
    assert "fte.reduction" in _rules(found, Severity.ERROR)


# The memo's target less what is already implemented: 34,2 − 9,5 = 24,7 mio. kr.
MEMO_TARGET = [
    "Administrationens budget er 213,6 mio. kr. En reduktion på 16 % af dette beløb udgør "
    "34,2 mio. kr. Siden er der implementeret forslag for 9,5 mio. kr. Den resterende "
    "reduktion er {rest} mio. kr.",
    "Administrationen koster 213,6 mio. kr. Målet er 16 % af dette beløb, dvs. 34,2 mio. "
    "kr. Allerede vedtaget er 9,5 mio. kr. Det resterende måltal er dermed {rest} mio. kr.",
    "Udgangspunktet er 213,6 mio. kr. Heraf skal 16 %, svarende til 34,2 mio. kr., spares. "
    "Der er gennemført besparelser for 9,5 mio. kr. Reduktionen, der mangler, er {rest} "
    "mio. kr.",
]


def _memo(memo: str) -> list[Finding]:
    result = import_catalogue_text(f"Notat om budgetkataloget\n\n{memo}\n\n" + proposal_text())
    assert result.catalogue is not None
    return audit(result.catalogue)


@pytest.mark.parametrize("memo", MEMO_TARGET)
def test_the_remaining_target_agrees_however_the_memo_words_it(memo: str) -> None:
    assert "memo.target" not in _rules(_memo(memo.format(rest="24,7")))


@pytest.mark.parametrize("memo", MEMO_TARGET)
def test_a_wrong_remaining_target_is_an_error_however_the_memo_words_it(memo: str) -> None:
    assert "memo.target" in _rules(_memo(memo.format(rest="25,7")), Severity.ERROR)
