"""GET /api/v1/changes/: the change feed a mirror polls (CONTRACT section 6)."""

from __future__ import annotations

import pytest
from django.utils.dateparse import parse_datetime

from articles.models import Article, ArticleStatus
from tests.articles.changes_helpers import publish_pending
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

CHANGES = "/api/v1/changes/"


def read(client, url: str = CHANGES) -> dict:
    publish_pending()
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()


def follow(client, url: str = CHANGES) -> tuple[list[dict], str]:
    """Every event from url on, following next until results are empty; and that next."""
    events = []
    while True:
        page = read(client, url)
        events += page["results"]
        if not page["results"]:
            return events, page["next"]
        url = page["next"]


@pytest.fixture
def story() -> Article:
    article = ArticleFactory(slug="story", source_id="reuters_1")
    publish_pending()
    Article.objects.filter(pk=article.pk).update(headline="Corrected")
    publish_pending()
    return article


def test_each_event_says_when_what_and_which_article(client, story):
    [published, updated] = read(client)["results"]

    assert published["kind"] == "published"
    assert updated["kind"] == "updated"
    assert updated["id"] > published["id"]
    assert updated["article"] == {
        "source_id": "reuters_1",
        "slug": "story",
        "url": "http://testserver/api/v1/articles/story/",
    }
    assert parse_datetime(published["at"]) <= parse_datetime(updated["at"])


def test_following_next_to_the_end_then_polling_gives_only_what_happened_since(client, story):
    events, later = follow(client, f"{CHANGES}?page_size=1")
    assert [event["kind"] for event in events] == ["published", "updated"]
    assert later == f"http://testserver{CHANGES}?after={events[-1]['id']}&page_size=1"

    assert read(client, later)["results"] == []
    ArticleFactory(slug="another")

    assert [e["article"]["slug"] for e in read(client, later)["results"]] == ["another"]


def test_drafts_and_scheduled_articles_are_not_in_the_feed(client):
    ArticleFactory(draft=True)
    ArticleFactory(scheduled=True)

    assert read(client)["results"] == []


def test_a_takedown_stays_as_a_tombstone_whose_url_is_gone(client, story):
    Article.objects.filter(pk=story.pk).update(status=ArticleStatus.DRAFT)
    ArticleFactory(slug="deleted").delete()

    events = [event for event in read(client)["results"] if event["kind"] != "published"]

    assert [(e["kind"], e["article"]["slug"]) for e in events][-2:] == [
        ("unpublished", "story"),
        ("deleted", "deleted"),
    ]
    for event in events[-2:]:
        assert client.get(event["article"]["url"]).status_code in (404, 410)


@pytest.mark.parametrize("value", ["-1", "one", "1.5", "9" * 30])
def test_a_cursor_that_is_not_an_id_is_refused_by_name(client, value):
    response = client.get(f"{CHANGES}?after={value}")

    assert response.status_code == 400
    assert list(response.json()) == ["after"]


def test_an_unknown_parameter_is_refused_by_name(client):
    response = client.get(f"{CHANGES}?since=2026-11-24T14:00:00Z")

    assert response.status_code == 400
    assert response.json() == {
        "since": ["Paramètre inconnu. Cette adresse accepte : after, format, page_size."]
    }


def test_a_poller_is_never_served_a_stale_copy(client, story):
    response = client.get(CHANGES)

    assert "no-cache" in response.headers["Cache-Control"]


def test_the_schema_describes_the_feed(client):
    schema = client.get("/api/v1/schema/?format=json").json()

    operation = schema["paths"]["/api/v1/changes/"]["get"]
    assert {parameter["name"] for parameter in operation["parameters"]} >= {"after", "page_size"}
    assert set(operation["responses"]) >= {"200", "400"}
