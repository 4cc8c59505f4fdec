"""The agency's versions of an item: which file is news, and the state it leaves the article in.

The one owner of the contract's rules on versions, withdrawal and embargo (section 5),
for both import paths: a higher version updates, the same or a lower one writes
nothing, whatever order the files arrive in; a withdrawal takes the article off every
public URL; an embargo holds its publication until the embargo's end.
"""

from __future__ import annotations

import datetime

from articles.models import Article, ArticleStatus
from articles.vocabulary import SourceFormat
from ingest.formats.items import ItemStatus, WireCopy

# Formats with no version of their own: each changed file is the next version.
_UNVERSIONED = frozenset({SourceFormat.WIRE_COPY, SourceFormat.NITF})


def is_news(article: Article, item: WireCopy) -> bool:
    """Whether a changed file of a known item should update its article."""
    if item.source_format in _UNVERSIONED:
        return True
    return item.version > article.agency_version


def agency_version(article: Article | None, item: WireCopy) -> int:
    """The version the article records for this item."""
    if item.source_format == SourceFormat.NITF:
        return 1 if article is None else article.agency_version + 1
    return item.version


def state_of_new_article(
    item: WireCopy, requested_status: str, now: datetime.datetime
) -> tuple[str, datetime.datetime | None]:
    """(status, published_at) of an article created from this item."""
    if item.status == ItemStatus.WITHDRAWN:
        return ArticleStatus.WITHDRAWN, None
    if requested_status != ArticleStatus.PUBLISHED:
        return requested_status, None
    # An embargoed item is published at the embargo's end, and invisible until then.
    return ArticleStatus.PUBLISHED, item.embargoed_until or now


def apply_update_state(article: Article, item: WireCopy, now: datetime.datetime) -> None:
    """Set what a newer version changes in the article's workflow state; saves nothing.

    Editors' decisions survive an update (a draft stays a draft, an unpublished article
    stays unpublished); only a withdrawal, or an embargo on work not yet public, moves it.
    """
    article.embargoed_until = item.embargoed_until
    if item.status == ItemStatus.WITHDRAWN:
        article.status = ArticleStatus.WITHDRAWN
        return
    not_yet_public = article.published_at is None or article.published_at > now
    if article.status == ArticleStatus.PUBLISHED and item.embargoed_until and not_yet_public:
        article.published_at = item.embargoed_until
