"""The query parameters of the article list: what they accept and the queryset they give."""

from __future__ import annotations

import calendar
import datetime
import re

import django_filters
from django import forms
from django.core.validators import RegexValidator
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from articles.models import LANGUAGE_SUBTAG, Article, CreditRole, DatePrecision
from articles.search import SEARCH_CANDIDATES, search_articles
from articles.selectors import last_modified_expression, with_credit

# Each ordering ends on the id: the keyset cursor needs a total order.
ORDERINGS = {
    "-date": ("-date", "-id"),
    "date": ("date", "id"),
    "-published": ("-published_at", "-id"),
    "published": ("published_at", "id"),
    "-updated": ("-changed_at", "-id"),
    "updated": ("changed_at", "id"),
}
PARTIAL_DATE = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?")
MAX_QUERY_LENGTH = 200


class ExactCharField(forms.CharField):
    """Text taken as sent: the schema's patterns admit no surrounding whitespace."""

    # A form strips by default, so "\n" would pass as empty (no filter) and " 2023" as
    # 2023, while the schema, which clients generate code and checks from, refuses both.
    def __init__(self, **kwargs: object) -> None:
        super().__init__(strip=False, **kwargs)


class DatePeriodField(ExactCharField):
    """YYYY, YYYY-MM or YYYY-MM-DD, cleaned to the first and last day of that period."""

    default_error_messages = {
        "invalid": _(
            "Enter a date as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2023, 2023-09, 2023-09-14."
        ),
        "impossible": _("%(value)s is not a date in the calendar."),
    }

    def to_python(self, value: str | None) -> tuple[datetime.date, datetime.date] | None:
        value = super().to_python(value)
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


RFC3339_LEAP_SECOND = re.compile(r"(T\d{2}:\d{2}:)60")


class InstantField(ExactCharField):
    """An RFC 3339 date-time with its offset ("2026-11-24T14:00:00Z"), cleaned to a datetime."""

    default_error_messages = {
        "invalid": _("Enter an RFC 3339 date-time with its offset, e.g. 2026-11-24T14:00:00Z."),
    }

    def to_python(self, value: str | None) -> datetime.datetime | None:
        value = super().to_python(value).upper()
        if not value:
            return None
        # RFC 3339 allows a leap second, which Python's datetime cannot hold.
        value = RFC3339_LEAP_SECOND.sub(r"\g<1>59", value)
        try:
            instant = datetime.datetime.fromisoformat(value)
        except ValueError:
            instant = None
        if instant is None or instant.tzinfo is None or "T" not in value:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return as_utc(instant)


def as_utc(instant: datetime.datetime) -> datetime.datetime:
    """The instant in UTC, clamped to the calendar's first or last moment when beyond it."""
    # PostgreSQL refuses offsets past 15:59 that RFC 3339 allows (up to 23:59); in UTC the
    # instant is the same and any offset works. At the calendar's edges the conversion
    # leaves datetime's range: the bound then lies before or after every article.
    try:
        return instant.astimezone(datetime.UTC)
    except OverflowError:
        edge = datetime.datetime.min if instant.year == datetime.MINYEAR else datetime.datetime.max
        return edge.replace(tzinfo=datetime.UTC)


@extend_schema_field(
    {
        # Empty is allowed: it means no bound, as a blank form field does.
        "anyOf": [{"type": "string", "format": "date-time"}, {"type": "string", "maxLength": 0}],
        "example": "2026-11-24T14:00:00Z",
    }
)
class InstantFilter(django_filters.Filter):
    field_class = InstantField


class ArticleFilterForm(forms.Form):
    def clean(self) -> dict:
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_from[0] > date_to[1]:
            self.add_error("date_to", _("The period ends before date_from begins."))
        return cleaned


def blank_allowed(choice_filter: django_filters.ChoiceFilter) -> django_filters.ChoiceFilter:
    """The filter's schema lists its choices and the empty value, which means no filter."""
    # A form submitted with "any language" sends ?language= : refusing it would break
    # plain HTML forms, so the schema must say that empty is accepted.
    # An override replaces everything drf-spectacular would infer, the help text included.
    values = [value for value, _label in choice_filter.extra["choices"]]
    schema = {
        "type": "string",
        "enum": [*values, ""],
        "description": choice_filter.extra["help_text"],
    }
    return extend_schema_field(schema)(choice_filter)


class ArticleFilter(django_filters.FilterSet):
    language = extend_schema_field(
        {"type": "string", "pattern": "^([a-z]{2,3})?$", "description": "BCP 47 primary subtag"}
    )(
        django_filters.CharFilter(
            method="skip",
            max_length=8,
            strip=False,
            validators=[
                RegexValidator(LANGUAGE_SUBTAG, _("A language code such as fr, en or de."))
            ],
            help_text=_("Only articles in this language (a BCP 47 primary subtag: fr, en, de…)."),
        )
    )
    author = django_filters.CharFilter(
        method="skip",
        max_length=255,
        help_text=_(
            "An author's slug: articles crediting this author. With role, the same credit"
            " must have that role."
        ),
    )
    role = blank_allowed(
        django_filters.ChoiceFilter(
            choices=CreditRole.choices,
            method="skip",
            help_text=_("Articles with a credit in this role (with author: that author's credit)."),
        )
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
    ordering = blank_allowed(
        django_filters.ChoiceFilter(
            choices=[
                ("-date", _("newest story first")),
                ("date", _("oldest story first")),
                ("-published", _("newest publication first")),
                ("published", _("oldest publication first")),
                ("-updated", _("latest change first")),
                ("updated", _("oldest change first")),
            ],
            method="skip",
            help_text=_(
                "By story date (-date, the default, or date), publication time (-published,"
                " published) or last public change (-updated, updated)."
            ),
        )
    )
    updated_after = InstantFilter(
        method="skip",
        help_text=_(
            "Only articles whose public state changed after this instant (RFC 3339, e.g."
            " 2026-11-24T14:00:00Z), oldest change first unless ordering is given."
        ),
    )

    class Meta:
        model = Article
        fields: list[str] = []
        form = ArticleFilterForm

    @staticmethod
    def unfiltered(queryset: QuerySet) -> QuerySet:
        """What no parameter gives: every article, newest story first (no form needed)."""
        return queryset.order_by("-date", "-id")

    def skip(self, queryset: QuerySet, name: str, value: object) -> QuerySet:
        # Every parameter is applied together in filter_queryset: author and role must meet
        # in one credit, and the ordering depends on whether there is a search.
        return queryset

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        values = self.form.cleaned_data
        if values.get("language"):
            queryset = queryset.filter(language=values["language"])
        queryset = with_credit(
            queryset, role=values.get("role") or None, author_slug=values.get("author") or None
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
        ordering = values.get("ordering")
        if values.get("updated_after") or ordering in {"updated", "-updated"}:
            # The one last-modified rule: a scheduled article going live is a change.
            queryset = queryset.annotate(changed_at=last_modified_expression())
        if values.get("updated_after"):
            queryset = queryset.filter(changed_at__gt=values["updated_after"])
        if values.get("q", "").strip():
            # By relevance, the newest matches are ranked; in an order asked for (by date,
            # by update), every match must be there to be ordered.
            every_match = bool(ordering)
            queryset = search_articles(
                queryset, values["q"], candidates=None if every_match else SEARCH_CANDIDATES
            )
        elif values.get("updated_after"):
            # A mirror catching up reads changes in the order they happened.
            queryset = queryset.order_by("changed_at", "id")
        else:
            queryset = self.unfiltered(queryset)
        if ordering:
            queryset = queryset.order_by(*ORDERINGS[ordering])
        return queryset
