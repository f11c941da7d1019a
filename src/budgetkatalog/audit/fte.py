"""Årsværk (FTE): the memo's table against each proposal, and two statements in one
proposal that give different FTE for the same thing."""

from __future__ import annotations

import re
from decimal import Decimal

from budgetkatalog.audit.registry import make
from budgetkatalog.audit.statements import (
    Kind,
    Sentence,
    Statement,
    proposal_sentences,
    proposal_statements,
)
from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.core.department import memo_rows
from budgetkatalog.core.finding import Finding, Severity
from budgetkatalog.core.proposal import Proposal
from budgetkatalog.core.words import content_bigrams

_PART = re.compile(r"(?:Forslag|Reduktion)\s*:[^.:]{0,30}$", re.IGNORECASE)
_CURRENT = re.compile(r"\bi\s+dag\b|\baktuelt\b|\bnuværende\b|\bi\s+alt\s+er\s+der\b",
                      re.IGNORECASE)


def _fte_statements(proposal: Proposal, years: tuple[int, ...]) -> list[Statement]:
    return [s for s in proposal_statements(proposal, years)
            if s.amount.kind is Kind.FTE and not s.amount.in_range]


def memo_against_proposals(catalogue: Catalogue) -> list[Finding]:
    table = catalogue.fte_table
    if table is None:
        return []
    findings: list[Finding] = []
    # In the table's order; the rows' proposals come from the one department rule.
    for number, (row, _) in sorted(memo_rows(catalogue).items(),
                                   key=lambda item: item[1][0].line or 0):
        proposal = catalogue.proposal(number)
        if row.fte is None or proposal is None:
            continue
        years = catalogue.round.years
        statements = _fte_statements(proposal, years)
        values = {s.amount.value for s in statements}
        parts = [s.amount.value for s in statements
                 if _PART.search(s.sentence.text[:s.amount.start])]
        if parts:
            values.add(sum(parts, Decimal(0)))
        if proposal.fte is not None:
            # The proposal's own stated total must be the memo's figure.
            values = {proposal.fte}
        if row.fte in values:
            continue
        stated = ", ".join(f"{v:f}".replace(".", ",") for v in sorted(values)) or "-"
        severity = Severity.ERROR if proposal.fte is not None else Severity.WARNING
        findings.append(make(
            "fte.memo", severity,
            "Notatets tabel angiver {memo} årsværk for {department}, men forslag {number} "
            "angiver {stated}.",
            "The memo's table states {memo} FTE for {department}, but proposal {number} "
            "states {stated}.",
            proposal=proposal.number, line=row.line, section="notat",
            cell=row.department, numbers=(("memo", row.fte), ("proposal", proposal.fte)),
            memo=row.fte, department=row.department, number=proposal.number,
            stated=stated))
    return findings


def _context(statement: Statement, sentences: tuple[Sentence, ...],
             position: dict[int, int]) -> str:
    """The sentence with the one before it in the same paragraph: the subject of a
    number is often named just before it."""
    sentence = statement.sentence
    index = position.get(id(sentence), 0)
    if index:
        before = sentences[index - 1]
        if (before.paragraph, before.section) == (sentence.paragraph, sentence.section):
            return before.text + " " + sentence.text
    return sentence.text


def conflicting(catalogue: Catalogue) -> list[Finding]:
    findings: list[Finding] = []
    for proposal in catalogue.proposals:
        statements = _fte_statements(proposal, catalogue.round.years)
        if len({s.section for s in statements}) < 2:
            continue
        sentences = proposal_sentences(proposal)
        position = {id(s): i for i, s in enumerate(sentences)}
        topics = [(s, content_bigrams(_context(s, sentences, position))) for s in statements
                  if not _CURRENT.search(s.sentence.text)]
        pairs: list[tuple[int, Statement, Statement, set[tuple[str, str]]]] = []
        for i, (first, first_topic) in enumerate(topics):
            for second, second_topic in topics[i + 1:]:
                if first.section == second.section or \
                        first.amount.value == second.amount.value:
                    continue
                shared = first_topic & second_topic
                if shared:
                    pairs.append((len(shared), first, second, shared))
        used: set[int] = set()
        for _, first, second, shared in sorted(pairs, key=lambda p: -p[0]):
            if id(first) in used or id(second) in used:
                continue
            used.update((id(first), id(second)))
            topic = " ".join(sorted(shared)[0])
            findings.append(make(
                "fte.conflict", Severity.ERROR,
                "Afsnit {sec1} siger {first} og afsnit {sec2} siger {second} om det samme "
                "('{topic}').",
                "Section {sec1} says {first} and section {sec2} says {second} about the "
                "same thing ('{topic}').",
                proposal=proposal.number, line=second.line, section=second.section,
                numbers=(("first", first.amount.value), ("second", second.amount.value)),
                sec1=first.section, sec2=second.section, first=first.amount.text,
                second=second.amount.text, topic=topic))
    return findings


# The level reduced to: "reducerer enheden til 1,8 årsværk", "nedbringes til", "1,8 årsværk
# tilbage"; not "svarende til 4 årsværk" or "op til", which state the reduction.
_TARGET = re.compile(r"(?<!svarende )(?<!op )(?<!med )\btil\s*$", re.IGNORECASE)
_LEFT = re.compile(r"^\s*(?:\w+\s+)?tilbage\b", re.IGNORECASE)


def reduction(catalogue: Catalogue) -> list[Finding]:
    findings: list[Finding] = []
    for proposal in catalogue.proposals:
        if proposal.fte is None:
            continue
        statements = _fte_statements(proposal, catalogue.round.years)
        current = next((s for s in statements if _CURRENT.search(s.sentence.text)
                        and "i dag" in s.sentence.text.lower()), None)
        target = next((s for s in statements if s is not current and (
            _TARGET.search(s.sentence.text[:s.amount.start])
            or _LEFT.match(s.sentence.text[s.amount.end:]))), None)
        if current is None or target is None:
            continue
        saved = current.amount.value - target.amount.value
        if saved == proposal.fte:
            continue
        findings.append(make(
            "fte.reduction", Severity.ERROR,
            "Fra {current} i dag til {target} er {saved} årsværk, men forslaget angiver "
            "{total} årsværk.",
            "From {current} today to {target} is {saved} FTE, but the proposal states "
            "{total} FTE.", proposal=proposal.number, line=target.line,
            section=target.section,
            numbers=(("current", current.amount.value), ("target", target.amount.value),
                     ("saved", saved), ("stated", proposal.fte)),
            current=current.amount.text, target=target.amount.text, saved=saved,
            total=proposal.fte))
    return findings
