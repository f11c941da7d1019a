"""Findings shown beside a proposal in the editor.

Uses the domain's audit rules when the domain has them; always adds Table 1's own
check that the stated Delsum and I alt agree with the lines.
"""

from __future__ import annotations

from budgetkatalog.core.finding import Finding, Severity, text
from budgetkatalog.core.proposal import Proposal


def proposal_findings(proposal: Proposal) -> list[Finding]:
    findings: list[Finding] = []
    table = proposal.table
    if table is None:
        return findings
    for label_da, label_en, stated, computed in (
            ("Delsum", "Subtotal", table.stated_subtotal, table.subtotal),
            ("I alt", "Total", table.stated_total, table.total)):
        for year, s, c in zip(table.years, stated, computed, strict=False):
            if s is not None and s != c:
                findings.append(Finding(
                    "table.stated-sum", Severity.ERROR,
                    text("{label_da} i {year} er angivet som {stated}, men rækkerne giver "
                         "{computed}.",
                         "{label_en} in {year} is stated as {stated}, but the rows give "
                         "{computed}.", label_da=label_da, label_en=label_en, year=str(year),
                         stated=s, computed=c),
                    proposal=proposal.number))
    return findings
