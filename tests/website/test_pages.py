"""The public pages: home, article, author, robots.txt, errors; what readers and crawlers see."""

import datetime
import html
import io
import json
import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.views.defaults import server_error
from PIL import Image

from articles.models import Article, ArticleStatus, CreditRole, DatePrecision, Language
from articles.previews import preview_url
from ingest import importer
from tests.factories import ArticleFactory, AuthorFactory, CreditedArticleFactory
from website import presentation as site_presentation
from website.views import ARTICLES_PER_PAGE

FRENCH_CREDITS_LINE = (
    "Reportage : Andrew Gray · Version française : Victor Goury-Laffont et Mariana Abreu"
    " · Édité par : Kate Entringer"
)
ENGLISH_CREDITS_LINE = (
    "Reporting: Andrew Gray · Translated by: Victor Goury-Laffont and Mariana Abreu"
    " · Edited by: Kate Entringer"
)
MONTH_NAMES_FR = "janvier février mars avril mai juin juillet août septembre octobre novembre"


def page_text(response) -> str:
    """What a reader sees: the body's text without tags, entities decoded, spaces collapsed."""
    body = response.content.decode().split("<body", 1)[1]
    return " ".join(html.unescape(strip_tags(body)).split())


def structured_data(response) -> dict:
    match = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    assert match, "no JSON-LD script in the page"
    return json.loads(match.group(1))


def meta_content(response, attribute: str, name: str) -> str | None:
    match = re.search(
        rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', response.content.decode()
    )
    return html.unescape(match.group(1)) if match else None


def jpeg_bytes(size=(640, 360)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (40, 90, 160)).save(buffer, format="JPEG")
    return buffer.getvalue()


@pytest.fixture
def french_article(db):
    return CreditedArticleFactory(
        language=Language.FRENCH,
        headline='Les forces ukrainiennes "gagnent progressivement du terrain"',
        date=datetime.date(2023, 9, 1),
        date_precision=DatePrecision.MONTH,
        photo_credit="Reuters",
        body="Les troupes ukrainiennes avancent.\n\nJens Stoltenberg a condamné les frappes.",
    )


@pytest.fixture
def english_article(db):
    return CreditedArticleFactory(
        language=Language.ENGLISH,
        headline="Ukraine's forces gaining ground, Stoltenberg says",
        date=datetime.date(2024, 3, 12),
        date_precision=DatePrecision.DAY,
        body="Ukrainian troops are advancing.\n\nStoltenberg condemned the strikes.",
    )


@pytest.mark.django_db
class TestHomePage:
    def test_lists_visible_articles_newest_first(self, client):
        older = ArticleFactory(headline="Older story", date=datetime.date(2024, 1, 5))
        newer = ArticleFactory(headline="Newer story", date=datetime.date(2024, 2, 5))

        text = page_text(client.get("/"))

        assert text.index(newer.headline) < text.index(older.headline)

    def test_hides_drafts_articles_in_review_and_scheduled_articles(self, client):
        ArticleFactory(headline="Published story")
        ArticleFactory(headline="Draft story", draft=True)
        ArticleFactory(headline="Scheduled story", scheduled=True)
        ArticleFactory(
            headline="Story in review", status=ArticleStatus.IN_REVIEW, published_at=None
        )

        text = page_text(client.get("/"))

        assert "Published story" in text
        for hidden in ("Draft story", "Scheduled story", "Story in review"):
            assert hidden not in text

    def test_filters_by_language(self, client):
        ArticleFactory(headline="Un article en français", language=Language.FRENCH)
        ArticleFactory(headline="An article in English", language=Language.ENGLISH)

        french = page_text(client.get("/", {"language": "fr"}))
        english = page_text(client.get("/", {"language": "en"}))

        assert "Un article en français" in french and "An article in English" not in french
        assert "An article in English" in english and "Un article en français" not in english

    def test_each_listed_article_carries_its_language_and_date_at_its_precision(
        self, client, french_article
    ):
        content = client.get("/").content.decode()

        assert '<article class="summary" lang="fr">' in content
        assert '<time datetime="2023-09">septembre 2023</time>' in content

    @pytest.mark.parametrize(
        ("query", "parameter"),
        [
            ({"language": "german"}, "Language"),
            ({"after": "two"}, "Older than"),
            ({"before": "0"}, "Newer than"),
        ],
    )
    def test_a_bad_query_parameter_gets_a_400_naming_it(self, client, query, parameter):
        ArticleFactory(headline="Some story")

        response = client.get("/", query, HTTP_ACCEPT_LANGUAGE="en")

        assert response.status_code == 400
        assert f"{parameter}:" in page_text(response)
        assert "Some story" not in page_text(response)

    def test_interface_follows_the_browser_language(self, client):
        french = client.get("/", HTTP_ACCEPT_LANGUAGE="fr")
        english = client.get("/", HTTP_ACCEPT_LANGUAGE="en")

        assert '<html lang="fr">' in french.content.decode()
        assert "Derniers articles" in page_text(french)
        assert '<html lang="en">' in english.content.decode()
        assert "Latest articles" in page_text(english)

    def test_runs_a_constant_number_of_queries(self, client, django_assert_num_queries):
        CreditedArticleFactory.create_batch(3)
        with django_assert_num_queries(1):  # the page: no count of the archive
            client.get("/")
        CreditedArticleFactory.create_batch(ARTICLES_PER_PAGE)
        with django_assert_num_queries(1):
            client.get("/")


