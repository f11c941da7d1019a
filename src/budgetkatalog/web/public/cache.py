"""Whole-page caching of public pages for anonymous visitors.

A public page shows only published versions, which never change; the key holds the
ids of the latest versions, so publishing a new version makes new keys and the old
entries simply age out. One query (the latest version ids) decides the key.
Requests carrying a session or pending messages are never served from, or stored
in, the cache: their pages can differ (a login, a "published" message).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.cache import cache
from django.db.models import Max, Q
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from budgetkatalog.web.catalogues.models import Catalogue

TIMEOUT = 3600
View = Callable[..., HttpResponse]


def _cacheable(request: HttpRequest) -> bool:
    return (request.method == "GET"
            and "sessionid" not in request.COOKIES and "messages" not in request.COOKIES
            and not request.user.is_authenticated)


def version_stamp() -> str:
    # A recorded budget agreement (scenarios app) and a new hearing (hearing app) change
    # the catalogue and proposal pages' links.
    ids = (Catalogue.objects.filter(latest_version__isnull=False).order_by("id")
           .annotate(agreement=Max("scenarios__id", filter=Q(scenarios__is_agreement=True)),
                     hearing=Max("hearings__id"))
           .values_list("id", "latest_version_id", "agreement", "hearing"))
    return ",".join(f"{c}:{v}:{a}:{h}" for c, v, a, h in ids)


def cached_public_page(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        raw = "|".join([version_stamp(), get_language() or "", request.get_full_path()])
        key = "page:" + hashlib.sha256(raw.encode()).hexdigest()
        hit = cache.get(key)
        if hit is not None:
            content, content_type = hit
            response = HttpResponse(content, content_type=content_type)
        else:
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming:
                cache.set(key, (response.content, response["Content-Type"]), TIMEOUT)
        patch_vary_headers(response, ("Cookie", "Accept-Language"))
        return response
    return wrapper
