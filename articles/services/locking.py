"""Optimistic locking of articles: detect, lock, compare, bump, refuse; the one owner of it.

Every write to an article moves its ``version`` up by one, through this module only. An edit
says which version it started from; it is refused (``EditConflict``) if the article was saved
since. The admin form and views only call these functions.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from articles.models import Article


class EditConflict(Exception):
    """Someone saved the article after the version this edit started from."""

    def __init__(self, article_id: int, expected_version: int) -> None:
        super().__init__(
            f"Article {article_id} is no longer at version {expected_version}; it was saved since."
        )
        self.article_id = article_id
        self.expected_version = expected_version


def lock_for_edit(article_id: int) -> None:
    """Lock the article's row until the transaction commits, so a check and a write are one step.

    Outside a transaction there is nothing to hold the lock; SQLite has no row locks at all,
    which ``claim_version`` covers.
    """
    if transaction.get_connection().in_atomic_block:
        list(Article.objects.select_for_update().filter(pk=article_id).values_list("pk"))


def saved_since(article_id: int, base_version: int | None) -> Article | None:
    """The article as it is now if anyone saved it after ``base_version``, else None."""
    current = Article.objects.filter(pk=article_id).first()
    if current is None or base_version == current.version:
        return None
    return current


def claim_version(article: Article, expected_version: int) -> None:
    """Move the article from ``expected_version`` to the next, or raise ``EditConflict``.

    One conditional UPDATE: two concurrent saves from the same version cannot both pass, on
    any database. The caller then saves ``article``, which carries the new number.
    """
    claimed = Article.objects.filter(pk=article.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not claimed:
        raise EditConflict(article.pk, expected_version)
    article.version = expected_version + 1


def bump_versions(article_ids: Iterable[int], **changes) -> int:
    """Write ``changes`` to these articles and move each one's version up; returns how many.

    For writes that are not a form's edit (workflow steps, author merges): any form opened
    before them then refuses to save over them.
    """
    return Article.objects.filter(pk__in=list(article_ids)).update(
        version=F("version") + 1, updated_at=timezone.now(), **changes
    )


def bump_version(article: Article) -> None:
    """Lock an article about to be saved in full (``article.save()``) and give it the next version.

    For writers that replace the whole row (the wire import). Call it inside the transaction
    that saves: the number is read from the locked row, not from a copy loaded earlier, so a
    form opened before the write refuses to save over it.
    """
    current = Article.objects.select_for_update().values_list("version", flat=True)
    article.version = current.get(pk=article.pk) + 1


def keep_version_rising(article_id: int, version_before: int) -> None:
    """Put back the number a restore overwrote with an older version's.

    Numbers must only go up, or a form opened at that old number could save over everything
    since.
    """
    Article.objects.filter(pk=article_id).update(version=version_before)
