"""``cost``: Table 1 from a costing spec (TOML), rounded and unrounded."""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from budgetkatalog.cli import EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE
from budgetkatalog.cli.catalogue import render_table
from budgetkatalog.cli.output import (
    load_catalogue,
    print_findings,
    report_unusable,
    unusable,
)
from budgetkatalog.core.files import read_input
from budgetkatalog.core.finding import Finding, Severity, has_errors, text
from budgetkatalog.core.money import format_number
from budgetkatalog.costing.compare import compare_with_table
from budgetkatalog.costing.compute import Cells, CostResult, LineCost, cost
from budgetkatalog.costing.model import CostSpec
from budgetkatalog.costing.spec import load_spec

OERE = Decimal("0.01")

LABELS = {
    "da": {
        "heading": "{number} {title}",
        "basis": "Beregnet i {pl}-P/L, afrunding: {rounding} (se docs/costing.md).",
        "unrounded": "Uafrundede beløb i kr.",
        "share": "andel",
        "offsets": "heraf modregning",
        "subtotal": "e. Delsum (a+b+c+d)",
        "total": "I alt (e+f+g)",
        "no_index": "--price-level {year}: prisindekset har ikke {year} (det dækker {years}).",
        "not_utf8": "Filen {path} er ikke UTF-8.",
    },
    "en": {
        "heading": "{number} {title}",
        "basis": "Costed at {pl} P/L, rounding: {rounding} (see docs/costing.md).",
        "unrounded": "Unrounded amounts in DKK",
        "share": "share",
        "offsets": "of which offsets",
        "subtotal": "e. Subtotal (a+b+c+d)",
        "total": "Total (e+f+g)",
        "no_index": "--price-level {year}: the price index has no {year} (it covers {years}).",
        "not_utf8": "The file {path} is not UTF-8.",
    },
}


def register(subparsers: argparse._SubParsersAction,  # type: ignore[type-arg]
             common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "cost", parents=[common],
        help="beregn Tabel 1 ud fra en specifikation / cost Table 1 from a spec (TOML)")
    parser.add_argument("spec", help="costing spec, e.g. examples/costing/2.10-miljo-teknik.toml")
    parser.add_argument("--json", action="store_true", help="skriv JSON / write JSON")
    parser.add_argument("--price-level", type=int, metavar="YEAR",
                        help="omregn til dette P/L-år / re-price to this P/L year")
    parser.add_argument("--against", metavar="CATALOGUE",
                        help="sammenlign med forslagets Tabel 1 i kataloget / compare with "
                             "the proposal's Table 1 in this catalogue (text or JSON)")
    parser.set_defaults(handler=run_cost)


def run_cost(args: argparse.Namespace) -> int:
    path = Path(args.spec)
    read = read_input(path, rule="costing.spec-unreadable")
    try:
        source = None if read.data is None else read.data.decode("utf-8")
    except UnicodeDecodeError:
        return unusable(LABELS[args.lang]["not_utf8"].format(path=path))
    if source is None:
        return report_unusable([f for f in (read.problem,) if f is not None], args.lang)

    def read_beside(name: str) -> str | None:
        beside = read_input(path.parent / name)
        try:
            return None if beside.data is None else beside.data.decode("utf-8")
        except UnicodeDecodeError:
            return None

    loaded = load_spec(source, path.name, read_beside)
    if loaded.spec is None:
        errors = [(f, o) for f, o in zip(loaded.findings, loaded.origins, strict=True)
                  if f.severity is Severity.ERROR]
        first, origin = errors[0] if errors else (loaded.findings[0], loaded.origins[0])
        return report_unusable([first, *(f for f, _ in errors[1:])], args.lang,
                               str(_origin_path(path, origin)))
    if args.price_level is not None:
        problem = _price_level_problem(loaded.spec, args.price_level, args.lang)
        if problem is not None:
            return unusable(problem)
    result = cost(loaded.spec, args.price_level)
    compared = _compare(result, args.against, args.lang)
    if compared is None:
        return EXIT_UNUSABLE
    findings = [*loaded.findings, *result.findings, *compared]
    if args.json:
        sys.stdout.write(json.dumps(result_document(result, findings, args.lang),
                                    ensure_ascii=False, indent=2) + "\n")
    else:
        print(render_result(result, args.lang))
        _print_spec_findings(loaded.findings, loaded.origins, path, args.lang)
        print_findings([*result.findings, *compared], args.lang, str(path))
    return EXIT_FINDINGS if has_errors(findings) else EXIT_OK


def _price_level_problem(spec: CostSpec, year: int, lang: str) -> str | None:
    """Why ``--price-level YEAR`` cannot be costed: the round's index has no such year."""
    years = sorted({y for index in spec.round.indices for y, _ in index.values})
    if year == spec.stated_price_level or year in years:
        return None
    covered = f"{years[0]}–{years[-1]}" if years else "-"
    return LABELS[lang]["no_index"].format(year=year, years=covered)


