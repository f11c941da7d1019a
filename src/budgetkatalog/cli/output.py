"""Shared command-line output: loading a catalogue, printing findings."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TextIO

from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.core.finding import Finding, Severity, text
from budgetkatalog.formats.catalogue_json import FormatError, loads
from budgetkatalog.importers.catalogue_text import import_catalogue_file
from budgetkatalog.importers.proposal_docx import import_docx_file

SEVERITY_LABELS = {
    "da": {Severity.ERROR: "fejl", Severity.WARNING: "advarsel", Severity.NOTE: "note"},
    "en": {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "note"},
}


def load_catalogue(path: str) -> tuple[Catalogue | None, list[Finding]]:
    """Read catalogue text (the seed's form), catalogue JSON or a Word document in the
    proposal template's form, by content."""
    file = Path(path)
    try:
        head = file.read_bytes()[:64].lstrip()
    except OSError as error:
        return None, [Finding("import.unreadable", Severity.ERROR,
                              text("Filen {path} kan ikke læses: {why}.",
                                   "The file {path} cannot be read: {why}.",
                                   path=path, why=error.strerror or str(error)))]
    if head.startswith(b"PK"):  # a zip container: Word (.docx)
        # The proposal template's structure first (headings, Table 1 as a table); a Word
        # document without it is read as catalogue text by the general importer.
        result = import_docx_file(file)
        if result.catalogue is not None:
            return result.catalogue, list(result.findings)
        general = import_catalogue_file(file)
        if general.catalogue is not None:
            return general.catalogue, list(general.findings)
        return None, list(result.findings)
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
    return result.catalogue, list(result.findings)


def print_findings(findings: list[Finding], lang: str, source: str | None = None,
                   stream: TextIO | None = None) -> None:
    out = stream or sys.stderr
    labels = SEVERITY_LABELS.get(lang, SEVERITY_LABELS["da"])
    for finding in findings:
        where = ":".join(str(x) for x in (source, finding.line) if x is not None)
        proposal = f" [{finding.proposal}]" if finding.proposal else ""
        prefix = f"{where}: " if where else ""
        print(f"{prefix}{labels[finding.severity]}{proposal} {finding.rule}: "
              f"{finding.message.in_language(lang)}", file=out)


def findings_json(findings: list[Finding], lang: str) -> str:
    return json.dumps([f.to_dict(lang) for f in findings], ensure_ascii=False, indent=2)
