"""Shared response cache for anonymous readers, emptied whenever published content changes.

Every cached response is stored under the current "content generation", a
number kept in the cache itself. Any ORM write to an article, a credit, an
author, a correction or a translation link bumps it once its transaction
commits, so every earlier entry stops being found at once, in every process
that shares the cache (Redis), and simply expires later. Nothing has to
know which pages showed what. The write hook that bumps it lives in
newsroom/content_changes.py.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import (
    get_cache_key,
    get_conditional_response,
    get_max_age,
    has_vary_header,
    learn_cache_key,
)

logger = logging.getLogger(__name__)

GENERATION_KEY = "newsroom:content-generation"
# Paths that are never cached: editors' pages, health checks and previews of drafts.
UNCACHED_PATH_PREFIXES = ("/admin/", "/healthz", "/preview/")


def response_cache_seconds() -> int:
    return settings.RESPONSE_CACHE_SECONDS


def content_generation() -> int | None:
    """The current generation; starts from the clock so a lost key never revives old entries.

    None when it cannot be known (the cache refuses to store it): nothing may then be
    read from the cache or stored in it.
    """
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def bump_content_generation() -> None:
    """Make every cached response stale, now; if that fails, stop the cache answering.

    A full Redis (maxmemory with noeviction) refuses INCR and SET but still reads and
    still deletes: without the generation key every process finds no generation, cannot
    store a new one while Redis is full, and so serves fresh pages (content_generation
    gives None). Once Redis takes writes again, the new key starts from the clock, newer
    than every entry stored before. If even the delete fails, Redis is unreachable, and
    readers that cannot reach it serve fresh pages too.
    """
    try:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:  # the key was evicted or never set: a fresh clock value is newer
            cache.set(GENERATION_KEY, time.time_ns(), timeout=None)
    except Exception:
        # The write itself has committed; an unreachable cache must not turn it into an error.
        logger.exception("Could not invalidate the response cache; taking it out of service")
        try:
            cache.delete(GENERATION_KEY)
        except Exception:
            logger.exception("Could not take the response cache out of service")


def is_cacheable_request(request: HttpRequest) -> bool:
    # Anyone with a session may be an editor, who sees fresh pages and must never share theirs.
    return (
        request.method in {"GET", "HEAD"}
        and response_cache_seconds() > 0
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.headers.get("Authorization")
        and not request.path.startswith(UNCACHED_PATH_PREFIXES)
    )


def is_cacheable_response(response: HttpResponse) -> bool:
    cache_control = response.get("Cache-Control", "").lower()
    return (
        response.status_code == 200
        and not response.streaming
        and not (response.cookies and has_vary_header(response, "Cookie"))
        and not any(word in cache_control for word in ("private", "no-cache", "no-store"))
        and get_max_age(response) != 0
        and not has_vary_header(response, "*")
    )


class PublicResponseCacheMiddleware:
    """Serve anonymous GETs of public pages and the API from the shared cache.

    Place it after LocaleMiddleware: the key includes the language and the
    headers the response varies on (Django's own cache keys).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_cacheable_request(request):
            return self.get_response(request)
        # Read once, before the view: a write during the view bumps past it, so what
        # the view read is stored under a generation that no one asks for any more.
        try:
            generation = content_generation()
            if generation is None:
                # The last invalidation could not be recorded: only fresh answers are safe.
                return self.get_response(request)
            key_prefix = f"pages.{generation}"
            cache_key = get_cache_key(request, key_prefix, "GET", cache=cache)
            cached = cache.get(cache_key) if cache_key else None
        except Exception:
            # The cache is an optimisation: when it is down, readers get fresh pages.
            logger.exception("Response cache unavailable")
            return self.get_response(request)
        if cached is not None:
            return get_conditional_response(request, etag=cached.get("ETag"), response=cached)
        response = self.get_response(request)
        if is_cacheable_response(response):
            if callable(getattr(response, "render", None)) and not response.is_rendered:
                response.add_post_render_callback(lambda r: store(request, r, key_prefix))
            else:
                store(request, response, key_prefix)
        return response


def store(request: HttpRequest, response: HttpResponse, key_prefix: str) -> None:
    timeout = response_cache_seconds()
    try:
        cache_key = learn_cache_key(request, response, timeout, key_prefix, cache=cache)
        cache.set(cache_key, response, timeout)
    except Exception:
        logger.exception("Response cache unavailable")
