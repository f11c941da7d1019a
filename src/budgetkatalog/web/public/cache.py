"""Whole-page caching of public pages for anonymous visitors.

A public page shows only published versions, which never change; the key holds the
ids of the latest versions, so publishing a new version makes new keys and the old
entries simply age out. One query (the latest version ids) decides the key.
Requests carrying a session or pending messages are never served from, or stored
in, the cache: their pages can differ (a login, a "published" message).
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Callable
from functools import wraps
from typing import Any, overload

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


def _key(request: HttpRequest, reads: tuple[str, ...]) -> str:
    """The page's key: latest versions, language, path, and the values of the query
    parameters the page reads, in a fixed order. Any other parameter (``?utm=...``,
    ``?cachebust=...``) leaves the key alone, so it cannot fill the cache."""
    params = [(name, request.GET.getlist(name)) for name in reads if name in request.GET]
    raw = json.dumps([version_stamp(), get_language() or "", request.path, params],
                     ensure_ascii=False)
    return "page:" + hashlib.sha256(raw.encode()).hexdigest()


@overload
def cached_public_page(view: View) -> View: ...


@overload
def cached_public_page(*, reads: tuple[str, ...] = ()) -> Callable[[View], View]: ...


def cached_public_page(view: View | None = None, *, reads: tuple[str, ...] = ()
                       ) -> View | Callable[[View], View]:
    """Cache a public page whole for anonymous visitors. ``reads``: the query
    parameters the view reads; no other parameter makes a separate entry. Entries are
    compressed, and the cache holds a bounded number of them (settings.CACHES)."""
    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not _cacheable(request):
                return view(request, *args, **kwargs)
            key = _key(request, reads)
            hit = cache.get(key)
            if hit is not None:
                content, content_type = hit
                response = HttpResponse(zlib.decompress(content), content_type=content_type)
            else:
                response = view(request, *args, **kwargs)
                if response.status_code == 200 and not response.streaming:
                    cache.set(key, (zlib.compress(response.content, 6),
                                    response["Content-Type"]), TIMEOUT)
            patch_vary_headers(response, ("Cookie", "Accept-Language"))
            return response
        return wrapper

    return decorate(view) if view is not None else decorate
