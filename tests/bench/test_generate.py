"""The benchmark's generated catalogues are real catalogues: they import cleanly and
their overview recomputes exactly, four-digit proposal numbers included."""

from __future__ import annotations

from bench.generate import generate
from budgetkatalog.core.overview import compare_overview, compute_overview
from budgetkatalog.importers.catalogue_text import import_catalogue_text


def test_a_generated_thousand_proposal_catalogue_imports_cleanly() -> None:
    result = import_catalogue_text(generate(1000))
    assert result.catalogue is not None and result.findings == ()
    numbers = [p.number for p in result.catalogue.proposals]
    assert numbers[0] == "9.1" and numbers[-1] == "9.1000" and len(set(numbers)) == 1000
    assert compare_overview(compute_overview(result.catalogue)) == []
