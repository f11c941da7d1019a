"""A proposal's department: what the document states, or none."""

from __future__ import annotations

import json
from dataclasses import replace

from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.core.department import (
    Department,
    Source,
    label,
    memo_rows,
    propose_departments,
    with_proposed_departments,
)
from budgetkatalog.formats.catalogue_json import loads, to_document

# As the memo's FTE table states them (2.7 by its explicit "budgetforslag 2.7", 2.3's
# "Erhvervsteamet" by the row's "Erhverv", 2.5's "dagtilbudsområde" by "Dagtilbud"),
# 2.12 by its area's name; the rest are not stated anywhere.
EXAMPLE = {
    "2.1": None,
    "2.2": "Den Kriminalpræventive Enhed",
    "2.3": "Sekretariat for Byudvikling & Erhverv",
    "2.4": "Økonomi & Stab",
    "2.5": "Dagtilbud",
    "2.6": "Skoler & Uddannelse",
    "2.7": "Kultur & Fritid",
    "2.8": "Borger & Arbejdsmarked",
    "2.9": "Sundhed, Pleje & Omsorg",
    "2.10": "Miljø & Teknik",
    "2.11": "Drift & Service",
    "2.12": "Økonomi & Stab",
    "2.13": None,
    "2.14": None,
    "2.15": None,
    "2.16": None,
    "2.17": None,
}


def test_the_importer_sets_the_departments_the_memo_states(seed: Catalogue) -> None:
    assert {p.number: p.department for p in seed.proposals} == EXAMPLE


def test_each_memo_row_belongs_to_one_proposal_and_says_how(seed: Catalogue) -> None:
    rows = memo_rows(seed)
    assert rows["2.7"][1] is Source.MEMO_NUMBER
    assert rows["2.3"][1] is Source.MEMO_WORD
    assert rows["2.8"][1] is Source.MEMO_TITLE
    # Økonomi & Stab's five årsværk are 2.4's; 2.12 only names the department.
    assert "2.12" not in rows
    departments = [row.department for row, _ in rows.values()]
    assert len(departments) == len(set(departments)) == 10


def test_the_rounds_departments_place_areas_and_accounts(seed: Catalogue) -> None:
    bare = replace(seed, proposals=tuple(replace(p, department=None) for p in seed.proposals))
    jobs = Department("Borger & Arbejdsmarked", "BA", area_codes=("2085", "2390"))
    town_hall = Department("Kommunalbestyrelsen", "KB", account_ranges=((829200, 829299),))
    proposed = propose_departments(bare, (jobs, town_hall))
    assert proposed["2.16"].name == "Borger & Arbejdsmarked"
    assert proposed["2.16"].source is Source.AREA_CODES
    assert proposed["2.15"].name == "Kommunalbestyrelsen"
    assert proposed["2.15"].source is Source.ACCOUNTS
    assert proposed["2.15"].explain("da") == "Tabel 1's pengeposer"
    # The memo still wins where it states the department.
    assert proposed["2.8"].source is Source.MEMO_TITLE
    assert proposed["2.1"].name is None and proposed["2.1"].source is Source.NONE


def test_a_department_set_by_a_person_is_kept(seed: Catalogue) -> None:
    chosen = replace(seed, proposals=tuple(
        replace(p, department="Kommunaldirektøren") if p.number == "2.1" else p
        for p in seed.proposals))
    kept = with_proposed_departments(chosen)
    assert kept.proposal("2.1") is not None
    assert kept.proposal("2.1").department == "Kommunaldirektøren"  # type: ignore[union-attr]


def test_the_department_survives_the_catalogue_json(seed: Catalogue) -> None:
    again, findings = loads(json.dumps(to_document(seed)))
    assert not findings
    assert {p.number: p.department for p in again.proposals} == EXAMPLE


def test_unknown_is_ikke_angivet_never_a_default() -> None:
    assert label(None) == "ikke angivet"
    assert label("", "en") == "not stated"
    assert label("Dagtilbud") == "Dagtilbud"
