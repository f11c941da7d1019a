"""A scenario lists its decisions in the catalogue's order, not as text."""

from __future__ import annotations

from budgetkatalog.scenarios.decision import Decision, Scenario


def test_decisions_follow_proposal_numbers_not_text() -> None:
    scenario = Scenario.adopting("s", ["2.10", "2.2", "2.1", "1.6"])
    assert [n for n, _ in scenario.decisions] == ["1.6", "2.1", "2.2", "2.10"]
    changed = scenario.with_decision("2.9", Decision.adopted())
    assert changed.adopted_numbers == ("1.6", "2.1", "2.2", "2.9", "2.10")
