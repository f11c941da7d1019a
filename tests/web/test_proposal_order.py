"""Proposals are listed in the order of their numbers, whatever the numbering: ``2.9``
before ``2.10``, and each series of a committee-lettered catalogue (``UV 1``, ``ØK-01``)
in its own order, never in the database's."""

from __future__ import annotations

import pytest

from budgetkatalog.core.catalogue import Catalogue as DomainCatalogue
from budgetkatalog.importers.catalogue_text import import_catalogue_file
from budgetkatalog.web.catalogues.actions import do_import_catalogue
from budgetkatalog.web.catalogues.domain import sort_key
from budgetkatalog.web.catalogues.models import Proposal
from tests.importers.corpus import entry

pytestmark = pytest.mark.django_db


def test_numbers_without_letters_keep_their_sort_key() -> None:
    assert [sort_key(n) for n in ("2.1", "2.10", "17")] == ["00002.00001", "00002.00010",
                                                           "00017"]


@pytest.mark.parametrize("numbers", [
    ("UV 1", "UV 2", "UV 10", "SOC 3"),
    ("ØK-01", "ØK-02", "BU-01", "BU-02", "SO-01"),
    ("A.1", "A.2", "B.1", "B.2"),
    ("B&U 1", "B&U 2", "B&U 10"),
])
def test_every_number_has_its_own_sort_key_in_the_order_of_its_series(
        numbers: tuple[str, ...]) -> None:
    keys = [sort_key(n) for n in numbers]
    assert len(set(keys)) == len(keys)
    series: dict[str, list[str]] = {}
    for key in keys:
        series.setdefault(key.split(".")[0], []).append(key)
    assert all(found == sorted(found) for found in series.values())


@pytest.mark.parametrize("name", ["strandvig-2026", "skovlund-2026", "bakkely-2027",
                                  "vesterhavs-2026"])
def test_an_imported_catalogue_lists_each_series_in_number_order(name: str) -> None:
    imported = import_catalogue_file(entry(name).document).catalogue
    assert isinstance(imported, DomainCatalogue)
    catalogue = do_import_catalogue(None, imported, slug=name)
    listed = list(Proposal.objects.filter(catalogue=catalogue).order_by("sort_key")
                  .values_list("number", flat=True))
    assert sorted(listed) == sorted(p.number for p in imported.proposals)
    assert len({sort_key(n) for n in listed}) == len(listed)
    for number in listed:
        same = [n for n in listed if n.rstrip("0123456789") == number.rstrip("0123456789")]
        assert same == [p.number for p in imported.proposals if p.number in same]


def test_keys_stored_before_series_are_recomputed_by_the_migration() -> None:
    """Keys stored when every lettered number read as 0 ("00000") are recomputed, on
    drafts and published proposals alike, by ``0011_sort_key_series``."""
    import importlib

    from django.apps import apps

    from budgetkatalog.web.catalogues.actions import do_publish_catalogue
    from budgetkatalog.web.catalogues.models import PublishedProposal

    imported = import_catalogue_file(entry("bakkely-2027").document).catalogue
    assert isinstance(imported, DomainCatalogue)
    catalogue = do_import_catalogue(None, imported, slug="bakkely-2027")
    do_publish_catalogue(None, catalogue.pk)
    drafts = Proposal.objects.filter(catalogue=catalogue)
    published = PublishedProposal.objects.filter(version__catalogue=catalogue)
    assert published.count() == len(imported.proposals)
    drafts.update(sort_key="00000")
    published.update(sort_key="00000")
    migration = importlib.import_module(
        "budgetkatalog.web.catalogues.migrations.0011_sort_key_series")
    migration.rekey(apps, None)
    expected = {p.number: sort_key(p.number) for p in imported.proposals}
    assert {p.number: p.sort_key for p in drafts} == expected
    assert {p.number: p.sort_key for p in published} == expected
