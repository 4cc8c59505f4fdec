"""Search articles: full-text search on PostgreSQL, an accent-insensitive match on SQLite.

PostgreSQL matches the stored ``search_vector`` (migration 0003): each article
is stemmed with its own language's configuration and accents are folded, so
"renforcement" finds "renforcer" and "securite" finds "sécurité". Results come
by rank: a match in the headline weighs more than one in the credits' names,
which weighs more than one in the body. SQLite, for the local run, finds
articles whose headline, body or credited names contain every word of the query,
ignoring case and accents, headline matches first.
"""

from __future__ import annotations

import unicodedata

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connections
from django.db.models import (
    Case,
    Exists,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Cast
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.models import Credit

# The text-search configurations of migration 0003, by article language.
SEARCH_CONFIGURATIONS = {"fr": "newsroom_french", "en": "newsroom_english"}
# Control characters cannot occur in wire copy, so they mark matches safely until the
# snippet is escaped; only then do they become <mark> tags.
MATCH_START, MATCH_STOP = "\x02", "\x03"
SNIPPET_FRAGMENT_DELIMITER = " … "


def fold(text: str) -> str:
    """Lower case without accents: the key the SQLite search compares."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def full_text_query(query: str) -> SearchQuery:
    """The reader's words (web-search syntax: "quotes", or, -not) in each language's terms."""
    french, english = (
        SearchQuery(query, config=config, search_type="websearch")
        for config in SEARCH_CONFIGURATIONS.values()
    )
    # Either language may stem the words its own way; an article matches in its language.
    return french | english


def search_articles(queryset: QuerySet, query: str) -> QuerySet:
    """The articles of `queryset` that match `query`, most relevant first, ties newest first.

    On PostgreSQL each result carries ``search_rank``.
    """
    query = " ".join(query.split())
    if not query:
        return queryset
    if connections[queryset.db].vendor == "postgresql":
        search_query = full_text_query(query)
        return (
            queryset.filter(search_vector=search_query)
            # ts_rank is a float4 whose text form rounds: as a double, the value a
            # cursor carries back compares equal to the stored rank.
            .annotate(search_rank=Cast(SearchRank(F("search_vector"), search_query), FloatField()))
            .order_by("-search_rank", "-date", "-id")
        )
    return _accent_insensitive_search(queryset, query)


def with_snippets(queryset: QuerySet, query: str) -> QuerySet:
    """Annotate ``search_snippet``: the passages of the body that match, on PostgreSQL.

    Render it with ``snippet_html``. On SQLite the snippet is the start of the body.
    """
    query = " ".join(query.split())
    if not query or connections[queryset.db].vendor != "postgresql":
        return queryset.annotate(search_snippet=F("body"))
    return queryset.annotate(
        search_snippet=SearchHeadline(
            "body",
            full_text_query(query),
            config=Func(F("language"), function="articles_search_config"),
            start_sel=MATCH_START,
            stop_sel=MATCH_STOP,
            max_words=35,
            min_words=15,
            max_fragments=2,
            fragment_delimiter=SNIPPET_FRAGMENT_DELIMITER,
        )
    )


def snippet_html(snippet: str, *, max_characters: int = 300) -> SafeString:
    """The snippet as HTML: its text escaped, the matched words in <mark>."""
    if MATCH_START not in snippet and len(snippet) > max_characters:
        snippet = snippet[:max_characters].rsplit(" ", 1)[0] + " …"
    html = escape(snippet).replace(MATCH_START, "<mark>").replace(MATCH_STOP, "</mark>")
    return mark_safe(html)


def _accent_insensitive_search(queryset: QuerySet, query: str) -> QuerySet:
    connection = connections[queryset.db]
    connection.ensure_connection()
    # Registered on each use: cheap, and covers connections opened before this module loaded.
    connection.connection.create_function("newsroom_fold", 1, fold, deterministic=True)

    def folded(field: str) -> Func:
        return Func(F(field), function="newsroom_fold")

    queryset = queryset.annotate(folded_headline=folded("headline"), folded_body=folded("body"))
    in_headline = Q()
    for word in fold(query).split():
        credited = Credit.objects.annotate(folded_name=folded("author__name")).filter(
            article=OuterRef("pk"), folded_name__contains=word
        )
        queryset = queryset.filter(
            Q(folded_headline__contains=word) | Q(folded_body__contains=word) | Exists(credited)
        )
        in_headline &= Q(folded_headline__contains=word)
    return queryset.annotate(
        search_rank=Case(
            When(in_headline, then=Value(1)), default=Value(0), output_field=IntegerField()
        )
    ).order_by("-search_rank", "-date", "-id")