def _compare(result: CostResult, against: str | None, lang: str) -> list[Finding] | None:
    """Differences from the catalogue's Table 1; ``None`` when there is nothing to compare."""
    if against is None:
        return []
    catalogue, findings = load_catalogue(against)
    if catalogue is None:
        report_unusable(findings, lang, against)
        return None
    proposal = catalogue.proposal(result.number)
    if proposal is None or proposal.table is None:
        report_unusable([Finding(
            "costing.no-table-to-compare", Severity.ERROR,
            text("Kataloget har ingen Tabel 1 for forslag {number}.",
                 "The catalogue has no Table 1 for proposal {number}.", number=result.number))],
            lang, against)
        return None
    return list(compare_with_table(result, proposal.table))


def _origin_path(path: Path, origin: str) -> Path:
    return path if origin == path.name else path.parent / origin


def _print_spec_findings(findings: tuple[Finding, ...], origins: tuple[str, ...], path: Path,
                         lang: str) -> None:
    """Each finding with the file it is about: the spec or the round file it names."""
    for finding, origin in zip(findings, origins, strict=True):
        print_findings([finding], lang, str(_origin_path(path, origin)))


def _kroner(value: Decimal | None) -> str | None:
    return None if value is None else str(value.quantize(OERE))


def _by_year(years: tuple[int, ...], values: Cells | tuple[int | None, ...]) -> dict[str, object]:
    return {str(year): (_kroner(v) if isinstance(v, Decimal) else v)
            for year, v in zip(years, values, strict=True)}


def _share(share: Fraction) -> str:
    return str(share.numerator) if share.denominator == 1 else \
        f"{share.numerator}/{share.denominator}"


def _line_document(years: tuple[int, ...], line: LineCost) -> dict[str, object]:
    return {
        "letter": line.letter, "code": line.code, "name": line.name,
        "amounts": _by_year(years, line.rounded),
        "unrounded": _by_year(years, line.unrounded),
        "components": [{
            "label": c.label, "path": c.path,
            "shares": {str(y): _share(s) for y, s in zip(years, c.shares, strict=True)},
            "gross": _by_year(years, c.gross), "offsets": _by_year(years, c.offsets),
            "net": _by_year(years, c.net)} for c in line.components],
    }


def result_document(result: CostResult, findings: list[Finding], lang: str) -> dict[str, object]:
    """The costed table as JSON: lines in the catalogue format's line shape, plus the
    unrounded kroner (to the øre) and each component's figures."""
    years = result.years
    blank = tuple(None for _ in years)
    lines = [_line_document(years, result.line(row.letter)
                            or LineCost(row.letter, None, None, blank, blank, ()))
             for row in result.table.lines]
    extra = {letter: (_line_document(years, line) if line else None)
             for letter, line in (("investment", result.line("f")),
                                  ("derived_operating", result.line("g")))}
    return {
        "number": result.number, "title": result.title, "years": list(years),
        "unit": result.unit, "price_level": result.price_level,
        "rounding": result.rounding.value,
        "lines": lines, **extra,
        "subtotal": _by_year(years, result.table.subtotal),
        "total": _by_year(years, result.table.total),
        "unrounded_subtotal": _by_year(years, result.unrounded_subtotal),
        "unrounded_total": _by_year(years, result.unrounded_total),
        "findings": [f.to_dict(lang) for f in findings],
    }


def render_result(result: CostResult, lang: str) -> str:
    labels = LABELS[lang]
    out = [labels["heading"].format(number=result.number, title=result.title),
           labels["basis"].format(pl=result.price_level, rounding=result.rounding.value), ""]
    out.extend(render_table(result.table, lang))
    out.extend(["", labels["unrounded"]])
    width = 16

    def cells(values: Cells) -> str:
        return "".join(("" if v is None else format_number(v, 2, lang)).rjust(width)
                       for v in values)

    name_width = 44
    out.append("".ljust(name_width) + "".join(f"{y:>{width}}" for y in result.years))
    for line in result.lines:
        label = f"{line.letter}. " + " ".join(p for p in (line.code, line.name) if p)
        out.append(label[:name_width].ljust(name_width) + cells(line.unrounded))
        for component in line.components:
            shares = ", ".join(_share(s) for s in component.shares)
            out.append(f"   {component.label}"[:name_width].ljust(name_width)
                       + cells(component.net) + f"   ({labels['share']} {shares})")
            if any(v for v in component.offsets if v is not None):
                out.append(f"     {labels['offsets']}".ljust(name_width)
                           + cells(component.offsets))
    out.append(labels["subtotal"].ljust(name_width) + cells(result.unrounded_subtotal))
    out.append(labels["total"].ljust(name_width) + cells(result.unrounded_total))
    return "\n".join(out)
