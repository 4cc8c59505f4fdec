"""Contributors own their drafts: who may work on an article, and sharing it with others.

Editors may work on every article. A contributor works on the articles they created at
the desk and those shared with them; an article nobody created here (wire copy) belongs
to the whole desk. ``editorial.can_edit`` and ``can_delete`` add this rule to the workflow's.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from articles.models import Article, ArticleOwnership

EDIT_ALL_PERMISSION = "articles.publish_article"
NOT_YOURS = _("This article belongs to another contributor: ask them to share it with you.")


def owner_id(article: Article) -> int | None:
    """The id of the user who created the article at the desk, None for the desk's own."""
    try:
        return article.ownership.created_by_id
    except ObjectDoesNotExist:
        return None


def may_work_on(user, article: Article) -> bool:
    """Whether the user may edit (and, a draft, delete) the article as far as ownership goes."""
    if user.has_perm(EDIT_ALL_PERMISSION) or article.pk is None:
        return True
    owner = owner_id(article)
    if owner is None or owner == user.pk:
        return True
    # .all() so that a prefetch of ownership__shared_with (the admin's list) is used.
    return any(shared.pk == user.pk for shared in article.ownership.shared_with.all())


def check_may_work_on(user, article: Article) -> None:
    if not may_work_on(user, article):
        raise PermissionDenied(NOT_YOURS)


def may_share(user, article: Article) -> bool:
    """The owner and editors choose whom an owned article is shared with."""
    owner = owner_id(article)
    return owner is not None and (owner == user.pk or user.has_perm(EDIT_ALL_PERMISSION))


def record_creator(article: Article, user) -> None:
    """The user who created the article at the desk owns it."""
    if user is not None and user.pk is not None:
        ArticleOwnership.objects.get_or_create(article=article, defaults={"created_by": user})


def share(article: Article, users: Iterable, *, user) -> None:
    """Share the article with exactly these users (none: with nobody)."""
    if not may_share(user, article):
        raise PermissionDenied(_("Only the article's owner and editors can share it."))
    article.ownership.shared_with.set(users)


def sharing_candidates(article: Article) -> QuerySet:
    """Whom an article may be shared with: active staff, its owner apart."""
    users = get_user_model().objects.filter(is_active=True, is_staff=True)
    return users.exclude(pk=owner_id(article)).order_by("username")
