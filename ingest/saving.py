"""Writing a parsed wire item as an article and its credits: the rules both import paths share."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from django.utils import timezone

from articles.models import Article, ArticleStatus, Author, Credit, DatePrecision
from articles.services import locking
from articles.services.authors import author_for
from articles.services.translations import propose_translations
from articles.slugs import unique_slug
from ingest import agency_merge, agency_versions
from ingest.agency_merge import AgencyMerge
from ingest.formats import wire_copy
from ingest.formats.detection import SourceItem

CREDIT_ARTICLE = Credit._meta.get_field("article")
CREDIT_AUTHOR = Credit._meta.get_field("author")


def save_wire_copy(
    item: SourceItem,
    *,
    source_hash: str,
    article: Article | None = None,
    status: str = ArticleStatus.PUBLISHED,
) -> Article:
    """Write a parsed item as a new article or over an existing one, credits included."""
    if article is not None:
        update_from_wire(article, item, source_hash=source_hash)
        return article
    article = new_article(item, status, timezone.now())
    article.slug = unique_slug(Article, item.wire.headline)
    apply_wire_copy(article, item, source_hash)
    article.save()
    Credit.objects.bulk_create(
        credits_for(
            article, item.wire.credits, lambda entry: author_for(entry.name, entry.kind.value)
        )
    )
    propose_translations_of([article])
    return article


def update_from_wire(article: Article, item: SourceItem, *, source_hash: str) -> AgencyMerge:
    """Merge an agency's new version into its article, keeping the desk's edits; saves it.

    Call it inside the transaction that records the revision.
    """
    # Locked, then read again: the merge starts from what the desk saved last, not from a
    # copy loaded before the lock.
    locking.lock_for_edit(article.pk)
    article.refresh_from_db()
    locking.bump_version(article)
    article.agency_version = agency_versions.agency_version(article, item.wire)
    agency_versions.apply_update_state(article, item.wire, timezone.now())
    merge = agency_merge.merge_update(article, item)
    apply_source(article, item, source_hash)
    article.save()
    return merge


def propose_translations_of(articles: Sequence[Article]) -> None:
    """Propose, for an editor to confirm, the versions in other languages of these articles.

    Wire services file one story in several languages under the same date, dateline
    place and reporters (the seed is the French version of an English dispatch).
    """
    propose_translations(articles)


def new_article(item: SourceItem, status: str, now) -> Article:
    """An unsaved article for an item seen for the first time (no slug yet, no content)."""
    article_status, published_at = agency_versions.state_of_new_article(item.wire, status, now)
    return Article(
        source_id=item.wire.source_id,
        status=article_status,
        published_at=published_at,
        embargoed_until=item.wire.embargoed_until,
        agency_version=agency_versions.agency_version(None, item.wire),
    )


def credits_for(
    article: Article,
    entries: Iterable[wire_copy.CreditEntry],
    author_of: Callable[[wire_copy.CreditEntry], Author],
) -> list[Credit]:
    """The article's unsaved credit rows, in the source's order, each with its author.

    The article and the authors are saved already (they have their ids).
    """
    credits = []
    for position, entry in enumerate(entries):
        author = author_of(entry)
        credit = Credit(
            article_id=article.pk,
            author_id=author.pk,
            role=entry.role.value,
            note=entry.note,
            position=position,
        )
        # Ids and cached objects set as Credit(article=..., author=...) would, without
        # asking the routers for each: a tenth of a large import's Python time went there.
        CREDIT_ARTICLE.set_cached_value(credit, article)
        CREDIT_AUTHOR.set_cached_value(credit, author)
        credits.append(credit)
    return credits


def apply_wire_copy(article: Article, item: SourceItem, source_hash: str) -> None:
    """Set the article's content and source fields from the parsed file; saves nothing."""
    parsed = item.wire
    article.headline = parsed.headline
    article.language = parsed.language
    article.date = parsed.date
    article.date_precision = DatePrecision(parsed.date_precision.value)
    dateline = parsed.dateline
    article.dateline_place = dateline.place if dateline else ""
    article.dateline_source = dateline.source if dateline else ""
    article.dateline_date = dateline.date if dateline else ""
    article.photo_credit = parsed.photo_credit or ""
    article.body = parsed.body
    apply_source(article, item, source_hash)


def apply_source(article: Article, item: SourceItem, source_hash: str) -> None:
    """Set what the article keeps of the file itself (text, encoding, format, hash)."""
    parsed = item.wire
    article.source_text = item.text
    article.source_encoding = "" if item.encoding == "utf-8" else item.encoding
    article.source_format = parsed.source_format.value
    article.source_hash = source_hash
