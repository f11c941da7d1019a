from __future__ import annotations

from decimal import Decimal

from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.core.finding import Severity
from budgetkatalog.core.overview import RowKind, compare_overview, compute_overview


def test_the_overview_recomputes_to_the_seed_within_its_rounding(seed: Catalogue) -> None:
    overview = compute_overview(seed)
    head, admin = overview.lines[0], overview.lines[1]
    assert head.kind is RowKind.CATALOGUE
    assert head.computed == (-15066, -31154, -29141, -28078)
    assert admin.computed == (-13303, -28078, -28078, -28078)
    job = next(line for line in overview.lines if line.label == "1.6 Analyse af Jobcentret")
    assert job.computed == (-1763, -3076, -1063, 0)
    assert job.stated == tuple(Decimal(v) for v in ("-1.763", "-3.076", "-1.063", "0.000"))

    findings = compare_overview(overview)
    assert {(f.rule, f.severity, f.cell) for f in findings} == {
        ("overview.rounding", Severity.NOTE, f"{seed.title}/2020"),
        ("overview.rounding", Severity.NOTE, "Administrationsanalysen/2020"),
    }
    rounding = next(f for f in findings if f.cell == "Administrationsanalysen/2020")
    assert dict(rounding.numbers)["difference"] == 1
    assert "afrunding" in rounding.message.da and "rounding" in rounding.message.en


def test_a_proposal_row_that_differs_from_its_table_is_an_error(seed: Catalogue) -> None:
    import dataclasses

    assert seed.overview is not None
    group_row, members = seed.overview.groups[0]
    changed = tuple(dataclasses.replace(m, amounts=(Decimal("-1.176"), *m.amounts[1:]))
                    if m.number == "2.2" else m for m in members)
    overview = dataclasses.replace(seed.overview,
                                   groups=((group_row, changed), *seed.overview.groups[1:]))
    findings = compare_overview(compute_overview(dataclasses.replace(seed, overview=overview)))
    errors = [f for f in findings if f.severity is Severity.ERROR]
    assert [(f.rule, f.proposal, f.cell) for f in errors] == [
        ("overview.mismatch", "2.2", "2.2/2020")]


def test_a_group_difference_beyond_rounding_is_an_error(seed: Catalogue) -> None:
    import dataclasses

    assert seed.overview is not None
    group_row, members = seed.overview.groups[1]
    wrong = dataclasses.replace(group_row, amounts=(Decimal("-1.863"), *group_row.amounts[1:]))
    overview = dataclasses.replace(seed.overview,
                                   groups=(seed.overview.groups[0], (wrong, members)))
    findings = compare_overview(compute_overview(dataclasses.replace(seed, overview=overview)))
    assert any(f.rule == "overview.mismatch" and f.severity is Severity.ERROR
               and f.cell == "1.6 Analyse af Jobcentret/2020" for f in findings)
