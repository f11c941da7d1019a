"""Text against Table 1: amounts the text states for named years, full-year amounts,
and phase-in words against the ratio between years.

Which amounts are claims about Table 1 (and which are context, such as an existing
appropriation or last year's figure) is decided in :func:`is_claim`; see
docs/audit.md.
"""

from __future__ import annotations

import itertools
import re
from decimal import Decimal

from budgetkatalog.audit.registry import judge, make, with_tables
from budgetkatalog.audit.statements import (
    Kind,
    PhaseKind,
    PhaseWords,
    Statement,
    cached,
    proposal_phase_ins,
    proposal_statements,
)
from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.core.finding import Finding, Severity
from budgetkatalog.core.money import round_half_up
from budgetkatalog.core.proposal import Proposal
from budgetkatalog.core.table import AmountsTable, TableLine
from budgetkatalog.core.words import content_stems
from budgetkatalog.costing.phase_in import recognise_phase_in

HALF_UNIT = Decimal("0.5")
# Words in budget-line names too common in running text to tell which line is meant.
_VAGUE_NAMES = frozenset(("diverse", "tværgående", "udvikling", "analyse", "område",
                          "området", "administration", "service"))


def rows_of(table: AmountsTable, sums: bool = False
            ) -> list[tuple[str, tuple[int | None, ...]]]:
    """The rows a statement may speak of: I alt, Delsum, each budget line, f and g; with
    ``sums``, also every sum of two or more of them."""
    rows = cached("rows", table, lambda: tuple(_rows_of(table)))
    return list(rows) if sums else [r for r in rows if "+" not in r[0]]


# Words that say a figure adds some rows up ("900.000 kr. på Engbo og Kirkebakken
# tilsammen"); "samlet" and "i alt" speak of the whole table, which I alt already is.
_SUM_WORDS = re.compile(r"\b(?:tilsammen|til\s+sammen|sammenlagt|tilsammenlagt)\b",
                        re.IGNORECASE)


# Words that say a figure is gross, before the offsets a proposal carries (parents'
# payment, lost income, a grant): "bruttobesparelsen", "brutto", "før modregning af
# forældrebetalingen", "inden forældrebetalingen trækkes fra".
_GROSS_WORDS = re.compile(
    r"\bbrutto\w*|\b(?:før|inden)\s+(?:\w+\s+){0,3}?(?:modregn\w*|fradrag\w*|fratræk\w*"
    r"|forældrebetaling\w*|forældreandel\w*|tilbagebetaling\w*|mindreindtægt\w*"
    r"|indtægtstab\w*|refusion\w*|tilskud\w*)",
    re.IGNORECASE)


def _gross_row(table: AmountsTable) -> tuple[int | None, ...]:
    """The gross figure in each year: the budget lines that go the way of the Delsum,
    without the lines that offset them (a saving's lost parents' payment, an expense's
    grant)."""
    subtotal = _subtotal(table)
    gross: list[int | None] = []
    for index, net in enumerate(subtotal):
        if not net:
            gross.append(net)
            continue
        gross.append(sum(v for line in table.lines
                         if (v := line.amounts[index]) is not None and (v > 0) == (net > 0)))
    return tuple(gross)


def _subtotal(table: AmountsTable) -> tuple[int | None, ...]:
    """The Delsum as stated, computed where a year's cell is blank."""
    return tuple(s if s is not None else c for s, c in
                 zip(table.stated_subtotal, table.subtotal, strict=False)) or table.subtotal


def _rows_of(table: AmountsTable) -> list[tuple[str, tuple[int | None, ...]]]:
    total = tuple(s if s is not None else c for s, c in
                  zip(table.stated_total, table.total, strict=False)) or table.total
    subtotal = _subtotal(table)
    rows: list[tuple[str, tuple[int | None, ...]]] = [("I alt", total), ("e", subtotal)]
    parts = [(line.letter, line.amounts) for line in
             (*table.lines, table.investment, table.derived_operating)
             if any(v for v in line.amounts)]
    rows.extend(parts)
    # A text figure may speak of two or more rows together ("600.000 kr. på Strandparken
    # og 900.000 kr. på Engbo og Kirkebakken tilsammen"), or of the computed sums.
    rows.append(("I alt (beregnet)", table.total))
    if len(parts) <= 6:
        for size in range(2, len(parts)):
            for combination in itertools.combinations(parts, size):
                summed = tuple(sum(values[i] or 0 for _, values in combination)
                               for i in range(len(table.years)))
                rows.append(("+".join(letter for letter, _ in combination), summed))
    return rows


