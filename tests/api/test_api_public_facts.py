"""Corrections and translations in the API: JSON detail and list, ninjs 2.2 and 3.1, the changes.

Only published translations are listed; ninjs stays valid against IPTC's schema.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from articles.models import Article, ArticleCorrection, ArticleStatus, Language
from articles.services import translations
from tests.api import test_api_ninjs_3 as ninjs_3
from tests.api.test_api_ninjs import assert_valid, ninjs
from tests.articles.changes_helpers import publish_pending
from tests.factories import CreditedArticleFactory

pytestmark = pytest.mark.django_db

ARTICLES = "/api/v1/articles/"
CORRECTION = "Correction: an earlier version misstated the date of the visit."


@pytest.fixture
def english(db) -> Article:
    return CreditedArticleFactory(language=Language.ENGLISH, slug="ukrainian-forces")


@pytest.fixture
def french(db) -> Article:
    return CreditedArticleFactory(language=Language.FRENCH, slug="les-forces-ukrainiennes")


@pytest.fixture
def linked(english, french) -> tuple[Article, Article]:
    translations.set_translations(english, [french])
    return english, french


def detail(client, article: Article) -> dict:
    response = client.get(f"{ARTICLES}{article.slug}/")
    assert response.status_code == 200
    return response.json()


def listed(client, article: Article) -> dict:
    results = client.get(f"{ARTICLES}?page_size=100").json()["results"]
    return next(item for item in results if item["slug"] == article.slug)


class TestCorrections:
    def test_the_detail_and_the_list_carry_the_corrections_oldest_first(self, client, english):
        at = datetime.datetime(2024, 3, 13, 8, 0, tzinfo=datetime.UTC)
        ArticleCorrection.objects.create(article=english, at=at, text=CORRECTION)
        ArticleCorrection.objects.create(
            article=english, at=at + datetime.timedelta(days=1), text="Correction: a name."
        )

        expected = [
            {"at": "2024-03-13T08:00:00Z", "text": CORRECTION},
            {"at": "2024-03-14T08:00:00Z", "text": "Correction: a name."},
        ]
        assert detail(client, english)["corrections"] == expected
        assert listed(client, english)["corrections"] == expected

    def test_an_article_without_correction_has_an_empty_list(self, client, english):
        assert detail(client, english)["corrections"] == []

    def test_a_correction_moves_updated_at_and_the_article_into_updated_after(
        self, client, english
    ):
        long_ago = timezone.now() - datetime.timedelta(days=30)
        Article.objects.filter(pk=english.pk).update(updated_at=long_ago, published_at=long_ago)
        since = (timezone.now() - datetime.timedelta(minutes=1)).isoformat()
        assert client.get(ARTICLES, {"updated_after": since}).json()["results"] == []

        ArticleCorrection.objects.create(article=english, text=CORRECTION)

        results = client.get(ARTICLES, {"updated_after": since}).json()["results"]
        assert [item["slug"] for item in results] == ["ukrainian-forces"]

    def test_the_change_feed_says_updated(self, client, english):
        publish_pending()  # the article's own "published", as if committed before
        ArticleCorrection.objects.create(article=english, text=CORRECTION)
        publish_pending()

        events = client.get("/api/v1/changes/").json()["results"]
        assert [(event["kind"], event["article"]["slug"]) for event in events][-1] == (
            "updated",
            "ukrainian-forces",
        )

    def test_ninjs_carries_each_correction_as_a_correction_body_and_stays_valid(
        self, client, english
    ):
        ArticleCorrection.objects.create(article=english, text=CORRECTION)

        item = ninjs(client, english)

        assert_valid(item)
        assert item["bodies"][0]["role"] == "main"
        assert item["bodies"][1:] == [
            {"role": "correction", "contenttype": "text/plain", "value": CORRECTION}
        ]

    def test_ninjs_3_1_carries_them_as_correction_bodies_in_camel_case(self, client, english):
        ArticleCorrection.objects.create(article=english, text=CORRECTION)

        item = ninjs_3.detail(client, english.slug)

        ninjs_3.assert_valid(item)
        assert item["bodies"][0]["role"] == "main"
        assert item["bodies"][1:] == [
            {"role": "correction", "contentType": "text/plain", "value": CORRECTION}
        ]
        # A list item is partial: no body, so no correction either.
        assert all("bodies" not in listed for listed in ninjs_3.listing(client)["results"])


class TestTranslations:
    def test_each_version_lists_the_other_in_detail_and_list(self, client, linked):
        english, french = linked

        assert detail(client, english)["translations"] == [
            {
                "language": "fr",
                "slug": "les-forces-ukrainiennes",
                "url": "http://testserver/api/v1/articles/les-forces-ukrainiennes/",
            }
        ]
        assert listed(client, french)["translations"] == [
            {
                "language": "en",
                "slug": "ukrainian-forces",
                "url": "http://testserver/api/v1/articles/ukrainian-forces/",
            }
        ]

    @pytest.mark.parametrize("state", ["draft", "in_review", "scheduled", "withdrawn"])
    def test_an_unpublished_translation_never_leaks(self, client, linked, state):
        english, french = linked
        if state == "scheduled":
            later = timezone.now() + datetime.timedelta(days=1)
            Article.objects.filter(pk=french.pk).update(published_at=later)
        else:
            Article.objects.filter(pk=french.pk).update(status=ArticleStatus(state))

        assert detail(client, english)["translations"] == []
        assert listed(client, english)["translations"] == []
        item = ninjs(client, english)
        assert "les-forces-ukrainiennes" not in str(item)
        assert client.get(f"{ARTICLES}?q=forces").status_code == 200

    def test_ninjs_carries_each_translation_as_an_association_and_stays_valid(self, client, linked):
        english, french = linked

        item = ninjs(client, english)

        assert_valid(item)
        (translation,) = [a for a in item.get("associations", []) if a["name"] == "translation"]
        assert translation == {
            "name": "translation",
            "uri": "http://testserver/api/v1/articles/les-forces-ukrainiennes/",
            "type": "text",
            "representationtype": "partial",
            "language": "fr",
            "headlines": [{"role": "main", "contenttype": "text/plain", "value": french.headline}],
        }

    def test_ninjs_3_1_carries_them_as_associations_in_camel_case(self, client, linked):
        english, french = linked
        expected = {
            "name": "translation",
            "uri": "http://testserver/api/v1/articles/les-forces-ukrainiennes/",
            "type": "text",
            "representationType": "partial",
            "language": "fr",
            "headlines": [{"role": "main", "contentType": "text/plain", "value": french.headline}],
        }

        item = ninjs_3.detail(client, english.slug)
        [in_list] = [
            listed for listed in ninjs_3.listing(client)["results"] if listed["uri"] == item["uri"]
        ]

        ninjs_3.assert_valid(item)
        ninjs_3.assert_valid(in_list)
        assert [a for a in item["associations"] if a["name"] == "translation"] == [expected]
        assert [a for a in in_list["associations"] if a["name"] == "translation"] == [expected]

    def test_an_unpublished_translation_never_reaches_ninjs_3_1(self, client, linked):
        english, french = linked
        Article.objects.filter(pk=french.pk).update(status=ArticleStatus.DRAFT)

        assert "les-forces-ukrainiennes" not in str(ninjs_3.detail(client, english.slug))
        assert "les-forces-ukrainiennes" not in str(ninjs_3.listing(client))

    def test_an_unlinked_article_has_no_translations(self, client, english):
        assert detail(client, english)["translations"] == []
        assert "associations" not in ninjs(client, english) or all(
            association["name"] != "translation"
            for association in ninjs(client, english)["associations"]
        )


@pytest.mark.django_db(transaction=True)
def test_a_cached_api_answer_shows_a_new_correction_at_once(client, response_cache):
    article = CreditedArticleFactory(slug="cached-story")
    assert client.get(f"{ARTICLES}cached-story/").json()["corrections"] == []

    ArticleCorrection.objects.create(article=article, text=CORRECTION)

    assert client.get(f"{ARTICLES}cached-story/").json()["corrections"][0]["text"] == CORRECTION


@pytest.mark.django_db(transaction=True)
def test_a_cached_page_shows_a_new_translation_at_once(client, response_cache):
    english = CreditedArticleFactory(language=Language.ENGLISH, slug="cached-en")
    french = CreditedArticleFactory(language=Language.FRENCH, slug="cached-fr")
    assert b"Lire en fran" not in client.get(english.get_absolute_url()).content

    translations.set_translations(english, [french])

    assert "Lire en français" in client.get(english.get_absolute_url()).content.decode()
