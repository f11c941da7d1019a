"""The costing calculator in the editor: the domain's costing spec (TOML) → Table 1.

The round's shared assumptions are stored on the budget round; a proposal's spec
names them with ``round = "<file>"``, and whatever file name it gives resolves to the
round's text (the web has no file system of specs).
"""

from __future__ import annotations

from dataclasses import dataclass

from budgetkatalog.core.finding import Finding, Severity
from budgetkatalog.costing.compute import CostResult, cost
from budgetkatalog.costing.spec import load_spec


@dataclass(frozen=True)
class Costing:
    result: CostResult | None
    findings: tuple[Finding, ...]


def run_costing(spec_text: str, round_text: str) -> Costing:
    loaded = load_spec(spec_text, "forslag.toml",
                       read=lambda _name: round_text if round_text.strip() else None)
    if loaded.spec is None:
        return Costing(None, loaded.findings)
    result = cost(loaded.spec)
    findings = (*loaded.findings, *result.findings)
    if any(f.severity is Severity.ERROR for f in result.findings):
        return Costing(None, findings)
    return Costing(result, findings)
