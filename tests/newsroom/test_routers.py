"""Read replicas: which database serves each read and write (newsroom/routers.py).

`replica_1` is a second connection to the test database (TEST MIRROR), so a
test sees committed rows through it and can tell which connection ran a query.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.contrib.auth.models import User
from django.db import connections, router, transaction
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from newsroom.routers import PIN_COOKIE_NAME, reads_from_replicas
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, databases=["default", "replica_1"]),
    pytest.mark.usefixtures("replicas_on"),
]


@pytest.fixture
def replicas_on(settings) -> None:
    settings.DATABASE_REPLICAS = ["replica_1"]


@contextmanager
def queries_by_database() -> Iterator[dict[str, list[str]]]:
    """Collect the SQL each connection ran inside the block, by alias."""
    seen: dict[str, list[str]] = {}
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica_1"]) as replica,
    ):
        yield seen
    seen["default"] = [query["sql"] for query in primary.captured_queries]
    seen["replica_1"] = [query["sql"] for query in replica.captured_queries]


def test_outside_a_request_reads_and_writes_use_the_primary():
    with queries_by_database() as queries:
        ArticleFactory(headline="Written by a command")
        assert Article.objects.get().headline == "Written by a command"

    assert queries["replica_1"] == []
    assert len(queries["default"]) >= 2


def test_in_a_request_reads_go_to_the_replica_and_see_the_primarys_rows():
    ArticleFactory(headline="Replicated")

    with reads_from_replicas(), queries_by_database() as queries:
        headlines = list(Article.objects.values_list("headline", flat=True))

    assert headlines == ["Replicated"]
    assert len(queries["replica_1"]) == 1
    assert queries["default"] == []


def test_reads_right_after_a_write_in_the_same_request_go_to_the_primary():
    article = ArticleFactory(headline="Before")

    with reads_from_replicas():
        with queries_by_database() as before_the_write:
            Article.objects.get(pk=article.pk)
        with queries_by_database() as after_the_write:
            Article.objects.filter(pk=article.pk).update(headline="After")
            assert Article.objects.get(pk=article.pk).headline == "After"

    assert len(before_the_write["replica_1"]) == 1
    assert after_the_write["replica_1"] == []
    assert len(after_the_write["default"]) == 2


def test_reads_inside_a_transaction_go_to_the_primary():
    ArticleFactory()

    with reads_from_replicas(), queries_by_database() as queries, transaction.atomic():
        Article.objects.count()

    assert queries["replica_1"] == []


def test_without_replicas_configured_a_request_reads_from_the_primary(settings):
    settings.DATABASE_REPLICAS = []
    ArticleFactory()

    with reads_from_replicas(), queries_by_database() as queries:
        Article.objects.count()

    assert queries["replica_1"] == []
    assert len(queries["default"]) == 1


def test_migrations_run_on_the_primary_only():
    assert router.allow_migrate("default", "articles")
    assert not router.allow_migrate("replica_1", "articles")


@pytest.fixture
def user_with_password() -> User:
    """A user who logs in through the form: the login itself is the write under test."""
    return User.objects.create_superuser("editor", "editor@example.com", "a long passphrase")


def test_a_request_that_writes_pins_the_browsers_next_reads_to_the_primary(
    client, user_with_password
):
    response = client.post(
        "/admin/login/", {"username": "editor", "password": "a long passphrase", "next": "/admin/"}
    )
    assert response.status_code == 302
    assert response.cookies[PIN_COOKIE_NAME]["max-age"] == 10

    with queries_by_database() as pinned:
        assert client.get("/admin/").status_code == 200
    assert pinned["replica_1"] == []

    # Once the pin expires, the same page reads from the replica.
    del client.cookies[PIN_COOKIE_NAME]
    with queries_by_database() as unpinned:
        response = client.get("/admin/")
    assert response.status_code == 200
    assert PIN_COOKIE_NAME not in response.cookies
    assert unpinned["replica_1"]
    assert unpinned["default"] == []


def test_a_request_that_only_reads_sets_no_pin(client):
    response = client.get("/admin/login/")

    assert response.status_code == 200
    assert PIN_COOKIE_NAME not in response.cookies
