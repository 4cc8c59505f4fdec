"""An article's history in the admin: the list of versions, comparing two, restoring, recovering."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from reversion.models import Version

from articles import history, history_comments
from articles.models import Article, ArticleStatus
from articles.services import agency_updates, editorial

# The context key a restore hands the change form: the version number the restore overwrote.
VERSION_BEFORE_RESTORE = "_article_version_before_restore"


def restore_preview(article: Article, version: Version) -> dict:
    """What restoring ``version`` would change in the article as it is, and whether it is public.

    Read before the restore rolls the version into the form: the same compare as the history's.
    """
    current = Article.objects.get(pk=article.pk)
    context = {
        "restore_differences": history.differences(
            history.describe_current(current), history.describe_version(version)
        ),
        "restore_version_time": version.revision.date_created,
        "title": gettext("Restore a version of “%(headline)s”") % {"headline": current.headline},
        "restore_public_warning": "",
    }
    if current.is_visible:
        context["restore_public_warning"] = gettext(
            "This article is public: saving the restored version changes what readers see at "
            "once, on the site, in the API and in the feeds."
        )
    return context


def name_restore_in_history(article: Article, version: Version) -> None:
    """Say in the history which version came back, in the reader's language when read."""
    latest = Version.objects.get_for_object(article).select_related("revision").first()
    if latest is not None and latest.revision_id != version.revision_id:
        latest.revision.comment = history_comments.comment(
            "restored", time=version.revision.date_created
        )
        latest.revision.save(update_fields=["comment"])


