"""Counting requests per client in the shared cache, for limits such as "30 checks a minute".

The counters live in Django's default cache (``CACHE_URL``). In production that must be Redis (or
another shared cache): with the per-process local-memory default, each web worker would keep its
own count and N workers would allow N times the limit.
"""

from __future__ import annotations

import logging
import time

from django.core.cache import cache
from django.http import HttpRequest

from core.client_address import client_address

log = logging.getLogger(__name__)


def hit(scope: str, key: str, limit: int, period: int = 60) -> bool:
    """Count one request for (scope, key) in the current window; True when it is over ``limit``.

    Windows are fixed ``period``-second slots. If the cache does not answer (its socket timeouts
    are short), the request is let through and the fault logged: a limit must not take the page down.
    """
    window = int(time.time() // period)
    cache_key = f"rate:{scope}:{key}:{window}"
    try:
        cache.add(cache_key, 0, timeout=period + 10)
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired between add and incr
            cache.set(cache_key, 1, timeout=period + 10)
            count = 1
    except Exception:  # a cache outage (redis TimeoutError, ConnectionError, ...)
        log.warning("Rate limit %s not counted: the cache did not answer", scope, exc_info=True)
        return False
    return count > limit


def hit_from_client(request: HttpRequest, scope: str, limit: int, period: int = 60) -> bool:
    """``hit`` keyed on the client's address (see core.client_address)."""
    return hit(scope, client_address(request), limit, period)
