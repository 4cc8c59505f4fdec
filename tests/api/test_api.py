"""The read API v1, as CONTRACT section 4 and docs/api.md describe it to consumers."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.utils import timezone
from django.utils.http import http_date

from articles.models import Article, ArticleCorrection, CreditRole, DatePrecision, Language
from articles.services import renditions, translations
from ingest import importer
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CreditedArticleFactory,
    CreditFactory,
    photo_bytes,
)

pytestmark = pytest.mark.django_db

ARTICLES = "/api/v1/articles/"
AUTHORS = "/api/v1/authors/"
SEED_SLUG = "les-forces-ukrainiennes-gagnent-progressivement-du-terrain-dit-stoltenberg"


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["results"]]


def walk(client, url: str) -> list[str]:
    """Every slug a consumer sees following `next` from `url`."""
    seen = []
    for _ in range(1000):  # a cursor that never advances fails the test, not the run
        if not url:
            return seen
        page = client.get(url).json()
        seen += [item["slug"] for item in page["results"]]
        url = page["next"]
    raise AssertionError(f"the cursor walk never ended: {len(seen)} items seen")


@pytest.fixture
def seed(seed_path) -> Article:
    return importer.import_wire_file(seed_path).article


class TestArticleDetail:
    def test_the_seed_reads_as_the_contract_shows(self, client, seed):
        data = client.get(f"{ARTICLES}{SEED_SLUG}/").json()

        assert data["id"] == seed.pk
        assert data["url"] == f"http://testserver/api/v1/articles/{SEED_SLUG}/"
        assert data["slug"] == SEED_SLUG
        assert data["source_id"] == "000_b7a23fd024b318f7"
        assert data["headline"] == (
            'Les forces ukrainiennes "gagnent progressivement du terrain" dit Stoltenberg'
        )
        assert data["language"] == "fr"
        assert data["date"] == "2023-09"
        assert data["dateline"] == {"place": "KYIV", "source": "Reuters"}
        assert data["photo_credit"] == "Reuters"
        assert data["body"] == seed.body
        assert data["body"].startswith("Les troupes ukrainiennes")
        assert data["credits"] == [
            {
                "role": role,
                "note": "",
                "author": {
                    "name": name,
                    "slug": slug,
                    "url": f"http://testserver/api/v1/authors/{slug}/",
                },
            }
            for role, name, slug in [
                ("photo", "Reuters", "reuters"),
                ("reporting", "Andrew Gray", "andrew-gray"),
                ("translation", "Victor Goury-Laffont", "victor-goury-laffont"),
                ("translation", "Mariana Abreu", "mariana-abreu"),
                ("editing", "Kate Entringer", "kate-entringer"),
            ]
        ]
        updated = datetime.datetime.fromisoformat(data["updated_at"])
        assert data["updated_at"].endswith("Z")
        assert updated == seed.updated_at

    def test_a_dateline_with_a_date_and_no_photo_credit(self, client):
        article = ArticleFactory(dateline_place="PARIS", dateline_date="7 novembre")

        data = client.get(f"{ARTICLES}{article.slug}/").json()

        assert data["dateline"] == {"place": "PARIS", "source": "Reuters", "date": "7 novembre"}
        assert data["photo_credit"] is None

    def test_no_dateline_is_null(self, client):
        article = ArticleFactory(dateline_place="", dateline_source="")

        assert client.get(f"{ARTICLES}{article.slug}/").json()["dateline"] is None

    def test_an_unknown_slug_is_a_json_404(self, client):
        response = client.get(f"{ARTICLES}no-such-article/", headers={"accept-language": "en"})

        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert response.json() == {"detail": "Not found."}

    def test_a_parameter_the_detail_does_not_take_is_refused_by_name(self, client, seed):
        # The list's filters narrow nothing here: saying so beats silently ignoring them.
        response = client.get(f"{ARTICLES}{SEED_SLUG}/?language=en")

        assert response.status_code == 400
        assert response.json() == {
            "language": ["Paramètre inconnu. Cette adresse accepte : format, version."]
        }
        assert client.get(f"{ARTICLES}{SEED_SLUG}/?format=ninjs").status_code == 200


class TestArticleList:
    def test_the_envelope_holds_the_articles_without_their_bodies(self, client, seed):
        data = client.get(ARTICLES).json()

        assert set(data) == {"next", "previous", "results"}
        assert data["next"] is None and data["previous"] is None
        [item] = data["results"]
        detail = client.get(f"{ARTICLES}{SEED_SLUG}/").json()
        assert "body" not in item
        assert item == {key: value for key, value in detail.items() if key != "body"}

    def test_newest_story_first_with_the_newest_id_breaking_ties(self, client):
        older = ArticleFactory(date=datetime.date(2023, 1, 5))
        first_of_day = ArticleFactory(date=datetime.date(2024, 6, 1))
        second_of_day = ArticleFactory(date=datetime.date(2024, 6, 1))

        assert slugs(client.get(ARTICLES)) == [second_of_day.slug, first_of_day.slug, older.slug]

    def test_ordering_by_date_gives_the_oldest_first(self, client):
        newer = ArticleFactory(date=datetime.date(2024, 6, 1))
        older = ArticleFactory(date=datetime.date(2023, 1, 5))

        assert slugs(client.get(f"{ARTICLES}?ordering=date")) == [older.slug, newer.slug]
        assert slugs(client.get(f"{ARTICLES}?ordering=-date")) == [newer.slug, older.slug]


class TestCursorPagination:
    @pytest.fixture
    def articles(self) -> list[Article]:
        # 45 articles over 5 dates: many ties, as month-precision wire copy has.
        return [ArticleFactory(date=datetime.date(2024, 1, 1 + n % 5)) for n in range(45)]

    def test_following_next_shows_every_article_once_in_order(self, client, articles):
        expected = [
            article.slug
            for article in sorted(articles, key=lambda article: (article.date, article.pk))
        ][::-1]

        assert walk(client, f"{ARTICLES}?page_size=20") == expected

    def test_pages_hold_page_size_articles_and_link_both_ways(self, client, articles):
        first = client.get(f"{ARTICLES}?page_size=20").json()
        second = client.get(first["next"]).json()
        back = client.get(second["previous"]).json()

        assert len(first["results"]) == len(second["results"]) == 20
        assert first["previous"] is None
        assert back["results"] == first["results"]
        assert back["previous"] is None

    def test_the_last_page_has_no_next(self, client, articles):
        first = client.get(f"{ARTICLES}?page_size=20").json()
        third = client.get(client.get(first["next"]).json()["next"]).json()

        assert len(third["results"]) == 5
        assert third["next"] is None
        assert third["previous"] is not None

    def test_articles_published_meanwhile_neither_repeat_nor_hide_a_page(self, client, articles):
        first = client.get(f"{ARTICLES}?page_size=20").json()
        ArticleFactory.create_batch(3, date=datetime.date(2025, 1, 1))
        second = client.get(first["next"]).json()

        first_slugs = [item["slug"] for item in first["results"]]
        second_slugs = [item["slug"] for item in second["results"]]
        assert not set(first_slugs) & set(second_slugs)
        assert walk(client, first["next"]) == walk(client, ARTICLES)[23:]

    def test_a_search_pages_by_relevance_through_the_same_cursor(self, client):
        for n in range(7):
            ArticleFactory(headline=f"Harvest report {n}", body="Wheat and barley.")
        ArticleFactory(headline="Unrelated", body="Nothing here.")

        seen = walk(client, f"{ARTICLES}?q=harvest&page_size=3")

        assert len(seen) == len(set(seen)) == 7

    # int() alone would take " 5" and Arabic-Indic digits, which the schema's integer does not.
    @pytest.mark.parametrize("size", ["0", "101", "-3", "ten", "1.5", "%205", "5%0A", "%D9%A3"])
    def test_a_bad_page_size_is_a_400_naming_it(self, client, size):
        response = client.get(f"{ARTICLES}?page_size={size}")

        assert response.status_code == 400
        assert list(response.json()) == ["page_size"]

    def test_empty_page_size_and_cursor_mean_the_first_page_of_20(self, client):
        ArticleFactory.create_batch(21)

        response = client.get(f"{ARTICLES}?page_size=&cursor=")

        assert response.status_code == 200
        assert len(slugs(response)) == 20

    def test_page_size_100_is_allowed(self, client):
        ArticleFactory.create_batch(3)

        assert len(slugs(client.get(f"{ARTICLES}?page_size=100"))) == 3

    @pytest.mark.parametrize(
        "cursor",
        ["garbage", "eyJ2IjpbXSwiYiI6ZmFsc2V9", "eyJ2IjpbIngiLCJ5Il0sImIiOmZhbHNlfQ", "%00"],
        ids=["not base64 json", "no values", "values of the wrong type", "nul"],
    )
    def test_a_forged_cursor_is_a_400_naming_it(self, client, cursor):
        ArticleFactory()

        response = client.get(f"{ARTICLES}?cursor={cursor}")

        assert response.status_code == 400
        assert list(response.json()) == ["cursor"]


class TestFilters:
    def test_language(self, client):
        french = ArticleFactory(language=Language.FRENCH)
        ArticleFactory(language=Language.ENGLISH)

        assert slugs(client.get(f"{ARTICLES}?language=fr")) == [french.slug]

    def test_author_in_any_role(self, client):
        kate = AuthorFactory(name="Kate Entringer")
        edited = CreditFactory(author=kate, role=CreditRole.EDITING).article
        written = CreditFactory(author=kate, role=CreditRole.WRITING).article
        CreditFactory(role=CreditRole.EDITING)

        assert set(slugs(client.get(f"{ARTICLES}?author=kate-entringer"))) == {
            edited.slug,
            written.slug,
        }

    def test_role(self, client):
        translated = CreditFactory(role=CreditRole.TRANSLATION).article
        CreditFactory(role=CreditRole.WRITING)

        assert slugs(client.get(f"{ARTICLES}?role=translation")) == [translated.slug]

    def test_author_and_role_must_meet_in_the_same_credit(self, client):
        kate = AuthorFactory(name="Kate Entringer")
        edited_by_kate = CreditFactory(author=kate, role=CreditRole.EDITING).article
        # Kate wrote this one and someone else edited it: not "what she edited".
        written_by_kate = CreditFactory(author=kate, role=CreditRole.WRITING).article
        CreditFactory(article=written_by_kate, role=CreditRole.EDITING)

        response = client.get(f"{ARTICLES}?author=kate-entringer&role=editing")

        assert slugs(response) == [edited_by_kate.slug]

    def test_an_author_with_two_credits_on_one_article_lists_it_once(self, client):
        andrew = AuthorFactory(name="Andrew Gray")
        article = CreditFactory(author=andrew, role=CreditRole.REPORTING).article
        CreditFactory(article=article, author=andrew, role=CreditRole.WRITING)

        assert slugs(client.get(f"{ARTICLES}?author=andrew-gray")) == [article.slug]

    def test_an_unknown_author_finds_nothing(self, client):
        ArticleFactory()

        assert slugs(client.get(f"{ARTICLES}?author=nobody")) == []

    @pytest.mark.parametrize(
        "query, expected",
        [
            ("date_from=2024", {"day 2024-03-12", "month 2024-03", "day 2025-01-02"}),
            ("date_from=2024-03-13", {"month 2024-03", "day 2025-01-02"}),
            ("date_from=2024-04", {"day 2025-01-02"}),
            ("date_to=2024-03-12", {"day 2023-12-31", "day 2024-03-12", "month 2024-03"}),
            ("date_to=2024-02", {"day 2023-12-31"}),
            ("date_to=2023", {"day 2023-12-31"}),
            ("date_from=2024-03&date_to=2024-03", {"day 2024-03-12", "month 2024-03"}),
            ("date_from=2024-03-20&date_to=2024-03-25", {"month 2024-03"}),
            ("date_from=2024-03-12&date_to=2024-03-12", {"day 2024-03-12", "month 2024-03"}),
        ],
    )
    def test_dates_are_periods_and_a_month_covers_its_days(self, client, query, expected):
        for precision, date in [
            (DatePrecision.DAY, datetime.date(2023, 12, 31)),
            (DatePrecision.DAY, datetime.date(2024, 3, 12)),
            (DatePrecision.MONTH, datetime.date(2024, 3, 1)),
            (DatePrecision.DAY, datetime.date(2025, 1, 2)),
        ]:
            name = "month 2024-03" if precision == DatePrecision.MONTH else f"day {date}"
            ArticleFactory(headline=name, date=date, date_precision=precision)

        response = client.get(f"{ARTICLES}?{query}")

        assert {item["headline"] for item in response.json()["results"]} == expected

    @pytest.mark.parametrize(
        "query, parameter",
        [
            ("language=french", "language"),
            # Surrounding whitespace is not stripped away: the schema's patterns refuse it,
            # and "\n" taken as empty would quietly drop the filter.
            ("language=%0A", "language"),
            ("language=fr%0A", "language"),
            ("language=%20fr", "language"),
            ("date_from=%0A", "date_from"),
            ("date_to=2024%0A", "date_to"),
            ("updated_after=%20", "updated_after"),
            ("updated_after=2026-11-24T14:00:00Z%0A", "updated_after"),
            ("role=cook", "role"),
            ("date_from=yesterday", "date_from"),
            ("date_from=2024-13", "date_from"),
            ("date_from=2023-02-30", "date_from"),
            ("date_to=24-03-12", "date_to"),
            ("date_to=2024/03/12", "date_to"),
            ("date_from=2024-05&date_to=2024-04", "date_to"),
            ("ordering=headline", "ordering"),
            ("q=" + "word " * 60, "q"),
            ("q=%00", "q"),
            ("author=%00", "author"),
        ],
    )
    def test_a_bad_value_is_a_400_naming_the_parameter(self, client, query, parameter):
        ArticleFactory()

        response = client.get(f"{ARTICLES}?{query}")

        assert response.status_code == 400
        assert list(response.json()) == [parameter]
        assert response.json()[parameter][0]

    def test_search_finds_by_headline_body_and_credited_names(self, client):
        by_headline = ArticleFactory(headline="Sweden joins the alliance")
        by_body = ArticleFactory(body="The vote clears the way for Sweden.")
        by_name = CreditFactory(author=AuthorFactory(name="Johan Sweden")).article
        ArticleFactory(headline="Budget talks", body="Nothing about it.")

        assert set(slugs(client.get(f"{ARTICLES}?q=sweden"))) == {
            by_headline.slug,
            by_body.slug,
            by_name.slug,
        }

    def test_search_puts_headline_matches_first(self, client):
        ArticleFactory(headline="Budget talks", body="Sweden is mentioned in passing.")
        in_headline = ArticleFactory(
            headline="Sweden joins the alliance", date=datetime.date(2020, 1, 1)
        )

        assert slugs(client.get(f"{ARTICLES}?q=sweden"))[0] == in_headline.slug

    def test_search_results_carry_a_snippet_and_other_lists_do_not(self, client):
        ArticleFactory(body="The harvest was early this year.")

        [found] = client.get(f"{ARTICLES}?q=harvest").json()["results"]
        [listed] = client.get(ARTICLES).json()["results"]

        assert "harvest" in found["snippet"]
        assert "snippet" not in listed

    def test_a_snippet_is_escaped_html(self, client):
        ArticleFactory(body="A <b onclick=alert(1)>harvest</b> & more.")

        [found] = client.get(f"{ARTICLES}?q=harvest").json()["results"]

        markup = found["snippet"].replace("<mark>", "").replace("</mark>", "")
        assert "<" not in markup and ">" not in markup
        assert "&amp; more" in markup


class TestVisibility:
    """Drafts and scheduled articles do not exist for the API, wherever one looks."""

    @pytest.fixture
    def hidden(self) -> list[Article]:
        return [
            CreditedArticleFactory(
                draft=True,
                headline="Secret draft about harvests",
                credits=[("writing", "Dora Draft")],
            ),
            CreditedArticleFactory(
                scheduled=True,
                headline="Scheduled harvest story",
                credits=[("writing", "Sam Scheduled")],
            ),
        ]

    @pytest.fixture
    def public(self) -> Article:
        return CreditedArticleFactory(
            headline="Public harvest story", credits=[("writing", "Pat Public")]
        )

    def test_not_in_the_list_nor_in_searches_nor_filters(self, client, hidden, public):
        for query in ["", "?q=harvest", "?role=writing", "?language=en", "?date_from=2000"]:
            assert slugs(client.get(f"{ARTICLES}{query}")) == [public.slug], query
        assert slugs(client.get(f"{ARTICLES}?author=dora-draft")) == []

    def test_no_detail(self, client, hidden):
        for article in hidden:
            assert client.get(f"{ARTICLES}{article.slug}/").status_code == 404
            assert client.get(f"{ARTICLES}{article.slug}/?format=ninjs").status_code == 404

    def test_their_only_authors_are_not_listed_and_have_no_page(self, client, hidden, public):
        names = [item["name"] for item in client.get(AUTHORS).json()["results"]]

        assert names == ["Pat Public"]
        assert client.get(f"{AUTHORS}dora-draft/").status_code == 404
        assert client.get(f"{AUTHORS}sam-scheduled/").status_code == 404

    def test_they_count_for_nothing_on_a_shared_author(self, client, hidden, public):
        pat = public.credits.get().author
        CreditFactory(article=hidden[0], author=pat, role=CreditRole.EDITING, position=9)

        [listed] = client.get(AUTHORS).json()["results"]
        detail = client.get(f"{AUTHORS}{pat.slug}/").json()

        assert listed["article_count"] == 1
        assert detail["article_count"] == 1
        assert [credit["article"]["slug"] for credit in detail["credits"]] == [public.slug]

    def test_a_scheduled_article_appears_once_its_time_comes(self, client, hidden):
        scheduled = hidden[1]
        Article.objects.filter(pk=scheduled.pk).update(
            published_at=timezone.now() - datetime.timedelta(seconds=1)
        )

        assert client.get(f"{ARTICLES}{scheduled.slug}/").status_code == 200


class TestAuthors:
    def test_the_list_gives_names_links_and_counts_by_name(self, client, seed):
        CreditedArticleFactory(credits=[("editing", "Kate Entringer")])

        results = client.get(AUTHORS).json()["results"]

        assert [item["name"] for item in results] == [
            "Andrew Gray",
            "Kate Entringer",
            "Mariana Abreu",
            "Reuters",
            "Victor Goury-Laffont",
        ]
        kate = results[1]
        assert kate == {
            "name": "Kate Entringer",
            "slug": "kate-entringer",
            "url": "http://testserver/api/v1/authors/kate-entringer/",
            "article_count": 2,
        }

    def test_an_author_counts_an_article_once_whatever_their_roles_on_it(self, client):
        CreditedArticleFactory(credits=[("reporting", "Andrew Gray"), ("writing", "Andrew Gray")])

        assert client.get(AUTHORS).json()["results"][0]["article_count"] == 1

    def test_the_detail_adds_their_credits_newest_story_first(self, client, seed):
        newer = CreditedArticleFactory(
            date=datetime.date(2024, 3, 12), credits=[("writing", "Kate Entringer")]
        )

        data = client.get(f"{AUTHORS}kate-entringer/").json()

        assert data["name"] == "Kate Entringer"
        assert data["article_count"] == 2
        assert data["credits"] == [
            {
                "role": "writing",
                "note": "",
                "article": {
                    "headline": newer.headline,
                    "slug": newer.slug,
                    "url": f"http://testserver/api/v1/articles/{newer.slug}/",
                    "date": "2024-03-12",
                    "language": "en",
                },
            },
            {
                "role": "editing",
                "note": "",
                "article": {
                    "headline": seed.headline,
                    "slug": SEED_SLUG,
                    "url": f"http://testserver/api/v1/articles/{SEED_SLUG}/",
                    "date": "2023-09",
                    "language": "fr",
                },
            },
        ]

    def test_authors_page_through_the_same_cursor(self, client):
        for n in range(25):
            CreditedArticleFactory(credits=[("writing", f"Writer {n:02d}")])

        names = []
        url = f"{AUTHORS}?page_size=10"
        while url:
            page = client.get(url).json()
            names += [item["name"] for item in page["results"]]
            url = page["next"]

        assert names == [f"Writer {n:02d}" for n in range(25)]


class TestHttpCaching:
    def test_an_unchanged_response_answers_304_to_its_etag(self, client, seed):
        for url in [ARTICLES, f"{ARTICLES}{SEED_SLUG}/", AUTHORS, f"{AUTHORS}reuters/"]:
            first = client.get(url)
            again = client.get(url, headers={"if-none-match": first["ETag"]})

            assert first.status_code == 200 and first["ETag"], url
            assert again.status_code == 304, url
            assert again.content == b""

    def test_a_change_changes_the_etag(self, client, seed):
        before = client.get(f"{ARTICLES}{SEED_SLUG}/")["ETag"]
        seed.headline = "Corrected headline"
        seed.save()

        response = client.get(f"{ARTICLES}{SEED_SLUG}/", headers={"if-none-match": before})

        assert response.status_code == 200
        assert response.json()["headline"] == "Corrected headline"

    def test_last_modified_is_the_latest_change_and_if_modified_since_answers_304(
        self, client, seed
    ):
        response = client.get(f"{ARTICLES}{SEED_SLUG}/")
        latest = max(seed.updated_at, seed.published_at)

        assert response["Last-Modified"] == http_date(latest.timestamp())
        again = client.get(
            f"{ARTICLES}{SEED_SLUG}/", headers={"if-modified-since": response["Last-Modified"]}
        )
        assert again.status_code == 304

    def test_an_author_is_modified_when_a_scheduled_article_of_theirs_comes_out(self, client):
        article = CreditedArticleFactory(credits=[("writing", "Anna Lee")])
        # Scheduled in the past hour by an edit made earlier: published_at is the later.
        Article.objects.filter(pk=article.pk).update(
            updated_at=timezone.now() - datetime.timedelta(hours=2)
        )
        article.refresh_from_db()

        response = client.get(f"{AUTHORS}anna-lee/")

        assert response["Last-Modified"] == http_date(article.published_at.timestamp())

    def test_successes_are_publicly_cacheable_and_errors_are_not(self, client, settings, seed):
        settings.API_CACHE_SECONDS = 120

        ok = client.get(ARTICLES)
        bad = client.get(f"{ARTICLES}?language=French")

        assert ok["Cache-Control"] == "public, max-age=120"
        assert "Cache-Control" not in bad
        assert {"Accept", "Accept-Language"} <= {value.strip() for value in ok["Vary"].split(",")}

    def test_any_origin_may_read_it(self, client, seed):
        response = client.get(ARTICLES, headers={"origin": "https://partner.example"})

        assert response["Access-Control-Allow-Origin"] == "*"
        exposed = {
            name.strip().lower() for name in response["Access-Control-Expose-Headers"].split(",")
        }
        assert {"etag", "last-modified", "retry-after"} <= exposed

    def test_a_browser_script_may_revalidate_with_if_none_match(self, client):
        preflight = client.options(
            ARTICLES,
            headers={
                "origin": "https://partner.example",
                "access-control-request-method": "GET",
                "access-control-request-headers": "if-none-match",
            },
        )

        assert preflight.status_code == 200
        assert "if-none-match" in preflight["Access-Control-Allow-Headers"]


class TestThrottling:
    def test_an_anonymous_client_over_the_rate_gets_429_in_json(self, client, settings, seed):
        settings.API_THROTTLE_RATE = "2/minute"
        cache.clear()

        statuses = [client.get(ARTICLES).status_code for _ in range(3)]
        refused = client.get(ARTICLES)

        assert statuses == [200, 200, 429]
        assert int(refused["Retry-After"]) > 0
        assert "detail" in refused.json()

    def test_a_forged_forwarded_for_header_does_not_reset_the_allowance(
        self, client, settings, seed
    ):
        settings.API_THROTTLE_RATE = "2/minute"
        cache.clear()

        statuses = [
            client.get(ARTICLES, headers={"x-forwarded-for": f"10.0.0.{n}"}).status_code
            for n in range(3)
        ]

        assert statuses == [200, 200, 429]


class TestErrors:
    @pytest.mark.parametrize("path", ["/api/v1/articels/", "/api/", "/api/v2/articles/"])
    def test_an_unknown_url_under_the_api_is_a_json_404(self, client, path):
        response = client.get(path)

        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert "detail" in response.json()

    def test_a_missing_trailing_slash_redirects_to_the_endpoint(self, client):
        response = client.get("/api/v1/articles?language=fr")

        assert response.status_code == 301
        assert response["Location"] == "/api/v1/articles/?language=fr"

    def test_writing_is_refused_in_json(self, client, seed):
        response = client.post(ARTICLES, {"headline": "x"}, content_type="application/json")

        assert response.status_code == 405
        assert "detail" in response.json()

    def test_an_unknown_format_is_a_404_not_a_500(self, client, seed):
        assert client.get(f"{ARTICLES}?format=xml").status_code == 404

    def test_an_empty_format_is_the_default_json(self, client, seed):
        # As a blank form field: the schema says so, and schemathesis holds us to it.
        response = client.get(f"{ARTICLES}?format=")

        assert response.status_code == 200
        assert response.json() == client.get(ARTICLES).json()


def photographed_articles(count: int) -> None:
    """``count`` credited articles, each with a PNG photo and its renditions made."""
    for number in range(count):
        article = CreditedArticleFactory()
        article.photo.save(f"photo{number}.png", ContentFile(photo_bytes("PNG")))
        renditions.make_renditions(article.photo)


class TestQueryCounts:
    """A page costs the same number of queries whether it holds 1 article or 100."""

    @pytest.mark.parametrize("count", [1, 100])
    def test_article_list(self, client, django_assert_num_queries, count):
        for _ in range(count):
            CreditedArticleFactory()

        # The page, its credits with their authors, its corrections, its translation links.
        with django_assert_num_queries(4):
            assert len(slugs(client.get(f"{ARTICLES}?page_size=100"))) == count

    @pytest.mark.parametrize("count", [1, 20])
    def test_article_list_with_photos(self, client, django_assert_num_queries, media_root, count):
        photographed_articles(count)

        # The page, its credits, corrections and translation links, then every photo's
        # renditions at once.
        with django_assert_num_queries(5):
            page = client.get(f"{ARTICLES}?page_size=100").json()["results"]
        assert all(len(item["photo"]["renditions"]) == 8 for item in page)

    @pytest.mark.parametrize("count", [1, 20])
    def test_ninjs_3_list_with_photos(self, client, django_assert_num_queries, media_root, count):
        photographed_articles(count)

        # As for the JSON list: the renditions of the whole page in one query.
        with django_assert_num_queries(5):
            page = client.get(f"{ARTICLES}?format=ninjs&version=3.1&page_size=100").json()
        assert all(len(item["associations"][0]["renditions"]) == 8 for item in page["results"])

    @pytest.mark.parametrize("count", [1, 100])
    def test_article_list_with_corrections_and_translations(
        self, client, django_assert_num_queries, count
    ):
        for _ in range(count):
            french = CreditedArticleFactory(language="fr")
            english = CreditedArticleFactory(language="en")
            ArticleCorrection.objects.create(article=french, text="Corrected.")
            translations.set_translations(french, [english])

        # ... and the groups' published members, once for the whole page.
        with django_assert_num_queries(5):
            assert len(slugs(client.get(f"{ARTICLES}?page_size=100"))) == min(2 * count, 100)

    @pytest.mark.parametrize("count", [1, 100])
    def test_article_search(self, client, django_assert_num_queries, count):
        for _ in range(count):
            CreditedArticleFactory(headline="Harvest news")

        # On PostgreSQL the query is stemmed once per language first, then the matches are
        # counted up to the ranking's bound (a rare word's are listed by id).
        with django_assert_num_queries(6 if connection.vendor == "postgresql" else 4):
            assert len(slugs(client.get(f"{ARTICLES}?q=harvest&page_size=100"))) == count

    def test_article_detail(self, client, django_assert_num_queries, seed):
        with django_assert_num_queries(4):
            client.get(f"{ARTICLES}{SEED_SLUG}/")

    @pytest.mark.parametrize("count", [1, 100])
    def test_author_list_and_detail(self, client, django_assert_num_queries, count):
        for n in range(count):
            CreditedArticleFactory(credits=[("writing", f"Writer {n}"), ("editing", "Kate Editor")])

        with django_assert_num_queries(1):
            client.get(f"{AUTHORS}?page_size=100")
        # The author with their counts, then their credits with the articles.
        with django_assert_num_queries(2):
            assert len(client.get(f"{AUTHORS}kate-editor/").json()["credits"]) == count


class TestHealth:
    def test_healthy_while_the_database_answers(self, client):
        response = client.get("/healthz")

        assert response.status_code == 200
        assert response.json() == {"status": "ok"}
        assert "no-store" in response["Cache-Control"]

    # SQLite's in-memory test database cannot be made unreachable; a server can.
    @pytest.mark.postgres
    @pytest.mark.django_db(transaction=True)
    def test_unavailable_when_the_database_does_not_answer(self, client):
        settings_dict = connection.settings_dict
        saved = dict(settings_dict)
        connection.close()
        settings_dict["PORT"] = "1"  # nothing listens there
        try:
            response = client.get("/healthz")
        finally:
            connection.close()
            settings_dict.update(saved)

        assert response.status_code == 503
        assert response.json()["status"] == "unavailable"


class TestAnyLanguage:
    def test_articles_in_any_language_are_listed_and_filtered_by_their_subtag(self, client):
        german = ArticleFactory(language="de")
        ArticleFactory(language=Language.FRENCH)

        assert slugs(client.get(f"{ARTICLES}?language=de")) == [german.slug]
        assert client.get(f"{ARTICLES}{german.slug}/").json()["language"] == "de"


class TestUnstorableCharacters:
    """PostgreSQL refuses NUL in any text: such input finds nothing, and never reaches it."""

    @pytest.mark.parametrize("endpoint", [ARTICLES, AUTHORS])
    def test_a_nul_in_a_slug_is_not_found(self, client, endpoint):
        response = client.get(f"{endpoint}%00/")
        assert response.status_code == 404
        assert "detail" in response.json()

    @pytest.mark.parametrize("text", ["\x00", "\ud800"])
    def test_a_cursor_holding_nul_or_a_lone_surrogate_is_refused(self, client, text):
        import base64
        import json

        raw = json.dumps({"v": [text, 1], "r": False}, ensure_ascii=True).encode()
        cursor = base64.urlsafe_b64encode(raw).decode()
        response = client.get(AUTHORS, {"cursor": cursor})
        assert response.status_code == 400
