"""The audit on the seed catalogue: what a careful finance officer finds, and no
error where text and table agree."""

from __future__ import annotations

from budgetkatalog.core.finding import Finding, Severity


def of(findings: list[Finding], proposal: str | None, rule: str) -> list[Finding]:
    return [f for f in findings if f.proposal == proposal and f.rule == rule]


def test_2_3_says_the_full_saving_from_2020_but_the_table_halves_2020(
        seed_findings: list[Finding]) -> None:
    [finding] = of(seed_findings, "2.3", "text.amount-vs-table")
    assert finding.severity is Severity.ERROR
    assert finding.line == 974
    assert finding.cell == "I alt/2020"
    assert dict(finding.numbers)["table"] == -946
    assert "1,891 mio. kr." in finding.message.da


def test_2_6_caption_names_the_daycare_areas_not_the_schools(
        seed_findings: list[Finding]) -> None:
    [finding] = of(seed_findings, "2.6", "areas.caption-mismatch")
    assert finding.severity is Severity.ERROR
    assert "4510, 4590" in finding.message.da and "4410, 4490" in finding.message.da


def test_2_17_annual_saving_in_the_description_is_not_the_table_s(
        seed_findings: list[Finding]) -> None:
    [finding] = of(seed_findings, "2.17", "text.amount-vs-table")
    assert finding.severity is Severity.ERROR
    # The line of the sentence itself ("Det svarer til ... 2.165.000 kr."), not of its
    # paragraph's first line (2590).
    assert finding.line == 2594
    assert dict(finding.numbers)["table"] == -2126


def test_2_16_account_codes_and_the_half_fte_that_continues(
        seed_findings: list[Finding]) -> None:
    assert of(seed_findings, "2.16", "areas.account-code")[0].cell == "b/konto"
    assert of(seed_findings, "2.16", "continues")[0].severity is Severity.WARNING
    assert of(seed_findings, "2.17", "areas.account")[0].severity is Severity.WARNING


def test_placeholders_and_missing_areas_are_warnings(seed_findings: list[Finding]) -> None:
    assert of(seed_findings, "2.1", "areas.placeholder")
    assert of(seed_findings, "2.4", "areas.placeholder")[0].cell == "caption"
    assert len(of(seed_findings, "2.7", "areas.placeholder")) == 2
    assert of(seed_findings, "2.2", "areas.missing")[0].severity is Severity.WARNING


def test_the_intro_list_names_a_unit_that_is_a_team_in_the_proposal(
        seed_findings: list[Finding]) -> None:
    mismatches = [f for f in seed_findings if f.rule == "intro.list-mismatch"]
    assert [f.proposal for f in mismatches] == ["2.3"]
    assert "erhvervsenheden" in mismatches[0].message.da


def test_rounding_differences_are_notes(seed_findings: list[Finding]) -> None:
    notes = {(f.rule, f.proposal) for f in seed_findings if f.severity is Severity.NOTE}
    assert ("overview.rounding", None) in notes
    assert ("fte.table.rounding", None) in notes
    assert ("phase.rounding", "2.9") in notes


def test_no_error_where_text_and_table_agree(seed_findings: list[Finding]) -> None:
    agreeing = {"2.1", "2.2", "2.4", "2.5", "2.8", "2.9", "2.10", "2.11", "2.12", "2.13",
                "2.14", "2.16"}
    errors = [f for f in seed_findings if f.severity is Severity.ERROR
              and f.proposal in agreeing]
    assert errors == []


def test_memo_target_less_implemented_is_not_the_stated_remainder(
        seed_findings: list[Finding]) -> None:
    [finding] = of(seed_findings, None, "memo.target")
    assert finding.severity is Severity.ERROR and finding.line == 232
    numbers = dict(finding.numbers)
    assert (numbers["expected"], numbers["stated"]) == (24_700_000, 25_700_000)


def test_2_7_two_sections_give_different_fte_for_the_administrative_community(
        seed_findings: list[Finding]) -> None:
    [finding] = of(seed_findings, "2.7", "fte.conflict")
    assert dict(finding.numbers) == {"first": 2, "second": 1.5}
    assert finding.line == 1493


def test_2_15_percentage_of_the_appropriation_is_not_the_saving(
        seed_findings: list[Finding]) -> None:
    [finding] = of(seed_findings, "2.15", "derived.percent")
    assert finding.severity is Severity.ERROR
    assert dict(finding.numbers)["expected"] == 119_000
    [comparison] = of(seed_findings, "2.15", "derived.comparison")
    assert comparison.severity is Severity.NOTE


def test_2_16_two_statements_of_the_same_range_disagree(
        seed_findings: list[Finding]) -> None:
    [finding] = of(seed_findings, "2.16", "ranges")
    assert finding.severity is Severity.WARNING


def test_the_benchmark_table_repeats_its_first_column(seed_findings: list[Finding]) -> None:
    [finding] = of(seed_findings, None, "memo.columns")
    assert finding.line == 136 and finding.cell == "kolonne 1/2"


def test_memo_fte_per_department_matches_the_proposals_except_culture(
        seed_findings: list[Finding]) -> None:
    assert [f.proposal for f in seed_findings if f.rule == "fte.memo"] == ["2.7"]


def test_numbers_outside_danish_convention_are_notes(seed_findings: list[Finding]) -> None:
    texts = {f.message.da.split("'")[1] for f in seed_findings
             if f.rule == "notation"}
    assert {"9.5 årsværk", "1.75 mio. kr.", "1. mio. kr.", "1, 2 årsværk"} <= texts


def test_findings_group_by_proposal_for_the_web(seed_findings: list[Finding]) -> None:
    from budgetkatalog.audit import by_proposal

    grouped = by_proposal(seed_findings)
    assert {f.rule for f in grouped["2.6"]} >= {"areas.caption-mismatch"}
    assert all(f.proposal is None for f in grouped[None])
    assert sum(len(v) for v in grouped.values()) == len(seed_findings)
