"""The articles list's date drill-down: a month-only date is shown as its month, never a day."""

from __future__ import annotations

import datetime
from urllib.parse import parse_qsl, urlencode

from django import template
from django.contrib.admin.templatetags.admin_list import date_hierarchy
from django.db.models import Max, Min
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext

from articles.history_comments import render_comment
from articles.models import DatePrecision
from articles.presentation import date_text
from articles.selectors import years_of

register = template.Library()

PRECISION = "date_precision"


def _without_precision(link: str) -> str:
    # Django's own links keep every other parameter: leaving the month drops our precision filter.
    pairs = [(key, value) for key, value in parse_qsl(link.lstrip("?")) if key != PRECISION]
    return f"?{urlencode(pairs)}"


def _month_shown(cl) -> tuple[int, int] | None:
    """The (year, month) whose days the drill-down lists, as Django picks it, or None."""
    params = cl.params
    if params.get("date__day"):
        return None
    year, month = params.get("date__year"), params.get("date__month")
    if not (year or month):
        # Django starts at the month when every listed article falls in one month.
        span = cl.queryset.aggregate(first=Min("date"), last=Max("date"))
        first, last = span["first"], span["last"]
        if first and last and (first.year, first.month) == (last.year, last.month):
            year, month = first.year, first.month
    if not (year and month):
        return None
    try:
        return int(year), int(month)
    except ValueError:
        return None


def _lists_years(cl) -> bool:
    """Whether Django's drill-down would list years: no date chosen, more than one year."""
    if any(cl.params.get(f"date__{part}") for part in ("year", "month", "day")):
        return False
    span = cl.queryset.aggregate(first=Min("date"), last=Max("date"))
    return bool(span["first"]) and span["first"].year != span["last"].year


def _years(cl) -> dict:
    # Django's list of years reads the whole archive; this one probes the index by year.
    return {
        "show": True,
        "back": None,
        "choices": [
            {
                "link": _without_precision(cl.get_query_string({"date__year": year}, ["date__"])),
                "title": str(year),
            }
            for year in years_of(cl.queryset)
        ],
    }


@register.inclusion_tag("admin/date_hierarchy.html")
def article_date_hierarchy(cl) -> dict:
    """Django's drill-down, but a month's month-only articles under the month, not "1 month"."""
    if _lists_years(cl):
        return _years(cl)
    context = date_hierarchy(cl)
    if not context:
        return context
    for choice in [context.get("back") or {}, *context["choices"]]:
        if choice.get("link"):
            choice["link"] = _without_precision(choice["link"])
    shown = _month_shown(cl)
    if shown is None:
        return context
    year, month = shown
    where = {"date__year": year, "date__month": month}
    choices = []
    if cl.queryset.filter(date_precision=DatePrecision.MONTH).exists():
        title = capfirst(date_text(datetime.date(year, month, 1), DatePrecision.MONTH))
        choices.append(
            {
                "link": cl.get_query_string({**where, PRECISION: DatePrecision.MONTH}, ["date__"]),
                "title": gettext("%(month)s (month only)") % {"month": title},
            }
        )
    days = cl.queryset.filter(date_precision=DatePrecision.DAY).dates("date", "day")
    choices.extend(
        {
            "link": cl.get_query_string(
                {**where, "date__day": day.day, PRECISION: DatePrecision.DAY}, ["date__"]
            ),
            "title": capfirst(date_format(day, "MONTH_DAY_FORMAT")),
        }
        for day in days
    )
    context["choices"] = choices
    return context


@register.filter
def history_comment(revision) -> str:
    """A revision's comment in the viewer's language (see articles.history_comments)."""
    return render_comment(revision.comment)


@register.simple_tag(takes_context=True)
def desk_dashboard(context) -> list:
    """The dashboard's panels for the request's user."""
    # Imported here: the admin package registers the models, which a template tag must not do
    # at import time of the tag library.
    from articles.admin.dashboard import panels

    return panels(context["request"])
