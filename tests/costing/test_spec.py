"""Reading costing specs: exact numbers, and clear findings for bad input."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

from budgetkatalog.core.finding import Severity
from budgetkatalog.costing.model import CostSpec, Derived, Fixed, Staff
from budgetkatalog.costing.spec import SpecResult, load_spec, locate_keys
from tests.costing.support import ROUND


def load(body: str, round_text: str = ROUND) -> SpecResult:
    return load_spec(round_text + body, "spec.toml")


def spec_from(body: str) -> CostSpec:
    result = load(body)
    assert result.spec is not None, [f.message.en for f in result.findings]
    return result.spec


MINIMAL = """
[proposal]
number = "9.1"
[[line]]
letter = "a"
[[line.component]]
staff = "hk"
fte = 1
"""


def test_numbers_are_read_exactly_in_toml_or_danish_form() -> None:
    spec = spec_from("""
[proposal]
number = "9.1"
[[line]]
letter = "a"
[[line.component]]
amount = "2.306.450"
first_year_share = "7/12"
start = "2020-06"
[[line.component]]
staff = "hk"
fte = 4.45
[[line]]
letter = "b"
[[line.component]]
derived = { of = "a", share = "25 %" }
""")
    first, second = spec.lines[0].components
    assert first.basis == Fixed(((None, Decimal(2306450)),))
    assert first.timing.first_year_share == Fraction(7, 12)
    assert first.timing.start == date(2020, 6, 1)
    assert isinstance(second.basis, Staff)
    assert second.basis.fte == ((None, Decimal("4.45")),)
    assert type(second.basis.fte[0][1]) is Decimal
    assert spec.lines[1].components[0].basis == Derived("a", Fraction(1, 4))
    assert spec.round.years == (2020, 2021, 2022, 2023)
    assert spec.round.overhead_share == Decimal("0.04")


def test_a_toml_syntax_error_is_a_finding_with_its_line() -> None:
    result = load("[proposal]\nnumber = \n")
    assert result.spec is None
    (finding,) = result.findings
    assert finding.rule == "costing.spec-syntax"
    assert finding.line == ROUND.count("\n") + 2
    assert "TOML" in finding.message.en


def test_an_unknown_staff_category_names_the_key_path_and_line() -> None:
    body = MINIMAL.replace('staff = "hk"', 'staff = "ac"')
    result = load(body)
    assert result.spec is None
    (finding,) = result.findings
    assert finding.severity is Severity.ERROR
    assert "line[1].component[1].staff" in finding.message.en
    assert "known: hk" in finding.message.en
    assert "personalekategori ac" in finding.message.da
    text = ROUND + body
    assert text.splitlines()[finding.line - 1].strip() == 'staff = "ac"'  # type: ignore[operator]


def test_a_component_needs_exactly_one_basis() -> None:
    result = load(MINIMAL.replace("fte = 1", "fte = 1\namount = 5000"))
    assert result.spec is None
    assert "exactly one of" in result.findings[0].message.en
    assert "amount, fte" in result.findings[0].message.en


def test_a_share_above_one_is_refused() -> None:
    result = load(MINIMAL + 'first_year_share = "13/12"\n')
    assert result.spec is None
    assert result.findings[0].rule == "costing.spec-value"
    assert "first_year_share" in result.findings[0].message.en


def test_a_misspelt_key_is_an_error_not_silently_ignored() -> None:
    # A misspelt first_year_share would otherwise cost the first year at full effect.
    result = load(MINIMAL + "first_year_shar = \"1/2\"\n")
    assert result.spec is None
    (finding,) = result.findings
    assert (finding.rule, finding.severity) == ("costing.spec-unknown-key", Severity.ERROR)
    assert "line[1].component[1].first_year_shar" in finding.message.en
    assert "first_year_share" in finding.message.en


def test_a_missing_round_and_a_missing_round_file_are_reported() -> None:
    missing = load_spec(MINIMAL, "spec.toml")
    assert missing.spec is None
    assert any(f.rule == "costing.spec-missing" for f in missing.findings)
    unreadable = load_spec('round = "nowhere.toml"\n' + MINIMAL, "spec.toml", lambda name: None)
    assert unreadable.spec is None
    assert unreadable.findings[0].rule == "costing.spec-round-unreadable"
    assert unreadable.findings[0].line == 1


def test_errors_in_a_round_file_point_into_that_file() -> None:
    bad_round = ROUND.replace("salary = 400000", "salary = \"lots\"")
    result = load_spec('round = "round.toml"\n' + MINIMAL, "spec.toml", lambda name: bad_round)
    assert result.spec is None
    (finding,) = result.findings
    assert result.origins == ("round.toml",)
    assert finding.message.en.startswith("round.staff[1].salary")
    assert bad_round.splitlines()[finding.line - 1].startswith("salary")  # type: ignore[operator]


def test_a_derived_line_must_name_a_line_of_the_spec() -> None:
    result = load(MINIMAL + '[[line]]\nletter = "b"\n[[line.component]]\n'
                  'derived = { of = "c", share = "25 %" }\n')
    assert result.spec is None
    assert "line c is not in the spec" in result.findings[0].message.en


def test_key_paths_count_arrays_of_tables_from_one() -> None:
    positions = locate_keys('[[line]]\nletter = "a"\n[[line.component]]\nfte = 1\n'
                            '[[line.component]]\nfte = 2\n[[line]]\nletter = "b"\n'
                            '[[line.component]]\nfte = 3\n')
    assert positions["line[1].component[2].fte"] == 6
    assert positions["line[2].component[1].fte"] == 10
    assert positions["line[2].letter"] == 8


def test_a_wrong_choice_lists_the_allowed_values() -> None:
    result = load(MINIMAL.replace('[[line]]', 'rounding = "nearest"\n[[line]]'))
    assert result.spec is None
    assert "proposal.rounding: must be one of half-up, down, allocate" in \
        result.findings[0].message.en


def test_a_spec_nested_thousands_of_levels_deep_is_a_finding_not_a_crash() -> None:
    for source in ("x = " + "[" * 5000 + "]" * 5000, "x = " + "{a=" * 3000 + "1" + "}" * 3000):
        result = load_spec(source, "forslag.toml")
        assert result.spec is None
        assert [f.rule for f in result.findings] == ["costing.spec-syntax"]
        assert "indlejret for dybt" in result.findings[0].message.da
