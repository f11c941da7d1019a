"""Each rule on a one-proposal catalogue built from a short text."""

from __future__ import annotations

from budgetkatalog.core.finding import Finding, Severity
from tests.audit.conftest import findings_of


def rules(findings: list[Finding], severity: Severity | None = None) -> set[str]:
    return {f.rule for f in findings if severity is None or f.severity is severity}


def test_a_consistent_proposal_has_no_findings() -> None:
    assert findings_of(economy="Forslaget giver en besparelse på 0,5 mio. kr. i 2020 og "
                               "1,0 mio. kr. fra 2021.") == []


def test_a_subtotal_that_is_not_the_sum_of_its_lines_is_an_error() -> None:
    findings = findings_of(line_a="829002 Løn -500 -1000 -1000 -1000",
                           line_b="829003 Drift -100 -100 -100 -100",
                           subtotal="-600 -1100 -1100 -1000",
                           total="-600 -1100 -1100 -1000")
    [finding] = [f for f in findings if f.rule == "table.subtotal"]
    assert finding.cell == "e/2023" and finding.severity is Severity.ERROR
    assert dict(finding.numbers) == {"stated": -1000, "computed": -1100}


def test_a_total_that_is_not_e_plus_f_plus_g_is_an_error() -> None:
    findings = findings_of(total="-500 -1000 -1000 -1001")
    assert [f.cell for f in findings if f.rule == "table.total"] == ["I alt/2023"]


def test_text_that_names_a_year_is_checked_against_that_year() -> None:
    findings = findings_of(economy="Forslaget giver en besparelse på 1,0 mio. kr. årligt fra "
                                   "2020.")
    [finding] = [f for f in findings if f.rule == "text.amount-vs-table"]
    assert finding.cell == "I alt/2020" and finding.severity is Severity.ERROR


def test_tkr_and_whole_kroner_are_read() -> None:
    assert findings_of(economy="Besparelsen er 500 tkr. i 2020 og 1.000.000 kr. i 2021.") == []
    bad = findings_of(economy="Besparelsen er 500 tkr. i 2020 og 1.100.000 kr. i 2021.")
    assert [f.cell for f in bad if f.rule == "text.amount-vs-table"] == ["I alt/2021"]


def test_a_rounded_text_amount_agrees_with_the_table() -> None:
    assert findings_of(economy="Besparelsen ved fuld implementering er 1 mio. kr.",
                       line_a="829002 Løn -480 -960 -960 -960",
                       subtotal="-480 -960 -960 -960", total="-480 -960 -960 -960") == []


def test_half_effect_in_the_budget_year() -> None:
    text = "Forslaget har halv effekt i 2020 og fuld effekt fra 2021."
    assert findings_of(economy=text) == []
    bad = findings_of(economy=text, line_a="829002 Løn -800 -1000 -1000 -1000",
                      subtotal="-800 -1000 -1000 -1000", total="-800 -1000 -1000 -1000")
    assert rules(bad, Severity.ERROR) == {"phase.ratio"}


def test_full_effect_from_a_year_requires_a_flat_table_from_then() -> None:
    bad = findings_of(economy="Forslaget har fuld effekt fra 2021.",
                      line_a="829002 Løn -500 -1000 -900 -1000",
                      subtotal="-500 -1000 -900 -1000", total="-500 -1000 -900 -1000")
    assert [f.cell for f in bad if f.rule == "phase.full-from"] == ["e/2022"]


def test_first_effect_in_a_year_means_nothing_before() -> None:
    bad = findings_of(economy="Reduktionen vil først have effekt i 2021.")
    assert [f.cell for f in bad if f.rule == "phase.none-before"] == ["e/2020"]


def test_caption_areas_must_be_the_heading_s() -> None:
    bad = findings_of(caption="8291 Puljer")
    assert rules(bad, Severity.ERROR) == {"areas.caption-mismatch"}


def test_an_account_outside_the_areas_is_a_warning() -> None:
    bad = findings_of(line_a="829102 Løn -500 -1000 -1000 -1000")
    assert [f.rule for f in bad] == ["areas.account"]
    assert bad[0].severity is Severity.WARNING


