"""The response cache's write hook: every committed write to content bumps its generation once.

A database router is the only hook that sees every ORM write: ``QuerySet.update()``
and ``bulk_create()`` send no model signal, but they ask the routers for a
database first. The router only observes (it returns None, so the next router
chooses the database).
"""

from __future__ import annotations

import weakref

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

from newsroom.response_cache import bump_content_generation

CONTENT_MODELS = frozenset(
    {
        "articles.article",
        "articles.credit",
        "articles.author",
        # Shown on the articles' pages and in the API: part of the content too.
        "articles.articlecorrection",
        "articles.translationgroup",
        "articles.translationmember",
    }
)

# Bumps made on commit, per connection (connections are per thread): a callback that sees
# a bump made after it was registered knows its commit is already covered.
_bumps_made: weakref.WeakKeyDictionary[BaseDatabaseWrapper, int] = weakref.WeakKeyDictionary()


def bump_content_generation_on_commit(using: str = DEFAULT_DB_ALIAS) -> None:
    """Bump once the current transaction commits (now if there is none), once per commit.

    Before the commit, readers still see the old rows; bumping earlier would let one
    of them cache the old page under the new generation.
    """
    connection = connections[using]
    if not connection.in_atomic_block:
        bump_content_generation()
        return
    # A big import writes thousands of rows in one transaction, each asking the router:
    # one callback covers them all while no savepoint it was registered in can be rolled
    # back without also undoing this write (its savepoints are all still open here).
    if connection.run_on_commit:
        savepoints, callback, _ = connection.run_on_commit[-1]
        if getattr(callback, "bumps_content_generation", False) and savepoints <= set(
            connection.savepoint_ids
        ):
            return
    seen = _bumps_made.get(connection, 0)

    def bump_unless_done() -> None:
        if _bumps_made.get(connection, 0) == seen:
            _bumps_made[connection] = seen + 1
            bump_content_generation()

    bump_unless_done.bumps_content_generation = True
    transaction.on_commit(bump_unless_done, using=using)


class ContentChangeRouter:
    """Bump the content generation on every write to articles, credits, authors and their facts."""

    def db_for_write(self, model, **hints) -> None:
        if model._meta.label_lower in CONTENT_MODELS:
            bump_content_generation_on_commit()
        return None
