"""The web stores the department and "affects citizens" the domain derives, so the
public filters, the staff pages and the scenarios agree."""

from __future__ import annotations

import pytest

from budgetkatalog.core.catalogue import Catalogue as DomainCatalogue
from budgetkatalog.core.departments import departments
from budgetkatalog.scenarios.attributes import affects_citizens, derive_attributes
from budgetkatalog.web.catalogues.actions import do_import_catalogue
from budgetkatalog.web.catalogues.models import Proposal


@pytest.mark.django_db
def test_imported_proposals_carry_the_domains_department_and_citizen_effect(
        seed: DomainCatalogue) -> None:
    stored = do_import_catalogue(None, seed, slug="katalog-2", default_department="Øvrige")
    rows = {p.number: p for p in Proposal.objects.filter(catalogue=stored)
            .select_related("department")}
    derived = departments(seed)
    attributes, _ = derive_attributes(seed)
    for proposal in seed.proposals:
        row = rows[proposal.number]
        match = derived.get(proposal.number)
        assert row.department.name == (match.department if match else "Øvrige")
        assert row.affects_citizens == affects_citizens(proposal) \
            == attributes[proposal.number].citizen_impact.has_consequences
    assert rows["2.3"].department.name == "Sekretariat for Byudvikling & Erhverv"
    # Section 3 of 2.13, 2.15, 2.16 and 2.17 names no consequence for citizens.
    assert {n for n, row in rows.items() if not row.affects_citizens} == {
        "2.13", "2.15", "2.16", "2.17"}
