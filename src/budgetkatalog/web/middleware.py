"""The page language: Danish unless the visitor chose English.

``?lang=en`` / ``?lang=da`` switches and remembers the choice in Django's language
cookie, so a plain link (no JavaScript, no form) switches the site's language. The
browser's Accept-Language is deliberately not consulted: a Danish public site answers
in Danish until asked otherwise."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

from budgetkatalog.web.fields import field_label
from budgetkatalog.web.jsonapi import json_response

LANGUAGES = {code for code, _ in settings.LANGUAGES}


class LanguageQueryMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        lang = request.GET.get("lang")
        chosen = lang in LANGUAGES
        if not chosen:
            lang = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
            if lang not in LANGUAGES:
                lang = settings.LANGUAGE_CODE
        assert lang is not None
        translation.activate(lang)
        request.LANGUAGE_CODE = lang
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", lang)
        if not chosen:
            return response
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME, lang, max_age=365 * 24 * 3600,
            samesite="Lax", secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY)
        return response


class PrivatePagesMiddleware:
    """``Cache-Control: no-store`` on the staff and scenario pages, the login pages, and
    every page served to a logged-in user: no browser or proxy keeps a copy of a draft,
    a private scenario or a page with someone's name on it."""

    NAMESPACES = frozenset({"staff", "scenarios"})
    URL_NAMES = frozenset({"login", "logout", "sso_start", "sso_callback", "sso_logged_out"})

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        match = request.resolver_match
        private = match is not None and (match.namespace in self.NAMESPACES
                                         or match.url_name in self.URL_NAMES)
        user = getattr(request, "user", None)
        if private or (user is not None and user.is_authenticated):
            response.headers["Cache-Control"] = "no-store"
        return response


class ControlCharacterMiddleware:
    """A NUL byte (or another C0 control character than tab and line breaks) in a
    query parameter or form field is refused with a Danish 400 that names the field.
    No legitimate input holds one, and PostgreSQL cannot store or compare NUL. Under
    ``/api/`` the 400 is JSON, like every answer of the API."""

    BAD = frozenset(chr(c) for c in range(32)) - {"\t", "\n", "\r"}

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def _bad_field(self, request: HttpRequest) -> str | None:
        sources = [request.GET]
        if request.method == "POST":
            sources.append(request.POST)
        for data in sources:
            for key, values in data.lists():
                if any(ch in self.BAD for ch in key):
                    return key
                for value in values:
                    if any(ch in self.BAD for ch in value):
                        return key
        return None

    def __call__(self, request: HttpRequest) -> HttpResponse:
        field = self._bad_field(request)
        if field is not None and request.path.startswith("/api/"):
            # The API answers in JSON, errors included.
            return json_response({"error": "bad_request",
                                  "message": "Ugyldigt tegn / invalid character: "
                                             + "".join(ch for ch in field
                                                       if ch not in self.BAD)[:60]}, 400)
        if field is not None:
            label = field_label(field)
            message = (_("Feltet »%(field)s« indeholder et ugyldigt tegn (et kontroltegn). "
                         "Ret feltet og prøv igen.") % {"field": label} if label else
                       _("Et af felterne indeholder et ugyldigt tegn (et kontroltegn). "
                         "Ret det og prøv igen."))
            return render(request, "400.html", {"message": message}, status=400)
        return self.get_response(request)
