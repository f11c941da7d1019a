"""What the audit's rules share: the :class:`Rule` record, :func:`make` for a finding
with a two-language message, :func:`judge` (the tolerance rule) and the order of
findings. The rules themselves are listed in :mod:`budgetkatalog.audit.rules`.

A rule never raises on odd input: it skips what it cannot read (the importer has
already reported it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.core.finding import Finding, Number, Severity, Text, text
from budgetkatalog.core.proposal import Proposal
from budgetkatalog.core.table import AmountsTable

RuleFunction = Callable[[Catalogue], list[Finding]]


@dataclass(frozen=True)
class Rule:
    """A rule of the audit: its id (the id, or family of ids, of the findings it makes),
    the function and what it checks."""

    id: str
    check: RuleFunction
    description: Text


def by_proposal(findings: list[Finding]) -> dict[str | None, list[Finding]]:
    """Findings grouped by proposal number (``None``: the catalogue), each group in
    source order, for showing findings next to each proposal."""
    grouped: dict[str | None, list[Finding]] = {}
    for finding in findings:
        grouped.setdefault(finding.proposal, []).append(finding)
    return grouped


def with_tables(catalogue: Catalogue) -> Iterator[tuple[Proposal, AmountsTable]]:
    """Each proposal that has a Table 1, with its table."""
    for proposal in catalogue.proposals:
        if proposal.table is not None:
            yield proposal, proposal.table


def order(finding: Finding) -> tuple[int, str, str]:
    return (finding.line or 0, finding.rule, finding.cell or "")


def make(rule_id: str, severity: Severity, da: str, en: str, *, proposal: str | None = None,
         line: int | None = None, section: str | None = None, cell: str | None = None,
         numbers: tuple[tuple[str, Number], ...] = (), **params: Number | str) -> Finding:
    """A located finding with a two-language message (:func:`core.finding.text`)."""
    return Finding(rule_id, severity, text(da, en, **params), proposal, line, section, cell,
                   numbers)


def judge(difference: Decimal, own_precision: Decimal, input_precision: Decimal
          ) -> Severity | None:
    """The tolerance rule (docs/audit.md).

    A stated figure that equals the expected one at its own written precision is
    fine (``None``); one that differs by no more than its own precision plus the
    rounding its inputs carry is a rounding *note*; anything larger is an *error*.
    """
    difference = abs(difference)
    if difference <= own_precision:
        return None
    if difference <= own_precision + input_precision:
        return Severity.NOTE
    return Severity.ERROR
