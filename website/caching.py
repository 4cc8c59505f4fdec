"""How long the public site's responses may be cached, and the decorator that says so."""

from __future__ import annotations

from collections.abc import Callable

from django.middleware.http import ConditionalGetMiddleware
from django.utils.decorators import decorator_from_middleware
from django.views.decorators.cache import cache_control

# Short enough that a correction shows within minutes, long enough to absorb a rush.
PAGE_MAX_AGE = 5 * 60
ROBOTS_MAX_AGE = 24 * 60 * 60
# Sitemaps change when articles do; crawlers need not come back more often than this.
SITEMAP_MAX_AGE = 15 * 60

conditional_get = decorator_from_middleware(ConditionalGetMiddleware)


def cached_publicly(max_age: int) -> Callable[[Callable], Callable]:
    """Cache-Control: public with max_age, and 304 answers to If-None-Match/If-Modified-Since.

    The ETag is a hash of the rendered response, so it changes with anything the reader
    sees (a credit, an author's name, a template), not only with the article's own row.
    """

    def decorator(view: Callable) -> Callable:
        return conditional_get(cache_control(public=True, max_age=max_age)(view))

    return decorator
