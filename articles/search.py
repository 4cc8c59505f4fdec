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

import functools
import operator
import re
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

# The text-search configurations of migrations 0003 and 0004, by article language; every
# other language is searched word for word, accents folded.
SEARCH_CONFIGURATIONS = {
    "ar": "arabic", "ca": "catalan", "da": "danish", "de": "german", "el": "greek",
    "en": "english", "es": "spanish", "eu": "basque", "fi": "finnish", "fr": "french",
    "ga": "irish", "hi": "hindi", "hu": "hungarian", "hy": "armenian", "id": "indonesian",
    "it": "italian", "lt": "lithuanian", "nb": "norwegian", "ne": "nepali", "nl": "dutch",
    "nn": "norwegian", "no": "norwegian", "pt": "portuguese", "ro": "romanian",
    "ru": "russian", "sr": "serbian", "sv": "swedish", "ta": "tamil", "tr": "turkish",
    "yi": "yiddish",
}  # fmt: skip
OTHER_LANGUAGES_CONFIGURATION = "simple"


def search_configuration(language: str) -> str:
    """The PostgreSQL text-search configuration that stems articles in this language."""
    return "newsroom_" + SEARCH_CONFIGURATIONS.get(language, OTHER_LANGUAGES_CONFIGURATION)


# Control characters cannot occur in wire copy, so they mark matches safely until the
# snippet is escaped; only then do they become <mark> tags.
MATCH_START, MATCH_STOP = "\x02", "\x03"
SNIPPET_FRAGMENT_DELIMITER = " … "
# How many matches PostgreSQL ranks: the newest ones (docs/performance.md, "Search").
# Ranking is per row (ts_rank reads each match's vector), so ranking every match of a
# common word costs in proportion to the archive; the newest thousand cost the same
# at any size, and a reader looking for an older story adds a word rather than paging.
SEARCH_CANDIDATES = 1000
# PostgreSQL refuses NUL in any text, and an unpaired surrogate cannot be encoded at all.
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
# Two or more "-" with nothing but spaces and punctuation between them: PostgreSQL stacks one
# NOT per "-" and refuses more than 32 ("tsquery stack too small"). One "-" means the same to
# a reader; "--word" is no real search.
STACKED_NEGATIONS = re.compile(r"-[^\w-]*(?:-[^\w-]*)+")