def is_claim(statement: Statement) -> bool:
    """A money amount the text states about this proposal's Table 1: it names a year of
    the round, or it is a full-year amount, or section 7 states it right after a saving
    or expense word. Ranges, per-unit amounts and amounts that name other years are
    context."""
    amount = statement.amount
    if amount.kind is not Kind.MONEY or amount.per_unit or amount.in_range:
        return False
    if statement.foreign_year:
        return False
    if statement.after_fte:
        return True
    if not (statement.direction or statement.effect_word):
        return False
    if statement.years:
        return True
    if statement.full_year and (statement.own_direction or statement.effect_word):
        return True
    return statement.section == "7" and statement.own_direction


def _signed(statement: Statement, cell: int) -> Decimal:
    """The table cell as the statement would state it."""
    if statement.direction:
        return Decimal(cell) * statement.direction
    return Decimal(abs(cell))


def _best(statement: Statement, table: AmountsTable,
          cells: list[tuple[str, int]]) -> tuple[str, int, Decimal] | None:
    """The row whose cell is closest to the statement: (row, cell, difference in units)."""
    value = statement.amount.value / table.unit
    best: tuple[str, int, Decimal] | None = None
    for row, cell in cells:
        difference = value - _signed(statement, cell)
        if best is None or abs(difference) < abs(best[2]):
            best = (row, cell, difference)
        # A revenue or offset may be named with the other direction's word ("koster
        # netto 210.000 kr., når elevbetalingen på 90.000 kr. er trukket fra"): the
        # magnitude decides.
        difference = value - abs(cell)
        if abs(difference) < abs(best[2]):
            best = (row, cell, difference)
    return best


def text_against_table(catalogue: Catalogue) -> list[Finding]:
    findings: list[Finding] = []
    for proposal, table in with_tables(catalogue):
        for statement in proposal_statements(proposal, table.years):
            if is_claim(statement):
                findings.extend(_check_claim(proposal, table, statement))
            elif (named := _named_lines(table, statement)):
                # The lines the sentence names first; a figure that is another row or a
                # sum of rows is no error either.
                found = _check_claim(proposal, table, statement, named)
                if found and (statement.direction or statement.full_year
                              or statement.years) and _check_claim(proposal, table,
                                                                   statement):
                    findings.extend(found)
    return findings


def _named_lines(table: AmountsTable, statement: Statement) -> list[str]:
    """The budget lines a saving amount names next to it ("0,2 mio. kr. på diverse
    lønpuljer"): each line whose name's words all stand between the amount and its
    neighbours; the whole sentence counts when it names only one line."""
    amount = statement.amount
    if amount.kind is not Kind.MONEY or amount.per_unit or amount.in_range or \
            statement.foreign_year:
        return []
    text = statement.sentence.text
    others = [a for a in statement.sentence.amounts if a is not amount]
    start = max((a.end for a in others if a.end <= amount.start), default=0)
    end = min((a.start for a in others if a.start >= amount.end), default=len(text))
    part = re.search(r"(?i)\b(?:hvoraf|heraf|deraf)\b", text[start:amount.start])
    near = set(content_stems(text[start:end]))
    whole = set(content_stems(text))
    names: dict[str, set[str]] = {}
    for line in table.lines:
        if line.name and not re.match(r"(?i)flere\s+pengeposer|x{3,}", line.name):
            stems = {w for w in content_stems(line.name) if len(w) >= 6} - _VAGUE_NAMES
            if stems:
                names[line.letter] = stems
    named_near = [letter for letter, stems in names.items() if stems & near]
    if part or not statement.direction:
        # "hvoraf øvrige driftsudgifter udgør 0,1 mio. kr.": a part, unless it names a
        # line ("Heraf udgør filialen i Vestby 125.000 kr. årligt").
        return named_near
    in_sentence = [letter for letter, stems in names.items() if stems & whole]
    if len(in_sentence) == 1:
        return in_sentence
    return named_near


