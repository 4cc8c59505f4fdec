"""Corrections and translations on the public site: the page, JSON-LD, feeds, sitemaps.

Only published translations are ever linked; the JSON-LD follows the schema.org vocabulary.
"""

from __future__ import annotations

import datetime
import re
import xml.etree.ElementTree as ElementTree

import feedparser
import pytest
from django.utils import timezone
from django.utils.http import http_date, parse_http_date

from articles.models import Article, ArticleCorrection, CreditRole, Language
from articles.services import translations
from tests.factories import CreditedArticleFactory
from tests.schema_org import schema_org_problems
from tests.website.test_pages import page_text, structured_data

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.now() - datetime.timedelta(days=30)
CORRECTION = "Correction : une version précédente attribuait la citation au mauvais ministre."


@pytest.fixture
def french(db) -> Article:
    # The seed's shape: a French version, credited with its translators.
    return CreditedArticleFactory(
        language=Language.FRENCH,
        slug="les-forces-ukrainiennes",
        headline="Les forces ukrainiennes gagnent du terrain",
    )


@pytest.fixture
def english(db) -> Article:
    return CreditedArticleFactory(
        language=Language.ENGLISH,
        slug="ukrainian-forces",
        headline="Ukrainian forces gain ground",
        credits=[(CreditRole.REPORTING, "Andrew Gray"), (CreditRole.EDITING, "Kate Entringer")],
    )


@pytest.fixture
def linked(french, english) -> tuple[Article, Article]:
    translations.set_translations(french, [english])
    return french, english


def hreflang_alternates(response) -> dict[str, str]:
    links = re.findall(
        r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', response.content.decode()
    )
    return dict(links)


def translation_link(page: str) -> tuple[str, str, str] | None:
    """The "Read in English" link: its path, its language, its text."""
    match = re.search(
        r'<p class="translations">\s*<a href="http://testserver([^"]+)"[^>]* lang="([^"]+)"[^>]*>'
        r"([^<]+)</a>",
        page,
    )
    return match.groups() if match else None


class TestCorrectionsOnThePage:
    def test_the_correction_is_shown_with_its_date_in_the_article_language(self, client, french):
        ArticleCorrection.objects.create(
            article=french,
            at=datetime.datetime(2024, 3, 15, 9, 30, tzinfo=datetime.UTC),
            text=CORRECTION,
        )

        text = page_text(client.get(french.get_absolute_url()))

        assert f"Corrections 15 mars 2024 {CORRECTION}" in text.replace(" à 10:30", "").replace(
            " 10:30", ""
        )

    def test_an_article_without_correction_has_no_corrections_box(self, client, french):
        assert 'class="corrections"' not in client.get(french.get_absolute_url()).content.decode()

    def test_a_correction_changes_last_modified(self, client, french):
        Article.objects.filter(pk=french.pk).update(updated_at=LONG_AGO, published_at=LONG_AGO)
        before = client.get(french.get_absolute_url())["Last-Modified"]
        assert before == http_date(LONG_AGO.timestamp())

        ArticleCorrection.objects.create(article=french, text=CORRECTION)

        after = client.get(french.get_absolute_url())["Last-Modified"]
        assert parse_http_date(after) > parse_http_date(before)

    def test_the_json_ld_carries_a_correction_comment(self, client, french):
        correction = ArticleCorrection.objects.create(article=french, text=CORRECTION)

        data = structured_data(client.get(french.get_absolute_url()))

        assert data["correction"] == [
            {
                "@type": "CorrectionComment",
                "text": CORRECTION,
                "datePublished": correction.at.isoformat(),
            }
        ]
        assert schema_org_problems(data) == []


