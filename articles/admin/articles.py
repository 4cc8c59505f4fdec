"""Articles in the admin: the list editors work from, the change form with its credits."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from reversion.admin import VersionAdmin

from articles.admin.actions import WORKFLOW_ACTIONS
from articles.admin.credits import CreditInline, SortableCredits
from articles.admin.feedback import ArticleFeedback
from articles.admin.filters import (
    AgencyUpdateFilter,
    CreditAuthorFilter,
    CreditRoleFilter,
    LanguageFilter,
    PublicationFilter,
    date_drill_down_error,
    pending_agency_update,
)
from articles.admin.history_views import VERSION_BEFORE_RESTORE, ArticleHistoryViews
from articles.admin.pagination import BoundedCountPaginator
from articles.admin.presence_views import ArticlePresenceViews
from articles.admin.public_facts import (
    ArticleWithTranslationsForm,
    CorrectionInline,
    proposals_display,
    save_translations,
    translations_display,
)
from articles.models import Article, DatePrecision
from articles.presentation import (
    date_text,
    language_name,
    photo_credit_text,
    publication_state_text,
)
from articles.previews import preview_url
from articles.search import matching_articles
from articles.services import editorial, locking, ownership, renditions

# The photo credit rows say who took the picture; the field keeps the agency's text.
PHOTO_CREDIT_HELP = _(
    "The agency's text after ©, e.g. “AFP” or “Reuters/Manon Cruz”. The photographer is the "
    "credit of role “photo” below: where they differ, the site, the API and exports print the "
    "agency with the photographers credited (see “photo credit as published”)."
)


@admin.register(Article)
class ArticleAdmin(
    SortableCredits, ArticlePresenceViews, ArticleHistoryViews, ArticleFeedback, VersionAdmin
):
    form = ArticleWithTranslationsForm
    inlines = [CreditInline, CorrectionInline]
    list_display = [
        "thumbnail",
        "headline",
        "language_display",
        "date_display",
        "status_display",
        "credits_summary",
        "agency_update_display",
        "updated_at",
    ]
    list_display_links = ["headline"]
    list_filter = [
        PublicationFilter,
        AgencyUpdateFilter,
        LanguageFilter,
        CreditRoleFilter,
        CreditAuthorFilter,
    ]
    date_hierarchy = "date"
    search_fields = ["headline", "body", "credits__author__name"]
    ordering = ["-date", "-id"]
    list_per_page = 50
    # The list never counts the whole archive: pages are counted up to a bound, and the
    # "N in all" beside a filtered count is left out (docs/performance.md, "The admin").
    paginator = BoundedCountPaginator
    show_full_result_count = False
    prepopulated_fields = {"slug": ["headline"]}
    readonly_fields = [
        "photo_credit_shown",
        "source_text_display",
        "source_hash",
        "version",
        "created_at",
        "updated_at",
        "translation_proposals",
    ]
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
        (_("Translations"), {"fields": ["translations", "translation_proposals"]}),
        (
            _("Photo"),
            {
                "fields": [
                    "photo",
                    "photo_caption",
                    "photo_alt_text",
                    "photo_credit",
                    "photo_credit_shown",
                ]
            },
        ),
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
        # The site's search (stems, accents, names), every match of any age, newest first
        # like the rest of the list: ranking every match of a common word would cost the
        # whole archive, and editors look for a story by its date as often as its words.
        return matching_articles(queryset, search_term), False

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
        if "photo_credit" in form.base_fields:
            form.base_fields["photo_credit"].help_text = PHOTO_CREDIT_HELP
        return form

    def get_queryset(self, request):
        # Who owns each article and with whom it is shared: one query each for the whole list.
        articles = super().get_queryset(request).with_credits().select_related("ownership")
        articles = articles.prefetch_related("ownership__shared_with")
        return articles.annotate(has_agency_update=pending_agency_update())

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

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        # The page's photo previews in one query, however many rows show one.
        rows = list(changelist.result_list)
        previews = renditions.renditions_of_many([row.photo for row in rows], ("admin",))
        for row in rows:
            row._admin_previews = previews
        return changelist

    @admin.display(description=_("photo"))
    def thumbnail(self, obj: Article) -> str:
        previews = getattr(obj, "_admin_previews", None)
        if previews is None:
            previews = renditions.renditions_of_many([obj.photo], ("admin",))
        preview = previews.get(obj.photo.name, {}).get("admin")
        if preview is None:
            return ""
        return format_html(
            '<img src="{}" alt="{}" width="80" loading="lazy" class="article-thumbnail">',
            preview.url,
            obj.photo_alt_text,
        )

    @admin.display(description=_("language"), ordering="language")
    def language_display(self, obj: Article) -> str:
        return language_name(obj.language)

    @admin.display(description=_("date"), ordering="date")
    def date_display(self, obj: Article) -> str:
        # "septembre 2023" when the source gave only the month: never an invented day.
        return date_text(obj.date, obj.date_precision)

    @admin.display(description=_("status"), ordering="status")
    def status_display(self, obj: Article) -> str:
        return publication_state_text(obj)

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

    @admin.display(description=_("agency update"), boolean=False)
    def agency_update_display(self, obj: Article) -> str:
        if not getattr(obj, "has_agency_update", False):
            return ""
        return format_html(
            '<a class="agency-update-to-review" href="{}">{}</a>',
            reverse("admin:articles_article_agency_update", args=[obj.pk]),
            gettext("to review"),
        )

    @admin.display(description=_("photo credit as published"))
    def photo_credit_shown(self, obj: Article) -> str:
        # What the site, the API, ninjs and export print: the one rule, photo_credit_text.
        return photo_credit_text(obj) or "—"

    @admin.display(description=_("source text"))
    def source_text_display(self, obj: Article) -> str:
        if not obj.source_text:
            return "—"
        return format_html('<pre class="wire-source">{}</pre>', obj.source_text)

    class Media:
        # Who else has this form open (presence.js), the form kept in the browser's storage
        # until it is saved (autosave.js), a credit's new author created from its search
        # (credit-authors.js); all do nothing on other pages.
        js = [
            "admin-newsroom/presence.js",
            "admin-newsroom/autosave.js",
            "admin-newsroom/credit-authors.js",
        ]

    @admin.display(description=_("translations"))
    def translations(self, obj: Article) -> str:
        # Shown instead of the field to those who may only read the article.
        return translations_display(obj)

    @admin.display(description=_("proposed by the importer"))
    def translation_proposals(self, obj: Article) -> str:
        return proposals_display(obj)

    # Saving.

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        version_before_restore = extra_context.pop(VERSION_BEFORE_RESTORE, None)
        if version_before_restore is not None and object_id is not None:
            # Restoring wrote the old version's number back; it must only go up.
            locking.keep_version_rising(unquote(object_id), version_before_restore)
        if request.method == "POST" and object_id is not None:
            # One mutable copy for the form and its inline formsets: on a conflict the form
            # writes the merge of both edits into it, and the credits' rows must show it too.
            request.POST = request.POST.copy()
        if object_id is not None:
            extra_context.update(self.agency_update_context(unquote(object_id)))
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except locking.EditConflict:
            # Someone saved between this form's validation and its write (possible on SQLite,
            # which has no row locks): validating again shows the conflict, text intact.
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_formset_kwargs(self, request, obj, inline, prefix) -> dict:
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if request.method == "POST":
            # The form's own data (see changeform_view), not a copy of it.
            kwargs["data"] = request.POST
        return kwargs

    def save_model(self, request, obj, form, change) -> None:
        expected_version = form.cleaned_data.get("base_version") if change else None
        editorial.save_article(obj, user=request.user, expected_version=expected_version)

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        shown = flatten_fieldsets(self.get_fieldsets(request, form.instance))
        if change and "shared_with" in shown:
            ownership.share(form.instance, form.cleaned_data["shared_with"], user=request.user)
        editorial.renumber_credits(form.instance)
        save_translations(form)
