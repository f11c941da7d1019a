"""Log-in, rate-limited per username and per client address.

Only failed attempts count: five wrong passwords for one username within a minute, or
thirty from one address, and further attempts are refused for the rest of that minute
with a Danish message on the ordinary log-in page (status 429). Nothing is locked for
good and there is no puzzle to solve, so keyboard and screen-reader users are never shut
out: the page, its form and its message stay as accessible as before. Counts live in
the cache (django-ratelimit), shared between processes when the cache is."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

from budgetkatalog.web.accounts.sso_views import configured, logout_with_provider

PER_USERNAME = "5/m"
PER_ADDRESS = "30/m"


def _username(group: str, request: HttpRequest) -> str:
    return str(request.POST.get("username", "")).strip().casefold()


def _used_up(request: HttpRequest, increment: bool) -> bool:
    """Whether either allowance is used up (checked before a try, so the sixth is the
    first refused); with ``increment`` a failed try is counted."""
    used_up = False
    for group, key, rate in (("login-username", _username, PER_USERNAME),
                             ("login-address", "ip", PER_ADDRESS)):
        usage = get_usage(request, group=group, key=key, rate=rate, method="POST",
                          increment=increment)
        if usage is not None and usage["count"] >= usage["limit"]:
            used_up = True
    return used_up


class LoginView(auth_views.LoginView):
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # Refused before the password is checked, so a guess cannot be confirmed.
        if _used_up(request, increment=False):
            form = self.get_form()
            context = self.get_context_data(form=form, rate_limited=True)
            return self.render_to_response(context, status=429)
        response = super().post(request, *args, **kwargs)
        if response.status_code != 302:
            _used_up(request, increment=True)
        return response

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        # "Log ind med <the municipality's login>" when single sign-on is configured.
        context["sso"] = configured()
        if context.get("rate_limited"):
            context["rate_limited_message"] = _(
                "For mange forkerte forsøg. Vent et minut, og prøv igen. Du kan også bede "
                "en administrator om et link til at vælge en ny adgangskode.")
        return context


class LogoutView(auth_views.LogoutView):
    """Log-out, by POST with the CSRF token. A session signed in through single sign-on
    is logged out at the municipality's provider too (``sso_views.logout_with_provider``);
    any other ends here and goes to the front page."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = logout_with_provider(request)
        if response is not None:
            return response
        return super().post(request, *args, **kwargs)
