"""Mutants of the seed catalogue, each changing one thing, and whether that change
breaks the catalogue's consistency.

Whether a mutant breaks consistency is decided here by construction, not by the
audit: every table cell sits in a sum (Delsum or I alt), every overview cell must
equal a proposal's I alt or a sum within rounding, and the text amounts, year words
and area codes listed below were each read by hand against the figure they must
agree with (the reason is given with each). A mutant is *caught* when the import and
the audit of the mutated text report a finding about the mutated proposal (or the
catalogue, for memo and overview mutants) that they do not report on the seed.

Run ``python -m tests.audit.mutants`` for the catch-rate report.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from multiprocessing import get_context
from pathlib import Path

from budgetkatalog.audit import audit
from budgetkatalog.core.finding import Finding
from budgetkatalog.importers.catalogue_text import import_catalogue_text

SEED = Path(__file__).resolve().parents[2] / "examples" / "albertslund-2020-katalog-2.txt"


@dataclass(frozen=True)
class Mutant:
    kind: str  # "table cell", "overview cell", "stated amount", "year word", "area code"
    line: int
    old: str
    new: str
    proposal: str | None  # None: memo or overview
    breaking: bool
    why: str = ""

    def apply(self, lines: list[str]) -> list[str]:
        text = lines[self.line - 1]
        before = r"(?<!\d)" if self.kind == "area code" else r"(?<![\d.,])"
        pattern = re.compile(before + re.escape(self.old) + r"(?![\d])")
        match = pattern.search(text)
        if match is None:
            raise ValueError(f"{self.old!r} not on line {self.line}: {text!r}")
        changed = list(lines)
        changed[self.line - 1] = text[:match.start()] + self.new + text[match.end():]
        return changed


def seed_lines() -> list[str]:
    return SEED.read_text(encoding="utf-8").split("\n")


def proposal_at(lines: list[str], line: int) -> str | None:
    """The proposal whose text holds ``line`` (None before the first one)."""
    number = None
    for index, text in enumerate(lines[:line], start=1):
        match = re.match(r"^\s*(\d\.\d{1,2})\s+\S", text)
        if match and index > 690 and not re.search(r"\d,\d{3}\s*$", text):
            number = match.group(1)
    return number


# -- table cells: generated -----------------------------------------------------------

_NUMBER = re.compile(r"^-?(?:\d{1,3}(?:\.\d{3})+|\d+)$")


def _format(value: int, like: str) -> str:
    grouped = "." in like
    text = f"{abs(value):,}".replace(",", ".") if grouped else str(abs(value))
    return ("-" if value < 0 else "") + text


def table_cells(lines: list[str]) -> Iterator[tuple[int, str]]:
    """(line, token) of every amount in every Table 1."""
    inside = False
    for number, text in enumerate(lines, start=1):
        stripped = text.strip()
        if re.match(r"^(?:\d\.\s*)?Tabel\s*1", stripped):
            inside = True
            continue
        if not inside:
            continue
        if stripped.startswith("Pengepose") or stripped.startswith("Fortegn"):
            continue
        label = re.match(r"^(?:[a-g]\.|I alt)\s*(.*)$", stripped)
        body = label.group(1) if label else stripped
        body = re.sub(r"^\(a\+b\+c\+d\)|^\(e\+f\+g\)|^Delsum\s*\(a\+b\+c\+d\)", "", body)
        tokens = body.split()
        if label and tokens and re.fullmatch(r"\d{4,7}", tokens[0]):
            tokens = tokens[1:]  # the account code
        amounts: list[str] = []
        for token in reversed(tokens):
            if not _NUMBER.match(token):
                break
            amounts.append(token)
        for token in dict.fromkeys(amounts):
            yield number, token
        if stripped.startswith("I alt"):
            inside = False


def table_mutants(lines: list[str]) -> list[Mutant]:
    mutants = []
    for index, (line, token) in enumerate(table_cells(lines)):
        value = int(token.replace(".", ""))
        delta = 1 if index % 2 == 0 else 250
        mutants.append(Mutant("table cell", line, token, _format(value + delta, token),
                              proposal_at(lines, line), True,
                              "every cell is in the Delsum or the I alt sum"))
    return mutants


def overview_mutants(lines: list[str]) -> list[Mutant]:
    mutants = []
    for line in range(611, 674):
        for token in dict.fromkeys(re.findall(r"-?\d+,\d{3}", lines[line - 1])):
            value = Decimal(token.replace(",", ".")) + Decimal("0.010")
            new = f"{value:.3f}".replace(".", ",")
            number = re.match(r"^\s*(\d\.\d{1,2})\s", lines[line - 1])
            proposal = number.group(1) if number and number.group(1) != "1.6" else None
            if proposal is None and line in (670, 642):
                proposal = {670: "2.16", 642: "2.5"}[line]
            mutants.append(Mutant("overview cell", line, token, new, proposal, True,
                                  "a proposal row equals its I alt; a sum row is within "
                                  "(n + 1) / 2 of its parts, and 10 is more"))
    return mutants


# -- stated amounts: listed by hand -----------------------------------------------------

# (line, token, what it must agree with)
LOAD_BEARING: list[tuple[int, str, str]] = [
    (225, "213,6", "16 % of it is the 34,2 stated next"),
    (226, "34,2", "16 % of 213,6; the target less 9,5"),
    (229, "9,5", "subtracted from the target 34,2"),
    (225, "16", "16 % of 213,6 is 34,2"),
    (590, "0,2", "0,2 + 0,6 = 0,8 (Samlet)"),
    (592, "0,6", "0,2 + 0,6 = 0,8 (Samlet)"),
    (594, "0,8", "0,2 + 0,6 = 0,8 (Samlet)"),
    (453, "4", "the FTE rows sum to I ALT 49,7"),
    (463, "2", "the FTE rows sum to I ALT 49,7"),
    (478, "5", "the FTE rows sum to I ALT 49,7"),
    (489, "4,45", "the FTE rows sum to I ALT 49,7"),
    (507, "5,9", "the FTE rows sum to I ALT 49,7"),
    (517, "4,5", "the FTE rows sum to I ALT 49,7"),
    (530, "14,9", "the FTE rows sum to I ALT 49,7"),
    (540, "3,2", "the FTE rows sum to I ALT 49,7"),
    (553, "4", "the FTE rows sum to I ALT 49,7"),
    (560, "1,7", "the FTE rows sum to I ALT 49,7"),
    (568, "49,7", "the sum of the FTE rows"),
    (885, "1,175", "Table 1, 2020"),
    (885, "2,35", "Table 1, 2021 onward"),
    (843, "4", "the memo's 4 årsværk for the unit"),
    (792, "5,8", "5,8 − 1,8 = 4"),
    (790, "1,8", "5,8 − 1,8 = 4"),
    (1009, "5", "sections 4 and 7 and the memo: 5 årsværk"),
    (1046, "5", "sections 2 and 7 and the memo: 5 årsværk"),
    (1062, "5", "sections 2 and 4 and the memo: 5 årsværk"),
    (1063, "2,8", "Table 1 full year -2.784"),
    (1106, "4,45", "the memo's 4,45 årsværk"),
    (1106, "2.306.450", "Table 1 line a full year -2306"),
    (1140, "1.153.225", "Table 1 line a 2020 -1153"),
    (1141, "2.306.450", "Table 1 line a 2021 -2306"),
    (1191, "2,306", "Table 1 line a full year"),
    (1191, "25", "line b is 25 % of line a"),
    (1192, "0,865", "Table 1 I alt 2020"),
    (1192, "1,729", "Table 1 I alt 2021 onward"),
    (1227, "5,9", "the memo's 5,9 årsværk"),
    (1328, "3,3", "Table 1 full year -3.327"),
    (1493, "450.000", "Table 1 line a"),
    (1532, "2", "the parts sum to the memo's 14,9"),
    (1541, "2", "the parts sum to the memo's 14,9"),
    (1547, "1,5", "the parts sum to the memo's 14,9"),
    (1557, "1", "the parts sum to the memo's 14,9"),
    (1567, "1", "the parts sum to the memo's 14,9"),
    (1573, "1", "the parts sum to the memo's 14,9"),
    (1583, "6,4", "the parts sum to the memo's 14,9; 10 % of 64"),
    (1639, "64", "10 % of it is 6,4"),
    (1639, "10", "10 % of 64 is 6,4"),
    (1639, "6,4", "10 % of 64"),
    (1717, "3,2", "the memo's 3,2 årsværk; section 7"),
    (1794, "3,2", "the memo's 3,2 årsværk; section 2"),
    (1795, "1.75", "Table 1 full year -1.746"),
    (1796, "1", "Table 1 2020 -1.017"),
    (1860, "633.000", "4 × 633.000 = 2,532 mio."),
    (1860, "2,532", "4 × 633.000; less 390.000 is 2,142"),
    (1861, "390.000", "2,532 less it is 2,142"),
    (1862, "2,142", "2,532 − 0,390; Table 1 2021"),
    (1919, "4", "the memo's 4 årsværk"),
    (1968, "1,7", "the memo's 1,7; the parts (0,5) (0,2) (1,0)"),
    (1969, "0,5", "the parts sum to 1,7"),
    (1969, "0,2", "the parts sum to 1,7"),
    (1969, "1,0", "the parts sum to 1,7"),
    (2094, "0,2", "Samlet 0,8; line b lønpuljer -200"),
    (2096, "0,6", "Samlet 0,8; lines a + c"),
    (2100, "0,8", "0,2 + 0,6"),
    (2111, "0,3", "line c kommunikation -300"),
    (2115, "0,3", "line a kurser -300"),
    (2131, "0,8", "Table 1 2020"),
    (2367, "7,0", "1,7 % of it is the saving"),
    (2375, "241,1", "1,8 % more than 236,7"),
    (2384, "236,7", "241,1 is 1,8 % more"),
    (2384, "1,8", "241,1 against 236,7"),
    (2410, "126", "Table 1 2020 onward"),
    (2520, "2,2", "Table 1 line a A-dagpenge -2.200"),
    (2521, "1", "Table 1 line b 2020"),
    (2522, "750.000", "Table 1 line b 2021"),
    (2594, "16,7", "16,7 × 129.636 = 2.165.000"),
    (2595, "129.636", "16,7 × 129.636 = 2.165.000"),
    (2626, "2.126.000", "Table 1 line a full year"),
    (2628, "500.000", "Table 1 line b"),
]

# Relations a reader sees that the audit does not check (reported, not asserted):
# the FTE parts of 2.5, 2.6 and 2.10, the parts of 6,4 in 2.8,
# 2.11's parts restated, the memo's summary (26,4 + 0,9 + 0,8 = 28,1; 49,7 + 1 = 50,7).
UNCHECKED: list[tuple[int, str, str]] = [
    (1122, "2", "2 + 1,2 + 1 + 0,25 = 4,45"),
    (1258, "0,8", "1,9 + 1 + 0,8 + 1,2 + 1 = 5,9"),
    (1848, "2", "2 + 1 + 1 = 4"),
    (1642, "0,9", "1 + 1 + 1 + 1/2 + 0,9 + 2 = 6,4"),
    (1978, "0,5", "restates (0,5)"),
    (400, "26,4", "0,9 + 26,4 + 0,8 = 28,1"),
    (604, "50,7", "49,7 + 1 = 50,7"),
]

# Context: amounts that no other figure depends on.
CONTEXT: list[tuple[int, str, str]] = [
    (108, "518", "staff count in the analysis"),
    (1537, "6,5", "2018 outcome"),
    (2086, "101", "size of the central pools"),
    (2089, "2,4", "last year's cut"),
    (1907, "300.000", "an existing appropriation"),
    (1908, "300.000", "an existing appropriation"),
    (2375, "157", "national average per inhabitant"),
    (2376, "133", "regional average per inhabitant"),
    (1636 + 1, "5", "number of staff groups"),
    (2457, "27", "number of recipients"),
    (2568, "151", "number of unemployed"),
]


def _changed(token: str, factor: Decimal) -> str:
    """``token`` changed beyond its written precision, written the same way."""
    words = {"to": "tre", "tre": "fire"}
    if token in words:
        return words[token]
    english = re.fullmatch(r"\d+\.\d{1,2}", token) is not None
    decimals = len(re.split(r"[,.]", token)[1]) if ("," in token or english) else 0
    value = Decimal(token.replace(".", "").replace(",", ".")) if not english \
        else Decimal(token)
    step = Decimal(1).scaleb(-decimals)
    new = (value * factor).quantize(step, rounding=ROUND_HALF_UP)
    if abs(new - value) < 2 * step:
        new = value + 2 * step if factor > 1 else max(value - 2 * step, step)
    if new == value:
        new = value + 3 * step
    if decimals:
        text = f"{new:.{decimals}f}"
        return text if english else text.replace(".", ",")
    whole = int(new)
    return f"{whole:,}".replace(",", ".") if "." in token else str(whole)


def stated_mutants(lines: list[str]) -> list[Mutant]:
    mutants = []
    groups = (("stated amount", LOAD_BEARING, True),
              ("stated amount, relation not checked", UNCHECKED, True),
              ("stated amount", CONTEXT, False))
    for kind, group, breaking in groups:
        for line, token, why in group:
            for factor in (Decimal("1.25"), Decimal("0.6")):
                mutants.append(Mutant(kind, line, token, _changed(token, factor),
                                      proposal_at(lines, line), breaking, why))
    return mutants


# -- year words and area codes: listed by hand ---------------------------------------------

YEAR_WORDS: list[tuple[int, str, str, bool, str]] = [
    (756, "i 2021", "i 2022", True, "2.1: Table 1 has -900 in 2021"),
    (756, "i 2021", "i 2020", True, "2.1: Table 1 has nothing in 2020"),
    (885, "i 2020", "i 2021", True, "2.2: 1,175 is 2020's, 2021 has 2.350"),
    (886, "fra 2021", "fra 2020", True, "2.2: 2020 has 1.175"),
    (886, "fra 2021", "fra 2022", False, "2.2: 2022–23 are 2.350 too"),
    (974, "fra 2020", "fra 2021", False, "2.3: corrects the text"),
    (1064, "fra 2021", "fra 2020", True, "2.4: 2020 is -1.000, not the full -2.784"),
    (1064, "fra 2021", "fra 2022", False, "2.4: 2022–23 are full too"),
    (1136, "juli 2020", "juli 2021", True, "2.5: 2021 is a full year"),
    (1140, "I 2020", "I 2021", True, "2.5: 1.153.225 is 2020's"),
    (1141, "I 2021", "I 2020", True, "2.5: 2.306.450 is 2021's"),
    (1192, "i 2020", "i 2021", True, "2.5: 0,865 is 2020's"),
    (1193, "fra 2021", "fra 2020", True, "2.5: 2020 is -865"),
    (1673, "i 2020", "i 2021", True, "2.8: 2021 is full, not half"),
    (1795, "I 2020", "I 2021", True, "2.9: 2021 is -1.746"),
    (1797, "fra 2021", "fra 2020", True, "2.9: 2020 is not the full saving"),
    (1797, "fra 2021", "fra 2022", False, "2.9: 2022–23 are full too"),
    (1862, "i 2021", "i 2020", True, "2.10: 2020 is -1.071"),
    (2050, "fra 2020", "fra 2021", True, "2.11: 2021 is full, not a third"),
    (2132, "i 2020", "i 2021", False, "2.12: -800 every year"),
    (2410, "i 2020", "i 2021", False, "2.15: -126 every year"),
    (2521, "i 2020", "i 2022", True, "2.16: line b is blank in 2022"),
    (2522, "i 2021", "i 2020", True, "2.16: line b is 1.000 in 2020"),
]

AREA_CODES: list[tuple[int, str, str, bool, str]] = [
    (1000, "8290", "8390", True, "2.4: account 829002 is under 8290"),
    (1093, "4410", "4411", True, "2.5: the caption says 4410"),
    (1708, "4210", "4220", True, "2.9: the caption says 4210"),
    (1830, "2050", "2051", True, "2.10: the caption says 2050"),
    (1959, "2070", "2071", True, "2.11: the caption says 2070"),
    (2075, "8291", "8292", True, "2.12: the caption says 8291"),
    (2350, "8292", "8293", True, "2.15: the caption says 8292"),
    (2448, "2085", "2086", True, "2.16: the caption says 2085"),
    (2551, "2085", "2086", True, "2.17: the caption says 2085"),
    (1351, "4110", "4111", False, "2.7: no caption code or account to compare"),
    (976, "8290", "8291", False, "2.3: no heading code or account to compare"),
    (1195, "4410", "4411", True, "2.5: the heading says 4410"),
    (1677, "2390", "2391", True, "2.8: accounts 2390xx"),
    (1805, "4210", "4220", True, "2.9: the heading says 4210"),
    (1938, "2050", "2051", True, "2.10: the heading says 2050"),
    (2054, "2070", "2071", True, "2.11: the heading says 2070"),
    (2133, "8291", "8292", True, "2.12: the heading says 8291"),
    (2412, "8292", "8293", True, "2.15: the heading says 8292"),
    (2524, "2085", "2086", True, "2.16: the heading says 2085"),
    (2632, "2085", "2086", True, "2.17: the heading says 2085"),
    (1071, "829002", "839002", True, "2.4: the heading says 8290"),
    (1071, "829002", "829003", False, "2.4: still under 8290"),
    (1682, "239020", "249020", True, "2.8: the caption says 2390"),
    (1682, "239020", "239021", False, "2.8: still under 2390"),
    (1688, "239030", "249030", True, "2.8: the caption says 2390"),
    (1694, "239010", "249010", True, "2.8: the caption says 2390"),
    (1810, "421070", "431070", True, "2.9: the heading says 4210"),
    (1812, "421002", "431002", True, "2.9: the heading says 4210"),
    (1818, "421031", "431031", True, "2.9: the heading says 4210"),
    (1818, "421031", "421032", False, "2.9: still under 4210"),
    (1943, "2050", "2060", True, "2.10: the heading says 2050"),
    (1945, "2590", "2690", True, "2.10: the heading says 2590"),
    (2138, "829106", "839106", True, "2.12: the heading says 8291"),
    (2144, "829110", "839110", True, "2.12: the heading says 8291"),
    (2146, "829130", "839130", True, "2.12: the heading says 8291"),
    (2146, "829130", "829131", False, "2.12: still under 8291"),
    (2417, "829200", "839200", True, "2.15: the heading says 8292"),
    (2529, "208520", "209520", True, "2.16: the heading says 2085"),
    (2637, "208520", "209520", True, "2.17: the heading says 2085"),
    (2637, "208520", "208521", False, "2.17: still under 2085"),
]


def listed_mutants(lines: list[str]) -> list[Mutant]:
    mutants = [Mutant("year word", line, old, new, proposal_at(lines, line), breaking, why)
               for line, old, new, breaking, why in YEAR_WORDS]
    mutants += [Mutant("area code", line, old, new, proposal_at(lines, line), breaking, why)
                for line, old, new, breaking, why in AREA_CODES]
    return mutants


def all_mutants() -> list[Mutant]:
    lines = seed_lines()
    return [*table_mutants(lines), *overview_mutants(lines), *stated_mutants(lines),
            *listed_mutants(lines)]


# -- running ------------------------------------------------------------------------------

Key = tuple[str, str, str | None, str | None, str]


def key(finding: Finding) -> Key:
    return (finding.rule, str(finding.severity), finding.proposal, finding.cell,
            finding.message.da)


def check(text: str) -> list[Finding]:
    result = import_catalogue_text(text)
    findings = list(result.findings)
    if result.catalogue is not None:
        findings += audit(result.catalogue)
    return findings


@dataclass(frozen=True)
class Outcome:
    mutant: Mutant
    new: tuple[Finding, ...]

    @property
    def caught(self) -> bool:
        return bool(self.new)

    @property
    def new_error(self) -> bool:
        return any(f.severity.value == "error" for f in self.new)


def _run_chunk(mutants: list[Mutant]) -> list[Outcome]:
    lines = seed_lines()
    baseline = {key(f) for f in check("\n".join(lines))}
    outcomes = []
    for mutant in mutants:
        found = check("\n".join(mutant.apply(lines)))
        new = tuple(f for f in found if key(f) not in baseline
                    and (mutant.proposal is None or f.proposal in (mutant.proposal, None)))
        outcomes.append(Outcome(mutant, new))
    return outcomes


def run(mutants: list[Mutant], workers: int = 2) -> list[Outcome]:
    """Check every mutant, split over ``workers`` processes."""
    if workers <= 1:
        return _run_chunk(mutants)
    chunks = [mutants[i::workers] for i in range(workers)]
    with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
        results = list(pool.map(_run_chunk, chunks))
    merged = [o for chunk in results for o in chunk]
    by_mutant = {(o.mutant.kind, o.mutant.line, o.mutant.old, o.mutant.new): o
                 for o in merged}
    return [by_mutant[(m.kind, m.line, m.old, m.new)] for m in mutants]


def report(outcomes: list[Outcome]) -> str:
    kinds = sorted({o.mutant.kind for o in outcomes})
    rows = ["| mutants | breaking | caught | catch rate | caught as error | "
            "non-breaking | new error on non-breaking |", "|" + " --- |" * 7]
    for kind in [*kinds, "all"]:
        chosen = [o for o in outcomes if kind in ("all", o.mutant.kind)]
        breaking = [o for o in chosen if o.mutant.breaking]
        caught = [o for o in breaking if o.caught]
        as_error = [o for o in caught if o.new_error]
        neutral = [o for o in chosen if not o.mutant.breaking]
        alarms = [o for o in neutral if o.new_error]
        rate = f"{100 * len(caught) / len(breaking):.1f} %" if breaking else "-"
        rows.append(f"| {kind}: {len(chosen)} | {len(breaking)} | {len(caught)} | {rate} | "
                    f"{len(as_error)} | {len(neutral)} | {len(alarms)} |")
    return "\n".join(rows)


if __name__ == "__main__":  # pragma: no cover
    # The example's mutants, then the example's and the corpus's together (the floor in
    # test_mutations.py), then every miss and every alarm.
    from tests.audit.corpus_mutants import run_corpus

    results = run(all_mutants())
    print(report(results))
    results += run_corpus()
    print()
    print(report(results))
    for outcome in results:
        if outcome.mutant.breaking and not outcome.caught:
            m = outcome.mutant
            print(f"missed: {m.kind} line {m.line} {m.old!r} -> {m.new!r} ({m.why})")
        if not outcome.mutant.breaking and outcome.new_error:
            m = outcome.mutant
            print(f"alarm: {m.kind} line {m.line} {m.old!r} -> {m.new!r}: "
                  f"{outcome.new[0].message.en}")
