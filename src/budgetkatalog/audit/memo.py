"""The memo and the text's number forms: a benchmark table whose columns repeat each
other, and numbers written outside Danish convention."""

from __future__ import annotations

import re
from itertools import combinations

from budgetkatalog.audit.registry import make
from budgetkatalog.audit.statements import (
    Notation,
    memo_statements,
    proposal_statements,
)
from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.core.finding import Finding, Severity
from budgetkatalog.core.text import Block, Paragraph

_ROW = re.compile(r"^(?P<name>[^\d]+?)\s+(?P<numbers>\d+(?:,\d+)?(?:\s+\d+(?:,\d+)?){2,})$")


def _rows(blocks: tuple[Block, ...]) -> list[list[tuple[str, list[str], int | None]]]:
    """Runs of consecutive paragraphs that look like table rows: a name and numbers."""
    runs: list[list[tuple[str, list[str], int | None]]] = []
    current: list[tuple[str, list[str], int | None]] = []
    for block in blocks:
        match = _ROW.match(block.text) if isinstance(block, Paragraph) else None
        if match and (not current or len(current[-1][1]) == len(match.group("numbers").split())):
            current.append((match.group("name"), match.group("numbers").split(), block.line))
            continue
        if len(current) >= 3:
            runs.append(current)
        current = []
        if match:
            current.append((match.group("name"), match.group("numbers").split(), block.line))
    if len(current) >= 3:
        runs.append(current)
    return runs


def repeated_columns(catalogue: Catalogue) -> list[Finding]:
    findings: list[Finding] = []
    for run in _rows(catalogue.front_matter):
        width = len(run[0][1])
        for left, right in combinations(range(width), 2):
            if all(numbers[left] == numbers[right] for _, numbers, _ in run):
                findings.append(make(
                    "memo.columns", Severity.WARNING,
                    "Tabellen ({first} ...) har samme tal i kolonne {left} og {right} i alle "
                    "{n} rækker; sandsynligvis en kopifejl.",
                    "The table ({first} ...) has the same numbers in columns {left} and "
                    "{right} in all {n} rows; probably a copying mistake.",
                    line=run[0][2], section="notat", cell=f"kolonne {left + 1}/{right + 1}",
                    first=run[0][0], left=left + 1, right=right + 1, n=len(run)))
    return findings


_NOTATION = {
    Notation.ENGLISH_DECIMAL: ("decimalpunktum i stedet for komma", "a decimal point instead "
                               "of a comma"),
    Notation.SPACE_AFTER_COMMA: ("mellemrum efter decimalkommaet", "a space after the "
                                 "decimal comma"),
    Notation.STRAY_POINT: ("et punktum efter tallet", "a point after the number"),
}


def notation(catalogue: Catalogue) -> list[Finding]:
    findings: list[Finding] = []
    years = catalogue.round.years
    statements = list(memo_statements(catalogue))
    for proposal in catalogue.proposals:
        statements.extend(proposal_statements(proposal, years))
    for statement in statements:
        form = statement.amount.notation
        if form is None:
            continue
        da, en = _NOTATION[form]
        findings.append(make(
            "notation", Severity.NOTE,
            "'{text}' er skrevet med {da_form}; det er læst som {value}.",
            "'{text}' is written with {en_form}; it was read as {value}.",
            proposal=statement.sentence.proposal, line=statement.line,
            section=statement.section, text=statement.amount.text, da_form=da, en_form=en,
            value=statement.amount.value))
    return findings
