"""The change feed's cursor under concurrent writers: never a skipped or repeated event.

Transactions commit in another order than they start writing; a poller that took the
highest id it saw as its cursor would miss a lower id committed later. The log gives
ids in commit order (migration 0005), which this checks with real concurrent writers.
"""

from __future__ import annotations

import random
import threading
import time

import pytest
from django.db import connection, transaction

from articles.changes import ChangeEvent
from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

WRITES_PER_WRITER = 40


def writer(number: int, errors: list) -> None:
    try:
        for index in range(WRITES_PER_WRITER):
            with transaction.atomic():
                article = ArticleFactory(slug=f"w{number}-{index}", source_id=f"w{number}-{index}")
                Article.objects.filter(pk=article.pk).update(headline=f"Edited {index}")
                # Hold the transaction open after writing: the other writer, which wrote
                # later, may well commit first.
                time.sleep(random.uniform(0, 0.02) * number)
    except Exception as error:  # reported by the test
        errors.append(error)
    finally:
        connection.close()


def test_a_poller_following_the_cursor_sees_every_event_once_in_id_order():
    errors: list = []
    writers = [threading.Thread(target=writer, args=(n, errors)) for n in (1, 2)]
    for thread in writers:
        thread.start()

    seen: list[int] = []
    cursor = 0
    while True:
        done = not any(thread.is_alive() for thread in writers)
        new = list(
            ChangeEvent.objects.filter(id__gt=cursor).order_by("id").values_list("id", flat=True)
        )
        seen += new
        if new:
            cursor = new[-1]
        if done and not new:
            break

    assert errors == []
    assert seen == sorted(ChangeEvent.objects.values_list("id", flat=True))
    assert len(seen) == len(set(seen))
    # One event per transaction: its publication, with the edit folded in.
    assert len(seen) == 2 * WRITES_PER_WRITER
