"""Keeping a mirror in sync: updated_after, orderings by time, refused unknown parameters, the root.

CONTRACT section 6: a client that asks for "what changed since" gets exactly that, in
the order it changed, and a client that guesses a parameter's name is told, not ignored.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from articles.models import Article
from tests.api.test_api import ARTICLES, AUTHORS, slugs, walk
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def hours_ago(hours: float) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(hours=hours)


def rfc3339(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")


def changed(slug: str, *, updated: datetime.datetime, published: datetime.datetime) -> Article:
    article = ArticleFactory(slug=slug, published_at=published)
    # updated_at is auto_now: set it as the story's past would have.
    Article.objects.filter(pk=article.pk).update(updated_at=updated)
    return article


@pytest.fixture
def history() -> None:
    changed("old", updated=hours_ago(48), published=hours_ago(48))
    changed("edited-yesterday", updated=hours_ago(20), published=hours_ago(30))
    changed("went-live-an-hour-ago", updated=hours_ago(30), published=hours_ago(1))
    changed("edited-just-now", updated=hours_ago(0.1), published=hours_ago(40))
    ArticleFactory(slug="due-tomorrow", scheduled=True)


class TestUpdatedAfter:
    def test_lists_what_changed_since_oldest_change_first(self, client, history):
        since = rfc3339(hours_ago(24))

        assert slugs(client.get(f"{ARTICLES}?updated_after={since}")) == [
            "edited-yesterday",
            "went-live-an-hour-ago",
            "edited-just-now",
        ]

    def test_an_article_going_live_on_schedule_counts_as_a_change(self, client, history):
        since = rfc3339(hours_ago(2))

        assert "went-live-an-hour-ago" in slugs(client.get(f"{ARTICLES}?updated_after={since}"))

    def test_pages_through_the_changes_with_the_cursor(self, client, history):
        since = rfc3339(hours_ago(100))

        assert walk(client, f"{ARTICLES}?updated_after={since}&page_size=1") == [
            "old",
            "edited-yesterday",
            "went-live-an-hour-ago",
            "edited-just-now",
        ]

    @pytest.mark.parametrize("value", ["yesterday", "2026-11-24", "2026-11-24T14:00:00"])
    def test_an_instant_without_its_offset_is_refused_by_name(self, client, value):
        response = client.get(f"{ARTICLES}?updated_after={value}")

        assert response.status_code == 400
        assert list(response.json()) == ["updated_after"]

    def test_accepts_offsets_fractions_and_a_lowercase_z(self, client, history):
        for value in ["2020-01-01T00:00:00z", "2020-01-01T01:00:00.5%2B01:00"]:
            assert len(slugs(client.get(f"{ARTICLES}?updated_after={value}"))) == 4

    def test_an_offset_postgresql_cannot_hold_is_the_same_instant(self, client, history):
        # RFC 3339 allows offsets up to 23:59; PostgreSQL only up to 15:59.
        since = hours_ago(24).astimezone(
            datetime.timezone(datetime.timedelta(hours=21, minutes=55))
        )
        listed = slugs(
            client.get(f"{ARTICLES}?updated_after={since.isoformat().replace('+', '%2B')}")
        )

        assert listed == ["edited-yesterday", "went-live-an-hour-ago", "edited-just-now"]

    @pytest.mark.parametrize(
        ("value", "count"), [("0001-01-01T00:00:00%2B23:59", 4), ("9999-12-31T23:59:59-23:59", 0)]
    )
    def test_an_instant_at_the_calendars_edges_is_a_bound_not_an_error(
        self, client, history, value, count
    ):
        response = client.get(f"{ARTICLES}?updated_after={value}")

        assert response.status_code == 200
        assert len(slugs(response)) == count


class TestOrderings:
    @pytest.mark.parametrize(
        ("ordering", "expected"),
        [
            ("-published", ["went-live-an-hour-ago", "edited-yesterday", "edited-just-now", "old"]),
            ("published", ["old", "edited-just-now", "edited-yesterday", "went-live-an-hour-ago"]),
            ("-updated", ["edited-just-now", "went-live-an-hour-ago", "edited-yesterday", "old"]),
            ("updated", ["old", "edited-yesterday", "went-live-an-hour-ago", "edited-just-now"]),
        ],
    )
    def test_by_publication_or_by_last_change_walk_the_whole_list(
        self, client, history, ordering, expected
    ):
        assert walk(client, f"{ARTICLES}?ordering={ordering}&page_size=1") == expected


class TestUnknownParameters:
    def test_a_guessed_parameter_is_refused_by_name_not_ignored(self, client, history):
        response = client.get(f"{ARTICLES}?updated_since=2026-11-24T14:00:00Z")

        assert response.status_code == 400
        [message] = response.json()["updated_since"]
        assert message.startswith("Paramètre inconnu. Cette adresse accepte : ")
        assert "updated_after" in message

    def test_on_the_authors_too(self, client):
        response = client.get(f"{AUTHORS}?language=fr")

        assert response.status_code == 400
        assert response.json() == {
            "language": ["Paramètre inconnu. Cette adresse accepte : cursor, format, page_size."]
        }


def test_the_root_lists_every_endpoint(client):
    response = client.get("/api/v1/")

    assert response.status_code == 200
    endpoints = response.json()
    assert endpoints == {
        "articles": "http://testserver/api/v1/articles/",
        "authors": "http://testserver/api/v1/authors/",
        "changes": "http://testserver/api/v1/changes/",
        "schema": "http://testserver/api/v1/schema/",
        "docs": "http://testserver/api/v1/docs/",
    }
    for url in endpoints.values():
        assert client.get(url).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_the_mirror_example_of_docs_api_md_runs_as_written(live_server, capsys):
    from tests.conftest import REPO

    ArticleFactory(slug="one")
    two = ArticleFactory(slug="two")
    ArticleFactory(slug="draft", draft=True)
    text = (REPO / "docs/api.md").read_text()
    example = text.split("### Keeping a mirror in sync", 1)[1].split("```python\n", 1)[1]
    example = example.split("```", 1)[0]
    assert 'CHANGES = "http://127.0.0.1:8000/api/v1/changes/"' in example

    namespace: dict = {}
    exec(example.replace("http://127.0.0.1:8000", live_server.url), namespace)
    assert capsys.readouterr().out == "2 articles in the mirror\n"

    # The poll loop, later: an edit, a takedown, a new article and one gone before it is read.
    Article.objects.filter(pk=two.pk).update(headline="Two, corrected")
    Article.objects.filter(slug="one").update(status="withdrawn")
    ArticleFactory(slug="three")
    ArticleFactory(slug="gone-already").delete()
    mirror = namespace["mirror"]
    namespace["poll"](namespace["next_poll"], mirror)

    assert sorted(article["slug"] for article in mirror.values()) == ["three", "two"]
    assert mirror[two.source_id]["headline"] == "Two, corrected"
