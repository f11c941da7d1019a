"""What every view of the read-only JSON API shares: JSON answers, errors included,
GET and HEAD only (405 with ``Allow`` otherwise), no CSRF since nothing is written.

The catalogue views (``public/api.py``) and the hearing's (``hearing/api.py``) are
sibling apps that may not import each other, so the shared part lives here.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

JsonView = Callable[..., HttpResponse]


class BadRequest(Exception):
    """A query parameter the API cannot read: a JSON 400 naming it."""

    def __init__(self, parameter: str) -> None:
        super().__init__(parameter)
        self.parameter = parameter


def json_response(data: object, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, safe=False,
                        json_dumps_params={"ensure_ascii": False})


def not_found() -> JsonResponse:
    return json_response({"error": "not_found", "message": "Findes ikke / not found"}, 404)


def api_view(view: JsonView) -> JsonView:
    """GET/HEAD only, no CSRF (nothing is written), a missing thing is a JSON 404 and
    an unreadable parameter a JSON 400."""
    @csrf_exempt
    @require_safe
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except Http404:
            return not_found()
        except BadRequest as error:
            return json_response({"error": "bad_request",
                                  "message": f"Ugyldig parameter / invalid parameter: "
                                             f"{error.parameter}"}, 400)
    return wrapper


def absolute(request: HttpRequest, name: str, *args: object) -> str:
    return request.build_absolute_uri(reverse(name, args=args))
