"""A proposal's department: one derivation from the memo's FTE table, used by the
audit, the scenarios and the web application alike."""

from __future__ import annotations

import pytest

from budgetkatalog.core.catalogue import Catalogue
from budgetkatalog.core.departments import departments, proposal_of_row
from budgetkatalog.scenarios.attributes import derive_attributes


@pytest.mark.parametrize(("number", "department", "how"), [
    ("2.2", "Den Kriminalpræventive Enhed", "title"),
    # "Nedlæggelse af Erhvervsteamet": the team of "Sekretariat for Byudvikling & Erhverv".
    ("2.3", "Sekretariat for Byudvikling & Erhverv", "title"),
    ("2.4", "Økonomi & Stab", "title"),
    ("2.9", "Sundhed, Pleje & Omsorg", "title"),  # the title says "Pleje og Omsorg"
])
def test_a_proposal_belongs_to_the_department_its_title_names(
        seed: Catalogue, number: str, department: str, how: str) -> None:
    match = departments(seed)[number]
    assert (match.department, match.how) == (department, how)


def test_proposals_no_row_claims_have_no_department(seed: Catalogue) -> None:
    # 2.12's area "Økonomi & Stab- Adm. og puljer" names the department 2.4's title has.
    assert {"2.1", "2.12", "2.13", "2.16"}.isdisjoint(departments(seed))


def test_the_audit_and_the_scenarios_read_the_same_departments(seed: Catalogue) -> None:
    assert seed.fte_table is not None
    from_rows = {}
    for row in seed.fte_table.rows:
        found = proposal_of_row(row, seed)
        if found is not None:
            from_rows[found[0].number] = row.department
    attributes, _ = derive_attributes(seed)
    from_scenarios = {n: a.department for n, a in attributes.items() if a.department}
    assert from_rows == from_scenarios == {n: m.department
                                           for n, m in departments(seed).items()}
    assert len(from_rows) == 10  # 2.2–2.11
