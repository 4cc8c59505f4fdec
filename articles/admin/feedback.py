"""What the admin tells editors: page titles in French, why a page is read-only, when an article
goes out, and history comments stored in no language so that each editor reads their own."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from reversion import is_active, set_comment

from articles.models import Article, ArticleStatus
from articles.presentation import scheduled_time_text
from articles.services import editorial, ownership


def _stored(model_admin, object_id: str):
    # Read without get_object, which locks the row on a POST; a bad id is the view's to refuse.
    try:
        return model_admin.model._default_manager.filter(pk=unquote(object_id)).first()
    except (ValueError, TypeError):
        return None


class DeskTitles:
    """Titles that read as sentences (« Modifier l'article »), not « Modification de article »."""

    title_add = None
    title_change = None
    title_view = None
    title_list = None

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        if "title" not in extra_context and self.title_add is not None:
            if object_id is None:
                extra_context["title"] = self.title_add
            else:
                obj = _stored(self, object_id)
                editable = obj is not None and self.has_change_permission(request, obj)
                extra_context["title"] = self.title_change if editable else self.title_view
        return super().changeform_view(request, object_id, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        extra_context = dict(extra_context or {})
        if self.title_list is not None:
            extra_context.setdefault("title", self.title_list)
        return super().changelist_view(request, extra_context)


def read_only_reason(user, article: Article) -> str:
    """Why this user may read the article but not change it, or ""."""
    if editorial.can_edit(user, article):
        return ""
    if article.status == ArticleStatus.PUBLISHED and user.has_perm("articles.change_article"):
        return gettext(
            "This article is published: only editors can change it. You can read it here; "
            "ask an editor for a correction, or to unpublish it so that you can work on it."
        )
    if user.has_perm("articles.change_article") and not ownership.may_work_on(user, article):
        return str(ownership.NOT_YOURS)
    return gettext("Your role may read articles but not change them.")


def cannot_delete_reason(user, article: Article) -> str:
    """Why this user may not delete the article, or ""."""
    if editorial.can_delete(user, article):
        return ""
    if article.status == ArticleStatus.PUBLISHED and user.has_perm("articles.delete_article"):
        return gettext("Only editors can delete a published article: ask an editor to do it.")
    if user.has_perm("articles.delete_article") and not ownership.may_work_on(user, article):
        return str(ownership.NOT_YOURS)
    return gettext("Your role may not delete articles.")


class ArticleFeedback(DeskTitles):
    """The articles admin's messages: read-only and delete reasons, scheduling, history comments."""

    title_add = _("Add an article")
    title_change = _("Edit the article")
    title_view = _("Read the article")
    title_list = _("Articles")

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        if object_id is not None:
            article = _stored(self, object_id)
            if article is not None:
                extra_context.setdefault(
                    "read_only_reason", read_only_reason(request.user, article)
                )
                extra_context.setdefault(
                    "cannot_delete_reason", cannot_delete_reason(request.user, article)
                )
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _tell_when_it_goes_out(self, request, article: Article) -> None:
        if article.status == ArticleStatus.PUBLISHED and article.published_at > timezone.now():
            self.message_user(
                request,
                gettext("Scheduled for %(time)s.")
                % {"time": scheduled_time_text(article.published_at)},
                messages.INFO,
            )

    def response_add(self, request, obj, post_url_continue=None):
        self._tell_when_it_goes_out(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        self._tell_when_it_goes_out(request, obj)
        return super().response_change(request, obj)

    # History comments: Django's JSON change message itself, which the history translates when
    # shown; reversion would store it already translated into the saver's language.

    def construct_change_message(self, request, form, formsets, add=False):
        message = super().construct_change_message(request, form, formsets, add)
        credits = {}
        # Django wrote each object's name with translations off: the same key here.
        with translation.override(None):
            for formset in formsets or []:
                changed = [obj for obj, _fields in getattr(formset, "changed_objects", [])]
                for obj in [*formset.new_objects, *changed, *formset.deleted_objects]:
                    if hasattr(obj, "role") and hasattr(obj, "author_id"):
                        credits[str(obj)] = obj
        for sub_message in message:
            for details in sub_message.values():
                credit = credits.get(details.get("object")) if isinstance(details, dict) else None
                if credit is not None:
                    # The role's code, not its label: the reader's language names it.
                    details["role"] = credit.role
                    details["author"] = credit.author.name
        return message

    def log_addition(self, request, obj, message):
        # Django's own (ModelAdmin's), past VersionAdmin's, which stores the translated text.
        entry = admin.ModelAdmin.log_addition(self, request, obj, message or [{"added": {}}])
        if is_active():
            set_comment(entry.change_message)
        return entry

    def log_change(self, request, obj, message):
        entry = admin.ModelAdmin.log_change(self, request, obj, message)
        if is_active():
            set_comment(entry.change_message)
        return entry


class AuthorTitles(DeskTitles):
    title_add = _("Add an author")
    title_change = _("Edit the author")
    title_view = _("Read the author")
    title_list = _("Authors")
