"""``check``: the catalogue audit, every finding with its rule, severity and line."""

from __future__ import annotations

import argparse
import sys

from budgetkatalog.audit import audit
from budgetkatalog.cli import EXIT_FINDINGS, EXIT_OK
from budgetkatalog.cli.catalogue import LABELS as CATALOGUE_LABELS
from budgetkatalog.cli.output import (
    findings_json,
    load_catalogue,
    print_findings,
    report_unusable,
    unusable,
)
from budgetkatalog.core.finding import Finding, Severity, has_errors

SUMMARY = {
    "da": "{errors} fejl, {warnings} advarsler, {notes} noter i {n} forslag.",
    "en": "{errors} errors, {warnings} warnings, {notes} notes in {n} proposals.",
}

NOT_FOUND = {lang: labels["not_found"] for lang, labels in CATALOGUE_LABELS.items()}


def register(subparsers: argparse._SubParsersAction,  # type: ignore[type-arg]
             common: argparse.ArgumentParser) -> None:
    check = subparsers.add_parser(
        "check", parents=[common],
        help="kontroller kataloget / audit the catalogue",
        description="Kontroller et katalog: regnestykker, krydshenvisninger og tekst mod "
                    "tabel. Exit 0 uden fejl, 1 med fejl, 2 ved ubrugeligt input.")
    check.add_argument("file", help="katalogtekst eller katalog-JSON / catalogue text or JSON")
    check.add_argument("--format", choices=("text", "json"), default="text",
                       help="uddata som tekst eller JSON / output as text or JSON")
    check.add_argument("--proposal", metavar="NUMBER",
                       help="kun fund for dette forslag / only findings for this proposal")
    check.set_defaults(handler=run_check)


def run_check(args: argparse.Namespace) -> int:
    catalogue, imported = load_catalogue(args.file)
    if catalogue is None:
        if args.format == "json":  # a reader of the JSON gets the reason there too
            sys.stdout.write(findings_json(imported, args.lang, args.file) + "\n")
        return report_unusable(imported, args.lang, args.file)
    chosen = catalogue.proposal(args.proposal) if args.proposal else None
    if args.proposal and chosen is None:
        return unusable(NOT_FOUND[args.lang].format(
            number=args.proposal, numbers=", ".join(p.number for p in catalogue.proposals)))
    findings: list[Finding] = [*imported, *audit(catalogue)]
    if chosen is not None:
        # "UV1" chooses the proposal the catalogue numbers "UV 1".
        findings = [f for f in findings if f.proposal == chosen.number]
    if args.format == "json":
        sys.stdout.write(findings_json(findings, args.lang, args.file) + "\n")
    else:
        print_findings(findings, args.lang, args.file, stream=sys.stdout)
        counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
        print(SUMMARY[args.lang].format(errors=counts[Severity.ERROR],
                                        warnings=counts[Severity.WARNING],
                                        notes=counts[Severity.NOTE],
                                        n=len(catalogue.proposals)))
    return EXIT_FINDINGS if has_errors(findings) else EXIT_OK
