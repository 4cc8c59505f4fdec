"""An article as IPTC ninjs 3.1 (docs/ninjs.md, "ninjs 3.1", has the mapping).

ninjs 3.1 renames 2.2's properties to camel case and gives ``people`` and
``organisations`` a ``rel``, the relationship of the content to them: a credit is
then said plainly, as a person (or an agency) with the role they had, which 2.2
could only say as an info source. As for 2.2, nothing is made up to fill a
property. A list item is a ``partial`` representation (no body); a withdrawn
article is a ``canceled`` one that says which item to take down and nothing more.
"""

from __future__ import annotations

import contextlib
from typing import Any

from rest_framework.request import Request

from api.serializers import Links, utc_timestamp
from articles.models import Article, AuthorKind, CreditRole
from articles.presentation import byline_names, paragraphs, photo_copyright_holder

VERSION = "3.1"
SCHEMA_URI = "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#"
PROFILE = "newsroom-article"
STANDARD = {"name": "ninjs", "version": VERSION, "schema": SCHEMA_URI}


def article_as_ninjs(article: Article, request: Request, *, full: bool = True) -> dict[str, Any]:
    """The ninjs 3.1 item of a published article; ``full=False``: the list's, without body."""
    links = Links(request)
    item = _identity(article, links, full=full, pub_status="usable")
    item["headlines"] = [_text("main", article.headline)]
    if full:
        item["bodies"] = [
            {
                **_text("main", article.body),
                "charCount": len(article.body),
                "wordCount": sum(len(paragraph.split()) for paragraph in paragraphs(article)),
            }
        ]
    if byline := byline_names(article):
        item["by"] = byline
    if article.dateline_place:
        item["located"] = article.dateline_place
    item.update(_contributors(article, links))
    if article.dateline_source:
        # The agency of the dateline supplied the story and holds its copyright.
        item["infoSources"] = [{"name": article.dateline_source, "role": "originator"}]
        item["copyrightHolder"] = article.dateline_source
    if article.photo or article.photo_credit:
        item["associations"] = [_picture(article, item["uri"], request, full=full)]
    return item


def withdrawn_article_as_ninjs(article: Article, request: Request) -> dict[str, Any]:
    """The ninjs 3.1 tombstone of a withdrawn article: which item to cancel, not its content."""
    # No headline or body: an agency withdraws a story for reasons (legal ones, say)
    # that its headline may share, and a consumer only needs to know what to take down.
    return _identity(article, Links(request), full=False, pub_status="canceled")


def _identity(article: Article, links: Links, *, full: bool, pub_status: str) -> dict[str, Any]:
    return {
        "standard": STANDARD,
        "uri": links.article(article.slug),
        "type": "text",
        "representationType": "full" if full else "partial",
        "profile": PROFILE,
        "version": str(article.version),
        "firstCreated": utc_timestamp(article.created_at),
        "versionCreated": utc_timestamp(article.updated_at),
        "pubStatus": pub_status,
        "language": article.language,
        "altIds": [{"role": "source_id", "value": article.source_id}],
    }


def _text(role: str, value: str) -> dict[str, str]:
    return {"role": role, "contentType": "text/plain", "value": value}


def _contributors(article: Article, links: Links) -> dict[str, list[dict[str, str]]]:
    """Every credit in source order, as a person or an organisation with its role as ``rel``."""
    groups: dict[str, list[dict[str, str]]] = {}
    for credit in article.credit_list:
        author = credit.author
        group = "organisations" if author.kind == AuthorKind.ORGANISATION else "people"
        groups.setdefault(group, []).append(
            {
                "name": author.name,
                "rel": credit.role,
                "uri": links.author(author.slug),
                "literal": author.slug,
            }
        )
    return groups


def _picture(article: Article, article_uri: str, request: Request, *, full: bool) -> dict:
    """The article's picture with its credit; a credit alone still names its holder."""
    picture: dict[str, Any] = {"name": "featureimage", "type": "picture"}
    if article.photo:
        href = request.build_absolute_uri(article.photo.url)
        picture["uri"] = href
        rendition: dict[str, Any] = {"name": "original", "href": href}
        if full:
            # Measuring means opening the file: done for one article, not for a list page.
            # A file gone from storage keeps its link, without a size.
            with contextlib.suppress(OSError):
                rendition.update(width=article.photo.width, height=article.photo.height)
        picture["renditions"] = [rendition]
    else:
        # The wire named a photo it did not send: identify it within the article.
        picture["uri"] = f"{article_uri}#photo"
    if article.photo_caption:
        picture["descriptions"] = [_text("caption", article.photo_caption)]
    if article.photo_alt_text:
        picture["headlines"] = [_text("alternative", article.photo_alt_text)]
    if article.photo_credit:
        picture["copyrightNotice"] = f"© {article.photo_credit}"
        picture["copyrightHolder"] = photo_copyright_holder(article)
    photographers = [
        credit.author.name for credit in article.credit_list if credit.role == CreditRole.PHOTO
    ]
    if photographers:
        picture["by"] = ", ".join(photographers)
    return picture
