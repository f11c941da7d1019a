"""Costing beyond the seed's cases: investment and derived operating rows, overhead,
schedules by year, price level."""

from __future__ import annotations

from decimal import Decimal

from budgetkatalog.costing.compute import cost
from budgetkatalog.costing.model import CostSpec
from tests.costing.test_spec import spec_from


def one_line(letter: str, component: str) -> CostSpec:
    """A spec with one line holding one component (given as TOML keys)."""
    return spec_from(f'[proposal]\nnumber = "9.9"\n[[line]]\nletter = "{letter}"\n'
                     f"[[line.component]]\n{component}")


def test_investment_and_derived_operating_rows_fill_f_and_g() -> None:
    spec = spec_from("""
[proposal]
number = "9.2"
[[line]]
letter = "a"
[[line.component]]
label = "Lavere energiforbrug"
amount = 300000
start = 2021
[[line]]
letter = "f"
[[line.component]]
label = "Solceller"
direction = "cost"
amount = { 2020 = 2500000 }
[[line]]
letter = "g"
[[line.component]]
label = "Service på anlægget"
direction = "cost"
amount = 40000
start = "2020-07"
""")
    table = cost(spec).table
    assert table.lines[0].amounts == (None, -300, -300, -300)
    assert table.investment.amounts == (2500, None, None, None)
    assert table.derived_operating.amounts == (20, 40, 40, 40)
    assert table.subtotal == (0, -300, -300, -300)
    assert table.total == (2520, -260, -260, -260)


def test_overhead_is_added_to_salaries_stated_without_it() -> None:
    line = cost(one_line("a", 'staff = "hk"\nfte = 2.5\n')).line("a")
    assert line is not None
    # 2,5 × 400.000 × 1,04
    assert line.unrounded == tuple(Decimal(-1040000) for _ in range(4))


def test_a_by_year_schedule_has_no_effect_in_the_years_it_does_not_list() -> None:
    spec = one_line("b", 'direction = "cost"\nstaff = "hk"\nfte = { 2020 = 2, 2021 = 1.5 }\n')
    assert cost(spec).table.lines[1].amounts == (832, 624, None, None)


def test_repricing_without_an_index_is_an_error_finding_naming_the_component() -> None:
    result = cost(one_line("a", "amount = 100000\n"), price_level=2022)
    (finding,) = result.findings
    assert finding.rule == "costing.price-index-missing"
    assert "line[1].component[1]" in finding.message.en
    assert "2020 P/L to 2022 P/L" in finding.message.en


def test_an_offset_larger_than_the_saving_is_an_error_unless_allowed() -> None:
    body = """amount = 100000
{allow}
[[line.component.offset]]
kind = "external"
amount = 150000
"""
    refused = cost(one_line("a", body.format(allow="")))
    assert {f.cell for f in refused.findings} == {"2020", "2021", "2022", "2023"}
    assert all(f.rule == "costing.offset-flips-sign" for f in refused.findings)
    allowed = cost(one_line("a", body.format(allow="allow_sign_change = true")))
    assert allowed.findings == ()
    assert allowed.table.lines[0].amounts == (50, 50, 50, 50)