def _check_claim(proposal: Proposal, table: AmountsTable, statement: Statement,
                 lines: list[str] | None = None) -> list[Finding]:
    # A sum of rows counts only where the sentence says it adds rows up.
    rows = rows_of(table, sums=_SUM_WORDS.search(statement.sentence.text) is not None)
    if _GROSS_WORDS.search(statement.sentence.text):
        rows = [*rows, ("brutto", _gross_row(table))]
    if lines:
        # The lines the sentence names, summed: the amount is about them alone.
        picked = [values for row, values in rows if row in lines]
        summed = tuple(sum(v[i] or 0 for v in picked) for i in range(len(table.years)))
        rows = [("+".join(lines), summed)]
    precision = statement.amount.precision / table.unit
    if statement.years:
        first = statement.years[0]
        years = [y for y in table.years if y >= first] if statement.onward \
            else list(statement.years)
        checks = [(str(y), [(row, values[table.years.index(y)] or 0) for row, values in rows])
                  for y in years]
    else:
        # A full-year amount: each row's largest value over the years.
        full: list[tuple[str, int]] = []
        for row, values in rows:
            present = [v for v in values if v is not None]
            if present:
                full.append((row, max(present, key=abs)))
        checks = [("helår", full)]
    findings: list[Finding] = []
    for year, cells in checks:
        best = _best(statement, table, cells)
        if best is None:
            continue
        row, cell, difference = best
        if round_half_up(statement.amount.value / table.unit) == _signed(statement, cell):
            continue  # the text is more precise than the table; the table rounds it
        severity = judge(difference, precision, HALF_UNIT)
        if severity is None:
            continue
        stated = statement.amount.text
        when_da = f"i {year}" if year != "helår" else "som helårsbeløb"
        when_en = f"for {year}" if year != "helår" else "as a full-year amount"
        numbers = (("stated", statement.amount.value / table.unit), ("table", cell))
        if severity is Severity.NOTE:
            findings.append(make(
                "text.amount-rounding", Severity.NOTE,
                "Afsnit {sec} angiver {stated} {when_da}; Tabel 1 har {value} ({row}). "
                "Forskellen skyldes afrunding til tabellens enhed.",
                "Section {sec} states {stated} {when_en}; Table 1 has {value} ({row}). The "
                "difference comes from rounding to the table's unit.",
                proposal=proposal.number, line=statement.line, section=statement.section,
                cell=f"{row}/{year}", numbers=numbers, sec=statement.section, stated=stated,
                when_da=when_da, when_en=when_en, value=cell, row=row))
            continue
        findings.append(make(
            "text.amount-vs-table", Severity.ERROR,
            "Afsnit {sec} angiver {stated} {when_da}, men Tabel 1 har {value} (nærmeste række: "
            "{row}).",
            "Section {sec} states {stated} {when_en}, but Table 1 has {value} (closest row: "
            "{row}).",
            proposal=proposal.number, line=statement.line, section=statement.section,
            cell=f"{row}/{year}", numbers=numbers, sec=statement.section, stated=stated,
            when_da=when_da, when_en=when_en, value=cell, row=row))
    return findings


def phase_in(catalogue: Catalogue) -> list[Finding]:
    findings: list[Finding] = []
    for proposal, table in with_tables(catalogue):
        for phase in proposal_phase_ins(proposal, table.years):
            if phase.kind is PhaseKind.RATIO:
                findings.extend(_ratio(proposal, table, phase))
            elif phase.kind is PhaseKind.NONE_BEFORE:
                findings.extend(_none_before(proposal, table, phase))
            else:
                findings.extend(_full_from(proposal, table, phase))
    return findings


