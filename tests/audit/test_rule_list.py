"""The audit's one explicit list of rules: each rule's id is the id (or the family of
ids) of every finding it makes, so a finding names exactly one rule."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from budgetkatalog.audit import RULES, audit, rule_of
from budgetkatalog.audit.registry import Rule
from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.importers.catalogue_text import import_catalogue_text
from tests.audit.conftest import proposal_text
from tests.audit.mutants import all_mutants, seed_lines

DOCS = Path(__file__).resolve().parents[2] / "docs" / "audit.md"


def test_rule_ids_are_unique_and_none_is_the_family_of_another() -> None:
    ids = [rule.id for rule in RULES]
    assert len(set(ids)) == len(ids) == 23
    assert [(a, b) for a in ids for b in ids if b.startswith(a + ".")] == []


def test_a_finding_id_names_its_one_rule() -> None:
    table = next(rule for rule in RULES if rule.id == "table")
    assert rule_of("table.subtotal") is table and rule_of("table") is table
    assert rule_of("fte.table.rounding") is next(r for r in RULES if r.id == "fte.table")
    assert rule_of("import.duplicate-number") is None
    assert rule_of("tables.subtotal") is None


@pytest.fixture(scope="module")
def catalogues(seed: Catalogue) -> list[Catalogue]:
    """The seed, every fourth of its mutants and a small consistent catalogue: between
    them, every rule makes findings."""
    lines = seed_lines()
    found = [seed]
    for mutant in all_mutants()[::4]:
        result = import_catalogue_text("\n".join(mutant.apply(lines)))
        if result.catalogue is not None:
            found.append(result.catalogue)
    small = import_catalogue_text(proposal_text()).catalogue
    assert small is not None
    return [*found, small]


def _made_by(rule: Rule, catalogues: list[Catalogue]) -> set[str]:
    return {finding.rule for catalogue in catalogues for finding in rule.check(catalogue)}


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_every_finding_of_a_rule_carries_the_rule_id(rule: Rule,
                                                      catalogues: list[Catalogue]) -> None:
    made = _made_by(rule, catalogues)
    assert {finding_id for finding_id in made if rule_of(finding_id) is not rule} == set()


def test_the_rules_between_them_make_findings_of_most_rules(
        catalogues: list[Catalogue]) -> None:
    # A rule that never fires here proves nothing above; most must fire.
    firing = [rule.id for rule in RULES if _made_by(rule, catalogues[:40])]
    assert len(firing) >= 15, firing


def test_audit_runs_exactly_the_listed_rules(seed: Catalogue) -> None:
    everything = audit(seed)
    assert {f.rule for f in everything} == {
        f.rule for rule in RULES for f in rule.check(seed)}
    only = audit(seed, only=("areas",))
    assert only and {rule_of(f.rule).id for f in only} == {"areas"}  # type: ignore[union-attr]


def test_docs_list_every_rule_by_its_id() -> None:
    documented = re.findall(r"^\| `([a-z.-]+)` \|", DOCS.read_text(encoding="utf-8"),
                            re.MULTILINE)
    assert sorted(documented) == sorted(rule.id for rule in RULES)
