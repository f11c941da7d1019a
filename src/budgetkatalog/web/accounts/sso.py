"""Single sign-on over OpenID Connect: the settings read from the environment, and the
rules that turn an ID token's claims into a role, a department and a name.

Nothing here talks to the provider or the database (``sso_views.py`` and
``actions.do_sign_in_with_sso`` do); the settings module reads :func:`from_environ`
before Django is set up, so this module imports no models. See ``docs/deployment.md``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

# The roles a claim value may map to (accounts.models.Role's values), strongest first:
# a person whose claims give several roles gets the first of these.
ROLE_ORDER = ("admin", "finance", "author", "politician")
PREFIX = "BUDGETKATALOG_OIDC_"


@dataclass(frozen=True)
class SsoConfig:
    """One OpenID Connect provider (the municipality's Entra ID, AD FS, …)."""

    discovery_url: str
    client_id: str
    client_secret: str
    # Shown on the log-in page: "Log ind med <name>" ("kommunens login" when empty).
    name: str
    scopes: str = "openid profile email"
    # Claim value → role; the claim is a list of strings (Entra's groups or app roles,
    # AD FS's group claims) or one string.
    role_claim: str = "groups"
    role_map: tuple[tuple[str, str], ...] = ()
    # The claim naming the person's department (its name or short name in Budgetkatalog);
    # empty: departments are set by an administrator on the users page.
    department_claim: str = ""
    username_claim: str = "preferred_username"
    pkce: bool = True
    timeout_seconds: float = 10.0
    # A signed-in session lasts this long, so that a person the provider no longer
    # gives a role (or who left) is asked again within a working day.
    session_hours: float = 8.0
    # Where the provider sends a person back after logging them out there (RP-initiated
    # logout); empty: this site's /konto/sso/logget-ud/ at the address it was asked for.
    post_logout_redirect_uri: str = ""


def from_environ(environ: Mapping[str, str]) -> SsoConfig | None:
    """The provider from ``BUDGETKATALOG_OIDC_*``, or None when single sign-on is off
    (no discovery URL or issuer). A half-done configuration stops the server with a
    message saying what is missing, rather than showing a button that cannot work."""
    def get(name: str, default: str = "") -> str:
        return environ.get(PREFIX + name, default).strip()

    issuer, discovery = get("ISSUER"), get("DISCOVERY_URL")
    if not issuer and not discovery:
        return None
    if not discovery:
        discovery = issuer.rstrip("/") + "/.well-known/openid-configuration"
    missing = [PREFIX + n for n in ("CLIENT_ID", "CLIENT_SECRET", "ROLE_MAP") if not get(n)]
    if missing:
        raise ImproperlyConfigured(f"single sign-on needs {', '.join(missing)}")
    return SsoConfig(
        discovery_url=discovery, client_id=get("CLIENT_ID"),
        client_secret=get("CLIENT_SECRET"), name=get("NAME"),
        scopes=get("SCOPES", "openid profile email"),
        role_claim=get("ROLE_CLAIM", "groups"), role_map=parse_role_map(get("ROLE_MAP")),
        department_claim=get("DEPARTMENT_CLAIM"),
        username_claim=get("USERNAME_CLAIM", "preferred_username"),
        pkce=get("PKCE", "1") not in ("0", "false", "no", "off"),
        timeout_seconds=_number("TIMEOUT", get("TIMEOUT", "10"), 120),
        session_hours=_number("SESSION_HOURS", get("SESSION_HOURS", "8"), 24 * 14),
        post_logout_redirect_uri=_absolute_url("POST_LOGOUT_REDIRECT_URI",
                                               get("POST_LOGOUT_REDIRECT_URI")))


def _absolute_url(name: str, text: str) -> str:
    """An absolute http(s) address, or empty."""
    parts = urlsplit(text)
    if text and (parts.scheme not in ("https", "http") or not parts.netloc):
        raise ImproperlyConfigured(f"{PREFIX}{name} must be an absolute address "
                                   f"(https://host/path), not {text!r}")
    return text


def _number(name: str, text: str, most: float) -> float:
    try:
        number = float(text)
    except ValueError:
        number = 0
    if not 0 < number <= most:
        raise ImproperlyConfigured(f"{PREFIX}{name} must be a number more than 0 and "
                                   f"at most {most:g}, not {text!r}")
    return number


def parse_role_map(text: str) -> tuple[tuple[str, str], ...]:
    """``{"claim value": "role", …}`` (JSON: group names and AD distinguished names hold
    commas and equals signs) as pairs; an unknown role is a configuration error."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImproperlyConfigured(f"{PREFIX}ROLE_MAP is not JSON: {error}") from error
    if not isinstance(data, dict) or not data:
        raise ImproperlyConfigured(f"{PREFIX}ROLE_MAP must be a JSON object "
                                   '{"claim value": "role", ...}')
    pairs = []
    for value, role in data.items():
        if role not in ROLE_ORDER:
            raise ImproperlyConfigured(
                f"{PREFIX}ROLE_MAP: {role!r} for {value!r} is not one of {', '.join(ROLE_ORDER)}")
        pairs.append((str(value), str(role)))
    return tuple(pairs)


def claim_values(claims: Mapping[str, object], name: str) -> list[str]:
    """A claim as a list of strings: providers send one value as a string, several as
    a list (AD FS sends a single group as a string)."""
    value = claims.get(name)
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [item for item in value if isinstance(item, str)]
    return []


def role_from_claims(config: SsoConfig, claims: Mapping[str, object]) -> str | None:
    """The strongest role any of the person's role-claim values maps to; None when none
    does (the person is refused, and no account is made)."""
    held = set(claim_values(claims, config.role_claim))
    roles = {role for value, role in config.role_map if value in held}
    return next((role for role in ROLE_ORDER if role in roles), None)


def department_from_claims(config: SsoConfig, claims: Mapping[str, object]) -> str | None:
    """The department claim's first value, or None (no claim configured, or none sent)."""
    if not config.department_claim:
        return None
    values = [v.strip() for v in claim_values(claims, config.department_claim) if v.strip()]
    return values[0] if values else None
