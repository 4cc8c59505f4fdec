"""An article as IPTC ninjs 2.2 (docs/ninjs.md has the mapping, field by field).

ninjs describes a news item, not our database: only what the source or the
editors gave is said, and nothing is made up to fill a property. A
month-precision story date has no ninjs property (``contentcreated`` is a full
date-time, which would invent a day and an hour), so it is left out; the
item's own times (``firstcreated``, ``versioncreated``) are exact.
"""

from __future__ import annotations

from typing import Any

from rest_framework.request import Request

from api.serializers import Links, utc_timestamp
from articles import selectors
from articles.models import Article, CreditRole
from articles.presentation import (
    byline_names,
    paragraphs,
    photo_copyright_holder,
    photo_credit_text,
)
from articles.services import renditions

NINJS_PROFILE = "newsroom-article"


def article_as_ninjs(article: Article, request: Request) -> dict[str, Any]:
    """The ninjs 2.2 object of a published article, credits prefetched."""
    links = Links(request)
    uri = links.article(article.slug)
    item: dict[str, Any] = {
        "uri": uri,
        "type": "text",
        "profile": NINJS_PROFILE,
        "version": str(article.version),
        "firstcreated": utc_timestamp(article.created_at),
        "versioncreated": utc_timestamp(article.updated_at),
        "pubstatus": "usable",
        "language": article.language,
        "headlines": [{"role": "main", "contenttype": "text/plain", "value": article.headline}],
        "bodies": [
            {
                "role": "main",
                "contenttype": "text/plain",
                "value": article.body,
                "charcount": len(article.body),
                "wordcount": sum(len(paragraph.split()) for paragraph in paragraphs(article)),
            }
        ],
        "altids": [{"role": "source_id", "value": article.source_id}],
    }
    if byline := byline_names(article):
        item["by"] = byline
    if article.dateline_place:
        item["located"] = article.dateline_place
    # ninjs's people and organisations are what a story is about; those who made it
    # are its info sources: the agency of the dateline, then every credit in source
    # order, photo included, each with the contract's role.
    sources = []
    if article.dateline_source:
        sources.append({"name": article.dateline_source, "role": "originator"})
        # The agency of the dateline supplied the story and holds its copyright.
        item["copyrightholder"] = article.dateline_source
    sources += [
        {
            "name": credit.author.name,
            "role": credit.role,
            "uri": links.author(credit.author.slug),
            "literal": credit.author.slug,
        }
        for credit in article.credit_list
    ]
    if sources:
        item["infosources"] = sources

    if has_picture(article):
        item["associations"] = [picture_association(article, uri, request)]
    add_corrections_and_translations(item, article, links)
    return item


def add_corrections_and_translations(item: dict[str, Any], article: Article, links: Links) -> None:
    """Corrections after the main body; each translation after the picture, as an association."""
    item["bodies"] += correction_bodies(article)
    if translations := translation_associations(article, links):
        item["associations"] = [*item.get("associations", []), *translations]


def correction_bodies(article: Article) -> list[dict[str, Any]]:
    """Each correction as a body of role ``correction``, oldest first.

    A correction is published text, not an ``ednote`` (which ninjs keeps for the
    receiving staff).
    """
    return [
        {"role": "correction", "contenttype": "text/plain", "value": correction.text}
        for correction in selectors.corrections_of(article)
    ]


def translation_associations(article: Article, links: Links) -> list[dict[str, Any]]:
    """Each published translation: another news item, a partial one with its headline."""
    return [
        {
            "name": "translation",
            "uri": links.article(translation.slug),
            "type": "text",
            "representationtype": "partial",
            "language": translation.language,
            "headlines": [
                {"role": "main", "contenttype": "text/plain", "value": translation.headline}
            ],
        }
        for translation in selectors.visible_translations_of(article)
    ]


def has_picture(article: Article) -> bool:
    """Whether the article has a picture to associate: a photo, or a credit for one."""
    return bool(article.photo or photo_credit_text(article))


def picture_association(article: Article, article_uri: str, request: Request) -> dict[str, Any]:
    """The article's picture, with its credit; a credit alone still names its holder.

    ninjs 3.1 gives the same content in camel case (api/ninjs_3.py).
    """
    picture: dict[str, Any] = {"name": "featureimage", "type": "picture"}
    if main := renditions.main_rendition(article):
        # Renditions only, stripped of EXIF: the original upload is never public.
        picture["uri"] = request.build_absolute_uri(main.url)
        picture["renditions"] = [
            {
                "name": name,
                "href": request.build_absolute_uri(item.url),
                "contenttype": item.content_type,
                "width": item.width,
                "height": item.height,
            }
            for name, item in renditions.article_renditions(article).items()
        ]
    else:
        # The wire named a photo it did not send: identify it within the article.
        picture["uri"] = f"{article_uri}#photo"
    if article.photo_caption:
        picture["descriptions"] = [
            {"role": "caption", "contenttype": "text/plain", "value": article.photo_caption}
        ]
    if article.photo_alt_text:
        picture["headlines"] = [
            {"role": "alternative", "contenttype": "text/plain", "value": article.photo_alt_text}
        ]
    if credit_text := photo_credit_text(article):
        picture["copyrightnotice"] = f"© {credit_text}"
        picture["copyrightholder"] = photo_copyright_holder(article)
    photographers = [
        credit.author.name for credit in article.credit_list if credit.role == CreditRole.PHOTO
    ]
    if photographers:
        picture["by"] = ", ".join(photographers)
    return picture
