"""``manage check --deploy``: the hearing's rate limits need a cache that every server
process shares. Django's default (the process's own memory) counts per process, so N
processes behind the proxy would allow N times the limit."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register

SHARED_BACKENDS = ("django.core.cache.backends.redis.RedisCache",
                   "django.core.cache.backends.memcached.PyMemcacheCache",
                   "django.core.cache.backends.memcached.PyLibMCCache",
                   "django.core.cache.backends.db.DatabaseCache")


@register(Tags.caches, deploy=True)
def shared_cache_for_rate_limits(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    backend = str(settings.CACHES.get("default", {}).get("BACKEND", ""))
    if backend in SHARED_BACKENDS:
        return []
    return [Warning(
        "The hearing's rate limits are counted in each server process's own memory.",
        hint="Set BUDGETKATALOG_CACHE_URL=redis://host:6379/0 so that every process "
             "counts in one shared cache (docs/deployment.md).",
        id="hearing.W001")]
