"""Sitemaps for crawlers: an index of articles and authors, and a Google News sitemap."""

import datetime
import xml.etree.ElementTree as ElementTree

import pytest
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from articles.models import Article, CreditRole, Language
from tests.factories import ArticleFactory, CreditedArticleFactory
from website import presentation as site_presentation
from website.sitemaps import ArticleSitemap, AuthorSitemap

NAMESPACES = {
    "sitemap": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def parse(client, url) -> ElementTree.Element:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response.headers["Content-Type"] == "application/xml"
    return ElementTree.fromstring(response.content)


def locations(root: ElementTree.Element) -> list[str]:
    return [element.text for element in root.iterfind(".//sitemap:loc", NAMESPACES)]


def hours_ago(hours: float) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(hours=hours)


@pytest.mark.django_db
class TestSitemapIndex:
    def test_lists_the_article_and_author_sitemaps(self, client):
        ArticleFactory()

        root = parse(client, "/sitemap.xml")

        assert root.tag == f"{{{NAMESPACES['sitemap']}}}sitemapindex"
        assert locations(root) == [
            "http://testserver/sitemap-articles.xml",
            "http://testserver/sitemap-authors.xml",
        ]

    def test_a_section_over_the_limit_is_split_into_pages_that_reach_every_article(
        self, client, monkeypatch
    ):
        monkeypatch.setattr(ArticleSitemap, "limit", 3)
        ArticleFactory.create_batch(7)
        ArticleFactory(slug="draft-story", draft=True)

        sections = locations(parse(client, "/sitemap.xml"))
        pages = [url for url in sections if "sitemap-articles" in url]
        listed = [url for page in pages for url in locations(parse(client, page))]

        assert pages == [
            "http://testserver/sitemap-articles.xml",
            "http://testserver/sitemap-articles.xml?p=2",
            "http://testserver/sitemap-articles.xml?p=3",
        ]
        expected = [f"http://testserver{a.get_absolute_url()}" for a in Article.objects.visible()]
        assert sorted(listed) == sorted(expected) and len(set(listed)) == 7

    def test_each_file_holds_at_most_googles_50000_urls(self):
        assert ArticleSitemap.limit == AuthorSitemap.limit == 50_000

    def test_an_unknown_section_is_not_found(self, client):
        assert client.get("/sitemap-drafts.xml").status_code == 404


@pytest.mark.django_db
class TestArticleSitemap:
    def test_lists_visible_articles_only_with_their_last_change(self, client):
        visible = ArticleFactory(slug="visible-story")
        ArticleFactory(slug="draft-story", draft=True)
        ArticleFactory(slug="scheduled-story", scheduled=True)

        root = parse(client, "/sitemap-articles.xml")

        assert locations(root) == ["http://testserver/articles/visible-story/"]
        lastmod = root.find(".//sitemap:lastmod", NAMESPACES).text
        assert lastmod == timezone.localdate(visible.updated_at).isoformat()

    def test_runs_a_constant_number_of_queries(self, client, django_assert_num_queries):
        ArticleFactory()
        with django_assert_num_queries(2):  # count, page
            client.get("/sitemap-articles.xml")
        ArticleFactory.create_batch(10)
        with django_assert_num_queries(2):
            client.get("/sitemap-articles.xml")


@pytest.mark.django_db
class TestAuthorSitemap:
    def test_lists_authors_with_visible_work_only(self, client):
        CreditedArticleFactory(credits=[(CreditRole.REPORTING, "Andrew Gray")])
        CreditedArticleFactory(draft=True, credits=[(CreditRole.REPORTING, "Secret Source")])
        CreditedArticleFactory(scheduled=True, credits=[(CreditRole.REPORTING, "Early Bird")])

        root = parse(client, "/sitemap-authors.xml")

        assert locations(root) == ["http://testserver/authors/andrew-gray/"]

    def test_lists_an_author_once_however_many_credits(self, client):
        CreditedArticleFactory.create_batch(3, credits=[(CreditRole.EDITING, "Kate Entringer")])

        assert locations(parse(client, "/sitemap-authors.xml")) == [
            "http://testserver/authors/kate-entringer/"
        ]


@pytest.mark.django_db
class TestGoogleNewsSitemap:
    def test_lists_articles_published_in_the_last_48_hours(self, client):
        ArticleFactory(slug="fresh", published_at=hours_ago(1))
        ArticleFactory(slug="yesterday", published_at=hours_ago(30))
        ArticleFactory(slug="old", published_at=hours_ago(49))
        ArticleFactory(slug="draft", draft=True)
        ArticleFactory(slug="scheduled", scheduled=True)

        root = parse(client, "/sitemap-news.xml")

        assert locations(root) == [
            "http://testserver/articles/fresh/",
            "http://testserver/articles/yesterday/",
        ]

    def test_each_entry_names_publication_language_date_and_title(self, client):
        article = ArticleFactory(
            headline='Les forces ukrainiennes "gagnent du terrain" & avancent',
            language=Language.FRENCH,
            published_at=hours_ago(2),
        )

        news = parse(client, "/sitemap-news.xml").find(".//news:news", NAMESPACES)

        assert news.findtext("news:publication/news:name", namespaces=NAMESPACES) == (
            site_presentation.publication_name()
        )
        assert news.findtext("news:publication/news:language", namespaces=NAMESPACES) == "fr"
        assert news.findtext("news:title", namespaces=NAMESPACES) == article.headline
        published = parse_datetime(news.findtext("news:publication_date", namespaces=NAMESPACES))
        assert published == article.published_at
        assert published.utcoffset() is not None

    def test_is_empty_but_valid_on_a_quiet_day(self, client):
        ArticleFactory(published_at=hours_ago(72))

        assert locations(parse(client, "/sitemap-news.xml")) == []


@pytest.mark.django_db
class TestCaching:
    @pytest.mark.parametrize(
        "url",
        ["/sitemap.xml", "/sitemap-articles.xml", "/sitemap-authors.xml", "/sitemap-news.xml"],
    )
    def test_sitemaps_are_cacheable_and_answer_conditional_requests(self, client, url):
        CreditedArticleFactory()

        response = client.get(url)

        assert response.headers["Cache-Control"] == "public, max-age=900"
        assert client.get(url, HTTP_IF_NONE_MATCH=response.headers["ETag"]).status_code == 304
        last_modified = response.headers["Last-Modified"]
        assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304

    def test_a_newly_published_article_changes_the_sitemap(self, client):
        ArticleFactory()
        etag = client.get("/sitemap-articles.xml").headers["ETag"]
        scheduled = ArticleFactory(slug="now-due", scheduled=True)
        Article.objects.filter(pk=scheduled.pk).update(published_at=hours_ago(0.1))

        response = client.get("/sitemap-articles.xml", HTTP_IF_NONE_MATCH=etag)

        assert response.status_code == 200
        assert "http://testserver/articles/now-due/" in response.content.decode()
