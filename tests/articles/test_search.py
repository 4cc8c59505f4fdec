"""Searching articles: stemming, accents, ranking and visibility (website/search.py).

The `postgres` tests pin PostgreSQL's full-text search; the others hold on SQLite
too, where the search is a simpler accent-insensitive match.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Article, Author, Credit
from articles.search import search_articles, snippet_html, with_snippets
from ingest import importer
from tests.factories import ArticleFactory, AuthorFactory, CreditFactory

pytestmark = pytest.mark.django_db

SEED_HEADLINE = 'Les forces ukrainiennes "gagnent progressivement du terrain" dit Stoltenberg'


def headlines_found(query: str) -> list[str]:
    return [article.headline for article in search_articles(Article.objects.visible(), query)]


@pytest.fixture
def seed(seed_path) -> Article:
    return importer.import_wire_file(seed_path).article


@pytest.mark.postgres
@pytest.mark.parametrize(
    "query, word_in_the_seed",
    [
        ("renforcement", "renforcer"),
        ("progressif", "progressivement"),
        ("frappé", "frappes"),
        ("securite", "sécurité"),
        ("Ukrainien", "ukrainiennes"),
        ("entringer", "Kate Entringer, the editor credited"),
    ],
)
def test_french_words_find_the_seed_through_stems_and_without_accents(
    seed, query, word_in_the_seed
):
    assert headlines_found(query) == [SEED_HEADLINE]


@pytest.mark.postgres
def test_words_absent_from_the_seed_find_nothing(seed):
    assert headlines_found("baleine") == []
    assert headlines_found("renforcement -sécurité") == []


@pytest.mark.postgres
def test_english_articles_are_stemmed_as_english():
    ArticleFactory(
        language="en",
        headline="Hungary ratifies Sweden's NATO bid",
        body="Lawmakers agreed on Monday to end months of delay.",
    )

    assert headlines_found("agreeing") == ["Hungary ratifies Sweden's NATO bid"]
    assert headlines_found("delays") == ["Hungary ratifies Sweden's NATO bid"]


@pytest.mark.postgres
def test_a_name_is_found_in_every_language_and_excluded_in_every_language():
    for language, headline in [
        ("fr", "Kowalczyk élu"),
        ("de", "Kowalczyk gewählt"),
        ("sw", "Kowalczyk achaguliwa"),
        ("ja", "Kowalczyk 当選"),
    ]:
        ArticleFactory(language=language, headline=headline, body="Texte.")

    assert len(headlines_found("kowalczyk")) == 4
    assert headlines_found("texte -kowalczyk") == []


@pytest.mark.postgres
def test_a_word_only_one_language_stems_is_found_in_that_language_alone():
    ArticleFactory(language="en", headline="Farmers running out of seed", body="Body.")
    ArticleFactory(language="sw", headline="Running club", body="Body.")

    # English stems "runs" to "run"; in a language without stemming only "running" matches.
    assert headlines_found("runs") == ["Farmers running out of seed"]
    assert sorted(headlines_found("running")) == ["Farmers running out of seed", "Running club"]


@pytest.mark.postgres
def test_a_match_in_the_headline_ranks_above_one_in_the_names_above_one_in_the_body():
    in_body = ArticleFactory(
        headline="Parliament votes on the budget",
        body="Talks on the pipeline went on. The pipeline was discussed. Pipeline costs rose.",
    )
    in_headline = ArticleFactory(headline="Pipeline talks resume", body="Talks resumed.")
    in_names = ArticleFactory(headline="Gas prices", body="Prices rose.")
    CreditFactory(article=in_names, author=AuthorFactory(name="Anna Pipeline"))

    assert headlines_found("pipeline") == [
        in_headline.headline,
        in_names.headline,
        in_body.headline,
    ]


@pytest.mark.postgres
def test_the_search_document_follows_every_kind_of_write():
    article = ArticleFactory(headline="Harvest report", body="Wheat yields fell.")
    author = AuthorFactory(name="Ingrid Lindqvist")
    assert headlines_found("barley") == headlines_found("lindqvist") == []

    Article.objects.filter(pk=article.pk).update(body="Barley yields fell.")
    assert headlines_found("barley") == ["Harvest report"]

    credit = CreditFactory(article=article, author=author)
    assert headlines_found("lindqvist") == ["Harvest report"]

    Author.objects.filter(pk=author.pk).update(name="Ingrid Varga")
    assert headlines_found("lindqvist") == []
    assert headlines_found("varga") == ["Harvest report"]

    Credit.objects.filter(pk=credit.pk).delete()
    assert headlines_found("varga") == []
    assert headlines_found("barley") == ["Harvest report"]


@pytest.mark.postgres
def test_only_the_newest_matches_are_ranked_and_editors_get_every_match():
    older_in_headline = ArticleFactory(
        language="en", headline="Pipeline deal", body="Signed.", date=datetime.date(2001, 1, 1)
    )
    newer_in_body = [
        ArticleFactory(
            language="en",
            headline=f"Energy {day}",
            body="A pipeline.",
            date=datetime.date(2024, 1, day),
        )
        for day in (1, 2, 3)
    ]

    def found(candidates):
        articles = search_articles(Article.objects.visible(), "pipeline", candidates=candidates)
        return list(articles)

    # The reader's search ranks the newest three; the editors' admin ranks them all.
    assert found(3) == newer_in_body[::-1]
    assert found(None) == [older_in_headline, *newer_in_body[::-1]]
    assert found(4) == [older_in_headline, *newer_in_body[::-1]]


@pytest.mark.postgres
def test_the_snippet_marks_the_matching_words_and_escapes_the_text():
    ArticleFactory(
        language="en",
        headline="Markets",
        body="Smith & Sons said 5 < 6. Shares rallied after leaders agreed.",
    )
    found = with_snippets(search_articles(Article.objects.visible(), "agreeing"), "agreeing")

    html = snippet_html(found.get().search_snippet)

    assert "<mark>agreed</mark>" in html
    assert "Smith &amp; Sons said 5 &lt; 6" in html


@pytest.mark.postgres
def test_the_search_vector_is_built_in_the_database_not_by_the_application():
    article = ArticleFactory(headline="Élections régionales", language="fr")

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_vector::text FROM articles_article WHERE id = %s", [article.pk]
        )
        (vector,) = cursor.fetchone()

    assert "'elect':1A" in vector  # stemmed, accent folded
    assert "'regional':2A" in vector


# Portable: these hold on SQLite and on PostgreSQL.


def test_accents_and_case_do_not_matter():
    ArticleFactory(headline="La sécurité alimentaire mondiale", language="fr")

    assert headlines_found("SECURITE") == ["La sécurité alimentaire mondiale"]
    assert headlines_found("sécurité alimentaire") == ["La sécurité alimentaire mondiale"]


def test_credited_names_are_searched():
    article = ArticleFactory(headline="Budget vote", language="en")
    CreditFactory(article=article, author=AuthorFactory(name="Krisztina Than"))

    assert headlines_found("krisztina") == ["Budget vote"]


def test_drafts_and_scheduled_articles_are_never_found():
    ArticleFactory(headline="Ceasefire agreed", language="en")
    ArticleFactory(headline="Ceasefire draft", language="en", draft=True)
    ArticleFactory(headline="Ceasefire embargoed", language="en", scheduled=True)

    assert headlines_found("ceasefire") == ["Ceasefire agreed"]


def test_headline_matches_come_first_then_newest_first():
    ArticleFactory(headline="Wheat", body="Drought hits farms.", date=datetime.date(2024, 5, 1))
    ArticleFactory(headline="Drought deepens", body="Farms.", date=datetime.date(2020, 1, 1))
    ArticleFactory(headline="Rain", body="Drought ends.", date=datetime.date(2023, 1, 1))

    assert headlines_found("drought") == ["Drought deepens", "Wheat", "Rain"]


def test_an_empty_query_leaves_the_list_as_it_was():
    ArticleFactory(headline="Anything")

    assert headlines_found("   ") == ["Anything"]


# Queries made of search operators alone: PostgreSQL stacks one NOT per "-" and refused more
# than 32 of them with "tsquery stack too small", a 500 on the site, the API and the admin.
OPERATOR_QUERIES = [
    "-" * 33,
    "-" * 200,
    "- " * 60,
    "renforcement " + "-" * 40 + "sécurité",
    '-"' * 50,
    "-!-&-|-(-)-<-:" * 10,
]


@pytest.mark.parametrize("query", OPERATOR_QUERIES)
def test_a_query_of_operators_is_searched_on_every_search_of_the_site(seed, editor_client, query):
    searches = [
        "/search/",
        "/api/v1/articles/",
        reverse("admin:articles_article_changelist"),
    ]
    for url in searches:
        assert editor_client.get(url, {"q": query}).status_code == 200, url


@pytest.mark.postgres
def test_many_minus_signs_exclude_the_word_as_one_does(seed):
    assert headlines_found("renforcement " + "-" * 40 + "sécurité") == []
    assert headlines_found("renforcement " + "- " * 40 + "baleine") == [SEED_HEADLINE]


# Runs of the characters the web-search syntax reads as operators, with a word now and then.
operator_runs = st.lists(
    st.tuples(st.sampled_from([*'-"!&|()<: \t', "or", "-or", "le", "a"]), st.integers(1, 40)),
    max_size=8,
).map(lambda runs: "".join(piece * count for piece, count in runs))


@given(query=operator_runs)
@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_run_of_operators_makes_the_database_refuse_a_search(seed, query):
    # Both query builders, as the site's search page uses them together.
    list(with_snippets(search_articles(Article.objects.visible(), query), query))


def test_nul_and_unpaired_surrogates_are_left_out_of_the_search(seed):
    assert headlines_found("Stoltenberg\x00") == [SEED_HEADLINE]
    assert headlines_found("Stoltenberg\ud800") == [SEED_HEADLINE]


class TestSearchPage:
    def test_lists_matching_articles_with_the_matching_passage(self, client):
        ArticleFactory(
            headline="Drought deepens",
            slug="drought-deepens",
            language="en",
            body="Farmers face a severe drought this summer.",
        )
        ArticleFactory(headline="Hidden draft", language="en", body="Drought.", draft=True)

        response = client.get("/search/", {"q": "drought"})

        assert response.status_code == 200
        page = response.content.decode()
        assert 'href="/articles/drought-deepens/"' in page
        assert "Hidden draft" not in page
        assert "drought" in page.lower()

    def test_shows_the_form_alone_without_a_query(self, client):
        response = client.get("/search/")

        assert response.status_code == 200
        assert 'role="search"' in response.content.decode()

    def test_a_malformed_key_is_a_clear_400(self, client):
        response = client.get("/search/", {"q": "drought", "after": "zero"})

        assert response.status_code == 400
        assert 'role="alert"' in response.content.decode()

    def test_the_query_is_escaped_in_the_page(self, client):
        response = client.get("/search/", {"q": "<script>alert(1)</script>"})

        assert response.status_code == 200
        assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.postgres
def test_a_word_in_more_articles_than_are_ranked_still_finds_the_newest_first(monkeypatch):
    monkeypatch.setattr("articles.search.SEARCH_CANDIDATES", 3)
    for day in range(1, 6):
        ArticleFactory(headline=f"Harvest {day}", date=datetime.date(2024, 3, day))
    ArticleFactory(headline="Rare word here", date=datetime.date(2001, 1, 1))

    dense = search_articles(Article.objects.visible(), "harvest", candidates=3)
    rare = search_articles(Article.objects.visible(), "rare", candidates=3)

    # Five matches, three ranked: the newest three, whatever their rank.
    assert sorted(a.headline for a in dense) == ["Harvest 3", "Harvest 4", "Harvest 5"]
    assert [a.headline for a in rare] == ["Rare word here"]


@pytest.mark.postgres
def test_the_search_vector_is_kept_in_the_articles_row_not_moved_out_to_toast():
    # Finding the newest matches tests rows along the date index; a vector moved out to
    # TOAST made each test read three pages instead of one (migration 0015).
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attname, attstorage FROM pg_attribute"
            " WHERE attrelid = 'articles_article'::regclass"
            " AND attname IN ('search_vector', 'body') ORDER BY attname"
        )
        assert cursor.fetchall() == [("body", "x"), ("search_vector", "m")]
