"""Log-in through the municipality's OpenID Connect provider (authorization code flow).

Authlib does the protocol: the provider's discovery document, a fresh ``state`` and
``nonce`` (and a PKCE verifier) kept in the session, the code exchange, and the ID
token's signature (the provider's published keys), issuer, audience, expiry and nonce.
These views only start the flow, turn the validated claims into a person
(``sso.py``) and hand it to ``actions.do_sign_in_with_sso``. Without a configuration
(``settings.BUDGETKATALOG_SSO``) they answer 404.

Logging out of a session signed in here also logs the person out at the provider
(OpenID Connect RP-Initiated Logout 1.0, :func:`logout_with_provider`): otherwise, on a
shared computer, the next person to press "Log ind med …" would be signed straight in
as the previous one.
"""

from __future__ import annotations

import logging
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from authlib.integrations.base_client import OAuthError
from authlib.integrations.django_client import DjangoOAuth2App, OAuth
from django.conf import settings
from django.contrib.auth import login, logout
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from joserfc.errors import JoseError
from requests import RequestException

from budgetkatalog.web.accounts import sso
from budgetkatalog.web.accounts.actions import SsoPerson, SsoRefused, do_sign_in_with_sso

log = logging.getLogger(__name__)
NEXT_KEY = "sso_next"
# A session signed in through single sign-on keeps its ID token and issuer here: the
# token goes back to the provider as id_token_hint when the person logs out.
LOGOUT_KEY = "sso_logout"


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
    request.session[LOGOUT_KEY] = {"issuer": person.issuer,
                                   "id_token": str(token.get("id_token") or "")}
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


def _provider_name(config: sso.SsoConfig | None) -> str:
    return (config.name if config is not None else "") or _("kommunens login")


def logout_with_provider(request: HttpRequest) -> HttpResponse | None:
    """Log out a session that was signed in through single sign-on, here and at the
    provider; None for any other session (the caller logs it out as usual).

    The session here ends first. Then a page takes the person on to the provider's
    ``end_session_endpoint`` with the ID token as ``id_token_hint``, our
    ``post_logout_redirect_uri`` (:func:`sso_logged_out`), a ``state`` kept in the new
    session and the ``client_id``. A page and not a redirect: a redirect answering the
    log-out form would be blocked by the content security policy's ``form-action
    'self'``. A provider without that endpoint (or not answering) cannot be asked, so the
    person is told to log out there or close the browser."""
    signed_in = request.session.get(LOGOUT_KEY)
    if not isinstance(signed_in, dict):
        return None
    logout(request)
    config = configured()
    name = _provider_name(config)
    url = _end_session_url(request, config, signed_in) if config is not None else None
    if url is None:
        return render(request, "registration/sso_logged_out.html",
                      {"provider_name": name, "ended_at_provider": False})
    return render(request, "registration/sso_logging_out.html",
                  {"provider_name": name, "end_session_url": url})


def _end_session_url(request: HttpRequest, config: sso.SsoConfig,
                     signed_in: dict[str, Any]) -> str | None:
    """The address that logs the person out at the provider, or None."""
    client = _client(config)
    try:
        metadata = client.load_server_metadata()
    except (RequestException, ValueError) as error:
        log.warning("single sign-on logout: the provider's discovery document failed: %s",
                    error)
        return None
    if metadata.get("issuer") != signed_in.get("issuer"):
        # Signed in at another provider than the one configured now: its token is not
        # this one's to see.
        log.warning("single sign-on logout: signed in at %s, not at the configured provider",
                    str(signed_in.get("issuer"))[:200])
        return None
    endpoint = metadata.get("end_session_endpoint")
    if not isinstance(endpoint, str) or urlsplit(endpoint).scheme not in ("https", "http"):
        log.info("single sign-on logout: the provider has no end_session_endpoint")
        return None
    return_to = (config.post_logout_redirect_uri
                 or request.build_absolute_uri(reverse("sso_logged_out")))
    result = client.create_logout_url(
        post_logout_redirect_uri=return_to,
        id_token_hint=str(signed_in.get("id_token") or "") or None,
        client_id=config.client_id, ui_locales=get_language())
    # Authlib's own record of the state (as for a sign-in), for validate_logout_response.
    client.framework.set_state_data(request.session, result["state"],
                                    {"post_logout_redirect_uri": return_to})
    return str(result["url"])


@require_GET
def sso_logged_out(request: HttpRequest) -> HttpResponse:
    """The provider sends the person back here after logging them out there (the
    ``post_logout_redirect_uri``). With the ``state`` this browser was sent off with, a
    page says so; anything else goes to the front page."""
    config = _config_or_404()
    try:
        _client(config).validate_logout_response(request)  # type: ignore[no-untyped-call]
    except OAuthError as error:
        log.info("single sign-on logout: back without a known state (%s)", error)
        return HttpResponseRedirect(settings.LOGOUT_REDIRECT_URL)
    return render(request, "registration/sso_logged_out.html",
                  {"provider_name": _provider_name(config), "ended_at_provider": True})
