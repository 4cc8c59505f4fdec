"""The reads every audience shares: what is visible, who is credited, when it last changed.

The site, the feeds, the sitemaps, the API and the admin all ask the same questions of
the database; each question is answered here once, so that they cannot drift apart.
Visibility itself is ``Article.objects.visible()``: everything here starts from it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from django.db import connections
from django.db.models import (
    Aggregate,
    Case,
    Count,
    Exists,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Greatest
from django.utils import timezone

from articles.models import (
    Article,
    ArticleCorrection,
    ArticleQuerySet,
    ArticleStatus,
    Author,
    Credit,
    CreditRole,
    TranslationMember,
)
from articles.presence import EditingPresence, presence_timeout

# Lists never need the wire text kept for export; it is the heaviest column.
LIST_DEFERRED_FIELDS = ("source_text", "source_hash")
# The order of every list of articles, and its index (``article_date``, and
# ``article_language_date`` after a language): keyset pages are read along it.
NEWEST_FIRST = ("-date", "-id")


def visible_articles(*, for_list: bool = False, with_body: bool = True) -> ArticleQuerySet:
    """The articles the public may see; ``for_list`` leaves out what no list shows.

    ``with_body=False`` also leaves the body out, for lists that show no summary.
    """
    articles = Article.objects.visible()
    if for_list:
        articles = articles.defer(*LIST_DEFERRED_FIELDS, *(() if with_body else ("body",)))
    return articles


def count_up_to(queryset: QuerySet, bound: int) -> int:
    """How many rows the queryset has, counting no further than ``bound``."""
    # COUNT(*) over a LIMITed subquery without its ordering: the database stops reading at
    # the bound, where a plain count reads every row (a million articles, in the admin).
    return queryset.order_by()[:bound].count()


def was_withdrawn(**lookup: object) -> bool:
    """Whether the article so found was public once and is withdrawn now: its URLs say 410.

    One withdrawn before it was ever public is as unknown to the public as a draft (404).
    """
    return _withdrawn_articles(**lookup).exists()


def withdrawn_article(**lookup: object) -> Article | None:
    """The article so found if ``was_withdrawn`` says so, for the tombstones that name it."""
    return _withdrawn_articles(**lookup).first()


def _withdrawn_articles(**lookup: object) -> QuerySet[Article]:
    return Article.objects.filter(
        status=ArticleStatus.WITHDRAWN,
        published_at__isnull=False,
        published_at__lte=timezone.now(),
        **lookup,
    )


def last_modified(article: Article) -> datetime.datetime:
    """When what the public sees of the article last changed.

    Publishing a scheduled article changes what is shown without touching ``updated_at``.
    A correction or a translation link written, changed or removed does touch it: the
    database's triggers do (migration ``0008``), whatever wrote it, so lists, feeds and
    sitemaps that read ``updated_at`` in SQL follow too.
    """
    return last_modified_at(article.updated_at, article.published_at)


def last_modified_at(
    updated_at: datetime.datetime, published_at: datetime.datetime
) -> datetime.datetime:
    """``last_modified`` from the article's two times, for rows read as values."""
    return max(updated_at, published_at)


def latest_modification(articles: Iterable[Article]) -> datetime.datetime | None:
    """The last change among the articles (``last_modified``), None for none."""
    return max((last_modified(article) for article in articles), default=None)


def last_modified_expression(prefix: str = "") -> Greatest:
    """``last_modified`` in SQL, on the article at ``prefix`` (e.g. ``"article__"``)."""
    return Greatest(f"{prefix}updated_at", f"{prefix}published_at")


def latest_visible_modification() -> datetime.datetime | None:
    """The last change among every visible article, in one aggregate."""
    latest = visible_articles().aggregate(latest=Max(last_modified_expression()))
    return latest["latest"]


# What a link to a translation shows: its language, its address, its headline.
TRANSLATION_FIELDS = ("article__slug", "article__language", "article__headline")


