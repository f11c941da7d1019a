"""Import in the web: upload, preview of every proposal with Table 1 and findings,
confirm saves all as drafts in one transaction; an unusable file saves nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from budgetkatalog.core.catalogue import Catalogue as DomainCatalogue
from budgetkatalog.formats.catalogue_json import to_document
from budgetkatalog.web.accounts.models import Role, User
from budgetkatalog.web.catalogues.actions import do_create_catalogue, do_create_round
from budgetkatalog.web.catalogues.models import Catalogue, Proposal, ProposalState
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db


def empty_catalogue(seed: DomainCatalogue, year: int = 2020) -> Catalogue:
    round_ = do_create_round(None, municipality=seed.municipality or "", budget_year=year,
                             outlook_count=3)
    return do_create_catalogue(None, round_.pk, number="2", title="Katalog 2")


def upload(user: User, catalogue: Catalogue, name: str, data: bytes) -> object:
    return client_for(user).post(f"/personale/katalog/{catalogue.pk}/indlaes/", {
        "action": "preview", "file": SimpleUploadedFile(name, data)})


def test_the_preview_shows_every_proposal_and_saves_nothing_until_confirmed(
        finance: User, seed: DomainCatalogue, seed_path: Path) -> None:
    catalogue = empty_catalogue(seed)
    client = client_for(finance)
    preview = client.post(f"/personale/katalog/{catalogue.pk}/indlaes/", {
        "action": "preview", "file": SimpleUploadedFile("katalog.txt",
                                                        seed_path.read_bytes())})
    assert preview.status_code == 200
    page = preview.content.decode()
    assert page.count('class="preview-proposal"') == 17
    assert page.count("Tabel 1.") >= 16
    assert "2.16 En forstærket indsats" in page and "Fund" in page
    assert not Proposal.objects.exists()
    confirm = client.post(f"/personale/katalog/{catalogue.pk}/indlaes/", {"action": "confirm"})
    assert confirm.status_code == 302
    assert confirm["Location"] == f"/personale/katalog/{catalogue.pk}/afdelinger/"
    saved = Proposal.objects.filter(catalogue=catalogue)
    assert saved.count() == 17
    assert set(saved.values_list("state", flat=True)) == {ProposalState.DRAFT}
    assert saved.get(number="2.3").department.name == "Sekretariat for Byudvikling & Erhverv"  # type: ignore[union-attr]
    assert saved.get(number="2.16").department is None
    # confirming twice saves nothing more
    again = client.post(f"/personale/katalog/{catalogue.pk}/indlaes/", {"action": "confirm"})
    assert again.status_code == 302 and saved.count() == 17


def test_catalogue_json_is_read_too(finance: User, seed: DomainCatalogue) -> None:
    catalogue = empty_catalogue(seed)
    data = json.dumps(to_document(seed), ensure_ascii=False).encode()
    response = upload(finance, catalogue, "katalog.json", data)
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert response.content.decode().count('class="preview-proposal"') == 17  # type: ignore[attr-defined]


@pytest.mark.parametrize(("name", "data", "says"), [
    ("forkert.txt", b"Budget 2020\n\xff\xfe ikke tekst", "Filen er ikke UTF-8"),
    ("tom.json", b'{"title": 3}', "Filen kan ikke bruges"),
])
def test_an_unusable_file_saves_nothing_and_says_why_and_where(
        finance: User, seed: DomainCatalogue, name: str, data: bytes, says: str) -> None:
    catalogue = empty_catalogue(seed)
    response = upload(finance, catalogue, name, data)
    assert response.status_code == 400  # type: ignore[attr-defined]
    page = response.content.decode()  # type: ignore[attr-defined]
    assert "Filen kan ikke bruges; intet er gemt." in page and says in page
    assert f"{name}" in page
    assert not Proposal.objects.exists()


def test_a_file_for_another_budget_year_is_refused_per_proposal(
        finance: User, seed: DomainCatalogue, seed_path: Path) -> None:
    catalogue = empty_catalogue(seed, 2021)
    response = upload(finance, catalogue, "katalog.txt", seed_path.read_bytes())
    assert response.status_code == 400  # type: ignore[attr-defined]
    page = response.content.decode()  # type: ignore[attr-defined]
    assert "Forslag 2.8: Tabel 1 har årene 2020, 2021, 2022, 2023" in page
    assert "katalog.txt:" in page
    assert not Proposal.objects.exists()


@pytest.mark.parametrize("role", [None, Role.AUTHOR, Role.POLITICIAN])
def test_only_finance_staff_import(make_user: Callable[..., User], seed: DomainCatalogue,
                                   seed_path: Path, role: Role | None) -> None:
    catalogue = empty_catalogue(seed)
    user = make_user("someone", role) if role is not None else None
    client = client_for(user)
    expected = 302 if user is None else 403
    url = f"/personale/katalog/{catalogue.pk}/indlaes/"
    assert client.get(url).status_code == expected
    assert client.post(url, {"action": "preview", "file": SimpleUploadedFile(
        "k.txt", seed_path.read_bytes())}).status_code == expected
    assert client.post(url, {"action": "confirm"}).status_code == expected
    assert not Proposal.objects.exists()
