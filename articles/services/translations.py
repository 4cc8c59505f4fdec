"""Linking an article to its versions in other languages, and the importer's proposals.

A translation group is symmetric: every member is a translation of every other, and an
article is in one group at most. A group holds one version per language.
"""

from __future__ import annotations

import functools
import operator
from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import connections, transaction
from django.db.models import Count, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from articles.models import (
    Article,
    Credit,
    CreditRole,
    TranslationGroup,
    TranslationMember,
    TranslationProposal,
)


def translations_of(article: Article) -> list[Article]:
    """Every other member of the article's group, whatever its status: what editors see."""
    if article.pk is None:
        return []
    return list(
        Article.objects.filter(translation_member__group__members__article=article)
        .exclude(pk=article.pk)
        .order_by("language", "pk")
    )


def check_languages(articles: Sequence[Article]) -> None:
    """Refuse a group with two versions in one language, naming them."""
    by_language: dict[str, Article] = {}
    for article in articles:
        other = by_language.setdefault(article.language, article)
        if other.pk != article.pk:
            raise ValidationError(
                _(
                    "“%(first)s” and “%(second)s” are both in %(language)s: a translation"
                    " is in another language."
                ),
                code="same_language_translation",
                params={"first": other, "second": article, "language": article.language},
            )


@transaction.atomic
def set_translations(article: Article, translations: Iterable[Article]) -> None:
    """Make the article's group exactly the article and these translations.

    A translation taken from another group leaves it; one left out leaves this one.
    A group left with a single article is dissolved.
    """
    translations = [other for other in translations if other.pk != article.pk]
    check_languages([article, *translations])
    current = {other.pk for other in translations_of(article)}
    wanted = {other.pk for other in translations}
    if current == wanted:
        return
    concerned = {article.pk, *current, *wanted}
    groups_before = set(
        TranslationMember.objects.filter(article_id__in=concerned).values_list(
            "group_id", flat=True
        )
    )
    TranslationMember.objects.filter(article_id__in=current - wanted).delete()
    if not wanted:
        TranslationMember.objects.filter(article=article).delete()
    else:
        group = _group_of(article) or TranslationGroup.objects.create()
        for pk in {article.pk} | (wanted - current):
            TranslationMember.objects.update_or_create(article_id=pk, defaults={"group": group})
        # A proposal between articles now linked has been answered.
        linked = {article.pk, *wanted}
        TranslationProposal.objects.filter(article_id__in=linked, candidate_id__in=linked).delete()
    _dissolve_lonely_groups(groups_before)


@transaction.atomic
def link_translation(article: Article, translation: Article) -> None:
    """Add the translation (and its own group) to the article's group."""
    joined = {other.pk: other for other in [article, *translations_of(article)]}
    for other in [translation, *translations_of(translation)]:
        joined.setdefault(other.pk, other)
    check_languages(list(joined.values()))
    set_translations(article, [other for other in joined.values() if other.pk != article.pk])


def _group_of(article: Article) -> TranslationGroup | None:
    member = TranslationMember.objects.filter(article=article).select_related("group").first()
    return member.group if member else None


def _dissolve_lonely_groups(group_ids: set[int]) -> None:
    # A group of one links nothing; its last member would still count as linked.
    TranslationGroup.objects.filter(pk__in=group_ids).annotate(size=Count("members")).filter(
        size__lt=2
    ).delete()


@transaction.atomic
def confirm_proposal(proposal: TranslationProposal) -> None:
    """Link the two articles of the proposal, then forget it."""
    link_translation(proposal.article, proposal.candidate)
    proposal.delete()


def proposals_for(article: Article) -> list[TranslationProposal]:
    """The importer's proposals that involve the article, newest first."""
    return list(
        TranslationProposal.objects.filter(
            Q(article=article) | Q(candidate=article)
        ).select_related("article", "candidate")
    )


