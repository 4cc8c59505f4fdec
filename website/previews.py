"""The preview page: an unpublished article as it will read once published.

The links are signed and checked by ``articles.previews``; this module only shows them.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache

from articles.previews import article_for_preview_token
from website.views import render_article


@never_cache
def article_preview(request: HttpRequest, token: str) -> HttpResponse:
    """The article page as it will be published, marked as a preview and kept out of indexes."""
    article = article_for_preview_token(token)
    response = render_article(request, article, is_preview=True, preview_token=token)
    response.headers["X-Robots-Tag"] = "noindex, nofollow, noarchive"
    # The token is in the URL: never send it to another page in a Referer header.
    response.headers["Referrer-Policy"] = "no-referrer"
    return response
