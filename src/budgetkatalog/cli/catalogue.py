"""``import``, ``overview`` and ``show``: the catalogue itself."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from budgetkatalog.cli.output import load_catalogue, print_findings, report_unusable, unusable
from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.core.finding import Finding, Severity, has_errors
from budgetkatalog.core.money import format_number
from budgetkatalog.core.overview import RowKind, compare_overview, compute_overview
from budgetkatalog.core.proposal import Proposal
from budgetkatalog.core.table import AmountsTable, TableLine
from budgetkatalog.core.text import SECTION_HEADINGS_EN, Paragraph
from budgetkatalog.formats.catalogue_json import dumps

LABELS = {
    "da": {
        "overview": "Oversigt over forslag (mio. kr.)",
        "imported": "{n} forslag i {groups} grupper indlæst fra {path}.",
        "not_found": "Forslag {number} findes ikke i kataloget. Forslag: {numbers}.",
        "stated_differs": "* Kilden angiver {stated} for {label} i {year}.",
        "table": "Tabel 1. {caption} i {unit} kr.",
        "sign": "Fortegn: \"+\" angiver merudgift/mindre indtægt og \"-\" angiver mindre "
                "udgift/merindtægt.",
        "code": "Pengepose-nr.", "name": "Pengeposenavn",
        "subtotal": "e. Delsum (a+b+c+d)", "investment": "f. Anlægsinvestering",
        "derived": "g. Afledte driftsudgifter", "total": "I alt (e+f+g)",
        "stated_row": "Kilden angiver {label}: {values}",
        "areas": "Områdebevilling", "no_table": "Forslaget har ingen Tabel 1.",
        "written": "Katalog-JSON skrevet til {path}.",
        "not_written": "Katalog-JSON kan ikke skrives til {path}: {why}.",
    },
    "en": {
        "overview": "Overview of proposals (DKK m)",
        "imported": "{n} proposals in {groups} groups read from {path}.",
        "not_found": "Proposal {number} is not in the catalogue. Proposals: {numbers}.",
        "stated_differs": "* The source states {stated} for {label} in {year}.",
        "table": "Table 1. {caption} in DKK {unit}",
        "sign": "Sign: \"+\" is more expense/less income and \"-\" is less expense/more income.",
        "code": "Account", "name": "Account name",
        "subtotal": "e. Subtotal (a+b+c+d)", "investment": "f. Capital investment",
        "derived": "g. Derived operating costs", "total": "Total (e+f+g)",
        "stated_row": "The source states {label}: {values}",
        "areas": "Appropriation area", "no_table": "The proposal has no Table 1.",
        "written": "Catalogue JSON written to {path}.",
        "not_written": "Catalogue JSON cannot be written to {path}: {why}.",
    },
}


def register(subparsers: argparse._SubParsersAction,  # type: ignore[type-arg]
             common: argparse.ArgumentParser) -> None:
    imp = subparsers.add_parser("import", parents=[common],
                                help="indlæs et katalog / read a catalogue")
    imp.add_argument("file", help="katalogtekst eller katalog-JSON / catalogue text or JSON")
    imp.add_argument("--json", dest="json_out", metavar="OUT",
                     help="skriv katalog-JSON til OUT ('-' for stdout) / write JSON to OUT")
    imp.set_defaults(handler=run_import)

    ov = subparsers.add_parser("overview", parents=[common],
                               help="oversigt over forslag / overview of proposals")
    ov.add_argument("file")
    ov.set_defaults(handler=run_overview)

    show = subparsers.add_parser("show", parents=[common],
                                 help="vis et forslag / show one proposal")
    show.add_argument("file")
    show.add_argument("number", help="forslagsnummer, fx 2.8 / proposal number, e.g. 2.8")
    show.set_defaults(handler=run_show)


def _load(args: argparse.Namespace) -> tuple[Catalogue | None, list[Finding]]:
    catalogue, findings = load_catalogue(args.file)
    if catalogue is None:
        report_unusable(findings, args.lang, args.file)
    return catalogue, findings


def _exit(findings: list[Finding]) -> int:
    return 1 if has_errors(findings) else 0


def run_import(args: argparse.Namespace) -> int:
    catalogue, findings = _load(args)
    if catalogue is None:
        return 2
    labels = LABELS[args.lang]
    if args.json_out and args.json_out != "-":
        try:
            Path(args.json_out).write_text(dumps(catalogue), encoding="utf-8")
        except OSError as error:
            return unusable(labels["not_written"].format(
                path=args.json_out, why=error.strerror or str(error)))
    print_findings(findings, args.lang, args.file)
    if args.json_out == "-":
        sys.stdout.write(dumps(catalogue))
    else:
        if args.json_out:
            print(labels["written"].format(path=args.json_out), file=sys.stderr)
        print(labels["imported"].format(n=len(catalogue.proposals),
                                        groups=len(catalogue.groups), path=args.file))
    return _exit(findings)


def _mio(value: object, lang: str) -> str:
    from decimal import Decimal
    assert isinstance(value, (int, Decimal))
    return format_number(Decimal(value) / 1000, 3, lang, grouping=False)


def run_overview(args: argparse.Namespace) -> int:
    catalogue, findings = _load(args)
    if catalogue is None:
        return 2
    lang = args.lang
    labels = LABELS[lang]
    overview = compute_overview(catalogue)
    comparison = compare_overview(overview)
    width = max(48, *(len(_overview_label(line.kind, line.number, line.label))
                      for line in overview.lines))
    width = min(width, 90)
    print(labels["overview"].ljust(width) + "".join(f"{y:>10}" for y in overview.years))
    notes: list[str] = []
    for line in overview.lines:
        label = _overview_label(line.kind, line.number, line.label)
        if len(label) > width:
            label = label[: width - 1] + "…"
        stated = line.stated_in_units(overview.unit, overview.scale)
        cells = []
        for index, value in enumerate(line.computed):
            differs = stated is not None and stated[index] is not None \
                and stated[index] != value
            cells.append(f"{_mio(value, lang)}{'*' if differs else ' '}".rjust(10))
            if differs and stated is not None:
                stated_value = stated[index]
                notes.append(labels["stated_differs"].format(
                    stated=_mio(stated_value, lang), label=line.number or line.label,
                    year=overview.years[index]))
        print(label.ljust(width) + "".join(cells))
    for note in notes:
        print(note)
    print_findings([*findings, *comparison], lang, args.file)
    return _exit([*findings, *comparison])


def _overview_label(kind: RowKind, number: str | None, label: str) -> str:
    if kind is RowKind.PROPOSAL:
        return f"  {number} {label}"
    return label


def run_show(args: argparse.Namespace) -> int:
    catalogue, findings = _load(args)
    if catalogue is None:
        return 2
    labels = LABELS[args.lang]
    proposal = catalogue.proposal(args.number)
    if proposal is None:
        return unusable(labels["not_found"].format(
            number=args.number, numbers=", ".join(p.number for p in catalogue.proposals)))
    print(render_proposal(proposal, args.lang))
    own = [f for f in findings if f.proposal == proposal.number]
    print_findings(own, args.lang, args.file)
    return _exit(own)


def render_proposal(proposal: Proposal, lang: str) -> str:
    labels = LABELS[lang]
    out = [f"{proposal.number} {proposal.title}"]
    if proposal.areas_text:
        out.append(proposal.areas_text)
    out.append("")
    for section in proposal.sections:
        heading = SECTION_HEADINGS_EN.get(section.number, section.heading) if lang == "en" \
            else section.heading
        out.append(f"{section.number}. {heading}")
        for block in section.blocks:
            if isinstance(block, Paragraph):
                out.append(block.text)
            else:
                out.extend(f"  • {item.text}" for item in block.items)
            out.append("")
    table = proposal.table
    if table is None:
        out.append(labels["no_table"])
        return "\n".join(out)
    out.extend(render_table(table, lang))
    return "\n".join(out)


def render_table(table: AmountsTable, lang: str) -> list[str]:
    """Table 1 as text lines: caption, sign note, rows a–d, Delsum, f, g, I alt."""
    labels = LABELS[lang]
    out = [labels["table"].format(caption=table.caption or "",
                                  unit=format_number(table.unit, 0, lang)).replace("  ", " "),
           labels["sign"]]
    name_width = max(34, *(len(_line_label(line)) + 3 for line in table.lines))

    def row(label: str, values: tuple[int | None, ...]) -> str:
        cells = "".join(("" if v is None else format_number(v, 0, lang)).rjust(9)
                        for v in values)
        return label.ljust(name_width) + cells

    out.append(f"{labels['code']} {labels['name']}".ljust(name_width)
               + "".join(f"{y:>9}" for y in table.years))
    for line in table.lines:
        out.append(row(f"{line.letter}. {_line_label(line)}", line.amounts))
    out.append(row(labels["subtotal"], table.subtotal))
    out.append(row(labels["investment"], table.investment.amounts))
    out.append(row(labels["derived"], table.derived_operating.amounts))
    out.append(row(labels["total"], table.total))
    for label, stated, computed in ((labels["subtotal"], table.stated_subtotal, table.subtotal),
                                    (labels["total"], table.stated_total, table.total)):
        if tuple(v or 0 for v in stated) != computed:
            values = " ".join("·" if v is None else format_number(v, 0, lang) for v in stated)
            out.append(labels["stated_row"].format(label=label, values=values))
    return out


def _line_label(line: TableLine) -> str:
    return " ".join(part for part in (line.code, line.name) if part)


__all__ = ["Severity", "register", "render_proposal", "render_table"]
