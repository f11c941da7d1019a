"""The hearing's published responses in the read-only JSON API.

Only what the public response pages show: published responses (never one received or
withheld), the text and names as published (contact data masked, a name only with
consent; ``actions.do_publish_response``), the attachments staff made public. No
e-mail address, no submitted text, no fingerprint ever leaves through here. The
description is in ``public/openapi.py``; ``docs/api.md`` documents it.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.paginator import EmptyPage, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse

from budgetkatalog.web.catalogues.models import CatalogueVersion
from budgetkatalog.web.hearing import queries
from budgetkatalog.web.hearing.models import Attachment, Hearing, Response
from budgetkatalog.web.jsonapi import BadRequest, absolute, api_view, json_response

PAGE_SIZE = 100
_YEAR = re.compile(r"^\d{4}$")
_SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")
_PAGE = re.compile(r"^[1-9]\d{0,6}$")


def _hearing(hearing: Hearing) -> dict[str, Any]:
    return {"title": hearing.title, "opens_at": hearing.opens_at.isoformat(),
            "deadline": hearing.deadline.isoformat(),
            # Only the number: the version's document is large.
            "version": CatalogueVersion.objects.filter(pk=hearing.version_id)
            .values_list("number", flat=True).first()}


def _attachment(request: HttpRequest, item: Attachment) -> dict[str, Any]:
    return {"name": item.original_name, "size": item.size,
            "url": absolute(request, "hearing:attachment", item.pk)}


def _response(request: HttpRequest, year: int, slug: str, response: Response,
              attachments: list[Attachment]) -> dict[str, Any]:
    assert response.published_at is not None
    return {
        "number": response.number,
        "proposal": response.proposal_number or None,
        "proposal_title": response.proposal_title or None,
        "sender_type": response.sender_type,
        "sender_type_label": str(response.get_sender_type_display()),
        "name": response.public_name or None,
        "organisation": response.public_organisation or None,
        "text": response.public_text,
        "received_at": response.received_at.isoformat(),
        "published_at": response.published_at.isoformat(),
        "attachments": [_attachment(request, a) for a in attachments],
        "url": request.build_absolute_uri(reverse("hearing:response",
                                                  args=[year, slug, response.number])),
    }


def _page_number(request: HttpRequest) -> int:
    raw = request.GET.get("page", "1")
    if not _PAGE.match(raw):
        raise BadRequest("page")
    return int(raw)


@api_view
def responses(request: HttpRequest, year: str, slug: str) -> HttpResponse:
    """The published responses of the catalogue's current hearing, oldest first, a page
    of ``PAGE_SIZE`` at a time; ``hearing`` is null when it has had none."""
    if not _YEAR.match(year) or not _SLUG.match(slug):
        raise Http404
    number = _page_number(request)
    catalogue = queries.published_catalogue(int(year), slug)
    try:
        hearing = queries.current_hearing(catalogue)
    except Http404:
        if number != 1:
            raise
        return json_response({"hearing": None, "count": 0, "page": 1, "pages": 1,
                              "next": None, "responses": []})
    paginator = Paginator(queries.published_responses(hearing), PAGE_SIZE)
    try:
        page = paginator.page(number)
    except EmptyPage as error:
        raise Http404 from error
    rows = list(page.object_list)
    public = Attachment.objects.filter(response__in=rows, public=True).order_by("id")
    by_response: dict[int, list[Attachment]] = {}
    for item in public.only("id", "response_id", "original_name", "size"):
        by_response.setdefault(item.response_id, []).append(item)
    base = absolute(request, "api:responses", int(year), slug)
    return json_response({
        "hearing": _hearing(hearing), "count": paginator.count, "page": number,
        "pages": paginator.num_pages,
        "next": f"{base}?page={number + 1}" if page.has_next() else None,
        "responses": [_response(request, int(year), slug, r, by_response.get(r.pk, []))
                      for r in rows]})
