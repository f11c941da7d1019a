"""Open data: the catalogue's Table 1 lines as CSV, and a Fiscal Data Package.

``table_csv`` has one row per Table 1 line (rows a–d, f and g) and one column per
year, amounts in the catalogue's unit (1.000 kr.), a blank cell empty.

``fiscal_data_package`` writes ``datapackage.json`` and ``budget.csv`` (one row per
proposal, line and year) following the Fiscal Data Package: the measure ``amount``
carries currency DKK, factor 1000 (the unit), direction ``expenditure`` (the sign
convention: + more expense or less income, − less expense or more income) and the
phase ``proposed``. Given the budget agreement (a scenario), the package holds what it
adopted instead, with phase ``approved``: whole proposals, a share of every amount
(exact, so the amounts are numbers rather than integers) or the chosen lines with rows
f and g, as the scenarios count them; columns ``decision`` and ``share`` say which.
The catalogue JSON itself is ``budgetkatalog.formats.catalogue_json``.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.core.proposal import Proposal
from budgetkatalog.core.table import TableLine
from budgetkatalog.exporters.book_content import LABELS, grouped
from budgetkatalog.exporters.cells import safe_text
from budgetkatalog.scenarios.decision import Decision, DecisionKind, Scenario

PHASES = ("proposed", "approved")


def _lines(proposal: Proposal) -> list[tuple[TableLine, str | None]]:
    table = proposal.table
    if table is None:
        return []
    return ([(line, line.name) for line in table.lines]
            + [(table.investment, LABELS["investment"]),
               (table.derived_operating, LABELS["derived"])])


def _groups(catalogue: Catalogue) -> dict[str, str]:
    return {p.number: name for name, _, members in grouped(catalogue) for p in members}


def table_csv(catalogue: Catalogue) -> str:
    years = catalogue.round.years
    groups = _groups(catalogue)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["group", "proposal", "title", "line", "code", "name",
                     *(str(y) for y in years)])
    for proposal in catalogue.proposals:
        for line, name in _lines(proposal):
            assert proposal.table is not None
            by_year = dict(zip(proposal.table.years, line.amounts, strict=True))
            writer.writerow([safe_text(groups.get(proposal.number)), proposal.number,
                             safe_text(proposal.title), line.letter, safe_text(line.code),
                             safe_text(name),
                             *("" if by_year.get(y) is None else by_year[y] for y in years)])
    return out.getvalue()


def _adopted(proposal: Proposal, decision: Decision
             ) -> list[tuple[TableLine, str | None, tuple[int | Decimal | None, ...]]]:
    """The proposal's lines as the decision adopts them, the way the scenarios count
    them (``scenarios.evaluation.contribution``): whole; a share of every amount,
    exact; or the chosen lines with rows f and g in full."""
    if not decision.is_adopted or proposal.table is None:
        return []
    table = proposal.table
    rows = _lines(proposal)
    if decision.kind is DecisionKind.LINES:
        rows = [(line, name) for line, name in rows if line.letter in decision.lines
                or line is table.investment or line is table.derived_operating]
    if decision.kind is DecisionKind.PARTIAL:
        share = decision.share if decision.share is not None else Decimal(0)
        return [(line, name, tuple(None if a is None else share * a for a in line.amounts))
                for line, name in rows]
    return [(line, name, line.amounts) for line, name in rows]


def _amount(value: int | Decimal) -> int | str:
    if isinstance(value, int) or value == value.to_integral_value():
        return int(value)
    return f"{value.normalize():f}"


def _budget_rows(catalogue: Catalogue, agreement: Scenario | None = None
                 ) -> list[list[str | int]]:
    groups = _groups(catalogue)
    rows: list[list[str | int]] = []
    for proposal in catalogue.proposals:
        decision = agreement.decision(proposal.number) if agreement else Decision.adopted()
        for line, name, amounts in _adopted(proposal, decision):
            assert proposal.table is not None
            for year, value in zip(proposal.table.years, amounts, strict=True):
                if value is None:
                    continue
                row: list[str | int] = [
                    f"{proposal.number}/{line.letter}/{year}",
                    safe_text(groups.get(proposal.number)) or "", proposal.number,
                    safe_text(proposal.title) or "", line.letter, safe_text(line.code) or "",
                    safe_text(name) or "", year, _amount(value)]
                if agreement is not None:
                    share = decision.share if decision.kind is DecisionKind.PARTIAL else None
                    row += [str(decision.kind), "" if share is None else _amount(share)]
                rows.append(row)
    return rows


def datapackage(catalogue: Catalogue, phase: str = "proposed",
                agreement: Scenario | None = None) -> dict[str, Any]:
    """The descriptor. With an ``agreement`` the amounts are what it adopted (phase
    ``approved``; a share makes amounts with decimals, so the type is ``number``)."""
    if phase not in PHASES:
        raise ValueError(f"phase must be one of {PHASES}")
    if agreement is not None:
        phase = "approved"
    round_ = catalogue.round
    name = f"budgetkatalog-{round_.budget_year}"
    fields: list[dict[str, Any]] = [
        {"name": "id", "type": "string", "description": "forslag/række/år"},
        {"name": "group", "type": "string", "description": "Gruppe af forslag"},
        {"name": "proposal", "type": "string", "description": "Forslagets nummer"},
        {"name": "proposal_title", "type": "string", "description": "Forslagets titel"},
        {"name": "line", "type": "string", "description": "Række i Tabel 1 (a–d, f, g)"},
        {"name": "code", "type": "string", "description": "Pengepose-nr."},
        {"name": "name", "type": "string", "description": "Pengeposenavn"},
        {"name": "year", "type": "year", "description": "Budgetår"},
        {"name": "amount", "type": "integer" if agreement is None else "number",
         "description": f"Beløb i {round_.unit} kr. (+ merudgift/mindre indtægt, "
                        "- mindre udgift/merindtægt)"},
    ]
    if agreement is not None:
        fields += [
            {"name": "decision", "type": "string",
             "constraints": {"enum": [str(k) for k in DecisionKind
                                      if k is not DecisionKind.REJECTED]},
             "description": "Budgetaftalens beslutning: adopted (vedtaget), partial "
                            "(delvist, andelen i share), lines (udvalgte linjer)"},
            {"name": "share", "type": "number",
             "description": "Den vedtagne andel (0–1) ved delvis vedtagelse"},
        ]
    return {
        "name": name,
        "title": catalogue.title,
        "description": (f"{catalogue.municipality or ''}: {catalogue.title}. Tabel 1 for "
                        f"hvert forslag, {round_.price_level_label}." if agreement is None
                        else f"{catalogue.municipality or ''}: {catalogue.title}. "
                        f"{agreement.name}: de vedtagne beløb, {round_.price_level_label}."
                        ).strip(": "),
        "keywords": ["budget", "budgetkatalog", "fiscal-data-package"],
        "countryCode": "DK",
        "resources": [{
            "name": "budget",
            "path": "budget.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": {"fields": fields, "primaryKey": ["id"]},
        }],
        "model": {
            "measures": {
                "amount": {"source": "amount", "currency": "DKK", "factor": round_.unit,
                           "direction": "expenditure", "phase": phase},
            },
            "dimensions": {
                "proposal": {"dimensionType": "classification",
                             "attributes": {"number": {"source": "proposal"},
                                            "title": {"source": "proposal_title"},
                                            "group": {"source": "group"}},
                             "primaryKey": ["number"]},
                "account": {"dimensionType": "classification",
                            "attributes": {"line": {"source": "line"},
                                           "code": {"source": "code"},
                                           "name": {"source": "name"}},
                            "primaryKey": ["line", "code"]},
                "fiscal-year": {"dimensionType": "datetime",
                                "attributes": {"year": {"source": "year"}},
                                "primaryKey": ["year"]},
            },
        },
    }


def budget_csv(catalogue: Catalogue, agreement: Scenario | None = None) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "group", "proposal", "proposal_title", "line", "code", "name",
                     "year", "amount", *(("decision", "share") if agreement else ())])
    writer.writerows(_budget_rows(catalogue, agreement))
    return out.getvalue()


def fiscal_data_package(catalogue: Catalogue, phase: str = "proposed",
                        agreement: Scenario | None = None) -> dict[str, str]:
    """The package's files by name: ``datapackage.json`` and ``budget.csv``; with an
    ``agreement``, of the amounts it adopted."""
    return {
        "datapackage.json": json.dumps(datapackage(catalogue, phase, agreement),
                                       ensure_ascii=False, indent=2) + "\n",
        "budget.csv": budget_csv(catalogue, agreement),
    }


def fiscal_data_package_zip(catalogue: Catalogue, agreement: Scenario | None = None) -> bytes:
    """The package as one zip file, for download."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in fiscal_data_package(catalogue, agreement=agreement).items():
            archive.writestr(name, content)
    return out.getvalue()


def write_fiscal_data_package(catalogue: Catalogue, directory: Path,
                              phase: str = "proposed",
                              agreement: Scenario | None = None) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in fiscal_data_package(catalogue, phase, agreement).items():
        path = directory / name
        path.write_text(content, encoding="utf-8")
        written.append(path)
    return written