def _ratio(proposal: Proposal, table: AmountsTable, phase: PhaseWords) -> list[Finding]:
    years = table.years
    if phase.ratio is None or phase.year not in years or phase.year + 1 not in years:
        return []
    y, f = years.index(phase.year), years.index(phase.year + 1)
    lines = [line for line in table.lines if line.amounts[f]]
    excluded = []
    if phase.exceptions:
        excluded = [line for line in lines if not line.amounts[y]]
        lines = [line for line in lines if line.amounts[y]]
    if not lines:
        return []
    full = sum(line.amounts[f] or 0 for line in lines)
    stated = sum(line.amounts[y] or 0 for line in lines)
    expected = Decimal(phase.ratio.numerator) * full / phase.ratio.denominator
    # The product of a ratio and rounded lines is itself rounded once (half a unit);
    # each of the n lines may carry half a unit more: (n + 1) / 2 in all.
    severity = judge(Decimal(stated) - expected, HALF_UNIT, Decimal(len(lines)) / 2)
    if severity is None or round_half_up(expected) == stated:
        return []
    if severity is Severity.ERROR and _one_line_phased(table, phase, lines, y, f):
        return []
    rows = "+".join(line.letter for line in lines)
    ratio = f"{phase.ratio.numerator}/{phase.ratio.denominator}"
    numbers = (("stated", stated), ("expected", round_half_up(expected, 1)),
               ("full", full))
    rule_id = "phase.rounding" if severity is Severity.NOTE else "phase.ratio"
    da = ("'{words}' giver {ratio} af {full} = {expected} i {year} (række {rows}), men Tabel "
          "1 har {stated}.")
    en = ("'{words}' gives {ratio} of {full} = {expected} in {year} (rows {rows}), but "
          "Table 1 has {stated}.")
    if severity is Severity.NOTE:
        da += " Forskellen kan forklares ved afrunding af rækkerne."
        en += " The difference is explained by rounding the rows."
    if excluded:
        da += " Række {skipped} er undtaget, da den først starter senere."
        en += " Row {skipped} is exempt, as it starts later."
    # What the rows show instead, by costing's reading of a phased-in row.
    sums = [sum(line.amounts[i] or 0 for line in lines) for i in range(len(years))]
    shown = recognise_phase_in(sums, tolerance=len(lines))
    if shown is not None and shown.share != phase.ratio:
        da += " Tabel 1 viser {shown_da}."
        en += " Table 1 shows {shown_en}."
    return [make(rule_id, severity, da, en, proposal=proposal.number,
                 line=phase.sentence.line, section=phase.sentence.section,
                 cell=f"{rows}/{phase.year}", numbers=numbers, words=phase.words, ratio=ratio,
                 full=full, expected=round_half_up(expected, 1), year=str(phase.year),
                 rows=rows, stated=stated,
                 skipped="+".join(line.letter for line in excluded),
                 shown_da=shown.label("da") if shown else "",
                 shown_en=shown.label("en") if shown else "")]


def _one_line_phased(table: AmountsTable, phase: PhaseWords, lines: list[TableLine], y: int,
                     f: int) -> bool:
    """Whether the phase-in words speak of one line only: a line whose full-year amount
    the sentence states and whose first year has that share ("Besparelsen på løn er 2,7
    mio. kr. med halv effekt i 2025", where another line starts only later)."""
    if phase.ratio is None:
        return False
    stated = [(abs(a.value / table.unit), a.precision / table.unit + HALF_UNIT)
              for a in phase.sentence.amounts if a.kind is Kind.MONEY and a.value]
    for line in lines:
        full = line.amounts[f] or 0
        share = Decimal(phase.ratio.numerator) * full / phase.ratio.denominator
        if any(abs(abs(Decimal(full)) - value) <= slack for value, slack in stated) and \
                judge(Decimal(line.amounts[y] or 0) - share, HALF_UNIT, HALF_UNIT) is None:
            return True
    return False


def _totals(table: AmountsTable) -> list[int]:
    """I alt per year as the rows give it: a wrong stated sum is the table rule's
    finding, not the phase-in's."""
    return list(table.total)


def _effect(table: AmountsTable) -> list[int]:
    """The proposal's effect on operations per year: the Delsum as rows a–d give it (a
    wrong stated Delsum is the table rule's finding). Phase-in words speak of this: a
    capital investment (f) is a one-off, and the derived operating costs (g) follow the
    investment, not the phase-in ("anlægsudgiften er 1,2 mio. kr. i 2025 ... halv effekt
    i 2025 og fuld effekt fra 2026")."""
    if any(any(line.amounts) for line in table.lines):
        return list(table.subtotal)
    return [value or 0 for value in table.stated_subtotal]