def propose_translations(articles: Sequence[Article]) -> list[TranslationProposal]:
    """Propose a link between articles that look like one story in two languages.

    The same date at the same precision, the same dateline place, the same reporters,
    and another language: the importer cannot know more, so an editor confirms.
    """
    articles = [article for article in articles if article.pk and article.dateline_place]
    if not articles:
        return []
    candidates = _same_day_and_place(articles)
    reporters = _reporters_of({article.pk for article in [*articles, *candidates]})
    grouped = dict(
        TranslationMember.objects.filter(
            article_id__in={candidate.pk for candidate in candidates}
        ).values_list("article_id", "group_id")
    )
    by_key: dict[tuple, list[tuple]] = defaultdict(list)
    for candidate in candidates:
        by_key[_story_key(candidate)].append(candidate)
    pairs: set[tuple[int, int]] = set()
    for article in articles:
        # Only the articles of the same day and place: comparing every pair of a chunk and
        # its candidates made a large import quadratic.
        for candidate in by_key.get(_story_key(article), ()):
            if _look_like_translations(article, candidate, reporters, grouped):
                pairs.add((min(article.pk, candidate.pk), max(article.pk, candidate.pk)))
    proposals = [
        TranslationProposal(article_id=low, candidate_id=high) for low, high in sorted(pairs)
    ]
    return TranslationProposal.objects.bulk_create(proposals, ignore_conflicts=True)


# Triples of (date, place, language) asked in one query: SQLite refuses an expression
# deeper than 1,000.
KEYS_PER_QUERY = 200


def _story_key(article: Article | tuple) -> tuple:
    return (article.date, article.date_precision, article.dateline_place.upper())


def _same_day_and_place(articles: Sequence[Article]) -> list[tuple]:
    """The articles filed on the same day from the same place as any of `articles`, in
    another language than that one: only those can be its translations.

    As named rows (pk, date, date_precision, dateline_place, language): an import
    reads thousands a chunk, and model instances of them cost more than the query.

    Asked as exact (date, place, language) triples: dates and places asked separately
    would return every article of any of those days from any of those places, most of
    the archive for a chunk of an import spread over years.
    """
    keys = sorted(
        {(article.date, article.dateline_place.upper(), article.language) for article in articles}
    )
    fields = ("pk", "date", "date_precision", "dateline_place", "language")
    if connections[Article.objects.db].vendor == "postgresql":
        # The triples as arrays joined in one query: building and sending an OR of
        # hundreds of them cost an import more than PostgreSQL took to answer it.
        same_day_and_place = RawSQL(
            "SELECT article.id FROM articles_article AS article"
            " JOIN unnest(%s::date[], %s::text[], %s::text[]) AS story (date, place, language)"
            " ON article.date = story.date AND upper(article.dateline_place) = story.place"
            " AND article.language <> story.language",
            tuple(list(column) for column in zip(*keys, strict=True)),
        )
        return list(
            Article.objects.filter(pk__in=same_day_and_place).values_list(*fields, named=True)
        )
    found: list[tuple] = []
    for start in range(0, len(keys), KEYS_PER_QUERY):
        triples = keys[start : start + KEYS_PER_QUERY]
        condition = functools.reduce(
            operator.or_,
            (
                Q(date=date, place_key=place) & ~Q(language=language)
                for date, place, language in triples
            ),
        )
        found += (
            Article.objects.annotate(place_key=Upper("dateline_place"))
            .filter(condition)
            .values_list(*fields, named=True)
        )
    return found


def _reporters_of(article_ids: set[int]) -> dict[int, frozenset[int]]:
    reporters: dict[int, set[int]] = defaultdict(set)
    credits = Credit.objects.filter(article_id__in=article_ids, role=CreditRole.REPORTING)
    for article_id, author_id in credits.values_list("article_id", "author_id"):
        reporters[article_id].add(author_id)
    return {article_id: frozenset(authors) for article_id, authors in reporters.items()}


def _look_like_translations(
    article: Article,
    candidate: tuple,
    reporters: dict[int, frozenset[int]],
    grouped: dict[int, int],
) -> bool:
    already_linked = candidate.pk in grouped and grouped[candidate.pk] == grouped.get(article.pk)
    return (
        candidate.pk != article.pk
        and candidate.language != article.language
        and candidate.date == article.date
        and candidate.date_precision == article.date_precision
        and candidate.dateline_place.upper() == article.dateline_place.upper()
        and bool(reporters.get(article.pk))
        and reporters.get(article.pk) == reporters.get(candidate.pk)
        and not already_linked
    )
