"""Presence: an editor opening an article sees who else has its form open, and since when."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.presence import EditingPresence
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


def change_url(article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def presence_url(article) -> str:
    return reverse("admin:articles_article_presence", args=[article.pk])


@pytest.fixture
def marie(client):
    return UserFactory(username="marie", first_name="Marie", last_name="Dupont", groups=["Editors"])


@pytest.fixture
def paul():
    return UserFactory(username="paul", first_name="Paul", last_name="Martin", groups=["Editors"])


def test_the_second_editor_sees_who_opened_the_form_first_and_since_when(client, marie, paul):
    article = ArticleFactory()
    client.force_login(marie)
    client.get(change_url(article))
    since = timezone.localtime(EditingPresence.objects.get(user=marie).since)

    client.force_login(paul)
    page = client.get(change_url(article)).content.decode()

    assert f"Marie Dupont (depuis {since:%H:%M}) modifie aussi cet article" in page


def test_an_editor_alone_sees_no_one(client, marie):
    article = ArticleFactory()
    client.force_login(marie)

    response = client.get(change_url(article))

    assert response.context["presence"]["message"] == ""
    assert client.post(presence_url(article)).json() == {"message": ""}


def test_the_heartbeat_answers_with_the_others_and_leaving_ends_the_presence(client, marie, paul):
    article = ArticleFactory()
    client.force_login(marie)
    client.post(presence_url(article))

    client.force_login(paul)
    assert "Marie Dupont" in client.post(presence_url(article)).json()["message"]
    client.force_login(marie)
    client.post(presence_url(article), {"leave": "1"})
    client.force_login(paul)
    assert client.post(presence_url(article)).json() == {"message": ""}


def test_a_form_that_stopped_beating_no_longer_counts(client, marie, paul, settings):
    settings.PRESENCE_HEARTBEAT_SECONDS = 10
    article = ArticleFactory()
    long_ago = timezone.now() - datetime.timedelta(seconds=31)
    EditingPresence.objects.create(article=article, user=marie, since=long_ago, seen_at=long_ago)

    client.force_login(paul)

    assert client.post(presence_url(article)).json() == {"message": ""}


def test_a_return_after_a_silence_starts_a_new_since(client, marie):
    article = ArticleFactory()
    long_ago = timezone.now() - datetime.timedelta(hours=2)
    EditingPresence.objects.create(article=article, user=marie, since=long_ago, seen_at=long_ago)
    client.force_login(marie)

    client.post(presence_url(article))

    assert EditingPresence.objects.get(user=marie).since > long_ago


def test_three_editors_are_named_together(client, marie, paul):
    article = ArticleFactory()
    for user in (marie, paul):
        client.force_login(user)
        client.post(presence_url(article))

    client.force_login(UserFactory(username="lea", groups=["Editors"]))
    message = client.post(presence_url(article)).json()["message"]

    assert "Marie Dupont" in message and " et Paul Martin" in message
    assert "modifient aussi cet article" in message


def test_only_those_who_may_change_the_article_beat_and_only_by_post(
    client, marie, contributor_client
):
    published = ArticleFactory(status="published")

    assert contributor_client.post(presence_url(published)).status_code == 404
    assert not EditingPresence.objects.exists()
    client.force_login(marie)
    assert client.get(presence_url(published)).status_code == 405
