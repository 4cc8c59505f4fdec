"""The reads of ``selectors`` for pages built from rows (dictionaries) rather than models.

A list of 100 articles as model instances builds about a thousand objects (articles,
credits, authors) that are read once and thrown away; rows from ``values()`` cost a
fraction of that (docs/performance.md). The rules stay those of ``selectors``: what is
visible, credits in source order, corrections oldest first, visible translations by
language. ``with_related`` adds to each row what ``with_credits`` and
``with_public_facts`` prefetch for models, in as many queries.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import QuerySet
from django.db.models.fields.files import FieldFile

from articles.models import Article, ArticleCorrection, Credit, TranslationMember
from articles.selectors import last_modified_at, visible_articles

# What the API shows of an article, as columns; the list leaves the body out.
ARTICLE_FIELDS = (
    "id", "slug", "source_id", "agency_version", "headline", "language", "date",
    "date_precision", "dateline_place", "dateline_source", "dateline_date", "photo_credit",
    "photo", "photo_caption", "photo_alt_text", "published_at", "updated_at",
)  # fmt: skip
CREDIT_FIELDS = ("article_id", "role", "note", "author__name", "author__slug", "author__kind")


def article_rows(articles: QuerySet[Article], *extra: str) -> QuerySet:
    """The articles as rows of ARTICLE_FIELDS, the ones they are ordered by and ``extra``."""
    ordering = [name.lstrip("-") for name in articles.query.order_by if isinstance(name, str)]
    names = dict.fromkeys((*ARTICLE_FIELDS, *extra, *ordering))
    names.pop("pk", None)  # the primary key is already there, as id
    return articles.values(*names)


def with_related(rows: Sequence[dict[str, Any]]) -> None:
    """Add ``credits``, ``corrections`` and ``translations`` to each row, for all at once.

    Credits with their author's name, slug and kind, in source order; corrections oldest
    first; translations: the other visible members of the row's group, by language.
    """
    if not rows:
        return
    ids = [row["id"] for row in rows]
    for row in rows:
        row["credits"], row["corrections"], row["translations"] = [], [], []
    by_id = {row["id"]: row for row in rows}
    credits = Credit.objects.filter(article_id__in=ids).order_by("article_id", "position", "id")
    for credit in credits.values(*CREDIT_FIELDS):
        by_id[credit["article_id"]]["credits"].append(credit)
    corrections = ArticleCorrection.objects.filter(article_id__in=ids).order_by("at", "id")
    for correction in corrections.values("article_id", "at", "text"):
        by_id[correction["article_id"]]["corrections"].append(correction)
    group_of = dict(
        TranslationMember.objects.filter(article_id__in=ids).values_list("article_id", "group_id")
    )
    if not group_of:
        return
    members: dict[int, list[dict[str, Any]]] = {}
    visible_members = (
        TranslationMember.objects.filter(
            group_id__in=set(group_of.values()), article__in=visible_articles().values("pk")
        )
        .order_by("article__language", "article_id")
        .values("group_id", "article_id", "article__language", "article__slug")
    )
    for member in visible_members:
        members.setdefault(member["group_id"], []).append(member)
    for article_id, group_id in group_of.items():
        by_id[article_id]["translations"] = [
            member for member in members.get(group_id, []) if member["article_id"] != article_id
        ]


def photo_file(name: str) -> FieldFile:
    """The article photo stored under ``name``, as renditions expect it, without its article."""
    field = Article._meta.get_field("photo")
    return field.attr_class(None, field, name)


def latest_modification(rows: Iterable[dict[str, Any]]) -> datetime.datetime | None:
    """The last change among the rows (``selectors.last_modified``), None for none."""
    return max(
        (last_modified_at(row["updated_at"], row["published_at"]) for row in rows), default=None
    )
