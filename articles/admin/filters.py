"""The filters of the list of articles: publication state, language, credits matched as one."""

from __future__ import annotations

import datetime

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.db.models import Exists, OuterRef
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.agency_updates import AgencyUpdateToReview
from articles.models import ArticleStatus, Author, CreditRole
from articles.presentation import language_name
from articles.selectors import archive_languages, recently_credited_authors, with_credit


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


class LanguageFilter(admin.SimpleListFilter):
    """The languages the archive holds, named in the editor's language."""

    title = _("language")
    parameter_name = "language"

    def lookups(self, request, model_admin):
        codes = archive_languages()
        return sorted(((code, language_name(code)) for code in codes), key=lambda c: c[1])

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        return queryset.filter(language=self.value())


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
    """The authors most credited lately, and the one chosen; any other from the authors' list."""

    title = _("author")
    parameter_name = "author"
    template = "admin/articles/article/author_filter.html"
    # A wire has thousands of authors: a sidebar of every one costs more to render than the
    # whole list, and no editor scrolls it. The authors' list searches them all.
    SHOWN = 15

    def lookups(self, request, model_admin):
        return [(str(author.pk), author.name) for author in recently_credited_authors(self.SHOWN)]

    def choices(self, changelist):
        choices = list(super().choices(changelist))
        chosen = self.value()
        if chosen and chosen.isdigit() and not any(c["selected"] for c in choices[1:]):
            author = Author.objects.filter(pk=int(chosen)).first()
            if author is not None:
                query = changelist.get_query_string({self.parameter_name: chosen})
                choices.append({"selected": True, "query_string": query, "display": author.name})
        return choices


def pending_agency_update():
    """Whether an article has an agency update no editor has reviewed, as an expression."""
    return Exists(AgencyUpdateToReview.objects.pending().filter(article=OuterRef("pk")))


class AgencyUpdateFilter(admin.SimpleListFilter):
    title = _("agency update")
    parameter_name = "agency_update"

    def lookups(self, request, model_admin):
        return [("to_review", _("to review"))]

    def queryset(self, request, queryset):
        if self.value() == "to_review":
            return queryset.filter(pending_agency_update())
        return queryset


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