class TestTranslationsOnThePage:
    def test_each_version_links_to_the_other_in_its_language(self, client, linked):
        french, english = linked

        french_page = client.get(french.get_absolute_url()).content.decode()
        english_page = client.get(english.get_absolute_url()).content.decode()

        assert translation_link(french_page) == (
            "/articles/ukrainian-forces/",
            "en",
            "Read in English",
        )
        assert translation_link(english_page) == (
            "/articles/les-forces-ukrainiennes/",
            "fr",
            "Lire en français",
        )

    def test_the_page_lists_itself_and_its_translations_as_hreflang_alternates(
        self, client, linked
    ):
        _, english = linked

        alternates = hreflang_alternates(client.get(english.get_absolute_url()))

        assert alternates == {
            "en": "http://testserver/articles/ukrainian-forces/",
            "fr": "http://testserver/articles/les-forces-ukrainiennes/",
        }

    @pytest.mark.parametrize("state", ["draft", "scheduled", "withdrawn"])
    def test_an_unpublished_translation_never_leaks(self, client, linked, state):
        french, english = linked
        if state == "draft":
            Article.objects.filter(pk=english.pk).update(status="draft", published_at=None)
        elif state == "scheduled":
            later = timezone.now() + datetime.timedelta(days=1)
            Article.objects.filter(pk=english.pk).update(published_at=later)
        else:
            Article.objects.filter(pk=english.pk).update(status="withdrawn")

        response = client.get(french.get_absolute_url())
        page = response.content.decode()

        assert "ukrainian-forces" not in page
        assert "Read in English" not in page
        assert hreflang_alternates(response) == {}
        data = structured_data(response)
        assert "translationOfWork" not in data and "workTranslation" not in data

    def test_the_json_ld_says_which_is_the_translation(self, client, linked):
        french, english = linked

        french_data = structured_data(client.get(french.get_absolute_url()))
        english_data = structured_data(client.get(english.get_absolute_url()))

        # The French version credits its translators: it is the translation of the English.
        assert french_data["translationOfWork"] == [
            {
                "@type": "NewsArticle",
                "@id": "http://testserver/articles/ukrainian-forces/",
                "url": "http://testserver/articles/ukrainian-forces/",
                "headline": "Ukrainian forces gain ground",
                "inLanguage": "en",
            }
        ]
        assert english_data["workTranslation"][0]["inLanguage"] == "fr"
        assert schema_org_problems(french_data) == []
        assert schema_org_problems(english_data) == []

    def test_the_page_costs_the_same_queries_with_translations(
        self, client, linked, django_assert_num_queries
    ):
        french, _ = linked
        # The article, its credits, its corrections, its link with its group, the group.
        with django_assert_num_queries(5):
            client.get(french.get_absolute_url())


def test_every_article_page_json_ld_follows_the_vocabulary(client, linked):
    french, english = linked
    ArticleCorrection.objects.create(article=english, text="Correction: a date was wrong.")

    for article in (french, english):
        assert schema_org_problems(structured_data(client.get(article.get_absolute_url()))) == []


def test_the_schema_org_check_catches_a_wrong_property():
    assert schema_org_problems({"@type": "CorrectionComment", "headlinez": "x"}) != []
    assert schema_org_problems({"@type": "NewsArticle", "correction": [{"@type": "Person"}]})


class TestFeedsAndSitemaps:
    @pytest.mark.parametrize("url", ["/feeds/rss/", "/feeds/atom/", "/feeds/fr/atom/"])
    def test_a_correction_bumps_the_feed_entry_update_time(self, client, french, url):
        Article.objects.filter(pk=french.pk).update(updated_at=LONG_AGO)

        ArticleCorrection.objects.create(article=french, text=CORRECTION)

        feed = feedparser.parse(client.get(url).content)
        (entry,) = feed.entries
        if "atom" in url:
            updated = datetime.datetime(*entry.updated_parsed[:6], tzinfo=datetime.UTC)
            assert updated > LONG_AGO + datetime.timedelta(days=29)
        updated_feed = datetime.datetime(*feed.feed.updated_parsed[:6], tzinfo=datetime.UTC)
        assert updated_feed > LONG_AGO + datetime.timedelta(days=29)

    def test_a_correction_bumps_the_sitemap_lastmod(self, client, french):
        Article.objects.filter(pk=french.pk).update(updated_at=LONG_AGO)
        Article.objects.filter(pk=french.pk).update(published_at=LONG_AGO)

        ArticleCorrection.objects.create(article=french, text=CORRECTION)

        root = ElementTree.fromstring(client.get("/sitemap-articles.xml").content)
        namespace = {"sitemap": "http://www.sitemaps.org/schemas/sitemap/0.9"}
        lastmod = root.find(".//sitemap:lastmod", namespace).text
        assert lastmod == timezone.localdate().isoformat()

    def test_a_translation_link_bumps_both_sitemap_entries(self, client, french, english):
        Article.objects.update(updated_at=LONG_AGO, published_at=LONG_AGO)

        translations.set_translations(french, [english])

        root = ElementTree.fromstring(client.get("/sitemap-articles.xml").content)
        namespace = {"sitemap": "http://www.sitemaps.org/schemas/sitemap/0.9"}
        lastmods = {element.text for element in root.iterfind(".//sitemap:lastmod", namespace)}
        assert lastmods == {timezone.localdate().isoformat()}
