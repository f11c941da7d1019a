"""The page language: Danish unless the visitor chose English.

``?lang=en`` / ``?lang=da`` switches and remembers the choice in Django's language
cookie, so a plain link (no JavaScript, no form) switches the site's language. The
browser's Accept-Language is deliberately not consulted: a Danish public site answers
in Danish until asked otherwise."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

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
