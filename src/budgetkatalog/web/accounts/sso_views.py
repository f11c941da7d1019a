"""Log-in through the municipality's OpenID Connect provider (authorization code flow).

Authlib does the protocol: the provider's discovery document, a fresh ``state`` and
``nonce`` (and a PKCE verifier) kept in the session, the code exchange, and the ID
token's signature (the provider's published keys), issuer, audience, expiry and nonce.
These views only start the flow, turn the validated claims into a person
(``sso.py``) and hand it to ``actions.do_sign_in_with_sso``. Without a configuration
(``settings.BUDGETKATALOG_SSO``) both answer 404.
"""

from __future__ import annotations

import logging
from functools import cache
from typing import Any

from authlib.integrations.base_client import OAuthError
from authlib.integrations.django_client import DjangoOAuth2App, OAuth
from django.conf import settings
from django.contrib.auth import login
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from joserfc.errors import JoseError
from requests import RequestException

from budgetkatalog.web.accounts import sso
from budgetkatalog.web.accounts.actions import SsoPerson, SsoRefused, do_sign_in_with_sso

log = logging.getLogger(__name__)
NEXT_KEY = "sso_next"


def configured() -> sso.SsoConfig | None:
    config: sso.SsoConfig | None = getattr(settings, "BUDGETKATALOG_SSO", None)
    return config


@cache
def _client(config: sso.SsoConfig) -> DjangoOAuth2App:
    """One Authlib client per configuration; it keeps the discovery document and the
    provider's keys (fetched again when a token names a key it does not know)."""
    kwargs: dict[str, Any] = {"scope": config.scopes, "default_timeout": config.timeout_seconds}
    if config.pkce:
        kwargs["code_challenge_method"] = "S256"
    oauth = OAuth()
    client: DjangoOAuth2App = oauth.register(
        "sso", client_id=config.client_id, client_secret=config.client_secret,
        server_metadata_url=config.discovery_url, client_kwargs=kwargs)
    return client


def _config_or_404() -> sso.SsoConfig:
    config = configured()
    if config is None:
        raise Http404
    return config


def _refused(request: HttpRequest, message: str, status: int = 403) -> HttpResponse:
    return render(request, "registration/sso_refused.html", {"message": message},
                  status=status)


@require_GET
def sso_start(request: HttpRequest) -> HttpResponse:
    """The link on the log-in page: off to the provider, remembering where to go. A
    link, not a form: the content security policy's ``form-action 'self'`` would stop
    a form's redirect to the provider."""
    config = _config_or_404()
    next_url = str(request.GET.get("next", ""))
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        request.session[NEXT_KEY] = next_url
    else:
        request.session.pop(NEXT_KEY, None)
    redirect_uri = request.build_absolute_uri(reverse("sso_callback"))
    try:
        # (types-Authlib leaves these two methods unannotated)
        response: HttpResponse = _client(config).authorize_redirect(  # type: ignore[no-untyped-call]
            request, redirect_uri)
    except (RequestException, ValueError, RuntimeError) as error:
        # Down, or a discovery document without the endpoints (Authlib's RuntimeError).
        log.warning("single sign-on: the provider's discovery document failed: %s", error)
        return _refused(request, _("Kommunens login svarer ikke lige nu. Prøv igen om lidt, "
                                   "eller log ind med brugernavn og adgangskode."), 503)
    return response


@require_GET
def sso_callback(request: HttpRequest) -> HttpResponse:
    """The provider sends the person back here with a code (or an error)."""
    config = _config_or_404()
    client = _client(config)
    error_code = str(request.GET.get("error", ""))
    if error_code:
        # The person cancelled, or the provider would not sign them in for this client
        # (Entra ID: "user assignment required"); the code says which.
        log.warning("single sign-on: the provider answered %s", error_code[:100])
        return _refused(request, _(
            "Kommunens login afviste log-ind, eller det blev afbrudt (%(error)s). Prøv "
            "igen fra log-ind-siden, eller kontakt kommunens it-administrator.") % {
                "error": error_code[:100]}, 400)
    try:
        token = client.authorize_access_token(request)  # type: ignore[no-untyped-call]
    except (OAuthError, JoseError, RequestException, ValueError, RuntimeError) as error:
        # A wrong or reused state, a failed code exchange, an ID token whose signature,
        # issuer, audience, expiry or nonce does not check out.
        log.warning("single sign-on refused: %s", error)
        return _refused(request, _(
            "Log-ind med kommunens login kunne ikke gennemføres (svaret var ugyldigt, "
            "udløbet eller allerede brugt). Prøv igen fra log-ind-siden."), 400)
    claims = token.get("userinfo")
    if not claims:  # no ID token: an OAuth answer, not OpenID Connect
        log.warning("single sign-on refused: the provider sent no ID token")
        return _refused(request, _("Kommunens login sendte ikke, hvem du er. "
                                   "Kontakt en administrator."), 400)
    person = person_from_claims(config, claims)
    try:
        try:
            user = do_sign_in_with_sso(person)
        except IntegrityError:
            # The same person's first sign-in in two tabs at once: the other one made
            # the user (and rolled this back); now it is found by its subject.
            user = do_sign_in_with_sso(person)
    except SsoRefused as refusal:
        log.info("single sign-on refused %s: %s", person.username, refusal.reason)
        return _refused(request, refusal.message)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    request.session.set_expiry(int(config.session_hours * 3600))
    next_url = request.session.pop(NEXT_KEY, "") or settings.LOGIN_REDIRECT_URL
    return HttpResponseRedirect(next_url)


def person_from_claims(config: sso.SsoConfig, claims: dict[str, Any]) -> SsoPerson:
    """The person an ID token names; its issuer was checked against the discovery
    document's."""
    issuer, subject = str(claims["iss"]), str(claims["sub"])
    username = next(iter(sso.claim_values(claims, config.username_claim)), "").strip()
    return SsoPerson(
        issuer=issuer, subject=subject, username=(username or subject)[:150],
        role=sso.role_from_claims(config, claims),
        department=sso.department_from_claims(config, claims),
        department_from_provider=bool(config.department_claim),
        first_name=str(claims.get("given_name") or "")[:150],
        last_name=str(claims.get("family_name") or "")[:150],
        email=str(claims.get("email") or "")[:254])
