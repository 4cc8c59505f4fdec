"""The workflow steps editors take on a selection of articles from the list."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.models import Article, ArticleStatus
from articles.services import editorial


def run_workflow_step(
    model_admin: admin.ModelAdmin,
    request,
    queryset,
    step: Callable,
    *,
    eligible: Callable[[Article], bool],
    done_message: Callable[[int], str],
) -> None:
    """Take ``step`` on each eligible article; say how many were done, skipped and refused why."""
    done, refused = 0, []
    for article in queryset:
        if not eligible(article):
            continue
        try:
            step(article, user=request.user)
        except (editorial.TransitionNotAllowed, PermissionDenied) as error:
            refused.append(f"{article.headline}: {error}")
        else:
            done += 1
    skipped = queryset.count() - done - len(refused)
    if done:
        model_admin.message_user(request, done_message(done), messages.SUCCESS)
    if skipped:
        model_admin.message_user(
            request,
            ngettext(
                "%(count)d article was left as it was: the step does not apply to it.",
                "%(count)d articles were left as they were: the step does not apply to them.",
                skipped,
            )
            % {"count": skipped},
            messages.WARNING,
        )
    for reason in refused:
        model_admin.message_user(request, reason, messages.ERROR)


@admin.action(description=_("Submit the selected drafts for review"), permissions=["change"])
def submit_for_review_selected(model_admin, request, queryset) -> None:
    run_workflow_step(
        model_admin,
        request,
        queryset,
        editorial.submit_for_review,
        eligible=lambda article: article.status == ArticleStatus.DRAFT,
        done_message=lambda count: (
            ngettext(
                "%(count)d article submitted for review.",
                "%(count)d articles submitted for review.",
                count,
            )
            % {"count": count}
        ),
    )


@admin.action(description=_("Publish the selected articles now"), permissions=["publish"])
def publish_selected(model_admin, request, queryset) -> None:
    run_workflow_step(
        model_admin,
        request,
        queryset,
        editorial.publish,
        eligible=lambda article: not article.is_visible,
        done_message=lambda count: (
            ngettext("%(count)d article published.", "%(count)d articles published.", count)
            % {"count": count}
        ),
    )


@admin.action(description=_("Unpublish the selected articles"), permissions=["publish"])
def unpublish_selected(model_admin, request, queryset) -> None:
    run_workflow_step(
        model_admin,
        request,
        queryset,
        editorial.unpublish,
        eligible=lambda article: article.status == ArticleStatus.PUBLISHED,
        done_message=lambda count: (
            ngettext("%(count)d article unpublished.", "%(count)d articles unpublished.", count)
            % {"count": count}
        ),
    )


@admin.action(description=_("Reinstate the selected withdrawn articles"), permissions=["publish"])
def reinstate_selected(model_admin, request, queryset) -> None:
    run_workflow_step(
        model_admin,
        request,
        queryset,
        editorial.reinstate,
        eligible=lambda article: article.status == ArticleStatus.WITHDRAWN,
        done_message=lambda count: (
            ngettext("%(count)d article reinstated.", "%(count)d articles reinstated.", count)
            % {"count": count}
        ),
    )


WORKFLOW_ACTIONS = [
    submit_for_review_selected,
    publish_selected,
    unpublish_selected,
    reinstate_selected,
]