def fold(text: str) -> str:
    """Lower case without accents: the key the SQLite search compares."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def normalized_query(query: str) -> str:
    """The query as the database can take it: spaces collapsed, no NUL, negations unstacked.

    The one place every search (site, API, admin) goes through, so no text a reader types
    can make the database refuse the query.
    """
    query = UNSTORABLE.sub(" ", query)
    query = STACKED_NEGATIONS.sub(lambda run: "-" + run[0].replace("-", ""), query)
    return " ".join(query.split())


def full_text_query(query: str) -> SearchQuery:
    """The reader's words (web-search syntax: "quotes", or, -not) in each language's terms."""
    configurations = sorted(
        {search_configuration(language) for language in SEARCH_CONFIGURATIONS}
        | {search_configuration("")}
    )
    # Each language may stem the words its own way; an article matches in its language.
    return functools.reduce(
        operator.or_,
        (SearchQuery(query, config=name, search_type="websearch") for name in configurations),
    )


class StemmedQuery(SearchQuery):
    """A query already stemmed by PostgreSQL, given as the text of its ``tsquery``."""

    def __init__(self, tsquery_text: str) -> None:
        super().__init__(tsquery_text, search_type="raw")

    def as_sql(self, compiler, connection, function=None, template=None):
        # A cast, not to_tsquery(): the lexemes are stemmed already and must stay as they are.
        return super().as_sql(compiler, connection, template="%(expressions)s::tsquery")


def stems_by_configuration(query: str, using: str) -> dict[str, str]:
    """The query as each text-search configuration stems it (``tsquery`` text), in one query."""
    names = sorted({search_configuration(language) for language in SEARCH_CONFIGURATIONS})
    names.append(search_configuration(""))
    columns = ", ".join("websearch_to_tsquery(%s::regconfig, %s)::text" for _ in names)
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT {columns}", [value for name in names for value in (name, query)])
        return dict(zip(names, cursor.fetchone(), strict=True))


def matches_in_its_language(query: str, using: str) -> Q:
    """Articles whose vector matches the query as stemmed in the article's own language.

    Matching against every language's query at once would let "-word" pass wherever
    another language stems the word differently from the article's own. Languages that
    stem the query alike share one condition: a name or a number is stemmed the same
    almost everywhere, so a rare word costs one or two index scans, not one per language.
    """
    other_configuration = search_configuration("")
    languages_by_stems: dict[str, set[str]] = {}
    other_languages_stems = ""
    for name, stems in stems_by_configuration(query, using).items():
        if name == other_configuration:
            other_languages_stems = stems
        else:
            languages = {
                code for code in SEARCH_CONFIGURATIONS if search_configuration(code) == name
            }
            languages_by_stems.setdefault(stems, set()).update(languages)
    condition = Q(pk__in=[])
    for stems, languages in sorted(languages_by_stems.items()):
        if not stems:  # Only stop words in this language: nothing can match.
            continue
        if stems == other_languages_stems:
            # The same stems as for unlisted languages: every language except the others.
            others = set(SEARCH_CONFIGURATIONS) - languages
            condition |= Q(~Q(language__in=sorted(others)), search_vector=StemmedQuery(stems))
            other_languages_stems = ""
        else:
            condition |= Q(language__in=sorted(languages), search_vector=StemmedQuery(stems))
    if other_languages_stems:
        condition |= Q(
            ~Q(language__in=list(SEARCH_CONFIGURATIONS)),
            search_vector=StemmedQuery(other_languages_stems),
        )
    return condition


def matching_articles(queryset: QuerySet, query: str) -> QuerySet:
    """Every article of `queryset` that matches `query`, in the queryset's own order.

    No rank is computed: the editors' list keeps its newest-first order and reads it
    from the (date, id) index, at any size of archive.
    """
    query = normalized_query(query)
    if not query:
        return queryset
    if connections[queryset.db].vendor == "postgresql":
        return _known_few_or_dense(
            queryset, queryset.filter(matches_in_its_language(query, queryset.db))
        )
    return _accent_insensitive_search(queryset, query, ranked=False)


def _known_few_or_dense(queryset: QuerySet, matches: QuerySet) -> QuerySet:
    """The matches as a list of ids when they are few, else as the condition itself.

    Asked for the newest matches, PostgreSQL walks the (date, id) index and tests each
    row, which is right for a common word and ruinous for a rare one (9 s for a name in
    200 of a million articles): its estimate of an OR of stemmed queries cannot tell
    them apart. Reading up to SEARCH_CANDIDATES + 1 ids in no order first comes from the
    GIN index; if that is all of them, the list is the answer.
    """
    ids = list(matches.order_by().values_list("pk", flat=True)[: SEARCH_CANDIDATES + 1])
    if len(ids) <= SEARCH_CANDIDATES:
        return queryset.filter(pk__in=ids)
    return matches


def search_articles(
    queryset: QuerySet, query: str, *, candidates: int | None = SEARCH_CANDIDATES
) -> QuerySet:
    """The articles of `queryset` that match `query`, most relevant first, ties newest first.

    On PostgreSQL each result carries ``search_rank``, and only the newest `candidates`
    matches are ranked (None: every match, for the editors' admin and explicit orders).
    """
    query = normalized_query(query)
    if not query:
        return queryset
    if connections[queryset.db].vendor == "postgresql":
        search_query = full_text_query(query)
        matches = matching_articles(queryset, query)
        if candidates is not None:
            # Only the newest matches are ranked below: all of them when they are few
            # (matching_articles lists them), else the newest from the (date, id) index,
            # read until enough match, which is quick because a common word is dense.
            newest = matches.order_by("-date", "-id").values("pk")[:candidates]
            matches = queryset.filter(pk__in=newest)
        return (
            matches
            # ts_rank is a float4 whose text form rounds: as a double, the value a
            # cursor carries back compares equal to the stored rank.
            .annotate(
                search_rank=Cast(SearchRank(F("search_vector"), search_query), FloatField())
            ).order_by("-search_rank", "-date", "-id")
        )
    return _accent_insensitive_search(queryset, query)


def with_snippets(queryset: QuerySet, query: str) -> QuerySet:
    """Annotate ``search_snippet``: the passages of the body that match, on PostgreSQL.

    Render it with ``snippet_html``. On SQLite the snippet is the start of the body.
    """
    query = normalized_query(query)
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


def _accent_insensitive_search(queryset: QuerySet, query: str, *, ranked: bool = True) -> QuerySet:
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
    if not ranked:
        return queryset
    return queryset.annotate(
        search_rank=Case(
            When(in_headline, then=Value(1)), default=Value(0), output_field=IntegerField()
        )
    ).order_by("-search_rank", "-date", "-id")
