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
from django.http import Http404
from django.urls import reverse

from articles.models import Article
from articles.selectors import with_public_facts

# Long enough to cover an editing day and the night before publication.
DEFAULT_PREVIEW_MAX_AGE = datetime.timedelta(days=2)
# Namespaces the signature: no other signed value of this project can pass for a preview token.
PREVIEW_SALT = "articles.preview"


def preview_max_age() -> datetime.timedelta:
    """How long a preview link opens: NEWSROOM_PREVIEW_MAX_AGE, read on each use."""
    return getattr(settings, "NEWSROOM_PREVIEW_MAX_AGE", DEFAULT_PREVIEW_MAX_AGE)


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=PREVIEW_SALT)


def preview_token(article: Article) -> str:
    """A token that opens this article's preview until preview_max_age() from now."""
    return _signer().sign(str(article.pk))


def preview_url(article: Article) -> str:
    """The path of the article's preview, e.g. for the admin's "Preview" link."""
    return reverse("website:article-preview", kwargs={"token": preview_token(article)})


def article_for_preview_token(token: str, max_age: datetime.timedelta | None = None) -> Article:
    """The article the token was signed for, whatever its status; Http404 for a bad token."""
    try:
        article_id = _signer().unsign(token, max_age=max_age or preview_max_age())
    # SignatureExpired is a BadSignature too; a value signed with the key but without a
    # timestamp fails to unpack it with ValueError.
    except (signing.BadSignature, ValueError) as error:
        raise Http404("This preview link is not valid or has expired.") from error
    try:
        return with_public_facts(Article.objects.with_credits()).get(pk=int(article_id))
    except (ValueError, Article.DoesNotExist) as error:
        raise Http404("This preview link is not valid or has expired.") from error
