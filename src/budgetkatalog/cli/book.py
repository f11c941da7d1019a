"""``book``: the catalogue book and open data from a catalogue file.

``budgetkatalog book FILE --pdf OUT --docx OUT --xlsx OUT --fdp DIR`` (any of them,
plus ``--json``, ``--csv`` and ``--templates DIR`` for one Word template per proposal).
Exit codes as everywhere: 0 written, 1 written but the catalogue has error findings,
2 unusable input or an output that cannot be written (one line on stderr).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from budgetkatalog.cli.output import load_catalogue, print_findings
from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.core.finding import has_errors
from budgetkatalog.formats.catalogue_json import dumps

LABELS = {
    "da": {
        "nothing": "Angiv mindst én fil at skrive: --pdf, --docx, --xlsx, --fdp, --json, "
                   "--csv eller --templates.",
        "written": "{kind} skrevet til {path}.",
        "cannot_write": "{path} kan ikke skrives: {why}.",
    },
    "en": {
        "nothing": "Name at least one file to write: --pdf, --docx, --xlsx, --fdp, --json, "
                   "--csv or --templates.",
        "written": "{kind} written to {path}.",
        "cannot_write": "{path} cannot be written: {why}.",
    },
}


def register(subparsers: argparse._SubParsersAction,  # type: ignore[type-arg]
             common: argparse.ArgumentParser) -> None:
    book = subparsers.add_parser("book", parents=[common],
                                 help="kataloget som bog og åbne data / the catalogue book "
                                      "and open data")
    book.add_argument("file", help="katalogtekst, katalog-JSON eller Word / catalogue file")
    book.add_argument("--pdf", metavar="OUT", help="tilgængelig PDF / tagged PDF book")
    book.add_argument("--docx", metavar="OUT", help="hele kataloget i Word / whole catalogue")
    book.add_argument("--xlsx", metavar="OUT", help="Excel-projektmappe / Excel workbook")
    book.add_argument("--fdp", metavar="DIR",
                      help="Fiscal Data Package (datapackage.json + budget.csv)")
    book.add_argument("--json", dest="json_out", metavar="OUT", help="katalog-JSON")
    book.add_argument("--csv", metavar="OUT", help="alle linjer i Tabel 1 som CSV")
    book.add_argument("--templates", metavar="DIR",
                      help="én Word-skabelon pr. forslag / one Word template per proposal")
    book.add_argument("--phase", choices=("proposed", "approved"), default="proposed",
                      help="fase for beløbene i datapakken / phase of the package's amounts")
    book.add_argument("--version-number", type=int, default=None, metavar="N",
                      help="offentliggjort version på forsiden / published version")
    book.set_defaults(handler=run_book)


def _outputs(args: argparse.Namespace) -> list[tuple[str, str, Callable[[Catalogue], object]]]:
    from budgetkatalog.exporters import docx_book, open_data, pdf_book, xlsx_workbook

    version = args.version_number
    outputs: list[tuple[str, str, Callable[[Catalogue], object]]] = []
    if args.pdf:
        outputs.append(("PDF", args.pdf, lambda c: pdf_book.render_pdf(c, version)))
    if args.docx:
        outputs.append(("Word", args.docx, lambda c: docx_book.render_docx(c, version)))
    if args.xlsx:
        outputs.append(("Excel", args.xlsx, xlsx_workbook.render_xlsx))
    if args.json_out:
        outputs.append(("JSON", args.json_out, dumps))
    if args.csv:
        outputs.append(("CSV", args.csv, open_data.table_csv))
    if args.fdp:
        outputs.append(("Fiscal Data Package", args.fdp,
                        lambda c: open_data.fiscal_data_package(c, args.phase)))
    if args.templates:
        outputs.append(("Word-skabeloner", args.templates, lambda c: {
            f"forslag-{p.number}.docx": docx_book.render_template(c.round, p, c.title)
            for p in c.proposals}))
    return outputs


def _write(path: Path, content: object) -> None:
    if isinstance(content, dict):
        path.mkdir(parents=True, exist_ok=True)
        for name, part in content.items():
            _write(path / name, part)
    elif isinstance(content, bytes):
        path.write_bytes(content)
    else:
        assert isinstance(content, str)
        path.write_text(content, encoding="utf-8")


def run_book(args: argparse.Namespace) -> int:
    labels = LABELS[args.lang]
    outputs = _outputs(args)
    if not outputs:
        print(labels["nothing"], file=sys.stderr)
        return 2
    catalogue, findings = load_catalogue(args.file)
    if catalogue is None:
        print_findings(findings, args.lang, args.file)
        return 2
    print_findings(findings, args.lang, args.file)
    for kind, target, render in outputs:
        try:
            _write(Path(target), render(catalogue))
        except OSError as error:
            print(labels["cannot_write"].format(path=target, why=error.strerror or error),
                  file=sys.stderr)
            return 2
        print(labels["written"].format(kind=kind, path=target), file=sys.stderr)
    return 1 if has_errors(findings) else 0
