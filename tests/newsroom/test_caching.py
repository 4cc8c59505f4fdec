"""The shared response cache: anonymous readers get cached pages, and never stale ones.

Every test runs against Django's per-process cache and against Redis. Redis
runs when REDIS_URL is set (e.g. redis://127.0.0.1:6379/0) and is reported as
skipped, with the reason, when it is not.
"""

from __future__ import annotations

import os
from contextlib import suppress

import pytest
from django.contrib.auth.models import User
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from articles.models import Article, ArticleStatus, Author, Credit, CreditRole
from newsroom.response_cache import content_generation
from tests.factories import ArticleFactory, AuthorFactory, CreditFactory

# Writes commit for real, as in production: the cache is invalidated when a transaction commits.
pytestmark = pytest.mark.django_db(transaction=True)

REDIS_URL = os.environ.get("REDIS_URL", "")


@pytest.fixture
def article():
    article = ArticleFactory(headline="Ceasefire talks resume", slug="ceasefire-talks-resume")
    CreditFactory(article=article, author=AuthorFactory(name="Kate Entringer"), role="editing")
    return article


def test_a_repeated_anonymous_request_is_served_from_the_cache(
    client, response_cache, article, django_assert_num_queries
):
    first = client.get("/articles/ceasefire-talks-resume/")

    with django_assert_num_queries(0):
        second = client.get("/articles/ceasefire-talks-resume/")

    assert first.status_code == second.status_code == 200
    assert second.content == first.content


def test_an_edited_headline_shows_on_the_next_request(client, response_cache, article):
    assert b"Ceasefire talks resume" in client.get("/articles/ceasefire-talks-resume/").content
    assert b"Ceasefire talks resume" in client.get("/").content

    article.headline = "Ceasefire talks collapse"
    article.save()

    assert b"Ceasefire talks collapse" in client.get("/articles/ceasefire-talks-resume/").content
    assert b"Ceasefire talks collapse" in client.get("/").content


def test_an_article_unpublished_by_a_bulk_update_disappears_at_once(
    client, response_cache, article
):
    assert client.get("/articles/ceasefire-talks-resume/").status_code == 200

    # QuerySet.update() sends no model signal; the cache must notice it all the same.
    Article.objects.filter(pk=article.pk).update(status=ArticleStatus.DRAFT)

    assert client.get("/articles/ceasefire-talks-resume/").status_code == 404
    assert b"Ceasefire talks resume" not in client.get("/").content


def test_a_renamed_author_shows_on_the_pages_that_credit_them(client, response_cache, article):
    assert b"Kate Entringer" in client.get("/articles/ceasefire-talks-resume/").content

    author = Author.objects.get(name="Kate Entringer")
    author.name = "Kate Entringer-Moreau"
    author.save()

    assert b"Kate Entringer-Moreau" in client.get("/articles/ceasefire-talks-resume/").content


def test_signed_in_editors_are_never_served_cached_pages(client, response_cache, article):
    editor = User.objects.create_user("editor", password="a long passphrase")
    client.force_login(editor)
    client.get("/articles/ceasefire-talks-resume/")

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/articles/ceasefire-talks-resume/")

    assert response.status_code == 200
    assert any("articles_article" in query["sql"] for query in queries.captured_queries)


def test_readers_get_fresh_pages_while_the_cache_is_unreachable(client, settings, article):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }
    settings.RESPONSE_CACHE_SECONDS = 300

    response = client.get("/articles/ceasefire-talks-resume/")

    assert response.status_code == 200
    assert b"Ceasefire talks resume" in response.content


def test_without_a_shared_cache_every_request_reads_the_database(client, article, settings):
    settings.RESPONSE_CACHE_SECONDS = 0
    client.get("/articles/ceasefire-talks-resume/")

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/articles/ceasefire-talks-resume/")

    assert response.status_code == 200
    assert any("articles_article" in query["sql"] for query in queries.captured_queries)


def bumps_during(work) -> int:
    """How far the content generation moved while work() ran and committed."""
    before = content_generation()
    work()
    return content_generation() - before


def test_one_transaction_of_many_writes_bumps_the_generation_once(response_cache, article):
    def import_many():
        with transaction.atomic():
            for number in range(5):
                AuthorFactory(name=f"Author {number}")
            Article.objects.filter(pk=article.pk).update(headline="Talks resume")

    assert bumps_during(import_many) == 1


def test_each_committed_transaction_bumps_and_a_rolled_back_one_does_not(response_cache, article):
    def two_commits_and_a_rollback():
        for name in ["First", "Second"]:
            with transaction.atomic():
                AuthorFactory(name=name)
        write_rolled_back()

    assert bumps_during(two_commits_and_a_rollback) == 2


def test_a_write_after_a_rolled_back_savepoint_still_bumps(response_cache, article):
    def savepoint_then_write():
        with transaction.atomic():
            write_rolled_back()
            AuthorFactory(name="Kept")

    assert bumps_during(savepoint_then_write) == 1


def test_a_write_kept_before_a_rolled_back_savepoint_still_bumps(response_cache, article):
    def write_then_rolled_back_savepoint():
        with transaction.atomic():
            AuthorFactory(name="Kept")
            write_rolled_back()

    assert bumps_during(write_then_rolled_back_savepoint) == 1


def test_a_released_savepoints_write_survives_a_later_rolled_back_one(response_cache, article):
    def released_then_rolled_back():
        with transaction.atomic():
            with transaction.atomic():
                AuthorFactory(name="Released")
            write_rolled_back()

    assert bumps_during(released_then_rolled_back) == 1


def test_a_transaction_of_thousands_of_rows_waits_on_one_commit_callback(response_cache, article):
    # An import writes hundreds of thousands of rows a run: one callback per row was memory
    # and time spent for a single bump.
    author = AuthorFactory(name="Staff reporter")
    with transaction.atomic():
        # Each foreign key set on a new instance asks the routers for a database.
        credits = [
            Credit(article=article, author=author, role=CreditRole.WRITING, position=number)
            for number in range(2000)
        ]
        Credit.objects.bulk_create(credits)
        callbacks = len(connection.run_on_commit)

    assert callbacks == 1


def write_rolled_back() -> None:
    with suppress(RuntimeError), transaction.atomic():
        AuthorFactory(name="Rolled back")
        raise RuntimeError
