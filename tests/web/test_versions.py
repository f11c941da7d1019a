"""Publishing makes an immutable version; a later edit makes a new one; the
differences show per proposal, per section and per Table 1 cell."""

from __future__ import annotations

import pytest

from budgetkatalog.web.accounts.models import User
from budgetkatalog.web.catalogues.actions import (
    LineData,
    ProposalData,
    do_publish_catalogue,
    do_save_proposal,
)
from budgetkatalog.web.catalogues.models import (
    Catalogue,
    CatalogueVersion,
    ImmutableError,
    Proposal,
)
from budgetkatalog.web.staff.forms import values_from_proposal
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db


def test_an_edit_after_publication_makes_a_new_version_with_its_differences(
        published_seed: Catalogue, finance: User) -> None:
    proposal = Proposal.objects.prefetch_related("sections", "lines").get(
        catalogue=published_seed, number="2.8")
    years = published_seed.round.years
    values = values_from_proposal(proposal, years)
    lines = {line.letter: LineData(line.code, line.name, tuple(line.amounts))
             for line in proposal.lines.all()}
    a = lines["a"]
    lines["a"] = LineData(a.code, a.name, (a.amounts[0], -4000, *a.amounts[2:]))
    sections = {s.number: s.body for s in proposal.sections.all()}
    sections[2] = "En helt ny beskrivelse."
    do_save_proposal(finance, proposal.pk, proposal.lock_version, ProposalData(
        number="2.8", title="Færre medarbejdere i Borger & Arbejdsmarked",
        department_id=proposal.department_id, table_caption=values["table_caption"],
        sections=sections, lines=lines))

    visitor = client_for(None)
    # until published again, the public still reads version 1
    page = visitor.get("/2020/katalog-2/2-8/").content.decode()
    assert "Reduktion i medarbejdere i Borger" in page and "En helt ny beskrivelse" not in page

    do_publish_catalogue(finance, published_seed.pk)
    first = CatalogueVersion.objects.get(catalogue=published_seed, number=1)
    assert first.proposals.get(number="2.8").title.startswith("Reduktion i medarbejdere")

    html = visitor.get("/2020/katalog-2/versioner/1/2/").content.decode()
    assert "2.8 Færre medarbejdere i Borger &amp; Arbejdsmarked" in html
    # the changed field named as the pages name it, not by its key
    assert "<strong>Titel</strong>" in html and "<strong>title</strong>" not in html
    assert "2. Beskrivelse af forslaget" in html and "En helt ny beskrivelse." in html
    # the changed cell: row a, 2021, -3.795 -> -4.000
    assert '<th scope="row">a.</th><td>2021</td><td class="num">-3.795</td>' \
           '<td class="num">-4.000</td>' in html
    # nothing else changed
    assert "2.7 " not in html and "2.9 " not in html
    versions = visitor.get("/2020/katalog-2/versioner/").content.decode()
    assert 'href="/2020/katalog-2/versioner/1/2/"' in versions
    assert "Forskelle fra version 1 til 2" in versions


def test_a_published_version_cannot_be_changed_or_deleted(published_seed: Catalogue) -> None:
    version = CatalogueVersion.objects.get(catalogue=published_seed, number=1)
    version.document = {}
    with pytest.raises(ImmutableError):
        version.save()
    row = version.proposals.get(number="2.8")
    row.title = "Ændret i smug"
    with pytest.raises(ImmutableError):
        row.save()
    with pytest.raises(ImmutableError):
        row.delete()
    assert CatalogueVersion.objects.get(pk=version.pk).document["proposals"]
