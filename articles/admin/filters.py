"""The filters of the list of articles: publication state, and credits matched as one."""

from __future__ import annotations

import datetime

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.db.models import Exists, OuterRef
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext
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


def date_drill_down_error(query: QueryDict, field: str) -> str | None:
    """What is wrong with the list's ?<field>__year/month/day, None when it names a period.

    The admin builds the period's bounds itself and only expects a ValueError: a year of
    twenty digits overflows, and the last year's end is past what a date can hold.
    """
    year = query.get(f"{field}__year")
    if year is None:
        return None
    month, day = query.get(f"{field}__month"), query.get(f"{field}__day")
    try:
        start = datetime.date(int(year), int(month or 1), int(day or 1))
        # The period's end, as the admin computes it: it must be a date too.
        if day:
            _end = start + datetime.timedelta(days=1)
        elif month:
            _end = start + datetime.timedelta(days=32)
        else:
            _end = start.replace(year=start.year + 1)
    except (ValueError, OverflowError):
        return gettext("The date in the address is not one the list can show: %(date)s.") % {
            "date": "-".join(part[:10] for part in (year, month, day) if part is not None)
        }
    return None
