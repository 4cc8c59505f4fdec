"""Articles in the admin: the list editors work from, the change form with its credits."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import PermissionDenied
from django.db import connections
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from reversion.admin import VersionAdmin

from articles.admin.actions import WORKFLOW_ACTIONS
from articles.admin.filters import (
    CreditAuthorFilter,
    CreditRoleFilter,
    PublicationFilter,
    date_drill_down_error,
)
from articles.admin.history_views import VERSION_BEFORE_RESTORE, ArticleHistoryViews
from articles.forms import ArticleAdminForm, CreditInlineForm
from articles.models import Article, ArticleStatus, Credit, DatePrecision
from articles.presentation import date_text
from articles.previews import preview_url
from articles.search import search_articles
from articles.services import editorial, locking, ownership, photos


class CreditInline(admin.TabularInline):
    model = Credit
    form = CreditInlineForm
    fields = ["position", "author", "role", "note"]
    autocomplete_fields = ["author"]
    ordering = ["position", "id"]
    extra = 0

    # The credits of an article are as editable as the article itself.
    def _article_editable(self, request, obj) -> bool:
        return obj is None or editorial.can_edit(request.user, obj)

    def has_add_permission(self, request, obj) -> bool:
        return super().has_add_permission(request, obj) and self._article_editable(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and self._article_editable(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and self._article_editable(request, obj)


@admin.register(Article)
class ArticleAdmin(ArticleHistoryViews, VersionAdmin):
    form = ArticleAdminForm
    inlines = [CreditInline]
    list_display = [
        "thumbnail",
        "headline",
        "language",
        "date_display",
        "status_display",
        "credits_summary",
        "updated_at",
    ]
    list_display_links = ["headline"]
    list_filter = [PublicationFilter, "language", CreditRoleFilter, CreditAuthorFilter]
    date_hierarchy = "date"
    search_fields = ["headline", "body", "credits__author__name"]
    ordering = ["-date", "-id"]
    list_per_page = 50
    prepopulated_fields = {"slug": ["headline"]}
    readonly_fields = ["source_text_display", "source_hash", "version", "created_at", "updated_at"]
    fieldsets = [
        (
            _("Content"),
            {
                "fields": [
                    "headline",
                    "slug",
                    "language",
                    ("date", "date_precision"),
                    ("dateline_place", "dateline_date", "dateline_source"),
                    "body",
                ]
            },
        ),
        (_("Photo"), {"fields": ["photo", "photo_caption", "photo_alt_text", "photo_credit"]}),
        (_("Publication"), {"fields": ["status", "published_at", "base_version"]}),
        (
            _("Provenance"),
            {
                "classes": ["collapse"],
                "fields": [
                    "source_id",
                    "source_hash",
                    "source_text_display",
                    "version",
                    "created_at",
                    "updated_at",
                ],
            },
        ),
    ]
    actions = WORKFLOW_ACTIONS
    change_form_template = "admin/articles/article/change_form.html"
    # Reversion's list (its "recover deleted" link), with a date drill-down that invents no day.
    change_list_template = "admin/articles/article/change_list.html"

    def changelist_view(self, request, extra_context=None):
        # The admin's own answer to a date it cannot use is a 500 (an overflow) or its
        # "database installation" page: an editor with a mangled link is told what is wrong.
        if message := date_drill_down_error(request.GET, self.date_hierarchy):
            context = {**self.admin_site.each_context(request), "title": _("Bad request")}
            return TemplateResponse(
                request, "admin/bad_request.html", {**context, "message": message}, status=400
            )
        return super().changelist_view(request, extra_context)

    def get_search_results(self, request, queryset, search_term):
        # PostgreSQL: the site's full-text search (stems, accents, names); else Django's own.
        if search_term.strip() and connections[queryset.db].vendor == "postgresql":
            # Editors look for a story of any age: every match is ranked, none left out.
            return search_articles(queryset, search_term, candidates=None), False
        return super().get_search_results(request, queryset, search_term)

    # Roles. The model permissions say what a role may do at all; these add what it may do to
    # this article: published work belongs to those who may publish.

    def has_change_permission(self, request, obj=None) -> bool:
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or editorial.can_edit(request.user, obj))

    def has_delete_permission(self, request, obj=None) -> bool:
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or editorial.can_delete(request.user, obj))

    def delete_queryset(self, request, queryset) -> None:
        # The bulk "delete selected" asks has_delete_permission without an article: each is
        # checked here, and nothing is deleted if one of them is not the user's to delete.
        if any(not editorial.can_delete(request.user, article) for article in queryset):
            raise PermissionDenied(ownership.NOT_YOURS)
        super().delete_queryset(request, queryset)

    def has_publish_permission(self, request) -> bool:
        return editorial.can_publish(request.user)

    def get_readonly_fields(self, request, obj=None) -> list[str]:
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            # The wire file's name: export writes <source_id>.txt, so it never changes.
            readonly.append("source_id")
        if not editorial.can_publish(request.user):
            readonly.append("published_at")
        return readonly

    def get_changeform_initial_data(self, request) -> dict:
        initial = super().get_changeform_initial_data(request)
        today = timezone.localdate()
        # An article written at the desk has no wire file; it still needs a unique identifier.
        initial.setdefault("source_id", f"desk_{timezone.localtime():%Y%m%d_%H%M%S}")
        initial.setdefault("date", today)
        initial.setdefault("date_precision", DatePrecision.DAY)
        initial.setdefault("language", request.LANGUAGE_CODE)
        return initial

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if "shared_with" not in flatten_fieldsets(self.get_fieldsets(request, obj)):
            # Not shown, so not sent: left in, it would read as "shared with nobody".
            del form.base_fields["shared_with"]
        # get_form builds a new class per request, so this never leaks between users.
        form.user = request.user
        return form

    def get_queryset(self, request):
        # Who owns each article and with whom it is shared: one query each for the whole list.
        articles = super().get_queryset(request).with_credits().select_related("ownership")
        return articles.prefetch_related("ownership__shared_with")

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        user = request.user
        if obj is not None and ownership.may_share(user, obj) and editorial.can_edit(user, obj):
            fieldsets.append((_("Sharing"), {"fields": ["shared_with"]}))
        return fieldsets

    def get_list_display(self, request):
        if editorial.can_publish(request.user):
            return self.list_display
        user = request.user

        # A contributor sees every article, and which of them are not theirs to change.
        @admin.display(description=_("access"))
        def access(obj: Article) -> str:
            return "" if editorial.can_edit(user, obj) else gettext("read only")

        return [*self.list_display, access]

    def get_object(self, request, object_id, from_field=None):
        if request.method == "POST":
            # Locked until the save commits: the form's version check and the write are one step.
            try:
                pk = int(unquote(object_id))
            except ValueError:
                return None
            locking.lock_for_edit(pk)
        return super().get_object(request, object_id, from_field)

    def view_on_site(self, obj: Article) -> str:
        # The public page once the public can see it; until then the signed preview.
        if obj.is_visible:
            return obj.get_absolute_url()
        return preview_url(obj)

    # The list.

    @admin.display(description=_("photo"))
    def thumbnail(self, obj: Article) -> str:
        url = photos.thumbnail_url(obj.photo)
        if url is None:
            return ""
        return format_html(
            '<img src="{}" alt="{}" width="80" loading="lazy" class="article-thumbnail">',
            url,
            obj.photo_alt_text,
        )

    @admin.display(description=_("date"), ordering="date")
    def date_display(self, obj: Article) -> str:
        # "septembre 2023" when the source gave only the month: never an invented day.
        return date_text(obj.date, obj.date_precision)

    @admin.display(description=_("status"), ordering="status")
    def status_display(self, obj: Article) -> str:
        if obj.status == ArticleStatus.PUBLISHED and not obj.is_visible:
            return gettext("scheduled for %(time)s") % {
                "time": date_format(localtime(obj.published_at), "DATETIME_FORMAT")
            }
        return obj.get_status_display()

    @admin.display(description=_("credits"))
    def credits_summary(self, obj: Article) -> str:
        names_by_role: dict[str, list[str]] = {}
        for credit in obj.credit_list:
            names_by_role.setdefault(credit.get_role_display(), []).append(credit.author.name)
        return format_html_join(
            "; ",
            "{}: {}",
            ((role, ", ".join(names)) for role, names in names_by_role.items()),
        )

    @admin.display(description=_("source text"))
    def source_text_display(self, obj: Article) -> str:
        if not obj.source_text:
            return "—"
        return format_html('<pre class="wire-source">{}</pre>', obj.source_text)

    # Saving.

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        version_before_restore = extra_context.pop(VERSION_BEFORE_RESTORE, None)
        if version_before_restore is not None and object_id is not None:
            # Restoring wrote the old version's number back; it must only go up.
            locking.keep_version_rising(unquote(object_id), version_before_restore)
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except locking.EditConflict:
            # Someone saved between this form's validation and its write (possible on SQLite,
            # which has no row locks): validating again shows the conflict, text intact.
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change) -> None:
        expected_version = form.cleaned_data.get("base_version") if change else None
        editorial.save_article(obj, user=request.user, expected_version=expected_version)

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        shown = flatten_fieldsets(self.get_fieldsets(request, form.instance))
        if change and "shared_with" in shown:
            ownership.share(form.instance, form.cleaned_data["shared_with"], user=request.user)
        editorial.renumber_credits(form.instance)
