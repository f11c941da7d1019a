"""Shared command-line output: loading a catalogue, printing findings."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TextIO

from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.core.finding import Finding, Severity, text
from budgetkatalog.formats.catalogue_json import FormatError, loads
from budgetkatalog.importers.catalogue_text import ImportResult, import_catalogue_file

SEVERITY_LABELS = {
    "da": {Severity.ERROR: "fejl", Severity.WARNING: "advarsel", Severity.NOTE: "note"},
    "en": {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "note"},
}


def load_catalogue(path: str) -> tuple[Catalogue | None, list[Finding]]:
    """Read catalogue text (the seed's form) or catalogue JSON, by content."""
    file = Path(path)
    try:
        head = file.read_bytes()[:64].lstrip()
    except OSError as error:
        return None, [Finding("import.unreadable", Severity.ERROR,
                              text("Filen {path} kan ikke læses: {why}.",
                                   "The file {path} cannot be read: {why}.",
                                   path=path, why=error.strerror or str(error)))]
    if head.startswith(b"{"):
        try:
            catalogue, findings = loads(file.read_text(encoding="utf-8"))
        except FormatError as error:
            return None, error.findings
        except UnicodeDecodeError:
            return None, [Finding("import.not-utf8", Severity.ERROR,
                                  text("Filen er ikke UTF-8.", "The file is not UTF-8."))]
        return catalogue, findings
    result = import_catalogue_file(file)
    if result.page_starts:
        _PAGED[path] = result
    return result.catalogue, list(result.findings)


# The import of each file read in this process that has pages (a PDF), so findings the
# audit adds later are given their page too.
_PAGED: dict[str, ImportResult] = {}


def with_pages(findings: list[Finding], source: str | None) -> list[Finding]:
    result = _PAGED.get(source) if source is not None else None
    return result.with_pages(findings) if result is not None else findings


def print_findings(findings: list[Finding], lang: str, source: str | None = None,
                   stream: TextIO | None = None) -> None:
    out = stream or sys.stderr
    labels = SEVERITY_LABELS.get(lang, SEVERITY_LABELS["da"])
    for finding in with_pages(findings, source):
        where = ":".join(str(x) for x in (source, finding.line) if x is not None)
        if finding.page is not None:
            where += f" ({'side' if lang == 'da' else 'page'} {finding.page})"
        proposal = f" [{finding.proposal}]" if finding.proposal else ""
        prefix = f"{where}: " if where else ""
        print(f"{prefix}{labels[finding.severity]}{proposal} {finding.rule}: "
              f"{finding.message.in_language(lang)}", file=out)


def findings_json(findings: list[Finding], lang: str, source: str | None = None) -> str:
    return json.dumps([f.to_dict(lang) for f in with_pages(findings, source)],
                      ensure_ascii=False, indent=2)
