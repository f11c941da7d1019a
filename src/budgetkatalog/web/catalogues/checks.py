"""Findings shown beside a proposal in the editor: the domain's audit rules run on the
proposal as a catalogue of one, so the editor shows what the catalogue check would
say about this proposal (Delsum and I alt, areas, placeholders, text against Table 1,
phase-in words, ...)."""

from __future__ import annotations

from budgetkatalog.audit import audit
from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.core.finding import Finding
from budgetkatalog.core.proposal import Proposal
from budgetkatalog.core.years import BudgetRound


def proposal_findings(proposal: Proposal, budget_round: BudgetRound,
                      title: str = "") -> list[Finding]:
    findings = audit(Catalogue(title, budget_round, (proposal,)))
    return [f for f in findings if f.proposal in (None, proposal.number)]
