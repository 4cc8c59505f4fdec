"""The editorial workflow: who may move an article where, saving without lost updates, merging.

The admin (forms, actions, history views) calls these; they enforce the rules themselves, so a
crafted request that gets past the user interface is still refused here.
"""

from __future__ import annotations

import datetime

import reversion
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Min
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles import history_comments
from articles.models import Article, ArticleStatus, Author, AuthorAlias, Credit
from articles.services import locking, ownership, photos, renditions

# Re-exported: a refused save is part of this module's contract (save_article raises it).
from articles.services.locking import EditConflict as EditConflict

PUBLISH_PERMISSION = "articles.publish_article"

# Where an article may go from each status. Scheduling is "published" with a future time.
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    ArticleStatus.DRAFT: frozenset({ArticleStatus.IN_REVIEW, ArticleStatus.PUBLISHED}),
    ArticleStatus.IN_REVIEW: frozenset({ArticleStatus.DRAFT, ArticleStatus.PUBLISHED}),
    ArticleStatus.PUBLISHED: frozenset({ArticleStatus.DRAFT}),
    # An editor may overrule an agency's withdrawal: reinstate() brings it back.
    ArticleStatus.WITHDRAWN: frozenset({ArticleStatus.DRAFT, ArticleStatus.PUBLISHED}),
}


class TransitionNotAllowed(Exception):
    """The workflow has no such step (e.g. publishing an article twice, scheduling in the past)."""


def can_publish(user) -> bool:
    """Whether the user may publish, schedule and unpublish (the Editors' right)."""
    return user.has_perm(PUBLISH_PERMISSION)


def can_edit(user, article: Article) -> bool:
    """Whether the user may change this article: published work is for those who may publish,
    another contributor's draft for those it is shared with (``ownership``)."""
    if not user.has_perm("articles.change_article"):
        return False
    if article.status == ArticleStatus.PUBLISHED and not can_publish(user):
        return False
    return ownership.may_work_on(user, article)


def can_delete(user, article: Article) -> bool:
    """Whether the user may delete this article: never published work without the right,
    never another contributor's draft unless it is shared with them."""
    if not user.has_perm("articles.delete_article"):
        return False
    if article.status == ArticleStatus.PUBLISHED and not can_publish(user):
        return False
    return ownership.may_work_on(user, article)


def can_restore(user, article: Article, version_status: str) -> bool:
    """Whether the user may put this article back as a version with ``version_status`` saved it."""
    if not can_edit(user, article):
        return False
    try:
        check_transition(user, article.status, version_status)
    except (TransitionNotAllowed, PermissionDenied):
        return False
    return True


def check_transition(user, from_status: str, to_status: str) -> None:
    """Raise unless the workflow allows the step and the user may take it."""
    if from_status == to_status:
        if to_status == ArticleStatus.PUBLISHED and not can_publish(user):
            raise PermissionDenied(_("Only editors can change the publication of an article."))
        return
    if to_status not in ALLOWED_TRANSITIONS.get(from_status, frozenset()):
        raise TransitionNotAllowed(
            _("An article cannot go from “%(from)s” to “%(to)s”.")
            % {
                "from": ArticleStatus(from_status).label,
                "to": ArticleStatus(to_status).label,
            }
        )
    publishing_step = ArticleStatus.PUBLISHED in (from_status, to_status)
    if publishing_step and not can_publish(user):
        raise PermissionDenied(_("Only editors can publish or unpublish an article."))


def _transition(
    article: Article,
    to_status: str,
    *,
    user,
    published_at: datetime.datetime | None,
    comment: str,
) -> Article:
    with transaction.atomic(), reversion.create_revision():
        # The lock makes the check and the write one step, against a concurrent save or action.
        current = Article.objects.select_for_update().get(pk=article.pk)
        ownership.check_may_work_on(user, current)
        check_transition(user, current.status, to_status)
        # A new version: any form opened before this step refuses to save over it.
        locking.bump_versions([article.pk], status=to_status, published_at=published_at)
        article.refresh_from_db()
        reversion.add_to_revision(article)
        reversion.set_user(user)
        reversion.set_comment(comment)
    return article


def submit_for_review(article: Article, *, user) -> Article:
    """Draft → in review: the contributor hands the article to the editors."""
    return _transition(
        article,
        ArticleStatus.IN_REVIEW,
        user=user,
        published_at=article.published_at,
        comment=history_comments.comment("submitted"),
    )


def publish(article: Article, *, user, at: datetime.datetime | None = None) -> Article:
    """Make the article public now (or at ``at``); only editors may."""
    at = at or timezone.now()
    comment = history_comments.comment("published")
    if at > timezone.now():
        comment = history_comments.comment("scheduled", time=at)
    return _transition(
        article, ArticleStatus.PUBLISHED, user=user, published_at=at, comment=comment
    )


def schedule(article: Article, *, user, at: datetime.datetime) -> Article:
    """Publish at a future time: the article stays invisible to the public until then."""
    if at <= timezone.now():
        raise TransitionNotAllowed(_("A scheduled publication time must be in the future."))
    return publish(article, user=user, at=at)