@pytest.mark.django_db
class TestArticlePage:
    def test_french_article_credits_are_grouped_by_role_in_french(self, client, french_article):
        text = page_text(client.get(french_article.get_absolute_url()))

        assert FRENCH_CREDITS_LINE in text

    def test_english_article_credits_are_grouped_by_role_in_english(self, client, english_article):
        text = page_text(client.get(english_article.get_absolute_url()))

        assert ENGLISH_CREDITS_LINE in text

    def test_credits_follow_the_article_language_not_the_browser(self, client, french_article):
        text = page_text(client.get(french_article.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en"))

        assert FRENCH_CREDITS_LINE in text

    def test_each_credited_name_links_to_the_author_page(self, client, french_article):
        content = client.get(french_article.get_absolute_url()).content.decode()

        assert '<a href="/authors/mariana-abreu/">Mariana Abreu</a>' in content

    def test_a_credit_note_follows_the_name(self, client):
        article = CreditedArticleFactory(
            language=Language.ENGLISH,
            credits=[(CreditRole.REPORTING, "Anita Komuves"), (CreditRole.EDITING, "Kim Coghill")],
        )
        credit = article.credits.get(role=CreditRole.REPORTING)
        credit.note = "in Budapest"
        credit.save()

        text = page_text(client.get(article.get_absolute_url()))

        assert "Reporting: Anita Komuves in Budapest · Edited by: Kim Coghill" in text

    def test_three_names_in_one_role_are_listed_with_commas_and_a_last_and(self, client):
        article = CreditedArticleFactory(
            language=Language.FRENCH,
            credits=[
                (CreditRole.REPORTING, "Andrew Gray"),
                (CreditRole.REPORTING, "Anita Komuves"),
                (CreditRole.REPORTING, "Kim Coghill"),
            ],
        )

        text = page_text(client.get(article.get_absolute_url()))

        assert "Reportage : Andrew Gray, Anita Komuves et Kim Coghill" in text

    def test_the_page_speaks_the_article_language(self, client, french_article, english_article):
        french = client.get(french_article.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
        english = client.get(english_article.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr")

        assert '<html lang="fr">' in french.content.decode()
        assert french.headers["Content-Language"] == "fr"
        assert '<html lang="en">' in english.content.decode()
        assert english.headers["Content-Language"] == "en"

    def test_month_precision_date_shows_the_month_and_never_a_day(self, client, french_article):
        content = client.get(french_article.get_absolute_url()).content.decode()

        assert '<time datetime="2023-09">septembre 2023</time>' in content
        assert not re.search(rf"\b1(er)? ({MONTH_NAMES_FR.replace(' ', '|')})", content)

    @pytest.mark.parametrize(
        ("language", "expected"), [("fr", "12 mars 2024"), ("en", "March 12, 2024")]
    )
    def test_day_precision_date_is_written_in_the_article_language(
        self, client, language, expected
    ):
        article = ArticleFactory(
            language=language, date=datetime.date(2024, 3, 12), date_precision=DatePrecision.DAY
        )

        content = client.get(article.get_absolute_url()).content.decode()

        assert f'<time datetime="2024-03-12">{expected}</time>' in content

    def test_headline_dateline_and_paragraphs(self, client, french_article):
        content = client.get(french_article.get_absolute_url()).content.decode()

        assert (
            "<h1>Les forces ukrainiennes &quot;gagnent progressivement du terrain&quot;</h1>"
            in content
        )
        assert (
            '<p><span class="dateline">KYIV (Reuters) -</span>'
            " Les troupes ukrainiennes avancent.</p>" in content
        )
        assert "<p>Jens Stoltenberg a condamné les frappes.</p>" in content

    def test_a_dateline_with_a_day_shows_it(self, client):
        article = ArticleFactory(dateline_place="PARIS", dateline_date="7 novembre")

        assert "PARIS, 7 novembre (Reuters) -" in page_text(client.get(article.get_absolute_url()))

    def test_photo_is_shown_with_caption_alt_text_and_credit(self, client, media_root):
        article = ArticleFactory(
            photo_caption="Jens Stoltenberg in Kyiv.",
            photo_alt_text="Jens Stoltenberg at a press conference",
            photo_credit="Reuters/Manon Cruz",
        )
        article.photo.save("stoltenberg.jpg", ContentFile(jpeg_bytes()))

        content = client.get(article.get_absolute_url()).content.decode()

        # A 640-pixel photo is never enlarged: its 960 rendition is 640 wide, without EXIF.
        assert 'alt="Jens Stoltenberg at a press conference"' in content
        assert 'width="640" height="360"' in content
        assert '<source type="image/webp" srcset="/media/renditions/photos/' in content
        assert article.photo.url not in content
        assert "Jens Stoltenberg in Kyiv." in content
        assert "© Reuters/Manon Cruz" in content

    def test_drafts_articles_in_review_and_scheduled_articles_are_not_found(self, client):
        for hidden in (
            ArticleFactory(draft=True),
            ArticleFactory(scheduled=True),
            ArticleFactory(status=ArticleStatus.IN_REVIEW, published_at=None),
        ):
            assert client.get(hidden.get_absolute_url()).status_code == 404

    def test_runs_four_queries_however_many_credits(self, client, django_assert_num_queries):
        few = CreditedArticleFactory(credits=[(CreditRole.REPORTING, "Andrew Gray")])
        many = CreditedArticleFactory()  # five credits

        for article in (few, many):
            # The article, its credits with their authors, its corrections, its translation link.
            with django_assert_num_queries(4):
                client.get(article.get_absolute_url())


@pytest.mark.django_db
class TestArticleMetadata:
    def test_json_ld_is_a_news_article_with_its_properties(self, client, french_article):
        url = french_article.get_absolute_url()
        data = structured_data(client.get(url))

        assert data["@context"] == "https://schema.org"
        assert data["@type"] == "NewsArticle"
        assert data["headline"] == french_article.headline
        assert data["inLanguage"] == "fr"
        assert data["datePublished"] == "2023-09"
        assert data["dateModified"] == french_article.updated_at.isoformat()
        assert data["dateline"] == "KYIV"
        assert data["isAccessibleForFree"] is True
        assert data["mainEntityOfPage"]["@id"] == f"http://testserver{url}"
        assert data["publisher"] == {
            "@type": "Organization",
            "name": site_presentation.publication_name(),
            "url": "http://testserver/",
        }

    def test_json_ld_people_come_from_the_credits_by_role(self, client, french_article):
        data = structured_data(client.get(french_article.get_absolute_url()))

        def names(key):
            return [party["name"] for party in data.get(key, [])]

        assert names("author") == ["Andrew Gray"]
        assert names("translator") == ["Victor Goury-Laffont", "Mariana Abreu"]
        assert names("editor") == ["Kate Entringer"]
        assert data["author"][0] == {
            "@type": "Person",
            "name": "Andrew Gray",
            "url": "http://testserver/authors/andrew-gray/",
        }

    def test_json_ld_additional_reporting_is_a_contributor(self, client):
        article = CreditedArticleFactory(
            credits=[
                (CreditRole.REPORTING, "Andrew Gray"),
                (CreditRole.ADDITIONAL_REPORTING, "Anita Komuves"),
            ]
        )

        data = structured_data(client.get(article.get_absolute_url()))

        assert [party["name"] for party in data["contributor"]] == ["Anita Komuves"]

    def test_json_ld_image_carries_its_credit_and_copyright_holder(self, client, media_root):
        article = CreditedArticleFactory(
            photo_credit="Reuters/Manon Cruz",
            photo_caption="Jens Stoltenberg in Kyiv.",
            credits=[(CreditRole.PHOTO, "Manon Cruz"), (CreditRole.REPORTING, "Andrew Gray")],
        )
        article.photo.save("stoltenberg.jpg", ContentFile(jpeg_bytes()))

        [image] = structured_data(client.get(article.get_absolute_url()))["image"]

        assert image["@type"] == "ImageObject"
        assert image["url"].startswith("http://testserver/media/renditions/photos/")
        assert image["url"].endswith(".1440x0_q82.jpg")
        assert (image["width"], image["height"], image["encodingFormat"]) == (
            640,
            360,
            "image/jpeg",
        )
        assert image["creditText"] == "Reuters/Manon Cruz"
        assert image["copyrightHolder"] == {"@type": "Organization", "name": "Reuters"}
        assert image["creator"][0]["name"] == "Manon Cruz"
        assert image["caption"] == "Jens Stoltenberg in Kyiv."

    def test_json_ld_cannot_close_its_script_element(self, client):
        article = ArticleFactory(headline="A </script><script>alert(1)</script> headline")

        content = client.get(article.get_absolute_url()).content.decode()

        assert "<script>alert(1)" not in content
        assert structured_data(client.get(article.get_absolute_url()))["headline"] == (
            article.headline
        )

    def test_open_graph_twitter_card_and_canonical_link(self, client, english_article):
        url = f"http://testserver{english_article.get_absolute_url()}"
        response = client.get(english_article.get_absolute_url())

        assert f'<link rel="canonical" href="{url}">' in response.content.decode()
        assert meta_content(response, "property", "og:type") == "article"
        assert meta_content(response, "property", "og:title") == english_article.headline
        assert meta_content(response, "property", "og:url") == url
        assert meta_content(response, "property", "og:locale") == "en_US"
        assert meta_content(response, "property", "og:description") == (
            "Ukrainian troops are advancing."
        )
        assert meta_content(response, "property", "article:published_time") == "2024-03-12"
        assert meta_content(response, "property", "article:author") == (
            "http://testserver/authors/andrew-gray/"
        )
        assert meta_content(response, "name", "twitter:card") == "summary"
        assert meta_content(response, "name", "twitter:title") == english_article.headline

    def test_an_article_with_a_photo_gets_a_large_image_card(self, client, media_root):
        article = ArticleFactory()
        article.photo.save("photo.jpg", ContentFile(jpeg_bytes()))

        response = client.get(article.get_absolute_url())

        assert meta_content(response, "name", "twitter:card") == "summary_large_image"
        og_image = meta_content(response, "property", "og:image")
        assert og_image.startswith("http://testserver/media/renditions/photos/")
        assert og_image.endswith(".1200x630_q82_crop-smart.jpg")
        assert meta_content(response, "name", "twitter:image") == og_image
        assert meta_content(response, "property", "og:image:type") == "image/jpeg"


@pytest.mark.django_db
class TestSeedArticlePage:
    def test_the_seed_reads_as_the_wire_gave_it(self, client, seed_path):
        article = importer.import_wire_file(seed_path).article

        response = client.get(article.get_absolute_url())
        text = page_text(response)

        assert FRENCH_CREDITS_LINE in text
        assert "septembre 2023" in text
        assert "KYIV (Reuters) - Les troupes ukrainiennes" in text
        assert text.count("déstabilisantes") == 1
        data = structured_data(response)
        assert data["datePublished"] == "2023-09"
        assert [party["name"] for party in data["translator"]] == [
            "Victor Goury-Laffont",
            "Mariana Abreu",
        ]


@pytest.mark.django_db
class TestAuthorPage:
    def test_lists_the_author_work_grouped_by_role(self, client):
        reported = CreditedArticleFactory(
            headline="Reported story", credits=[(CreditRole.REPORTING, "Kate Entringer")]
        )
        edited = CreditedArticleFactory(
            headline="Edited story",
            credits=[(CreditRole.REPORTING, "Andrew Gray"), (CreditRole.EDITING, "Kate Entringer")],
        )

        text = page_text(client.get("/authors/kate-entringer/", HTTP_ACCEPT_LANGUAGE="en"))

        assert text.index("Reporting") < text.index(reported.headline)
        assert text.index(reported.headline) < text.index("Editing")
        assert text.index("Editing") < text.index(edited.headline)
        assert "2 credits on published articles." in text

    def test_role_headings_follow_the_interface_language(self, client):
        CreditedArticleFactory(credits=[(CreditRole.TRANSLATION, "Mariana Abreu")])

        text = page_text(client.get("/authors/mariana-abreu/", HTTP_ACCEPT_LANGUAGE="fr"))

        assert "Traductions" in text

    def test_leaves_out_unpublished_work(self, client):
        CreditedArticleFactory(
            headline="Published story", credits=[(CreditRole.REPORTING, "Kate Entringer")]
        )
        CreditedArticleFactory(
            headline="Draft story", draft=True, credits=[(CreditRole.EDITING, "Kate Entringer")]
        )
        CreditedArticleFactory(
            headline="Scheduled story",
            scheduled=True,
            credits=[(CreditRole.EDITING, "Kate Entringer")],
        )

        text = page_text(client.get("/authors/kate-entringer/"))

        assert "Published story" in text
        assert "Draft story" not in text and "Scheduled story" not in text

    def test_an_author_credited_only_on_unpublished_work_is_not_found(self, client):
        CreditedArticleFactory(draft=True, credits=[(CreditRole.REPORTING, "Secret Source")])
        CreditedArticleFactory(scheduled=True, credits=[(CreditRole.REPORTING, "Early Bird")])

        assert client.get("/authors/secret-source/").status_code == 404
        assert client.get("/authors/early-bird/").status_code == 404

    def test_an_unknown_author_is_not_found(self, client):
        assert client.get("/authors/nobody/").status_code == 404

    def test_a_malformed_key_gets_a_400(self, client, french_article):
        response = client.get("/authors/andrew-gray/", {"after": "x"}, HTTP_ACCEPT_LANGUAGE="en")

        assert response.status_code == 400
        assert "Older than:" in page_text(response)

    def test_runs_a_constant_number_of_queries(self, client, django_assert_num_queries):
        AuthorFactory(name="Kate Entringer")
        CreditedArticleFactory()
        with django_assert_num_queries(3):  # author, count, page
            client.get("/authors/kate-entringer/")
        CreditedArticleFactory.create_batch(10)
        with django_assert_num_queries(3):
            client.get("/authors/kate-entringer/")


@pytest.mark.django_db
class TestCaching:
    def test_pages_are_publicly_cacheable_for_a_few_minutes(self, client, french_article):
        for url in ("/", french_article.get_absolute_url(), "/authors/andrew-gray/"):
            response = client.get(url)
            assert response.headers["Cache-Control"] == "public, max-age=300", url
            assert response.headers["ETag"], url

    def test_a_matching_etag_gets_304(self, client, french_article):
        for url in ("/", french_article.get_absolute_url(), "/authors/andrew-gray/"):
            etag = client.get(url).headers["ETag"]
            assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304, url

    def test_the_etag_changes_when_the_article_changes(self, client, french_article):
        url = french_article.get_absolute_url()
        etag = client.get(url).headers["ETag"]
        french_article.headline = "Corrected headline"
        french_article.save()

        response = client.get(url, HTTP_IF_NONE_MATCH=etag)

        assert response.status_code == 200
        assert "Corrected headline" in page_text(response)

    def test_the_etag_changes_when_a_credited_author_is_renamed(self, client, french_article):
        url = french_article.get_absolute_url()
        etag = client.get(url).headers["ETag"]
        author = french_article.credits.get(role=CreditRole.EDITING).author
        author.name = "Kate Entringer-Smith"
        author.save()

        assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200

    def test_article_last_modified_answers_if_modified_since(self, client, french_article):
        an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
        Article.objects.filter(pk=french_article.pk).update(
            updated_at=an_hour_ago, published_at=an_hour_ago
        )
        url = french_article.get_absolute_url()
        last_modified = client.get(url).headers["Last-Modified"]

        assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
        french_article.save()  # updated_at moves on to now
        assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 200


@pytest.mark.django_db
class TestErrorPages:
    def test_not_found_is_a_friendly_page(self, client, settings):
        settings.DEBUG = False

        response = client.get("/articles/no-such-article/", HTTP_ACCEPT_LANGUAGE="en")

        assert response.status_code == 404
        assert "<h1>Page not found</h1>" in response.content.decode()
        assert 'href="/">Read the latest articles</a>' in response.content.decode()

    def test_not_found_speaks_french_to_french_readers(self, client, settings):
        settings.DEBUG = False

        response = client.get("/articles/no-such-article/", HTTP_ACCEPT_LANGUAGE="fr")

        assert "rien à cette adresse" in page_text(response)

    def test_server_error_is_a_friendly_page_that_needs_no_context(self, rf, settings):
        settings.DEBUG = False

        response = server_error(rf.get("/"))

        assert response.status_code == 500
        content = response.content.decode()
        assert "<h1>Something went wrong</h1>" in content or "<h1>Une erreur" in content
        assert "Traceback" not in content


@pytest.mark.django_db
class TestRobotsTxt:
    def test_points_crawlers_to_both_sitemaps_and_away_from_private_areas(self, client):
        response = client.get("/robots.txt")

        assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
        lines = response.content.decode().splitlines()
        assert "Sitemap: http://testserver/sitemap.xml" in lines
        assert "Sitemap: http://testserver/sitemap-news.xml" in lines
        assert "Disallow: /admin/" in lines
        assert "Disallow: /preview/" in lines
        assert "Disallow: /search/" in lines


@pytest.mark.django_db
class TestNothingUnpublishedLeaks:
    """Draft and scheduled articles are absent from every public URL, feed and sitemap."""

    PUBLIC_URLS = (
        "/",
        "/?language=fr",
        "/feeds/rss/",
        "/feeds/atom/",
        "/feeds/fr/rss/",
        "/feeds/fr/atom/",
        "/feeds/authors/andrew-gray/rss/",
        "/feeds/authors/andrew-gray/atom/",
        "/sitemap.xml",
        "/sitemap-articles.xml",
        "/sitemap-authors.xml",
        "/sitemap-news.xml",
        "/authors/andrew-gray/",
        "/robots.txt",
    )

    @pytest.mark.parametrize("trait", ["draft", "scheduled"])
    def test_an_unpublished_article_appears_nowhere(self, client, trait):
        CreditedArticleFactory(headline="Published story", language=Language.FRENCH)
        hidden = CreditedArticleFactory(
            headline="Unpublished scoop",
            slug="unpublished-scoop",
            language=Language.FRENCH,
            credits=[(CreditRole.REPORTING, "Andrew Gray"), (CreditRole.EDITING, "Hidden Editor")],
            **{trait: True},
        )

        for url in self.PUBLIC_URLS:
            response = client.get(url)
            assert response.status_code == 200, url
            content = response.content.decode()
            assert "Unpublished scoop" not in content, url
            assert "unpublished-scoop" not in content, url
            assert "hidden-editor" not in content and "Hidden Editor" not in content, url
        for url in (
            hidden.get_absolute_url(),
            "/authors/hidden-editor/",
            "/feeds/authors/hidden-editor/rss/",
            "/feeds/authors/hidden-editor/atom/",
        ):
            assert client.get(url).status_code == 404, url
        # Only the signed preview link opens it.
        assert client.get(preview_url(hidden)).status_code == 200

    def test_a_scheduled_article_appears_once_its_time_has_come(self, client):
        article = CreditedArticleFactory(headline="Scheduled story", scheduled=True)
        assert client.get(article.get_absolute_url()).status_code == 404

        article.published_at = timezone.now() - datetime.timedelta(minutes=1)
        article.save()

        assert client.get(article.get_absolute_url()).status_code == 200
        assert "Scheduled story" in page_text(client.get("/"))

    def test_the_article_url_name_used_by_the_model_resolves(self):
        assert reverse("website:article-detail", kwargs={"slug": "a-slug"}) == "/articles/a-slug/"