class ArticleHistoryViews:
    """The history views of ArticleAdmin (a VersionAdmin), with the desk's rules on restoring."""

    compare_template = "admin/articles/article/compare.html"
    agency_update_template = "admin/articles/article/agency_update.html"
    object_history_template = "admin/articles/article/object_history.html"
    history_latest_first = True

    def get_urls(self):
        compare = path(
            "<path:object_id>/history/compare/",
            self.admin_site.admin_view(self.compare_view),
            name="articles_article_compare",
        )
        agency_update = path(
            "<path:object_id>/agency-update/",
            self.admin_site.admin_view(self.agency_update_view),
            name="articles_article_agency_update",
        )
        return [compare, agency_update, *super().get_urls()]

    def agency_update_context(self, object_id) -> dict:
        """What the change form says of a pending agency update: a link to review it."""
        try:
            update = agency_updates.pending_for(Article(pk=int(object_id)))
        except ValueError:
            return {}
        if update is None:
            return {}
        return {
            "agency_update_fields": [
                agency_updates.field_label(name) for name in agency_updates.field_names(update)
            ],
            "agency_update_url": reverse(
                "admin:articles_article_agency_update", args=[update.article_id]
            ),
        }

    def agency_update_view(self, request, object_id):
        """The agency's text beside the desk's, field by field, and the editor's choice."""
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404(gettext("This article does not exist (any more)."))
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        change_url = reverse("admin:articles_article_change", args=[article.pk])
        update = agency_updates.pending_for(article)
        if update is None:
            self.message_user(request, gettext("This article has no agency update to review."))
            return HttpResponseRedirect(change_url)
        may_resolve = self.has_change_permission(request, article)
        if request.method == "POST":
            if not may_resolve:
                raise PermissionDenied
            accepted = [
                name
                for name in agency_updates.field_names(update)
                if request.POST.get(name) == "agency"
            ]
            agency_updates.resolve(update, accepted=accepted, user=request.user)
            self.message_user(request, gettext("The agency update is marked reviewed."))
            return HttpResponseRedirect(change_url)
        fields = [
            {
                "name": name,
                "label": agency_updates.field_label(name),
                "difference": history.FieldDifference(
                    name,
                    agency_updates.field_label(name),
                    history.word_diff(
                        agency_updates.field_text(name, values["desk"]),
                        agency_updates.field_text(name, values["agency"]),
                    ),
                ),
            }
            for name, values in (
                (name, update.fields[name]) for name in agency_updates.field_names(update)
            )
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": gettext("Agency update of “%(headline)s”") % {"headline": article.headline},
            "update": update,
            "fields": fields,
            "differences": [field["difference"] for field in fields],
            "change_url": change_url,
            "may_resolve": may_resolve,
        }
        return TemplateResponse(request, self.agency_update_template, context)

    def history_view(self, request, object_id, extra_context=None):
        article = self.get_object(request, unquote(object_id))
        versions = []
        if article is not None:
            versions = (
                Version.objects.get_for_object(article)
                .select_related("revision__user")
                .order_by("-revision__date_created", "-pk")
            )
        restorable = set()
        if article is not None:
            restorable = {
                version.pk
                for version in versions
                if editorial.can_restore(request.user, article, version.field_dict["status"])
            }
        refused_reason = ""
        if versions and len(restorable) < len(versions):
            # Not offered what the server would refuse: the reason instead of a dead link.
            refused_reason = gettext(
                "Only editors can restore a published version or change a published article: "
                "versions you may not restore have no link."
            )
        context = {
            "versions": versions,
            "restorable": restorable,
            "restore_refused_reason": refused_reason,
            "compare_url": reverse("admin:articles_article_compare", args=[object_id]),
        }
        return super().history_view(request, object_id, {**context, **(extra_context or {})})

    def compare_view(self, request, object_id):
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404(gettext("This article does not exist (any more)."))
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        history_url = reverse("admin:articles_article_history", args=[article.pk])
        versions = {
            str(version.pk): version
            for version in Version.objects.get_for_object(article).select_related("revision__user")
        }
        chosen = [versions.get(request.GET.get(key, "")) for key in ("from", "to")]
        if None in chosen or chosen[0] == chosen[1]:
            self.message_user(
                request,
                gettext("Choose two different versions of this article to compare."),
                messages.ERROR,
            )
            return HttpResponseRedirect(history_url)
        older, newer = sorted(chosen, key=lambda v: (v.revision.date_created, v.pk))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": gettext("Compare two versions of “%(headline)s”")
            % {"headline": article.headline},
            "older": older,
            "newer": newer,
            "differences": history.compare_versions(older, newer),
            "history_url": history_url,
            "restore_older_url": reverse(
                "admin:articles_article_revision", args=[article.pk, older.pk]
            ),
            "has_change_permission": editorial.can_restore(
                request.user, article, older.field_dict["status"]
            ),
        }
        return TemplateResponse(request, self.compare_template, context)

    def _refuse_restore(self, request, reason: str, redirect_url: str) -> HttpResponseRedirect:
        self.message_user(request, reason, messages.ERROR)
        return HttpResponseRedirect(redirect_url)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        with transaction.atomic():
            article = self.get_object(request, unquote(object_id))
            if article is None:
                raise Http404(gettext("This article does not exist (any more)."))
            version = get_object_or_404(Version.objects.get_for_object(article), pk=version_id)
            history_url = reverse("admin:articles_article_history", args=[article.pk])
            if not self.has_change_permission(request, article):
                return self._refuse_restore(
                    request, gettext("You may not change this article."), history_url
                )
            try:
                # Restoring is a change of status too: a contributor cannot restore a
                # published version, which would publish it.
                editorial.check_transition(
                    request.user, article.status, version.field_dict["status"]
                )
            except (editorial.TransitionNotAllowed, PermissionDenied) as error:
                return self._refuse_restore(request, str(error), history_url)
            # VersionAdmin passes this context on to changeform_view, after the restore.
            context = {
                **(extra_context or {}),
                **restore_preview(article, version),
                VERSION_BEFORE_RESTORE: article.version,
            }
            response = super().revision_view(request, object_id, version_id, context)
            if request.method == "POST" and response.status_code == 302:
                name_restore_in_history(article, version)
            return response

    def recover_view(self, request, version_id, extra_context=None):
        version = get_object_or_404(Version.objects.get_for_model(Article), pk=version_id)
        if version.field_dict.get("status") == ArticleStatus.PUBLISHED and not (
            editorial.can_publish(request.user)
        ):
            return self._refuse_restore(
                request,
                gettext("Only editors can recover a published article."),
                reverse("admin:articles_article_recoverlist"),
            )
        context = dict(extra_context or {})
        published_at = version.field_dict.get("published_at")
        if version.field_dict.get("status") == ArticleStatus.PUBLISHED and published_at:
            context["restore_public_warning"] = gettext(
                "This version is published: recovering it puts the article back on the site, "
                "in the API and in the feeds at once."
            )
        return super().recover_view(request, version_id, context)
