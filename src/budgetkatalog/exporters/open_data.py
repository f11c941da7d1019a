"""Open data: the catalogue's Table 1 lines as CSV, and a Fiscal Data Package.

``table_csv`` has one row per Table 1 line (rows a–d, f and g) and one column per
year, amounts in the catalogue's unit (1.000 kr.), a blank cell empty.

``fiscal_data_package`` writes ``datapackage.json`` and ``budget.csv`` (one row per
proposal, line and year) following the Fiscal Data Package: the measure ``amount``
carries currency DKK, factor 1000 (the unit), direction ``expenditure`` (the sign
convention: + more expense or less income, − less expense or more income) and the
phase ``proposed``, or ``approved`` once the budget agreement is adopted. The catalogue
JSON itself is ``budgetkatalog.formats.catalogue_json``.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.core.proposal import Proposal
from budgetkatalog.core.table import TableLine
from budgetkatalog.exporters.book_content import LABELS, grouped
from budgetkatalog.exporters.cells import safe_text

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


def _budget_rows(catalogue: Catalogue) -> list[list[str | int]]:
    groups = _groups(catalogue)
    rows: list[list[str | int]] = []
    for proposal in catalogue.proposals:
        for line, name in _lines(proposal):
            assert proposal.table is not None
            for year, value in zip(proposal.table.years, line.amounts, strict=True):
                if value is None:
                    continue
                rows.append([f"{proposal.number}/{line.letter}/{year}",
                             safe_text(groups.get(proposal.number)) or "", proposal.number,
                             safe_text(proposal.title) or "", line.letter,
                             safe_text(line.code) or "", safe_text(name) or "", year, value])
    return rows


def datapackage(catalogue: Catalogue, phase: str = "proposed") -> dict[str, Any]:
    if phase not in PHASES:
        raise ValueError(f"phase must be one of {PHASES}")
    round_ = catalogue.round
    name = f"budgetkatalog-{round_.budget_year}"
    fields = [
        {"name": "id", "type": "string", "description": "forslag/række/år"},
        {"name": "group", "type": "string", "description": "Gruppe af forslag"},
        {"name": "proposal", "type": "string", "description": "Forslagets nummer"},
        {"name": "proposal_title", "type": "string", "description": "Forslagets titel"},
        {"name": "line", "type": "string", "description": "Række i Tabel 1 (a–d, f, g)"},
        {"name": "code", "type": "string", "description": "Pengepose-nr."},
        {"name": "name", "type": "string", "description": "Pengeposenavn"},
        {"name": "year", "type": "year", "description": "Budgetår"},
        {"name": "amount", "type": "integer",
         "description": f"Beløb i {round_.unit} kr. (+ merudgift/mindre indtægt, "
                        "- mindre udgift/merindtægt)"},
    ]
    return {
        "name": name,
        "title": catalogue.title,
        "description": f"{catalogue.municipality or ''}: {catalogue.title}. Tabel 1 for hvert "
                       f"forslag, {round_.price_level_label}.".strip(": "),
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


def budget_csv(catalogue: Catalogue) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "group", "proposal", "proposal_title", "line", "code", "name",
                     "year", "amount"])
    writer.writerows(_budget_rows(catalogue))
    return out.getvalue()


def fiscal_data_package(catalogue: Catalogue, phase: str = "proposed") -> dict[str, str]:
    """The package's files by name: ``datapackage.json`` and ``budget.csv``."""
    return {
        "datapackage.json": json.dumps(datapackage(catalogue, phase), ensure_ascii=False,
                                       indent=2) + "\n",
        "budget.csv": budget_csv(catalogue),
    }


def write_fiscal_data_package(catalogue: Catalogue, directory: Path,
                              phase: str = "proposed") -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in fiscal_data_package(catalogue, phase).items():
        path = directory / name
        path.write_text(content, encoding="utf-8")
        written.append(path)
    return written