def test_findings_are_in_english_on_request() -> None:
    [finding] = [f for f in findings_of(caption="8291 Puljer")
                 if f.rule == "areas.caption-mismatch"]
    assert finding.message.in_language("en").startswith("The heading names")
    assert finding.to_dict("en")["message"] == finding.message.en


def test_a_percentage_of_a_stated_base() -> None:
    good = ("Bevillingen til puljerne udgør 10,0 mio. kr. En reduktion på 10 % af dette "
            "beløb udgør 1,0 mio. kr.")
    assert findings_of(description=good) == []
    bad = findings_of(description=good.replace("udgør 1,0", "udgør 1,2"))
    assert [f.rule for f in bad] == ["derived.percent"]


def test_a_count_times_a_unit_amount() -> None:
    good = "En gennemsnitsløn er 500.000 kr., svarende til 2,0 mio. kr. for de 4 stillinger."
    assert findings_of(description=good) == []
    bad = findings_of(description=good.replace("2,0 mio", "2,2 mio"))
    assert [f.rule for f in bad] == ["derived.product"]


def test_a_total_less_a_deduction() -> None:
    good = ("Lønnen er 1,2 mio. kr. for stillingerne. Derfor reduceres besparelsen med "
            "200.000 kr. Hermed udgør reduktionen 1,0 mio. kr.")
    assert findings_of(description=good) == []
    assert [f.rule for f in findings_of(description=good.replace("200.000", "100.000"))] \
        == ["derived.deduction"]


def test_samlet_is_the_sum_of_the_parts_before_it() -> None:
    good = ("Puljerne kan reduceres med 0,2 mio. kr. Kurserne kan reduceres med 0,8 mio. kr. "
            "Samlet reduceres udgifterne med 1,0 mio. kr.")
    assert findings_of(description=good) == []
    assert [f.rule for f in findings_of(description=good.replace("0,8", "0,9"))] \
        == ["derived.sum"]


def test_fte_in_description_and_staff_sections_must_agree() -> None:
    description = "De administrative støttefunktioner reduceres med samlet 2 årsværk."
    staff = "Reduktionen i administrative støttefunktioner medfører en reduktion på {} årsværk."
    assert findings_of(description=description, staff=staff.format(2)) == []
    bad = findings_of(description=description, staff=staff.format(3))
    assert [f.rule for f in bad] == ["fte.conflict"]


def test_a_parental_payment_share_of_the_other_lines() -> None:
    economy = "Fratrukket forældrebetalingen på 25 pct. giver det en besparelse."
    assert findings_of(economy=economy, line_a="Dagtilbud -400 -800 -800 -800",
                       line_b="Forældrebetaling 100 200 200 200",
                       subtotal="-300 -600 -600 -600", total="-300 -600 -600 -600",
                       caption="8290") == []
    bad = findings_of(economy=economy, line_a="Dagtilbud -400 -800 -800 -800",
                      line_b="Forældrebetaling 100 250 250 250",
                      subtotal="-300 -550 -550 -550", total="-300 -550 -550 -550",
                      caption="8290")
    assert {f.rule for f in bad} == {"derived.share"}


def test_fte_today_less_the_level_reduced_to_is_the_saving() -> None:
    description = ("Enheden har i dag 5,8 årsværk. Forslaget reducerer enheden til 1,8 "
                   "administrativt årsværk.")
    assert findings_of(description=description, staff="Afskedigelse svarende til 4 årsværk.") \
        == []
    bad = findings_of(description=description, staff="Afskedigelse svarende til 3 årsværk.")
    assert [f.rule for f in bad] == ["fte.reduction"]


def test_phase_words_that_disagree_are_told_what_the_table_shows() -> None:
    # "halv effekt" in 2020, but the row shows a third of 2021's full effect.
    findings = findings_of(
        economy="Forslaget har halv effekt i 2020 og fuld effekt fra 2021.",
        line_a="829002 Løn -333 -1000 -1000 -1000", subtotal="-333 -1000 -1000 -1000",
        total="-333 -1000 -1000 -1000")
    [finding] = [f for f in findings if f.rule == "phase.ratio"]
    assert finding.message.da.endswith("Tabel 1 viser 1/3 effekt det første år.")
    assert finding.message.en.endswith("Table 1 shows one third effect the first year.")
