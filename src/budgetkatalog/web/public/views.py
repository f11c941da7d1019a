"""The public site: published versions only, no login."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from budgetkatalog.web.catalogues import limits
from budgetkatalog.web.catalogues.diff import diff_documents
from budgetkatalog.web.catalogues.models import Catalogue, CatalogueVersion, PublishedProposal
from budgetkatalog.web.catalogues.search import search
from budgetkatalog.web.public import exports, queries
from budgetkatalog.web.public.actions import can_edit_site_texts
from budgetkatalog.web.public.cache import cached_public_page
from budgetkatalog.web.public.models import AccessibilityStatement


@require_safe
@cached_public_page
def front(request: HttpRequest) -> HttpResponse:
    catalogues = list(queries.published_catalogues())
    rows = list(queries.listed([c.latest_version_id for c in catalogues
                                if c.latest_version_id is not None]))
    overviews = []
    for catalogue in catalogues:
        mine = [r for r in rows if r.version_id == catalogue.latest_version_id]
        ov = queries.overview(catalogue, mine)
        overviews.append((ov, queries.chart(ov.years, ov.totals)))
    return render(request, "public/front.html", {"overviews": overviews})


FILTERS = ("department", "area", "group")


@require_safe
@cached_public_page(reads=(*FILTERS, "q", "citizens", "staff"))
def catalogue(request: HttpRequest, year: int, slug: str) -> HttpResponse:
    cat = queries.published_catalogue(year, slug)
    version_id = cat.latest_version_id
    assert version_id is not None
    facets = list(PublishedProposal.objects.filter(version_id=version_id)
                  .values_list("department", "group", "area_codes"))
    departments = sorted({d for d, _, _ in facets})
    groups = list(dict.fromkeys(g for _, g, _ in facets if g))
    areas = sorted({code for _, _, codes in facets for code in codes.split("|") if code})
    chosen = {name: request.GET.get(name, "").strip() for name in FILTERS}
    q = request.GET.get("q", "").strip()
    citizens = request.GET.get("citizens") == "1"
    staff = request.GET.get("staff") == "1"
    errors = {name: _("Vælg en værdi fra listen.") for name, value in chosen.items()
              if len(value) > limits.FILTER_CHARS}
    q_error = limits.search_error(q)
    if q_error:
        errors["q"] = q_error
    if errors:
        return render(request, "public/catalogue.html", {
            "catalogue": cat, "years": cat.round.years, "proposals": [],
            "departments": departments, "groups": groups, "areas": areas,
            "chosen": {k: v[:limits.FILTER_CHARS] for k, v in chosen.items()},
            "q": q[:limits.SEARCH_CHARS], "citizens": citizens, "staff": staff,
            "filtered": True, "errors": errors}, status=400)
    qs = queries.listed([version_id])
    if chosen["department"]:
        qs = qs.filter(department=chosen["department"])
    if chosen["group"]:
        qs = qs.filter(group=chosen["group"])
    if chosen["area"]:
        qs = qs.filter(area_codes__contains=f"|{chosen['area']}|")
    if citizens:
        qs = qs.filter(affects_citizens=True)
    if staff:
        qs = qs.filter(affects_staff=True)
    qs = search(qs, q)
    proposals = list(qs)
    return render(request, "public/catalogue.html", {
        "catalogue": cat, "years": cat.round.years, "proposals": proposals,
        "departments": departments, "groups": groups, "areas": areas, "chosen": chosen,
        "q": q, "citizens": citizens, "staff": staff,
        "filtered": any(chosen.values()) or bool(q) or citizens or staff})


def _published_proposal(year: int, slug: str,
                        proposal_slug: str) -> tuple[Catalogue, PublishedProposal]:
    cat = queries.published_catalogue(year, slug)
    row = (PublishedProposal.objects.filter(version_id=cat.latest_version_id,
                                            slug=proposal_slug).first())
    if row is None:
        raise Http404
    return cat, row


@require_safe
@cached_public_page
def proposal(request: HttpRequest, year: int, slug: str, proposal_slug: str) -> HttpResponse:
    cat, row = _published_proposal(year, slug, proposal_slug)
    doc = row.document
    table = doc.get("table")
    years = [int(y) for y in table["years"]] if table else list(cat.round.years)
    return render(request, "public/proposal.html", {
        "catalogue": cat, "row": row, "doc": doc, "table": table,
        "years": [str(y) for y in years]})


@require_safe
@cached_public_page
def proposal_json(request: HttpRequest, year: int, slug: str,
                  proposal_slug: str) -> JsonResponse:
    _, row = _published_proposal(year, slug, proposal_slug)
    return JsonResponse(row.document, json_dumps_params={"ensure_ascii": False})


@require_safe
@cached_public_page
def catalogue_json(request: HttpRequest, year: int, slug: str) -> JsonResponse:
    cat = queries.published_catalogue(year, slug)
    version = CatalogueVersion.objects.only("document").get(pk=cat.latest_version_id or 0)
    return JsonResponse(version.document, json_dumps_params={"ensure_ascii": False})


@require_safe
@cached_public_page(reads=("q",))
def site_search(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    results: list[PublishedProposal] = []
    error = limits.search_error(q)
    if error:
        return render(request, "public/search.html",
                      {"q": q[:limits.SEARCH_CHARS], "results": [], "error": error},
                      status=400)
    if q:
        latest = queries.published_catalogues().values("latest_version_id")
        qs = (PublishedProposal.objects.filter(version_id__in=latest)
              .select_related("version__catalogue__round")
              .only(*queries.LIST_FIELDS, "version__catalogue__slug",
                    "version__catalogue__title", "version__catalogue__round__budget_year",
                    "version__number"))
        results = list(search(qs, q)[:200])
    return render(request, "public/search.html", {"q": q, "results": results})


@require_safe
@cached_public_page
def versions(request: HttpRequest, year: int, slug: str) -> HttpResponse:
    cat = queries.published_catalogue(year, slug)
    items = list(cat.versions.defer("document").select_related("published_by")
                 .order_by("-number"))
    return render(request, "public/versions.html", {"catalogue": cat, "versions": items})


@require_safe
@cached_public_page
def version_diff(request: HttpRequest, year: int, slug: str, old: int, new: int) -> HttpResponse:
    cat = queries.published_catalogue(year, slug)
    pair = {v.number: v for v in cat.versions.filter(number__in=[old, new])}
    if old not in pair or new not in pair:
        raise Http404
    changes = diff_documents(pair[old].document, pair[new].document)
    return render(request, "public/diff.html", {
        "catalogue": cat, "old": pair[old], "new": pair[new], "changes": changes})


@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "public/accessibility.html", {
        "statement": AccessibilityStatement.current(),
        "can_edit": can_edit_site_texts(request.user)})


@require_safe
@cached_public_page
def downloads(request: HttpRequest, year: int, slug: str) -> HttpResponse:
    cat = queries.published_catalogue(year, slug)
    items = list(cat.versions.defer("document").order_by("-number"))
    return render(request, "public/downloads.html", {
        "catalogue": cat, "versions": items, "formats": list(exports.FORMATS.values())})


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
def version_file(request: HttpRequest, year: int, slug: str, number: int,
                 filename: str) -> HttpResponse:
    cat = queries.published_catalogue(year, slug)
    version = exports.published_version(cat, number)
    content, content_type = exports.render_file(version, filename)
    return _attachment(content, content_type, f"{year}-{slug}-v{number}-{filename}")


@require_safe
def proposal_template(request: HttpRequest, year: int, slug: str,
                      proposal_slug: str) -> HttpResponse:
    cat, row = _published_proposal(year, slug, proposal_slug)
    version = exports.published_version(cat, cat.latest_version.number
                                        if cat.latest_version else 0)
    return _attachment(exports.proposal_template(version, row.number), exports.DOCX,
                       f"{year}-{slug}-forslag-{row.slug}.docx")


@require_safe
def empty_template(request: HttpRequest, year: int, slug: str) -> HttpResponse:
    cat = queries.published_catalogue(year, slug)
    version = exports.published_version(cat, cat.latest_version.number
                                        if cat.latest_version else 0)
    return _attachment(exports.proposal_template(version, None), exports.DOCX,
                       f"{year}-{slug}-nyt-forslag.docx")
