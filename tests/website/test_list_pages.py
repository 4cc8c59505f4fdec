"""Lists read by key: home, one language, an author, a search; "Older" and "Newer" links."""

import datetime
import html
import re

import pytest

from articles.models import Article, CreditRole, Language
from articles.search import search_articles
from tests.factories import ArticleFactory, CreditedArticleFactory
from website.search_views import RESULTS_PER_PAGE
from website.views import ARTICLES_PER_PAGE, CREDITS_PER_PAGE

pytestmark = pytest.mark.django_db

LINK = re.compile(r'<a href="([^"]*)" rel="(next|prev)">')
SUMMARY_LINK = re.compile(r'<h2><a href="/articles/([^/"]+)/">')
CREDIT_LINK = re.compile(r'<li lang="\w+">\s*<a href="/articles/([^/"]+)/">')


def links(response) -> dict[str, str]:
    """The page's "next"/"prev" links, as a browser would follow them."""
    return {rel: html.unescape(href) for href, rel in LINK.findall(response.content.decode())}


def walk(client, path: str, query: dict, slugs: re.Pattern, rel: str = "next") -> list[list[str]]:
    """The slugs of each page, following `rel` links from `path` to the end."""
    pages = []
    response = client.get(path, query)
    while True:
        assert response.status_code == 200
        pages.append(slugs.findall(response.content.decode()))
        if rel not in links(response):
            return pages
        response = client.get(path + links(response)[rel])


def many_articles(count: int, **fields) -> list[Article]:
    """`count` visible articles, several on each date (ties the id must break)."""
    return [
        ArticleFactory(date=datetime.date(2024, 1, 1) + datetime.timedelta(days=i // 3), **fields)
        for i in range(count)
    ]


class TestHomePage:
    def test_older_links_reach_every_visible_article_once_newest_first(self, client):
        many_articles(2 * ARTICLES_PER_PAGE + 5)
        ArticleFactory(headline="Hidden draft", slug="hidden-draft", draft=True)
        ArticleFactory(headline="Not yet", slug="not-yet", scheduled=True)

        pages = walk(client, "/", {}, SUMMARY_LINK)

        expected = list(Article.objects.visible().order_by("-date", "-id").values_list("slug"))
        assert [len(page) for page in pages] == [ARTICLES_PER_PAGE, ARTICLES_PER_PAGE, 5]
        assert [slug for page in pages for slug in page] == [slug for (slug,) in expected]
        assert "hidden-draft" not in str(pages) and "not-yet" not in str(pages)

    def test_newer_links_lead_back_through_the_same_pages(self, client):
        many_articles(2 * ARTICLES_PER_PAGE + 5)
        forward = walk(client, "/", {}, SUMMARY_LINK)
        last_page = client.get("/")
        while "next" in links(last_page):
            last_page = client.get("/" + links(last_page)["next"])

        before = links(last_page)["prev"].removeprefix("?before=")
        backward = walk(client, "/", {"before": before}, SUMMARY_LINK, rel="prev")

        assert backward == forward[-2::-1]
        assert "prev" not in links(client.get("/"))

    def test_the_language_filter_is_kept_across_pages(self, client):
        many_articles(ARTICLES_PER_PAGE + 3, language=Language.FRENCH)
        many_articles(ARTICLES_PER_PAGE + 3, language=Language.ENGLISH)

        first = client.get("/", {"language": "fr"})
        pages = walk(client, "/", {"language": "fr"}, SUMMARY_LINK)

        assert links(first)["next"].startswith("?language=fr&after=")
        french = Article.objects.filter(language=Language.FRENCH).order_by("-date", "-id")
        assert [slug for page in pages for slug in page] == [a.slug for a in french]

    def test_a_single_page_has_no_links(self, client):
        ArticleFactory()

        assert links(client.get("/")) == {}

    @pytest.mark.parametrize("number", ["2", "1", "999", "two"])
    def test_an_old_page_number_redirects_to_the_first_page_keeping_the_filter(
        self, client, number
    ):
        response = client.get("/", {"language": "en", "page": number})

        assert response.status_code == 301
        assert response["Location"] == "/?language=en"

    @pytest.mark.parametrize(
        "key", ["2024-01-01", "2024-13-01_5", "2024-01-01_x", "2024-01-01_5_6", "_", "x" * 300]
    )
    def test_a_malformed_key_is_a_400_never_a_500(self, client, key):
        ArticleFactory()

        assert client.get("/", {"after": key}).status_code == 400
        assert client.get("/", {"before": key}).status_code == 400


class TestAuthorPage:
    def test_older_links_reach_every_credit_once(self, client):
        for i in range(CREDITS_PER_PAGE + 4):
            CreditedArticleFactory(
                date=datetime.date(2024, 1, 1) + datetime.timedelta(days=i // 2),
                credits=[(CreditRole.REPORTING, "Kate Entringer")],
            )
        CreditedArticleFactory(draft=True, credits=[(CreditRole.REPORTING, "Kate Entringer")])

        pages = walk(client, "/authors/kate-entringer/", {}, CREDIT_LINK)

        expected = Article.objects.visible().order_by("-date", "-id").values_list("slug", flat=True)
        assert [len(page) for page in pages] == [CREDITS_PER_PAGE, 4]
        assert [slug for page in pages for slug in page] == list(expected)

    def test_an_old_page_number_redirects_to_the_author_page(self, client):
        response = client.get("/authors/kate-entringer/", {"page": "3"})

        assert response.status_code == 301
        assert response["Location"] == "/authors/kate-entringer/"


class TestSearchPage:
    def test_next_links_reach_every_match_once_in_relevance_order(self, client):
        for i in range(RESULTS_PER_PAGE + 3):
            # A third match in the headline, ranking them above the newer ones.
            in_headline = i % 3 == 0
            ArticleFactory(
                headline="Drought warning" if in_headline else f"Weather report {i}",
                body="A drought is feared." if not in_headline else "Farmers worry.",
                language="en",
                date=datetime.date(2024, 1, 1) + datetime.timedelta(days=i // 2),
            )
        ArticleFactory(headline="Drought draft", slug="drought-draft", language="en", draft=True)

        pages = walk(client, "/search/", {"q": "drought"}, SUMMARY_LINK)

        expected = [a.slug for a in search_articles(Article.objects.visible(), "drought")]
        assert [len(page) for page in pages] == [RESULTS_PER_PAGE, 3]
        assert [slug for page in pages for slug in page] == expected
        assert "drought-draft" not in expected

    def test_an_old_page_number_redirects_to_the_first_results(self, client):
        response = client.get("/search/", {"q": "drought", "page": "4"})

        assert response.status_code == 301
        assert response["Location"] == "/search/?q=drought"

    @pytest.mark.parametrize("key", ["nan_2024-01-01_5", "inf_2024-01-01_5", "0.5_2024-01-01"])
    def test_a_malformed_key_is_a_400(self, client, key):
        assert client.get("/search/", {"q": "drought", "after": key}).status_code == 400
