"""System checks for settings the shared kernel relies on."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

_PER_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


def default_cache_is_shared() -> bool:
    """Whether every process of the site reads and writes the same default cache (Redis, not the
    memory of each process)."""
    return settings.CACHES.get("default", {}).get("BACKEND", "") not in _PER_PROCESS_CACHES


@register(Tags.caches, deploy=True)
def rate_limits_need_a_shared_cache(app_configs, **kwargs):
    """Rate limits count in the default cache; per process, N web workers allow N times the limit.

    The course tree's generation lives there too (courses.tree): per process, a worker would go on
    serving a course page as it was before another worker published it (page privacy is then looked
    up by Wagtail on every request instead).
    """
    if not default_cache_is_shared():
        return [
            Warning(
                "The default cache is per process, so each web worker counts rate limits on its own "
                "and sees a course published or unpublished only by itself.",
                hint="Set CACHE_URL to a shared cache, e.g. redis://host:6379/1.",
                id="core.W001",
            )
        ]
    return []
