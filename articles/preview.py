"""Signed, expiring preview links: how editors read a draft or scheduled article as published.

The link is the credential (like a shared-document link): whoever holds it sees the
article until it expires, logged in or not, so an editor can send it to a colleague.
The token is the article's id signed with SECRET_KEY and a timestamp
(``TimestampSigner``); a forged, altered or expired token gets the same 404 as an
article that does not exist. Rotating SECRET_KEY revokes every link (keep the old key
in SECRET_KEY_FALLBACKS to let them live out their time).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache

from articles.models import Article
from articles.views import render_article

# Long enough to cover an editing day and the night before publication.
PREVIEW_MAX_AGE: datetime.timedelta = getattr(
    settings, "NEWSROOM_PREVIEW_MAX_AGE", datetime.timedelta(days=2)
)
# Namespaces the signature: no other signed value of this project can pass for a preview token.
PREVIEW_SALT = "articles.preview"


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=PREVIEW_SALT)


def preview_token(article: Article) -> str:
    """A token that opens this article's preview until PREVIEW_MAX_AGE from now."""
    return _signer().sign(str(article.pk))


def preview_url(article: Article) -> str:
    """The path of the article's preview, e.g. for the admin's "Preview" link."""
    return reverse("articles:article-preview", kwargs={"token": preview_token(article)})


def article_for_preview_token(token: str, max_age: datetime.timedelta | None = None) -> Article:
    """The article the token was signed for, whatever its status; Http404 for a bad token."""
    try:
        article_id = _signer().unsign(token, max_age=max_age or PREVIEW_MAX_AGE)
    except signing.BadSignature as error:  # SignatureExpired is a BadSignature too.
        raise Http404("This preview link is not valid or has expired.") from error
    try:
        return Article.objects.with_credits().get(pk=int(article_id))
    except (ValueError, Article.DoesNotExist) as error:
        raise Http404("This preview link is not valid or has expired.") from error


@never_cache
def article_preview(request: HttpRequest, token: str) -> HttpResponse:
    """The article page as it will be published, marked as a preview and kept out of indexes."""
    article = article_for_preview_token(token)
    response = render_article(request, article, is_preview=True)
    response.headers["X-Robots-Tag"] = "noindex, nofollow, noarchive"
    # The token is in the URL: never send it to another page in a Referer header.
    response.headers["Referrer-Policy"] = "no-referrer"
    return response