def with_public_facts(articles: ArticleQuerySet) -> ArticleQuerySet:
    """Each article's corrections and visible translations, in three queries in all."""
    visible_members = TranslationMember.objects.filter(
        article__in=Article.objects.visible().values("pk")
    ).select_related("article")
    return articles.prefetch_related(
        Prefetch(
            "corrections", queryset=ArticleCorrection.objects.all(), to_attr="correction_list"
        ),
        # The article's own link with its group in one query, then the group's public members.
        Prefetch("translation_member", queryset=TranslationMember.objects.select_related("group")),
        Prefetch(
            "translation_member__group__members",
            queryset=visible_members.only("article_id", "group_id", *TRANSLATION_FIELDS),
            to_attr="visible_members",
        ),
    )


def corrections_of(article: Article) -> list[ArticleCorrection]:
    """The article's corrections, oldest first: prefetched by with_public_facts(), or read now."""
    try:
        return article.correction_list
    except AttributeError:
        return list(article.corrections.all())


def visible_translations_of(article: Article) -> list[Article]:
    """The article's other-language versions the public may see, by language.

    Prefetched by with_public_facts(), or read now; never a draft or a scheduled one.
    """
    try:
        member = article.translation_member
    except TranslationMember.DoesNotExist:
        return []
    members = getattr(member.group, "visible_members", None)
    if members is None:
        translations = list(
            visible_articles()
            .filter(translation_member__group_id=member.group_id)
            .exclude(pk=article.pk)
            .only("slug", "language", "headline")
        )
    else:
        translations = [other.article for other in members if other.article_id != article.pk]
    return sorted(translations, key=lambda translation: (translation.language, translation.pk))


def with_credit(
    articles: QuerySet[Article],
    *,
    role: str | None = None,
    author_id: int | None = None,
    author_slug: str | None = None,
) -> QuerySet[Article]:
    """The articles with ONE credit that has the role and the author given.

    "Edited by Kate", not "Kate, and someone edited": the API's ``author``/``role``
    parameters and the admin's credit filters both mean this. No criterion, no filter.
    """
    credit = {"role": role, "author_id": author_id, "author__slug": author_slug}
    credit = {lookup: value for lookup, value in credit.items() if value is not None}
    if not credit:
        return articles
    return articles.filter(Exists(Credit.objects.filter(article=OuterRef("pk"), **credit)))


def visible_credits() -> QuerySet[Credit]:
    """Credits on visible articles."""
    return Credit.objects.filter(article__in=Article.objects.visible())


def role_order() -> Case:
    """Roles in the order the model declares them: reporting before translation, etc."""
    return Case(
        *(When(role=role, then=Value(index)) for index, role in enumerate(CreditRole.values)),
        output_field=IntegerField(),
    )


def visible_credits_of(author: Author) -> QuerySet[Credit]:
    """An author's public credits with their articles, by role then newest article first."""
    return (
        visible_credits()
        .filter(author=author)
        .select_related("article")
        .defer(*(f"article__{field}" for field in (*LIST_DEFERRED_FIELDS, "body")))
        .annotate(role_rank=role_order())
        # The credit's id last: an author may hold one role twice on an article.
        .order_by("role_rank", "-article__date", "-article__id", "id")
    )


def newest_visible_credits() -> QuerySet[Credit]:
    """Public credits with their articles, newest story first, then in source order."""
    return (
        visible_credits()
        .select_related("article")
        .order_by("-article__date", "-article__id", "position")
    )


def visible_articles_of(author: Author) -> ArticleQuerySet:
    """The visible articles that credit the author, in any role, each once."""
    return visible_articles().filter(credits__author=author).distinct()


def _credits_of_each_author() -> QuerySet[Credit]:
    return visible_credits().filter(author=OuterRef("pk"))


def _over_credits_of_each_author(aggregate: Aggregate) -> Subquery:
    """One aggregate over each author's visible credits, as a correlated subquery.

    Computed for the authors of the page only, not for the whole table.
    """
    credits = _credits_of_each_author().order_by().values("author")
    return Subquery(credits.annotate(value=aggregate).values("value"))


def public_authors() -> QuerySet[Author]:
    """Authors credited on at least one visible article: the others are not public yet."""
    return Author.objects.filter(Exists(_credits_of_each_author()))