def _none_before(proposal: Proposal, table: AmountsTable, phase: PhaseWords) -> list[Finding]:
    totals = _effect(table)
    findings: list[Finding] = []
    for index, year in enumerate(table.years):
        if year < phase.year and totals[index] != 0:
            findings.append(make(
                "phase.none-before", Severity.ERROR,
                "Teksten siger '{words}', men Tabel 1 har {value} i {year}.",
                "The text says '{words}', but Table 1 has {value} in {year}.",
                proposal=proposal.number, line=phase.sentence.line,
                section=phase.sentence.section, cell=f"e/{year}",
                numbers=(("table", totals[index]),), words=phase.words, value=totals[index],
                year=str(year)))
        if year == phase.year and totals[index] == 0:
            findings.append(make(
                "phase.none-before", Severity.WARNING,
                "Teksten siger '{words}', men Tabel 1 har heller ingen effekt i {year}.",
                "The text says '{words}', but Table 1 has no effect in {year} either.",
                proposal=proposal.number, line=phase.sentence.line,
                section=phase.sentence.section, cell=f"e/{year}", words=phase.words,
                year=str(year)))
    return findings


def _full_from(proposal: Proposal, table: AmountsTable, phase: PhaseWords) -> list[Finding]:
    totals = _effect(table)
    start = table.years.index(phase.year)
    full = totals[start]
    findings: list[Finding] = []
    for index in range(start + 1, len(totals)):
        if totals[index] != full:
            year = table.years[index]
            findings.append(make(
                "phase.full-from", Severity.ERROR,
                "Teksten siger '{words}' ({full} fra {start}), men Tabel 1 har {value} i "
                "{year}.",
                "The text says '{words}' ({full} from {start}), but Table 1 has {value} in "
                "{year}.",
                proposal=proposal.number, line=phase.sentence.line,
                section=phase.sentence.section, cell=f"e/{year}",
                numbers=(("full", full), ("table", totals[index])), words=phase.words,
                full=full, start=str(phase.year), value=totals[index], year=str(year)))
            break
    for index in range(start):
        if abs(totals[index]) > abs(full):
            year = table.years[index]
            findings.append(make(
                "phase.full-from", Severity.WARNING,
                "Teksten siger '{words}', men {year} har mere ({value}) end det fulde beløb "
                "{full}.",
                "The text says '{words}', but {year} has more ({value}) than the full amount "
                "{full}.",
                proposal=proposal.number, line=phase.sentence.line,
                section=phase.sentence.section, cell=f"e/{year}",
                numbers=(("full", full), ("table", totals[index])), words=phase.words,
                year=str(year), value=totals[index], full=full))
    return findings


_ONWARD = re.compile(r"\bfremover\b|\bfremadrettet\b|\bvarigt?\b|\bpermanent\w*|\bvedvarende\b"
                     r"|\bblivende\b|\bogså\s+i\s+(?:årene|de\s+følgende\s+år)\s+(?:derefter|efter)",
                     re.IGNORECASE)


def continues(catalogue: Catalogue) -> list[Finding]:
    findings: list[Finding] = []
    for proposal, table in with_tables(catalogue):
        totals = _totals(table)
        if not totals or totals[-1] != 0 or not any(totals):
            continue
        last_nonzero = max(i for i, v in enumerate(totals) if v)
        stop = table.years[last_nonzero + 1]
        for statement in proposal_statements(proposal, table.years):
            if statement.amount.kind not in (Kind.FTE, Kind.MONEY) or \
                    statement.amount.in_range:
                continue
            if _ONWARD.search(statement.sentence.text):
                findings.append(make(
                    "continues", Severity.WARNING,
                    "Afsnit {sec} siger, at {stated} fortsætter fremover, men Tabel 1 er 0 "
                    "fra {year}.",
                    "Section {sec} says {stated} continues from now on, but Table 1 is 0 "
                    "from {year}.",
                    proposal=proposal.number, line=statement.line, section=statement.section,
                    cell=f"I alt/{stop}", sec=statement.section, stated=statement.amount.text,
                    year=str(stop)))
                break
    return findings
