"""Reading the change log in tests, as a consumer of the feed would see it."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.db import connection

from articles.changes import ChangeEvent


def publish_pending() -> None:
    """PostgreSQL moves a transaction's events to the log at commit: as if it committed now."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def log() -> list[tuple[str, str]]:
    """The whole log as (kind, slug), in id order."""
    publish_pending()
    return [(event.kind, event.slug) for event in ChangeEvent.objects.order_by("id")]


def emitted(write: Callable[[], object]) -> list[tuple[str, str]]:
    """What one write (one transaction of a write path) adds to the log.

    PostgreSQL folds a transaction's events to one ``updated`` per article; SQLite's
    triggers cannot see the transaction, so a write of an article and then of its credits
    gives one more ``updated`` (documented in docs/api.md). The same folding is applied
    here on SQLite, so both say what a consumer learns from the write.
    """
    publish_pending()
    last = ChangeEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    if connection.vendor == "sqlite":
        # SQLite's triggers fold an article's events of one millisecond into one (the
        # statements of one write): the test's setup must not share the write's.
        time.sleep(0.002)
    write()
    publish_pending()
    events = list(ChangeEvent.objects.filter(id__gt=last).order_by("id"))
    if connection.vendor == "sqlite":
        events = [
            event
            for index, event in enumerate(events)
            if not (
                event.kind == "updated"
                and any(
                    other.article_id == event.article_id
                    and (other.kind != "updated" or other.id > event.id)
                    for other in events[:index] + events[index + 1 :]
                )
            )
        ]
    ids = [event.id for event in events]
    assert ids == sorted(set(ids))
    return [(event.kind, event.slug) for event in events]
