"""The address a request comes from: the one answer used by sign-in lockouts, API throttles and
every rate limit.

Behind N trusted proxies (setting ``TRUSTED_PROXY_COUNT``), each proxy appends the address it saw
to ``X-Forwarded-For``, so the client is the N-th entry from the right; anything further left was
written by the client and is not trusted. With 0 (the default), ``X-Forwarded-For`` is ignored and
the TCP peer (``REMOTE_ADDR``) is the client.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_address(request) -> str:
    """The client's IP address as text; "unknown" if the server was given none."""
    remote = _valid(request.META.get("REMOTE_ADDR", "") or "") or "unknown"
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies <= 0 or not forwarded:
        return remote
    hops = [hop for hop in forwarded.split(",") if hop.strip()]
    if not hops:
        return remote
    # The last proxy's own peer is REMOTE_ADDR; the entries it and the others appended are trusted.
    return _valid(hops[-min(proxies, len(hops))]) or remote


def lockout_address(request) -> str | None:
    """``client_address`` for django-axes, which stores it in an address column: None when unknown
    (a server on a Unix socket gives no REMOTE_ADDR), never the text "unknown"."""
    address = client_address(request)
    return None if address == "unknown" else address
