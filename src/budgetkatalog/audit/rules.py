"""The audit's rules, in one explicit list.

A rule is ``check(catalogue) -> list[Finding]``. Its id is the id of every finding it
makes, or that id's family: a finding ``table.subtotal`` comes from the rule ``table``.
No rule id is the family of another, so :func:`rule_of` finds a finding's one rule
(the tests hold every rule to this on the seed and its mutants).
"""

from __future__ import annotations

from budgetkatalog.audit import arithmetic, derived, fte, memo, references, text_table
from budgetkatalog.audit.registry import Rule, order
from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.core.finding import Finding, Text

RULES: tuple[Rule, ...] = (
    Rule("table", arithmetic.table_sums, Text(
             "Delsum (e) mod rækkerne a–d og I alt mod e+f+g, år for år.",
             "Subtotal (e) against rows a–d and I alt against e+f+g, year by year.")),
    Rule("overview", arithmetic.overview, Text(
             "Oversigten over forslag mod forslagenes I alt, grupper og katalog.",
             "The overview of proposals against the proposals' I alt, groups and catalogue.")),
    Rule("fte.table", arithmetic.fte_table_total, Text(
             "Notatets årsværkstabel: I ALT mod summen af rækkerne.",
             "The memo's FTE table: I ALT against the sum of its rows.")),
    Rule("derived.percent", derived.percent_of_base, Text(
             "En procentdel af et angivet grundbeløb mod det angivne resultat.",
             "A percentage of a stated base against the stated result.")),
    Rule("derived.product", derived.product, Text(
             "Et antal gange et beløb pr. enhed mod det angivne resultat.",
             "A count times an amount per unit against the stated result.")),
    Rule("derived.deduction", derived.deduction, Text(
             "En total fratrukket et angivet beløb mod det angivne resultat.",
             "A total less a stated amount against the stated result.")),
    Rule("derived.sum", derived.sum_of_parts, Text(
             "'Samlet' og 'i alt ... fordelt på' mod summen af de nævnte dele.",
             "'Samlet' and 'i alt ... fordelt på' against the sum of the named parts.")),
    Rule("derived.comparison", derived.comparison, Text(
             "En procentvis forskel mod de to angivne tal, den sammenligner.",
             "A percentage difference against the two stated figures it compares.")),
    Rule("memo.target", derived.target_remaining, Text(
             "Notatets mål fratrukket det allerede gennemførte mod det resterende måltal.",
             "The memo's target less what is already implemented against the remaining target.")),
    Rule("derived.share", derived.share, Text(
             "En tabelrække, som teksten giver som en procentdel (fx forældrebetaling 25 %), mod "
             "de øvrige rækker.",
             "A table row the text gives as a percentage (e.g. parental payment 25 %) against the "
             "other rows.")),
    Rule("ranges", derived.ranges, Text(
             "Det samme interval angivet to steder i et forslag.",
             "The same range stated twice in one proposal.")),
    Rule("fte.memo", fte.memo_against_proposals, Text(
             "Notatets årsværk pr. afdeling mod de årsværk, forslaget selv angiver.",
             "The memo's FTE per department against the FTE the proposal itself states.")),
    Rule("fte.conflict", fte.conflicting, Text(
             "To udsagn i et forslag, der giver forskellige årsværk for det samme.",
             "Two statements in one proposal that give different FTE for the same thing.")),
    Rule("fte.reduction", fte.reduction, Text(
             "Årsværk i dag fratrukket det niveau, forslaget reducerer til, mod de årsværk, "
             "forslaget sparer.",
             "Today's FTE less the level the proposal reduces to, against the FTE it saves.")),
    Rule("memo.columns", memo.repeated_columns, Text(
             "En tabel i teksten, hvor to kolonner er ens i alle rækker.",
             "A table in the text where two columns are equal in every row.")),
    Rule("notation", memo.notation, Text(
             "Tal skrevet uden for dansk skik (1.75 mio. kr., 1, 2 årsværk).",
             "Numbers written outside Danish convention (1.75 mio. kr., 1, 2 årsværk).")),
    Rule("areas", references.areas, Text(
             "Områdebevillinger i overskriften mod tabellens overskrift; kontonumre mod områderne;"
             " skabelonens pladsholdere.",
             "Appropriation areas in the heading against the table caption; account codes against "
             "the areas; template placeholders.")),
    Rule("numbering", references.numbering, Text(
             "Forslagsnumre: huller og rækkefølge.",
             "Proposal numbers: gaps and order.")),
    Rule("intro", references.intro_lists, Text(
             "Gruppernes indledning: antal og liste over forslag mod forslagene.",
             "The groups' introductions: count and list of proposals against the proposals.")),
    Rule("overview-titles", references.overview_titles, Text(
             "Oversigtens titler mod forslagenes titler.",
             "The overview's titles against the proposals' titles.")),
    Rule("text", text_table.text_against_table, Text(
             "Beløb i teksten mod Tabel 1 for de år, teksten nævner.",
             "Amounts in the text against Table 1 for the years the text names.")),
    Rule("phase", text_table.phase_in, Text(
             "Indfasningsord (halv effekt, 1/3 virkning, 7/12-effekt, først effekt i, fuld effekt "
             "fra) mod forholdet mellem årene i Tabel 1.",
             "Phase-in words (half effect, 1/3 effect, 7/12 effect, first effect in, full effect "
             "from) against the ratio between the years in Table 1.")),
    Rule("continues", text_table.continues, Text(
             "Tekst, der siger at en indsats fortsætter fremover, mod en tabel, der slutter.",
             "Text saying an effort continues from now on against a table that stops.")),
)

_BY_ID = {rule.id: rule for rule in RULES}


def rule_of(finding_id: str) -> Rule | None:
    """The rule that makes findings with this id: the id itself or its family."""
    parts = finding_id.split(".")
    for end in range(len(parts), 0, -1):
        rule = _BY_ID.get(".".join(parts[:end]))
        if rule is not None:
            return rule
    return None


def audit(catalogue: Catalogue, only: tuple[str, ...] | None = None) -> list[Finding]:
    """Run every rule (or those in ``only``); findings sorted by line."""
    findings: list[Finding] = []
    for rule in RULES:
        if only is None or rule.id in only:
            findings.extend(rule.check(catalogue))
    return sorted(findings, key=order)