def with_article_count(authors: QuerySet[Author]) -> QuerySet[Author]:
    """Annotate ``article_count``: how many visible articles credit each author."""
    return authors.annotate(
        article_count=_over_credits_of_each_author(Count("article", distinct=True))
    )


def with_last_modified(authors: QuerySet[Author]) -> QuerySet[Author]:
    """Annotate ``last_modified``: the last change (``last_modified``) of their visible work."""
    return authors.annotate(
        last_modified=_over_credits_of_each_author(Max(last_modified_expression("article__")))
    )


def reversed_ordering(field: str) -> str:
    """The ordering field the other way round: "-date" for "date" and back."""
    return field[1:] if field.startswith("-") else f"-{field}"


def beyond_key(fields: Sequence[str], values: Sequence) -> Q:
    """Rows strictly past `values` in the order of `fields`: a keyset page's condition.

    A lexicographic comparison, the API's cursor and the site's older/newer links alike.
    """
    condition = Q()
    equal_so_far = Q()
    for field, value in zip(fields, values, strict=True):
        name = field.lstrip("-")
        beyond = Q(**{f"{name}__lt" if field.startswith("-") else f"{name}__gt": value})
        condition |= equal_so_far & beyond
        equal_so_far &= Q(**{name: value})
    # The same bound on the first field alone lets the database read its index as a range.
    first = fields[0].lstrip("-")
    bound = Q(**{f"{first}__lte" if fields[0].startswith("-") else f"{first}__gte": values[0]})
    return bound & condition


def years_of(articles: QuerySet[Article]) -> list[int]:
    """The years in which `articles` has at least one article, oldest first."""
    span = articles.aggregate(first=Min("date"), last=Max("date"))
    if span["first"] is None:
        return []
    connection = connections[articles.db]
    if connection.vendor != "postgresql":
        return [day.year for day in articles.dates("date", "year")]
    # DISTINCT over the year reads every row (3 s at a million); one probe of the (date, id)
    # index per year between the first and the last reads a row or so each.
    listed, parameters = articles.order_by().values("date").query.sql_with_params()
    sql = (
        "SELECT year FROM generate_series(%s, %s) AS year WHERE EXISTS ("
        f"SELECT 1 FROM ({listed}) AS listed WHERE listed.date >= make_date(year, 1, 1)"
        " AND listed.date < make_date(year + 1, 1, 1)) ORDER BY year"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [span["first"].year, span["last"].year, *parameters])
        return [year for (year,) in cursor.fetchall()]


def recently_credited_authors(count: int, *, articles: int = 1000) -> list[Author]:
    """The `count` authors most credited in the newest `articles` articles, by name."""
    # The ids as a list, not a subquery: given a subquery, PostgreSQL reads every credit.
    newest = list(Article.objects.order_by("-date", "-id").values_list("pk", flat=True)[:articles])
    most_credited = (
        Credit.objects.filter(article__in=newest)
        .values("author")
        .annotate(credits=Count("pk"))
        .order_by("-credits", "author")
        .values("author")[:count]
    )
    return list(Author.objects.filter(pk__in=most_credited).order_by("name"))


def archive_languages() -> list[str]:
    """Every language the archive holds, read from the (language, date, id) index."""
    table = Article._meta.db_table
    # A DISTINCT reads every row (a second at a million); this walks the index from one
    # language to the next, a probe per language.
    sql = (
        f"WITH RECURSIVE languages(language) AS (SELECT min(language) FROM {table} UNION ALL "
        f"SELECT (SELECT min(language) FROM {table} WHERE language > languages.language) "
        "FROM languages WHERE languages.language IS NOT NULL) "
        "SELECT language FROM languages WHERE language IS NOT NULL"
    )
    with connections[Article.objects.db].cursor() as cursor:
        cursor.execute(sql)
        return [language for (language,) in cursor.fetchall()]


def others_editing(article: Article, user: object, now: datetime.datetime) -> list[EditingPresence]:
    """The other editors with this article's form open now, longest first."""
    return list(
        EditingPresence.objects.filter(article=article, seen_at__gte=now - presence_timeout())
        .exclude(user=user)
        .select_related("user")
        .order_by("since")
    )
