"""RSS 2.0 and Atom feeds: the latest articles, per language, per author; valid for feedparser."""

import datetime

import feedparser
import pytest
from django.utils import timezone

from articles.models import Article, CreditRole, Language
from tests.factories import ArticleFactory, CreditedArticleFactory
from website.feeds import FEED_SIZE

FEED_URLS = (
    "/feeds/rss/",
    "/feeds/atom/",
    "/feeds/fr/rss/",
    "/feeds/fr/atom/",
    "/feeds/authors/andrew-gray/rss/",
    "/feeds/authors/andrew-gray/atom/",
)


def parse(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, f"{url}: {feed.get('bozo_exception')}"
    return feed


@pytest.fixture
def french_article(db):
    return CreditedArticleFactory(
        headline='Les forces ukrainiennes "gagnent du terrain" & avancent',
        language=Language.FRENCH,
        body="Les troupes ukrainiennes avancent.\n\nDeuxième paragraphe.",
    )


@pytest.mark.django_db
class TestEveryFeed:
    @pytest.mark.parametrize("url", FEED_URLS)
    def test_is_valid_for_feedparser_with_the_visible_article(self, client, url, french_article):
        feed = parse(client, url)

        assert feed.version in {"rss20", "atom10"}
        [entry] = feed.entries
        assert entry.title == french_article.headline
        assert entry.link == f"http://testserver{french_article.get_absolute_url()}"

    @pytest.mark.parametrize("url", FEED_URLS)
    def test_entries_carry_author_categories_summary_and_dates(self, client, url, french_article):
        [entry] = parse(client, url).entries

        assert entry.author == "Andrew Gray"
        assert {tag.term for tag in entry.tags} == {"KYIV", "français"}
        assert entry.summary == "Les troupes ukrainiennes avancent."
        published = datetime.datetime(*entry.published_parsed[:6], tzinfo=datetime.UTC)
        assert published == french_article.published_at.replace(microsecond=0)

    @pytest.mark.parametrize("url", FEED_URLS)
    def test_leaves_out_drafts_and_scheduled_articles(self, client, url, french_article):
        for trait in ("draft", "scheduled"):
            CreditedArticleFactory(
                headline=f"Hidden {trait}", language=Language.FRENCH, **{trait: True}
            )

        titles = [entry.title for entry in parse(client, url).entries]

        assert titles == [french_article.headline]

    @pytest.mark.parametrize("url", FEED_URLS)
    def test_is_publicly_cacheable_and_answers_conditional_requests(
        self, client, url, french_article
    ):
        response = client.get(url)

        assert response.headers["Cache-Control"] == "public, max-age=300"
        assert client.get(url, HTTP_IF_NONE_MATCH=response.headers["ETag"]).status_code == 304
        last_modified = response.headers["Last-Modified"]
        assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304


@pytest.mark.django_db
class TestLatestFeed:
    def test_newest_publication_first_and_at_most_a_page(self, client):
        now = timezone.now()
        for hours in range(FEED_SIZE + 2):
            ArticleFactory(
                headline=f"Published {hours} hours ago",
                published_at=now - datetime.timedelta(hours=hours + 1),
            )

        entries = parse(client, "/feeds/rss/").entries

        assert len(entries) == FEED_SIZE
        assert entries[0].title == "Published 0 hours ago"
        assert entries[-1].title == f"Published {FEED_SIZE - 1} hours ago"

    def test_unsigned_wire_copy_is_credited_to_its_agency(self, client):
        ArticleFactory(dateline_source="Reuters")

        [entry] = parse(client, "/feeds/atom/").entries

        assert entry.author == "Reuters"

    def test_runs_a_constant_number_of_queries(self, client, django_assert_num_queries):
        CreditedArticleFactory()
        with django_assert_num_queries(2):  # the articles, their credits with authors
            client.get("/feeds/rss/")
        CreditedArticleFactory.create_batch(10)
        with django_assert_num_queries(2):
            client.get("/feeds/rss/")


@pytest.mark.django_db
class TestLanguageFeed:
    def test_holds_only_its_language_and_says_so(self, client):
        ArticleFactory(headline="Un article", language=Language.FRENCH)
        ArticleFactory(headline="An article", language=Language.ENGLISH)

        french = parse(client, "/feeds/fr/rss/", HTTP_ACCEPT_LANGUAGE="en")
        english = parse(client, "/feeds/en/atom/", HTTP_ACCEPT_LANGUAGE="fr")

        assert [entry.title for entry in french.entries] == ["Un article"]
        assert french.feed.language == "fr"
        assert french.feed.title == "Newsroom : derniers articles en français"
        assert [entry.title for entry in english.entries] == ["An article"]
        assert english.feed.title == "Newsroom: latest articles in English"

    def test_an_article_in_a_language_django_cannot_name_is_filed_under_its_code(self, client):
        ArticleFactory(headline="Balita", language="fil")

        feed = feedparser.parse(client.get("/feeds/rss/").content)

        assert [tag.term for tag in feed.entries[0].tags][-1] == "fil"

    def test_an_unknown_language_is_not_found(self, client):
        assert client.get("/feeds/de/rss/").status_code == 404
        assert client.get("/feeds/de/atom/").status_code == 404


@pytest.mark.django_db
class TestAuthorFeed:
    def test_holds_every_article_crediting_the_author_once(self, client):
        CreditedArticleFactory(
            headline="Reported and edited",
            credits=[
                (CreditRole.REPORTING, "Kate Entringer"),
                (CreditRole.EDITING, "Kate Entringer"),
            ],
        )
        CreditedArticleFactory(headline="Edited", credits=[(CreditRole.EDITING, "Kate Entringer")])
        CreditedArticleFactory(
            headline="Someone else's", credits=[(CreditRole.EDITING, "Kim Coghill")]
        )

        feed = parse(client, "/feeds/authors/kate-entringer/atom/", HTTP_ACCEPT_LANGUAGE="en")

        assert sorted(entry.title for entry in feed.entries) == ["Edited", "Reported and edited"]
        assert feed.feed.title == "Newsroom: articles by Kate Entringer"
        assert feed.feed.link == "http://testserver/authors/kate-entringer/"

    def test_an_author_with_only_unpublished_work_is_not_found(self, client):
        CreditedArticleFactory(draft=True, credits=[(CreditRole.REPORTING, "Secret Source")])

        assert client.get("/feeds/authors/secret-source/rss/").status_code == 404
        assert client.get("/feeds/authors/secret-source/atom/").status_code == 404

    def test_an_unknown_author_is_not_found(self, client):
        assert client.get("/feeds/authors/nobody/rss/").status_code == 404

    def test_runs_a_constant_number_of_queries(self, client, django_assert_num_queries):
        CreditedArticleFactory()
        with django_assert_num_queries(4):  # author, has visible work, articles, credits
            client.get("/feeds/authors/andrew-gray/rss/")
        CreditedArticleFactory.create_batch(10)
        with django_assert_num_queries(4):
            client.get("/feeds/authors/andrew-gray/rss/")


@pytest.mark.django_db
def test_a_scheduled_article_enters_the_feeds_when_its_time_comes(client):
    article = ArticleFactory(headline="Scheduled story", scheduled=True)
    assert parse(client, "/feeds/rss/").entries == []

    Article.objects.filter(pk=article.pk).update(
        published_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    assert [entry.title for entry in parse(client, "/feeds/rss/").entries] == ["Scheduled story"]