def unpublish(article: Article, *, user) -> Article:
    """Published (or scheduled) → draft: the public no longer sees it."""
    if article.status != ArticleStatus.PUBLISHED:
        raise TransitionNotAllowed(_("Only a published or scheduled article can be unpublished."))
    return _transition(
        article,
        ArticleStatus.DRAFT,
        user=user,
        published_at=None,
        comment=history_comments.comment("unpublished"),
    )


def reinstate(article: Article, *, user) -> Article:
    """Withdrawn → public again at its old publication time (a draft if it never was public)."""
    if article.status != ArticleStatus.WITHDRAWN:
        raise TransitionNotAllowed(_("Only a withdrawn article can be reinstated."))
    if not can_publish(user):
        raise PermissionDenied(_("Only editors can publish or unpublish an article."))
    was_public = article.published_at is not None
    return _transition(
        article,
        ArticleStatus.PUBLISHED if was_public else ArticleStatus.DRAFT,
        user=user,
        published_at=article.published_at,
        comment=history_comments.comment("reinstated"),
    )


def save_article(article: Article, *, user, expected_version: int | None) -> Article:
    """Save an edit made from ``expected_version``; refuse it if anyone saved since.

    The check and the bump are ``locking.claim_version``. Call it inside the transaction that
    also saves the credits, so a refused save leaves the credits untouched too.
    """
    with transaction.atomic():
        if article.pk is not None:
            ownership.check_may_work_on(user, article)
        if article.pk is None or expected_version is None:
            if article.status == ArticleStatus.PUBLISHED:
                check_transition(user, ArticleStatus.DRAFT, ArticleStatus.PUBLISHED)
            _complete_publication_time(article, previous_status=None)
            _prepare_new_photo(article)
            is_new = article.pk is None
            article.save()
            if is_new:
                ownership.record_creator(article, user)
            _make_renditions_after_commit(article)
            return article

        locking.claim_version(article, expected_version)
        previous_status = Article.objects.values_list("status", flat=True).get(pk=article.pk)
        if previous_status == ArticleStatus.PUBLISHED and not can_publish(user):
            raise PermissionDenied(_("Only editors can change a published article."))
        check_transition(user, previous_status, article.status)
        _complete_publication_time(article, previous_status=previous_status)
        _prepare_new_photo(article)
        article.save()
        _make_renditions_after_commit(article)
    return article


def _complete_publication_time(article: Article, *, previous_status: str | None) -> None:
    if article.status == ArticleStatus.PUBLISHED and article.published_at is None:
        article.published_at = timezone.now()
    elif previous_status == ArticleStatus.PUBLISHED and article.status != ArticleStatus.PUBLISHED:
        # An unpublished article keeps no stale publication time that could look scheduled.
        article.published_at = None


def _make_renditions_after_commit(article: Article) -> None:
    # After the commit: a refused save must leave no files behind, and readers never wait.
    if article.photo:
        photo = article.photo
        transaction.on_commit(lambda: renditions.make_renditions(photo))


def _prepare_new_photo(article: Article) -> None:
    # Only a fresh upload is uncommitted; a photo already stored was prepared when it arrived.
    if article.photo and not article.photo._committed:
        article.photo = photos.prepare_photo(article.photo.file)


def renumber_credits(article: Article) -> None:
    """Give the credits positions 0, 1, 2… in their current order, so gaps never accumulate."""
    for position, credit in enumerate(article.credits.order_by("position", "id")):
        if credit.position != position:
            credit.position = position
            # Saved one by one (a handful per article) so that the open revision records them.
            credit.save(update_fields=["position"])


def merge_authors(kept: Author, duplicate: Author, *, user) -> int:
    """Move every credit of ``duplicate`` to ``kept``, delete ``duplicate``; returns credits moved.

    One transaction and one revision: the affected articles' histories record the merge.
    """
    if kept.pk == duplicate.pk:
        raise ValueError("An author cannot be merged into itself.")
    with transaction.atomic(), reversion.create_revision():
        # Lock both so a concurrent merge or credit edit cannot slip in between.
        list(Author.objects.select_for_update().filter(pk__in=[kept.pk, duplicate.pk]))
        article_ids = list(
            Credit.objects.filter(author=duplicate).values_list("article_id", flat=True).distinct()
        )
        moved = Credit.objects.filter(author=duplicate).update(author=kept)
        _remove_duplicate_credits(article_ids, kept)
        locking.bump_versions(article_ids)
        # The merged name is remembered, so that the next import crediting it finds ``kept``.
        duplicate.aliases.update(author=kept)
        AuthorAlias.objects.create(name=duplicate.name, author=kept)
        duplicate.delete()
        for article in Article.objects.filter(pk__in=article_ids):
            reversion.add_to_revision(article)
        reversion.add_to_revision(kept)
        reversion.set_user(user)
        reversion.set_comment(
            history_comments.comment("merged_authors", duplicate=duplicate.name, kept=kept.name)
        )
    return moved


def _remove_duplicate_credits(article_ids: list[int], author: Author) -> None:
    # When both authors were credited for the same role on one article, one credit is enough.
    repeated = (
        Credit.objects.filter(article_id__in=article_ids, author=author)
        .values("article_id", "role", "note")
        .annotate(count=Count("id"), first_id=Min("id"))
        .filter(count__gt=1)
    )
    for group in repeated:
        Credit.objects.filter(
            article_id=group["article_id"], author=author, role=group["role"], note=group["note"]
        ).exclude(id=group["first_id"]).delete()
