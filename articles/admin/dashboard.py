"""The desk's dashboard on the admin's index: what is waiting for editors, in one page.

Each panel is a function from the request to a Panel. Other apps add theirs with
``register_panel`` (``articles`` imports none of them): the index shows every registered panel.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext, gettext_lazy

# Panels count as far as the article list does and say "10 000+" beyond: the count costs
# the same at a million articles as at a thousand, and past it tells the desk nothing more.
from articles.admin.pagination import COUNT_BOUND
from articles.agency_updates import AgencyUpdateToReview
from articles.import_failures import ImportFailure
from articles.models import Article, ArticleStatus
from articles.presentation import moment_text, scheduled_time_text
from articles.selectors import count_up_to

ROWS_PER_PANEL = 8
# What the article panels show (the headline, the detail's status and times): never the body
# or the wire text, the heaviest columns.
PANEL_FIELDS = ("headline", "status", "updated_at", "published_at")
# How far back "recently" and "agency updates" look.
RECENT_DAYS = 7


@dataclasses.dataclass(frozen=True)
class Row:
    text: str
    url: str = ""
    detail: str = ""


@dataclasses.dataclass(frozen=True)
class Panel:
    key: str
    title: str
    rows: list[Row]
    count: int
    empty_text: str
    more_url: str = ""

    @property
    def count_text(self) -> str:
        """The count as the desk reads it: "1 234", or "10 000+" past the bound."""
        if self.count > COUNT_BOUND:
            return gettext("%(count)s+") % {
                "count": number_format(COUNT_BOUND, force_grouping=True)
            }
        return number_format(self.count, force_grouping=True)


PanelFunction = Callable[..., Panel | None]
_REGISTERED: list[PanelFunction] = []


def register_panel(panel: PanelFunction) -> PanelFunction:
    """Add a panel to the dashboard (usable as a decorator); it gets the request."""
    if panel not in _REGISTERED:
        _REGISTERED.append(panel)
    return panel


def _change_url(article: Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def _list_url(**parameters: str) -> str:
    query = "&".join(f"{key}={value}" for key, value in parameters.items())
    return f"{reverse('admin:articles_article_changelist')}?{query}"


def bounded_count(queryset) -> int:
    """The panel's count: one past COUNT_BOUND at most, which ``count_text`` shows as "N+"."""
    return count_up_to(queryset, COUNT_BOUND + 1)


def _article_panel(key, title, queryset, detail, empty_text, more_url) -> Panel:
    articles = list(queryset.only(*PANEL_FIELDS)[:ROWS_PER_PANEL])
    return Panel(
        key=key,
        title=str(title),
        rows=[Row(a.headline, _change_url(a), detail(a)) for a in articles],
        count=bounded_count(queryset),
        empty_text=str(empty_text),
        more_url=more_url,
    )


def in_review(request) -> Panel:
    return _article_panel(
        "in-review",
        gettext_lazy("In review"),
        Article.objects.filter(status=ArticleStatus.IN_REVIEW).order_by("-updated_at", "-id"),
        lambda a: gettext("submitted %(time)s") % {"time": moment_text(a.updated_at)},
        gettext_lazy("Nothing waits for review."),
        _list_url(publication="in_review"),
    )


def scheduled(request) -> Panel:
    queryset = Article.objects.filter(
        status=ArticleStatus.PUBLISHED, published_at__gt=timezone.now()
    ).order_by("published_at", "id")
    return _article_panel(
        "scheduled",
        gettext_lazy("Scheduled"),
        queryset,
        lambda a: gettext("scheduled for %(time)s") % {"time": scheduled_time_text(a.published_at)},
        gettext_lazy("No article is scheduled."),
        _list_url(publication="scheduled"),
    )


def recently_changed(request) -> Panel:
    since = timezone.now() - datetime.timedelta(days=RECENT_DAYS)
    return _article_panel(
        "recently-changed",
        gettext_lazy("Recently changed"),
        Article.objects.filter(updated_at__gte=since).order_by("-updated_at", "-id"),
        lambda a: (
            gettext("%(status)s, changed %(time)s")
            % {"status": a.get_status_display(), "time": moment_text(a.updated_at)}
        ),
        gettext_lazy("No article changed in the last seven days."),
        _list_url(o="-7"),
    )


def agency_updates(request) -> Panel:
    """Articles where the agency and the desk changed the same field: the agency's text waits."""
    pending = (
        AgencyUpdateToReview.objects.pending()
        .select_related("article")
        .only("article_id", "created_at", "article__headline")
    )
    rows = [
        Row(
            review.article.headline,
            reverse("admin:articles_article_agency_update", args=[review.article_id]),
            gettext("updated by the agency %(time)s") % {"time": moment_text(review.created_at)},
        )
        for review in pending[:ROWS_PER_PANEL]
    ]
    return Panel(
        key="agency-updates",
        title=gettext("Agency updates to review"),
        rows=rows,
        count=bounded_count(pending),
        empty_text=gettext("No agency update waits for review."),
    )


def withdrawn(request) -> Panel:
    return _article_panel(
        "withdrawn",
        gettext_lazy("Withdrawn"),
        Article.objects.filter(status=ArticleStatus.WITHDRAWN).order_by("-updated_at", "-id"),
        lambda a: gettext("withdrawn %(time)s") % {"time": moment_text(a.updated_at)},
        gettext_lazy("No article is withdrawn."),
        _list_url(publication="withdrawn"),
    )


def failed_imports(request) -> Panel:
    failures = ImportFailure.objects.all()
    return Panel(
        key="failed-imports",
        title=gettext("Failed imports"),
        rows=[
            Row(
                failure.file_name,
                "",
                gettext("%(reason)s — %(time)s, in %(folder)s")
                % {
                    "reason": failure.reason,
                    "time": moment_text(failure.failed_at),
                    "folder": failure.folder,
                },
            )
            for failure in failures[:ROWS_PER_PANEL]
        ],
        count=bounded_count(failures),
        empty_text=gettext("No file failed in the watched folders."),
    )


for _panel in (in_review, scheduled, recently_changed, agency_updates, withdrawn, failed_imports):
    register_panel(_panel)


def panels(request) -> list[Panel]:
    """Every registered panel, for someone who may see articles; none for anyone else."""
    if not request.user.has_perm("articles.view_article"):
        return []
    return [panel for function in _REGISTERED if (panel := function(request)) is not None]
