"""Reading an uploaded catalogue file for the web import, and whether it fits the
catalogue it is to go into. Nothing here writes; ``actions.do_import_into_catalogue``
stores what the user confirmed."""

from __future__ import annotations

from budgetkatalog.core.catalogue import Catalogue as DomainCatalogue
from budgetkatalog.core.files import MAX_INPUT_BYTES as MAX_UPLOAD_BYTES
from budgetkatalog.core.finding import Finding, Severity, text
from budgetkatalog.formats.catalogue_json import FormatError, loads
from budgetkatalog.importers.catalogue_text import import_catalogue_bytes
from budgetkatalog.web.catalogues.models import Catalogue


def read_upload(data: bytes) -> tuple[DomainCatalogue | None, list[Finding]]:
    """Catalogue JSON or catalogue text (the importer's formats), by content; ``None``
    with located findings when the file cannot be used."""
    if len(data) > MAX_UPLOAD_BYTES:
        return None, [Finding("import.too-large", Severity.ERROR, text(
            "Filen er {size} byte; grænsen er {limit} byte.",
            "The file is {size} bytes; the limit is {limit} bytes.",
            size=len(data), limit=MAX_UPLOAD_BYTES))]
    if data.lstrip()[:1] == b"{":
        try:
            catalogue, findings = loads(data.decode("utf-8"))
        except FormatError as error:
            return None, list(error.findings)
        except UnicodeDecodeError as error:
            return None, [Finding("import.not-utf8", Severity.ERROR, text(
                "Filen er ikke UTF-8: ugyldig byte ved position {pos}.",
                "The file is not UTF-8: invalid byte at offset {pos}.", pos=error.start))]
        return catalogue, list(findings)
    result = import_catalogue_bytes(data)
    return result.catalogue, list(result.findings)


def fit_findings(domain: DomainCatalogue, target: Catalogue) -> list[Finding]:
    """Why the file's proposals cannot go into ``target``: other years, another unit,
    numbers the catalogue already has, no proposals. Empty when they fit."""
    round_ = target.round
    findings: list[Finding] = []
    if not domain.proposals:
        findings.append(Finding("import.no-proposals", Severity.ERROR, text(
            "Filen indeholder ingen forslag.", "The file holds no proposals.")))
    if domain.round.unit != round_.unit:
        findings.append(Finding("import.unit", Severity.ERROR, text(
            "Filens beløb er i enheden {file} kr., rundens i {round} kr.",
            "The file's amounts are in units of DKK {file}, the round's in DKK {round}.",
            file=domain.round.unit, round=round_.unit)))
    years = set(round_.years)
    for proposal in domain.proposals:
        if proposal.table is not None and not set(proposal.table.years) <= years:
            findings.append(Finding("import.years", Severity.ERROR, text(
                "Forslag {n}: Tabel 1 har årene {file}, men runden har {round}. Brug "
                "videreførelse for at flytte et forslag til en ny runde.",
                "Proposal {n}: Table 1 has the years {file}, but the round has {round}. Use "
                "carry-forward to move a proposal into a new round.",
                n=proposal.number, file=", ".join(str(y) for y in proposal.table.years),
                round=", ".join(str(y) for y in round_.years)),
                proposal=proposal.number, line=proposal.table.line))
    taken = set(target.proposals.values_list("number", flat=True))
    for proposal in domain.proposals:
        if proposal.number in taken:
            findings.append(Finding("import.number-taken", Severity.ERROR, text(
                "Forslag {n} findes allerede i kataloget.",
                "Proposal {n} is already in the catalogue.", n=proposal.number),
                proposal=proposal.number, line=proposal.line))
    return findings
