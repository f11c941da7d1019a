"""Rate limits for the response form, counted in the shared cache.

The client's address is the one the configured number of trusted proxies saw
(``HEARING_TRUSTED_PROXY_COUNT``: 0 = the socket's peer, N = the N-th address from the
right of X-Forwarded-For). A city hall's offices share one address, so the tight limit
is per address *and* e-mail (or session), and the per-address limit is loose."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

WINDOW_SECONDS = 3600


def client_address(request: HttpRequest) -> str:
    trusted = int(getattr(settings, "HEARING_TRUSTED_PROXY_COUNT", 0))
    peer = str(request.META.get("REMOTE_ADDR", ""))
    if trusted <= 0:
        return peer
    chain = [part.strip() for part in
             str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",") if part.strip()]
    # The last `trusted` proxies appended what they saw; the one before is the client.
    chain.append(peer)
    return chain[-trusted - 1] if len(chain) > trusted else chain[0]


def _hit(key: str, limit: int) -> bool:
    """Count one hit; False when the limit for this window is already reached.

    A first hit is one ``add`` (one round trip to a shared cache); later ones an
    ``incr``. The window starts at the first hit and is not extended by later ones."""
    digest = "hearing-rate:" + hashlib.sha256(key.encode()).hexdigest()
    if cache.add(digest, 1, timeout=WINDOW_SECONDS):
        return limit >= 1
    try:
        count = cache.incr(digest)
    except ValueError:  # expired between the two calls
        cache.set(digest, 1, timeout=WINDOW_SECONDS)
        count = 1
    return count <= limit


def allow_submission(request: HttpRequest, email: str) -> bool:
    address = client_address(request)
    session = request.session.session_key or ""
    sender = email.strip().casefold() or session
    per_sender = int(settings.HEARING_RATE_PER_SENDER)
    per_address = int(settings.HEARING_RATE_PER_ADDRESS)
    return _hit(f"a:{address}", per_address) and _hit(f"s:{address}:{sender}", per_sender)
