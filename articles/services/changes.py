"""The change log's one Python writer: scheduled articles whose time has come."""

from __future__ import annotations

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from articles.changes import Announcement
from articles.models import Article, TranslationMember

# Announced per call, so that one call after a long stop does not hold locks for long.
BATCH = 500


def emit_due_publications() -> int:
    """Emit ``published`` for the articles whose scheduled time has passed; how many.

    Safe to run from any number of workers at once: on PostgreSQL each due article is
    locked (others skip it), and the marker is inserted only if absent; on SQLite the
    first statement writes, so one caller at a time holds the database.
    """
    with transaction.atomic():
        if connection.vendor == "sqlite":
            return _emit_on_sqlite()
        return _emit_on_postgresql()


def _due() -> object:
    announced = Announcement.objects.values("article_id")
    # select_for_update makes this an ORM write to articles: the response cache's
    # router drops the cached pages once this commits (the article appears on time).
    return (
        Article.objects.visible()
        .exclude(pk__in=announced)
        .select_for_update(skip_locked=True, of=("self",))
        .order_by("published_at", "id")
    )


def _emit_on_postgresql() -> int:
    announced: list[int] = []
    # using() names the database, so the routers (and the cache's write hook) are not asked:
    # a worker runs this every second, and a call that announces nothing must not empty
    # the response cache.
    due = _due().using(connection.alias).values_list("pk", "source_id", "slug")[:BATCH]
    with connection.cursor() as cursor:
        for pk, source_id, slug in due:
            cursor.execute(
                "INSERT INTO articles_announcement (article_id) VALUES (%s) ON CONFLICT DO NOTHING",
                [pk],
            )
            if cursor.rowcount == 1:
                cursor.execute(
                    "SELECT articles_record_change('published', %s, %s, %s)",
                    [pk, source_id, slug],
                )
                announced.append(pk)
    if announced:
        list(_due().values_list("pk")[:1])  # the cache's write hook, as above
        _touch_translations_of(announced)
    return len(announced)


def _emit_on_sqlite() -> int:
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    due = (
        "FROM articles_article WHERE status = 'published' AND published_at <= %s"
        " AND id NOT IN (SELECT article_id FROM articles_announcement)"
    )
    with connection.cursor() as cursor:
        # A write first: it takes SQLite's one write lock before anything is read.
        cursor.execute(
            "INSERT INTO articles_changeevent (at, kind, article_id, source_id, slug)"
            f" SELECT %s, 'published', id, source_id, slug {due} ORDER BY published_at, id",
            [now, now],
        )
        emitted = cursor.rowcount
        cursor.execute(f"SELECT id {due}", [now])
        announced = [pk for (pk,) in cursor.fetchall()]
        cursor.executemany(
            "INSERT INTO articles_announcement (article_id) VALUES (%s)",
            [(pk,) for pk in announced],
        )
    if emitted:
        list(_due().values_list("pk")[:1])  # the cache's write hook, as above
        _touch_translations_of(announced)
    return emitted


def _touch_translations_of(article_ids: list[int]) -> None:
    """The translations of articles just made public now link to them: they changed too.

    Their pages, API answers and change feed gain a link without any write to them, so
    their ``updated_at`` (hence Last-Modified, and an ``updated`` event when public) is
    moved here, as the database's triggers do when a link itself is written.
    """
    groups = TranslationMember.objects.filter(article_id__in=article_ids).values("group_id")
    # Rewritten as they are: the links' own triggers then touch every member of the groups
    # and log ``updated`` for the public ones, as when a link is written (migration 0011).
    TranslationMember.objects.filter(group_id__in=groups).exclude(
        article_id__in=article_ids
    ).update(group_id=F("group_id"))
