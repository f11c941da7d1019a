"""Scenarios side by side: each one's evaluation, and per proposal the decisions."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from budgetkatalog.scenarios.decision import Decision, Scenario
from budgetkatalog.scenarios.evaluation import Evaluation, evaluate
from budgetkatalog.scenarios.round_setup import RoundSetup


@dataclass(frozen=True)
class ProposalRow:
    number: str
    title: str
    decisions: tuple[Decision, ...]

    @property
    def differs(self) -> bool:
        return len(set(self.decisions)) > 1


@dataclass(frozen=True)
class Comparison:
    scenarios: tuple[Scenario, ...]
    evaluations: tuple[Evaluation, ...]
    rows: tuple[ProposalRow, ...]

    @property
    def differing(self) -> tuple[ProposalRow, ...]:
        return tuple(row for row in self.rows if row.differs)

    def totals_for(self, year: int) -> tuple[Decimal, ...]:
        return tuple(evaluation.total_for(year) for evaluation in self.evaluations)


def compare(setup: RoundSetup, scenarios: tuple[Scenario, ...]) -> Comparison:
    """Evaluate each scenario against the same setup; rows follow the catalogue."""
    evaluations = tuple(evaluate(setup, scenario) for scenario in scenarios)
    rows = tuple(ProposalRow(p.number, p.title,
                             tuple(scenario.decision(p.number) for scenario in scenarios))
                 for p in setup.catalogue.proposals)
    return Comparison(tuple(scenarios), evaluations, rows)
