"""The read-only JSON API of published catalogues, versions and proposals (the
hearing's published responses: ``hearing/api.py``).

Views are thin: parse the path, call a read in ``queries``/``exports``, return JSON.
Every answer, errors included, is JSON; only GET and HEAD are allowed (405 with
``Allow`` otherwise; ``web/jsonapi.py``). Nothing here writes. The OpenAPI
description is ``openapi.py``, served at ``/api/openapi.json``; ``docs/api.md``
documents it.
"""

from __future__ import annotations

import re
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt

from budgetkatalog.web.catalogues.models import Catalogue, CatalogueVersion, PublishedProposal
from budgetkatalog.web.jsonapi import absolute as _absolute
from budgetkatalog.web.jsonapi import api_view, not_found
from budgetkatalog.web.jsonapi import json_response as _json
from budgetkatalog.web.public import exports, queries
from budgetkatalog.web.public.openapi import openapi_document

_YEAR = re.compile(r"^\d{4}$")
_SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")
_NUMBER = re.compile(r"^[1-9]\d{0,8}$")


def _catalogue(year: str, slug: str) -> Catalogue:
    if not _YEAR.match(year) or not _SLUG.match(slug):
        raise Http404
    return queries.published_catalogue(int(year), slug)


def _catalogue_summary(request: HttpRequest, catalogue: Catalogue) -> dict[str, Any]:
    year = catalogue.round.budget_year
    return {"year": year, "slug": catalogue.slug, "title": catalogue.title,
            "municipality": catalogue.round.municipality,
            "latest_version": catalogue.latest_version.number
            if catalogue.latest_version is not None else None,
            "url": _absolute(request, "api:catalogue", year, catalogue.slug)}


def _version_summary(request: HttpRequest, catalogue: Catalogue,
                     version: CatalogueVersion) -> dict[str, Any]:
    year = catalogue.round.budget_year
    return {"number": version.number, "published_at": version.published_at.isoformat(),
            "url": _absolute(request, "api:version", year, catalogue.slug, version.number),
            "downloads": {name: _absolute(request, "public:version_file", year, catalogue.slug,
                                          version.number, name)
                          for name in exports.FORMATS}}


def _proposal_summary(request: HttpRequest, catalogue: Catalogue,
                      row: PublishedProposal) -> dict[str, Any]:
    year = catalogue.round.budget_year
    return {"number": row.number, "slug": row.slug, "title": row.title,
            # Not stated ("ikke angivet" on the site) is null, never a guess.
            "department": row.department or None, "group": row.group,
            "totals": {str(y): t for y, t in zip(catalogue.round.years, row.totals,
                                                  strict=False)},
            "url": _absolute(request, "api:proposal", year, catalogue.slug, row.slug)}


def _versions(catalogue: Catalogue) -> list[CatalogueVersion]:
    return list(catalogue.versions.defer("document").order_by("-number"))


@api_view
def catalogues(request: HttpRequest) -> HttpResponse:
    return _json({"catalogues": [_catalogue_summary(request, c)
                                 for c in queries.published_catalogues()]})


@api_view
def catalogue(request: HttpRequest, year: str, slug: str) -> HttpResponse:
    cat = _catalogue(year, slug)
    rows = list(queries.listed([cat.latest_version_id or 0]))
    return _json({**_catalogue_summary(request, cat),
                  "years": list(cat.round.years), "unit": cat.round.unit,
                  "price_level": cat.round.price_level,
                  "versions": [_version_summary(request, cat, v) for v in _versions(cat)],
                  "proposals": [_proposal_summary(request, cat, r) for r in rows],
                  "responses": _absolute(request, "api:responses", cat.round.budget_year,
                                         cat.slug)})


@api_view
def versions(request: HttpRequest, year: str, slug: str) -> HttpResponse:
    cat = _catalogue(year, slug)
    return _json({"versions": [_version_summary(request, cat, v) for v in _versions(cat)]})


@api_view
def version(request: HttpRequest, year: str, slug: str, number: str) -> HttpResponse:
    cat = _catalogue(year, slug)
    if not _NUMBER.match(number):
        raise Http404
    return _json(exports.published_version(cat, int(number)).document)


@api_view
def proposals(request: HttpRequest, year: str, slug: str) -> HttpResponse:
    cat = _catalogue(year, slug)
    rows = list(queries.listed([cat.latest_version_id or 0]))
    return _json({"version": cat.latest_version.number if cat.latest_version else None,
                  "proposals": [_proposal_summary(request, cat, r) for r in rows]})


@api_view
def proposal(request: HttpRequest, year: str, slug: str, proposal_slug: str) -> HttpResponse:
    cat = _catalogue(year, slug)
    if not _SLUG.match(proposal_slug):
        raise Http404
    row = (PublishedProposal.objects.filter(version_id=cat.latest_version_id,
                                            slug=proposal_slug).only("document").first())
    if row is None:
        raise Http404
    return _json(row.document)


@api_view
def openapi(request: HttpRequest) -> HttpResponse:
    return _json(openapi_document(request.build_absolute_uri("/api/v1")))


@csrf_exempt
def unknown(request: HttpRequest, rest: str = "") -> HttpResponse:
    return not_found()
