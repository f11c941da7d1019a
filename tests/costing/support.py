from __future__ import annotations

from pathlib import Path

from budgetkatalog.costing.compute import CostResult, cost
from budgetkatalog.costing.spec import SpecResult, load_spec

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "costing"


def load_example(name: str) -> SpecResult:
    path = EXAMPLES / name
    return load_spec(path.read_text(encoding="utf-8"), path.name,
                     lambda other: (EXAMPLES / other).read_text(encoding="utf-8"))


def cost_example(name: str, **changes: object) -> CostResult:
    import dataclasses

    result = load_example(name)
    assert result.spec is not None, [f.message.en for f in result.findings]
    spec = dataclasses.replace(result.spec, **changes) if changes else result.spec
    return cost(spec)


ROUND = """
[round]
budget_year = 2020
price_level = 2020

[[round.staff]]
key = "hk"
name = "HK"
salary = 400000
"""
