"""Scenarios side by side."""

from __future__ import annotations

from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.scenarios.comparison import compare
from budgetkatalog.scenarios.decision import Decision, Scenario
from budgetkatalog.scenarios.round_setup import build_setup
from budgetkatalog.scenarios.targets import Targets


def test_two_scenarios_show_their_totals_and_where_they_differ(seed: Catalogue) -> None:
    setup = build_setup(seed, Targets.from_year(2021, seed.round.years, -25700))
    first = Scenario.adopting("A", ["2.4", "2.8"])
    second = first.copy("B").with_decision("2.8", Decision.rejected()) \
        .with_decision("2.6", Decision.adopted())
    comparison = compare(setup, (first, second))
    assert comparison.totals_for(2021) == (-2784 - 7666, -2784 - 3327)
    assert [row.number for row in comparison.differing] == ["2.6", "2.8"]
    assert len(comparison.rows) == 17
    assert not any(e.meets_targets for e in comparison.evaluations)
