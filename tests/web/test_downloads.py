"""Download links per published version: the book, workbook, open data, templates."""

from __future__ import annotations

import dataclasses
import io
import json
import zipfile
from decimal import Decimal
from pathlib import Path

import frictionless
import openpyxl
import pikepdf
from django.test import Client

from budgetkatalog.core.catalogue import Catalogue as DomainCatalogue
from budgetkatalog.importers.proposal_docx import import_docx_bytes
from budgetkatalog.scenarios.decision import Decision
from budgetkatalog.scenarios.evaluation import contribution
from budgetkatalog.web.accounts.models import User
from budgetkatalog.web.catalogues.domain import domain_catalogue
from budgetkatalog.web.catalogues.models import Catalogue, PublishedProposal
from budgetkatalog.web.scenarios.actions import do_create_scenario, do_record_agreement
from tests.exporters.conftest import without_source_lines


def test_the_download_page_links_every_file_of_every_version(
        client: Client, published_seed: Catalogue) -> None:
    page = client.get("/2020/katalog-2/hent/").content.decode()
    for name in ("katalog.pdf", "katalog.docx", "katalog.xlsx", "tabel1.csv",
                 "datapakke.zip", "katalog.json"):
        assert f'href="/2020/katalog-2/versioner/1/{name}"' in page
    assert 'href="/2020/katalog-2/hent/skabelon.docx"' in page
    assert "/2020/katalog-2/hent/" in client.get("/2020/katalog-2/").content.decode()
    assert "/2020/katalog-2/hent/#version-1" in \
        client.get("/2020/katalog-2/versioner/").content.decode()


def test_the_pdf_of_a_version_is_the_tagged_book(client: Client,
                                                 published_seed: Catalogue) -> None:
    response = client.get("/2020/katalog-2/versioner/1/katalog.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    with pikepdf.open(io.BytesIO(response.content)) as pdf:
        assert "/StructTreeRoot" in pdf.Root and str(pdf.Root.Lang).startswith("da")
        assert str(pdf.docinfo.Title) == published_seed.title


def test_the_workbook_and_the_data_package_hold_the_published_numbers(
        client: Client, published_seed: Catalogue) -> None:
    book = openpyxl.load_workbook(io.BytesIO(
        client.get("/2020/katalog-2/versioner/1/katalog.xlsx").content))
    row = next(r for r in book["Oversigt"].iter_rows(min_row=2, values_only=True)
               if r[1] == "2.8")
    assert row[3:7] == (-3517, -7666, -7666, -7666)
    # FTE by department from the published proposals' own fields.
    fte = {r[0]: r[1:] for r in book["Årsværk"].iter_rows(min_row=2, values_only=True)}
    assert fte["Borger & Arbejdsmarked"][0] == "2.8"
    published = PublishedProposal.objects.get(version_id=published_seed.latest_version_id,
                                              number="2.8").document
    assert Decimal(str(fte["Borger & Arbejdsmarked"][1])) == Decimal(published["fte"])
    archive = zipfile.ZipFile(io.BytesIO(
        client.get("/2020/katalog-2/versioner/1/datapakke.zip").content))
    package = json.loads(archive.read("datapackage.json"))
    assert package["model"]["measures"]["amount"]["currency"] == "DKK"
    assert ",b,239030,Analyse og Udvikling,2021,-633\n" in archive.read("budget.csv").decode()


def test_a_proposals_template_uploads_back_to_the_same_proposal(
        client: Client, published_seed: Catalogue, seed: DomainCatalogue) -> None:
    response = client.get("/2020/katalog-2/2-8/skabelon.docx")
    assert response.status_code == 200
    result = import_docx_bytes(response.content)
    assert result.catalogue is not None
    (proposal,) = result.catalogue.proposals
    original = seed.proposal("2.8")
    assert original is not None
    # The published proposal's årsværk and department (explicit fields on the site).
    published = PublishedProposal.objects.get(version_id=published_seed.latest_version_id,
                                              number="2.8").document
    assert published["fte"] is not None and published["department"] is not None
    original = dataclasses.replace(original, fte=Decimal(published["fte"]),
                                   department=published["department"])
    assert without_source_lines(proposal) == without_source_lines(original)
    assert "skabelon.docx" in client.get("/2020/katalog-2/2-8/").content.decode()


def test_unknown_versions_files_and_proposals_are_not_found(
        client: Client, published_seed: Catalogue) -> None:
    assert client.get("/2020/katalog-2/versioner/2/katalog.pdf").status_code == 404
    assert client.get("/2020/katalog-2/versioner/1/katalog.exe").status_code == 404
    assert client.get("/2020/katalog-2/9-9/skabelon.docx").status_code == 404
    assert client.get("/2021/katalog-2/hent/").status_code == 404


def test_the_download_page_speaks_english_on_request(client: Client,
                                                     published_seed: Catalogue) -> None:
    page = client.get("/2020/katalog-2/hent/?lang=en").content.decode()
    assert "<h1>Download the catalogue</h1>" in page
    assert "Empty Word template" in page


def test_the_budget_agreements_data_package_holds_the_adopted_amounts(
        client: Client, published_seed: Catalogue, finance: User, tmp_path: Path) -> None:
    assert client.get("/2020/katalog-2/budgetaftale/datapakke.zip").status_code == 404
    decisions = {"2.4": Decision.adopted(), "2.8": Decision.partial(Decimal("0.5"))}
    draft = do_create_scenario(finance, published_seed.pk, "Forlig", decisions=decisions)
    do_record_agreement(finance, draft.pk, "Budgetaftale 2020")
    page = client.get("/2020/katalog-2/budgetaftale/").content.decode()
    assert 'href="/2020/katalog-2/budgetaftale/datapakke.zip"' in page
    response = client.get("/2020/katalog-2/budgetaftale/datapakke.zip")
    assert response["Content-Type"] == "application/zip"
    zipfile.ZipFile(io.BytesIO(response.content)).extractall(tmp_path)
    assert frictionless.validate(tmp_path / "datapackage.json").valid
    package = frictionless.Package(tmp_path / "datapackage.json")
    assert package.custom["model"]["measures"]["amount"]["phase"] == "approved"
    rows = package.get_resource("budget").read_rows()
    assert {r["proposal"] for r in rows} == {"2.4", "2.8"}
    total_2021 = sum(Decimal(str(r["amount"])) for r in rows if r["year"] == 2021)
    version = domain_catalogue(published_seed.latest_version.document)
    expected = sum(contribution(p, decisions[p.number], version.round.years)[1]
                   for p in version.proposals if p.number in decisions)
    assert total_2021 == expected
