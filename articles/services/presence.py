"""Record who has an article's form open (articles/presence.py says why it never locks)."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction

from articles.models import Article
from articles.presence import EditingPresence, presence_timeout


def heartbeat(article: Article, user: AbstractBaseUser, now: datetime.datetime) -> None:
    """The editor still has the form open; a return after a silence starts a new "since"."""
    updated = EditingPresence.objects.filter(
        article=article, user=user, seen_at__gte=now - presence_timeout()
    ).update(seen_at=now)
    if updated:
        return
    try:
        # Two tabs of one editor may both beat first: the unique constraint keeps one row.
        with transaction.atomic():
            EditingPresence.objects.update_or_create(
                article=article, user=user, defaults={"since": now, "seen_at": now}
            )
    except IntegrityError:
        EditingPresence.objects.filter(article=article, user=user).update(seen_at=now)


def leave(article: Article, user: AbstractBaseUser) -> None:
    """The editor closed the form (or saved and left it)."""
    EditingPresence.objects.filter(article=article, user=user).delete()
