"""An article as IPTC ninjs 3.1 (docs/ninjs-3.md has the mapping).

ninjs 3.1 renames 2.2's properties to camel case and gives ``people`` and
``organisations`` a ``rel``, the relationship of the content to them: a credit is
then said plainly, as a person (or an agency) with the role they had, which 2.2
could only say as an info source. As for 2.2, nothing is made up to fill a
property, and what both versions say (the picture, corrections, translations) is
2.2's, renamed. A list item is a ``partial`` representation (no body); a withdrawn
article is a ``canceled`` one that says which item to take down and nothing more.
"""

from __future__ import annotations

from typing import Any

from rest_framework.request import Request

from api import ninjs
from api.serializers import Links, utc_timestamp
from articles.models import Article, AuthorKind
from articles.presentation import byline_names, paragraphs

VERSION = "3.1"
SCHEMA_URI = "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#"
PROFILE = "newsroom-article"
STANDARD = {"name": "ninjs", "version": VERSION, "schema": SCHEMA_URI}
# The 2.2 names of the parts both versions share that 3.x writes in camel case; the
# others (name, type, uri, href, width, role, value...) are one word in both.
CAMEL_CASE = {
    "contenttype": "contentType",
    "copyrightholder": "copyrightHolder",
    "copyrightnotice": "copyrightNotice",
    "representationtype": "representationType",
}


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
    # The picture and translations are 2.2's, renamed: one rule for both versions.
    associations = []
    if ninjs.has_picture(article):
        associations.append(ninjs.picture_association(article, item["uri"], request))
    associations += ninjs.translation_associations(article, links)
    if associations:
        item["associations"] = camel_cased(associations)
    if full:
        item["bodies"] += camel_cased(ninjs.correction_bodies(article))
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


def camel_cased(value: Any) -> Any:
    """A ninjs 2.2 fragment under 3.x's property names: the same content, renamed."""
    if isinstance(value, dict):
        return {CAMEL_CASE.get(key, key): camel_cased(item) for key, item in value.items()}
    if isinstance(value, list):
        return [camel_cased(item) for item in value]
    return value
