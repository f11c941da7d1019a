"""Files of a published version: the book (PDF, Word), the workbook, open data and
the Word templates. Reads only; a published version never changes, so each file is
rendered once per version and kept in the cache (no database write)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from budgetkatalog.core.catalogue import Catalogue as DomainCatalogue
from budgetkatalog.exporters import docx_book, open_data, pdf_book, xlsx_workbook
from budgetkatalog.formats.catalogue_json import dumps
from budgetkatalog.web.catalogues.domain import domain_catalogue
from budgetkatalog.web.catalogues.models import Catalogue, CatalogueVersion

TIMEOUT = 7 * 24 * 3600
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class Format:
    filename: str
    content_type: str
    label: object  # a lazy translation
    description: object
    render: Callable[[DomainCatalogue, CatalogueVersion], bytes]


def _package(catalogue: DomainCatalogue, version: CatalogueVersion) -> bytes:
    return open_data.fiscal_data_package_zip(catalogue)


FORMATS: dict[str, Format] = {f.filename: f for f in (
    Format("katalog.pdf", "application/pdf", _("PDF"),
           _("Kataloget som tilgængelig PDF med indhold, oversigt og alle forslag."),
           lambda c, v: pdf_book.render_pdf(c, v.number, v.published_at.date())),
    Format("katalog.docx", DOCX, _("Word"), _("Hele kataloget i Word, til videre redigering."),
           lambda c, v: docx_book.render_docx(c, v.number, v.published_at.date())),
    Format("katalog.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
           _("Excel"), _("Oversigt, alle linjer i Tabel 1 og årsværk pr. afdeling."),
           lambda c, v: xlsx_workbook.render_xlsx(c)),
    Format("tabel1.csv", "text/csv; charset=utf-8", _("CSV"),
           _("Alle linjer i Tabel 1, én kolonne pr. år, i 1.000 kr."),
           lambda c, v: open_data.table_csv(c).encode("utf-8")),
    Format("datapakke.zip", "application/zip", _("Fiscal Data Package"),
           _("Åbne data: datapackage.json og budget.csv (DKK, 1.000 kr., foreslået)."),
           _package),
    Format("katalog.json", "application/json", _("JSON"),
           _("Kataloget i Budgetkatalogs JSON-format."),
           lambda c, v: dumps(c).encode("utf-8")),
)}


def published_version(catalogue: Catalogue, number: int) -> CatalogueVersion:
    version = catalogue.versions.filter(number=number).first()
    if version is None:
        raise Http404
    return version


def render_file(version: CatalogueVersion, filename: str) -> tuple[bytes, str]:
    """The file's bytes and content type, rendered once per version."""
    fmt = FORMATS.get(filename)
    if fmt is None:
        raise Http404
    key = f"export:{version.pk}:{filename}"
    content = cache.get(key)
    if content is None:
        content = fmt.render(domain_catalogue(version.document), version)
        cache.set(key, content, TIMEOUT)
    return content, fmt.content_type


def proposal_template(version: CatalogueVersion, number: str | None) -> bytes:
    """The Word template of one published proposal, or the empty one (``None``)."""
    catalogue = domain_catalogue(version.document)
    proposal = None
    if number is not None:
        proposal = catalogue.proposal(number)
        if proposal is None:
            raise Http404
    return docx_book.render_template(catalogue.round, proposal, catalogue.title)
