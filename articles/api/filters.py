"""The query parameters of the article list: what they accept and the queryset they give."""

from __future__ import annotations

import calendar
import datetime
import re

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from articles.models import Article, Credit, CreditRole, DatePrecision, Language
from articles.search import search_articles

PARTIAL_DATE = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?")
MAX_QUERY_LENGTH = 200


class DatePeriodField(forms.CharField):
    """YYYY, YYYY-MM or YYYY-MM-DD, cleaned to the first and last day of that period."""

    default_error_messages = {
        "invalid": _(
            "Enter a date as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2023, 2023-09, 2023-09-14."
        ),
        "impossible": _("%(value)s is not a date in the calendar."),
    }

    def to_python(self, value: str | None) -> tuple[datetime.date, datetime.date] | None:
        value = super().to_python(value).strip()
        if not value:
            return None
        match = PARTIAL_DATE.fullmatch(value)
        if match is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        year = int(match["year"])
        try:
            if match["day"]:
                day = datetime.date(year, int(match["month"]), int(match["day"]))
                return day, day
            if match["month"]:
                month = int(match["month"])
                last_day = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0
                return datetime.date(year, month, 1), datetime.date(year, month, last_day)
            return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        except ValueError:
            raise forms.ValidationError(
                self.error_messages["impossible"], code="impossible", params={"value": value}
            ) from None


@extend_schema_field(
    {
        "type": "string",
        # Empty is allowed: it means no bound, as a blank form field does.
        "pattern": r"^([1-9]\d{3}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?)?$",
        "example": "2023-09",
    }
)
class DatePeriodFilter(django_filters.Filter):
    field_class = DatePeriodField


class ArticleFilterForm(forms.Form):
    def clean(self) -> dict:
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_from[0] > date_to[1]:
            self.add_error("date_to", _("The period ends before date_from begins."))
        return cleaned


class ArticleFilter(django_filters.FilterSet):
    language = django_filters.ChoiceFilter(
        choices=Language.choices, method="skip", help_text=_("Only articles in this language.")
    )
    author = django_filters.CharFilter(
        method="skip",
        max_length=255,
        help_text=_(
            "An author's slug: articles crediting this author. With role, the same credit"
            " must have that role."
        ),
    )
    role = django_filters.ChoiceFilter(
        choices=CreditRole.choices,
        method="skip",
        help_text=_("Articles with a credit in this role (with author: that author's credit)."),
    )
    date_from = DatePeriodFilter(
        method="skip",
        help_text=_(
            "Stories dated on or after this period: YYYY, YYYY-MM or YYYY-MM-DD. A story dated"
            " only by its month counts as every day of that month."
        ),
    )
    date_to = DatePeriodFilter(
        method="skip",
        help_text=_("Stories dated on or before this period: YYYY, YYYY-MM or YYYY-MM-DD."),
    )
    q = django_filters.CharFilter(
        method="skip",
        max_length=MAX_QUERY_LENGTH,
        help_text=_(
            "Search words; on PostgreSQL also quoted phrases, OR and -word. Results come most"
            " relevant first, ties newest first, unless ordering is given."
        ),
    )
    ordering = django_filters.ChoiceFilter(
        choices=[("-date", _("newest first")), ("date", _("oldest first"))],
        method="skip",
        help_text=_("By story date: -date (the default) or date."),
    )

    class Meta:
        model = Article
        fields: list[str] = []
        form = ArticleFilterForm

    def skip(self, queryset: QuerySet, name: str, value: object) -> QuerySet:
        # Every parameter is applied together in filter_queryset: author and role must meet
        # in one credit, and the ordering depends on whether there is a search.
        return queryset

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        values = self.form.cleaned_data
        if values.get("language"):
            queryset = queryset.filter(language=values["language"])
        credit = {}
        if values.get("author"):
            credit["author__slug"] = values["author"]
        if values.get("role"):
            credit["role"] = values["role"]
        if credit:
            # One subquery on one credit: "edited by Kate", not "Kate, and someone edited".
            queryset = queryset.filter(
                Exists(Credit.objects.filter(article=OuterRef("pk"), **credit))
            )
        if values.get("date_from"):
            start = values["date_from"][0]
            # A month-precision story covers its whole month: it starts on or after the
            # period, or it is dated by the month that holds the period's first day.
            queryset = queryset.filter(
                Q(date__gte=start)
                | Q(date_precision=DatePrecision.MONTH, date=start.replace(day=1))
            )
        if values.get("date_to"):
            queryset = queryset.filter(date__lte=values["date_to"][1])
        if values.get("q", "").strip():
            queryset = search_articles(queryset, values["q"])
        else:
            queryset = queryset.order_by("-date", "-id")
        if values.get("ordering"):
            queryset = queryset.order_by(
                values["ordering"], values["ordering"].replace("date", "id")
            )
        return queryset
