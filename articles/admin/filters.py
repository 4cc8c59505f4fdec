"""The filters of the list of articles: publication state, and credits matched as one."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import ArticleStatus, Author, Credit, CreditRole
from articles.selectors import with_credit


class PublicationFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [
            ("draft", ArticleStatus.DRAFT.label),
            ("in_review", ArticleStatus.IN_REVIEW.label),
            ("scheduled", _("scheduled")),
            ("public", _("published and public")),
            ("withdrawn", ArticleStatus.WITHDRAWN.label),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        match self.value():
            case None:
                return queryset
            case "draft":
                return queryset.filter(status=ArticleStatus.DRAFT)
            case "in_review":
                return queryset.filter(status=ArticleStatus.IN_REVIEW)
            case "scheduled":
                return queryset.filter(status=ArticleStatus.PUBLISHED, published_at__gt=now)
            case "withdrawn":
                return queryset.filter(status=ArticleStatus.WITHDRAWN)
            case "public":
                # The one visibility rule, the same the public site and the API use.
                return queryset.visible(now)
        raise IncorrectLookupParameters(self.value())


class SameCreditFilter(admin.SimpleListFilter):
    """Role and author filters match one credit: "edited by Kate", not "Kate, and an editor"."""

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        role = request.GET.get(CreditRoleFilter.parameter_name)
        if role is not None and role not in CreditRole.values:
            raise IncorrectLookupParameters(role)
        author = request.GET.get(CreditAuthorFilter.parameter_name)
        if author is not None and not author.isdigit():
            raise IncorrectLookupParameters(author)
        return with_credit(
            queryset, role=role, author_id=int(author) if author is not None else None
        )


class CreditRoleFilter(SameCreditFilter):
    title = _("credit role")
    parameter_name = "role"

    def lookups(self, request, model_admin):
        return CreditRole.choices


class CreditAuthorFilter(SameCreditFilter):
    title = _("author")
    parameter_name = "author"

    def lookups(self, request, model_admin):
        credited = Author.objects.filter(Exists(Credit.objects.filter(author=OuterRef("pk"))))
        return [(str(pk), name) for pk, name in credited.values_list("pk", "name")]
