"""Shared command-line output: loading a catalogue, printing findings."""

from __future__ import annotations

import json
import sys
from typing import TextIO

from budgetkatalog.cli import EXIT_UNUSABLE
from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.core.files import read_input
from budgetkatalog.core.finding import Finding, Severity, text
from budgetkatalog.importers.catalogue_text import ImportResult, import_catalogue_bytes

SEVERITY_LABELS = {
    "da": {Severity.ERROR: "fejl", Severity.WARNING: "advarsel", Severity.NOTE: "note"},
    "en": {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "note"},
}


def load_catalogue(path: str) -> tuple[Catalogue | None, list[Finding]]:
    """Read catalogue text (the seed's form), catalogue JSON, a Word document (the
    proposal template's form, else a whole catalogue) or a PDF, by content; any input
    is refused over the one input size limit before it is read whole."""
    read = read_input(path)
    if read.data is None:
        return None, [f for f in (read.problem,) if f is not None]
    # The Word and JSON readers are loaded for their own kind of input only: a command
    # pays at every start for what it imports.
    if read.data[:2] == b"PK":  # a zip container: Word (.docx)
        from budgetkatalog.importers.proposal_docx import import_docx_bytes

        # The proposal template's structure first (headings, Table 1 as a table); a Word
        # document without it is read as catalogue text by the general importer.
        template = import_docx_bytes(read.data)
        if template.catalogue is not None:
            return template.catalogue, list(template.findings)
        general = import_catalogue_bytes(read.data)
        if general.catalogue is not None:
            return general.catalogue, list(general.findings)
        # Neither: the template's reasons say best what is missing.
        return None, list(template.findings)
    if read.data.lstrip()[:1] == b"{":
        from budgetkatalog.formats.catalogue_json import FormatError, loads

        try:
            catalogue, findings = loads(read.data.decode("utf-8"))
        except FormatError as error:
            return None, error.findings
        except UnicodeDecodeError:
            return None, [Finding("import.not-utf8", Severity.ERROR,
                                  text("Filen er ikke UTF-8.", "The file is not UTF-8."))]
        return catalogue, findings
    result = import_catalogue_bytes(read.data)
    if result.page_starts:
        _PAGED[path] = result
    return result.catalogue, list(result.findings)


# The import of each file read in this process that has pages (a PDF), so findings the
# audit adds later are given their page too.
_PAGED: dict[str, ImportResult] = {}


def with_pages(findings: list[Finding], source: str | None) -> list[Finding]:
    result = _PAGED.get(source) if source is not None else None
    return result.with_pages(findings) if result is not None else findings


def report_unusable(findings: list[Finding], lang: str, source: str | None = None) -> int:
    """Say in one line on stderr why the input cannot be used; the exit code for it.

    The first error is shown with its location; further errors are counted, not listed.
    """
    findings = with_pages(findings, source)
    errors = [f for f in findings if f.severity is Severity.ERROR] or findings
    if not errors:
        errors = [Finding("input.unusable", Severity.ERROR,
                          text("Inddata kan ikke bruges.", "The input cannot be used."))]
    first = errors[0]
    more = len(errors) - 1
    suffix = "" if not more else (f" (og {more} fejl mere)" if lang != "en"
                                  else f" (and {more} more {'error' if more == 1 else 'errors'})")
    print(finding_line(first, lang, source) + suffix, file=sys.stderr)
    return EXIT_UNUSABLE


def unusable(message: str) -> int:
    """A problem with the command's arguments, in one line on stderr."""
    print(" ".join(message.split()), file=sys.stderr)
    return EXIT_UNUSABLE


def finding_line(finding: Finding, lang: str, source: str | None = None) -> str:
    labels = SEVERITY_LABELS.get(lang, SEVERITY_LABELS["da"])
    where = ":".join(str(x) for x in (source, finding.line) if x is not None)
    if finding.page is not None:
        where += f" ({'side' if lang == 'da' else 'page'} {finding.page})"
    proposal = f" [{finding.proposal}]" if finding.proposal else ""
    prefix = f"{where}: " if where else ""
    message = " ".join(finding.message.in_language(lang).split())
    return f"{prefix}{labels[finding.severity]}{proposal} {finding.rule}: {message}"


def print_findings(findings: list[Finding], lang: str, source: str | None = None,
                   stream: TextIO | None = None) -> None:
    out = stream or sys.stderr
    for finding in with_pages(findings, source):
        print(finding_line(finding, lang, source), file=out)


def findings_json(findings: list[Finding], lang: str, source: str | None = None) -> str:
    return json.dumps([f.to_dict(lang) for f in with_pages(findings, source)],
                      ensure_ascii=False, indent=2)
