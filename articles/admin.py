"""The editorial admin: articles with workflow, roles, history and photos; authors with merging.

Declarative where Django allows it; every write goes through articles.services.editorial, which
enforces the rules itself, so a hidden button is never the only thing standing in the way.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import connections, transaction
from django.db.models import Count, Exists, OuterRef
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext, gettext_noop, ngettext
from django.utils.translation import gettext_lazy as _
from reversion.admin import VersionAdmin
from reversion.models import Version

from articles import history
from articles.forms import (
    ArticleAdminForm,
    AuthorAdminForm,
    CreditInlineForm,
    MergeAuthorsForm,
)
from articles.models import (
    Article,
    ArticleStatus,
    Author,
    Credit,
    CreditRole,
    DatePrecision,
)
from articles.preview import preview_url
from articles.search import search_articles
from articles.services import editorial, photos

admin.site.site_header = _("Newsroom editorial desk")
admin.site.site_title = _("Newsroom")
admin.site.index_title = _("Editorial desk")
# The list of articles needs the width more than a second navigation menu does.
admin.site.enable_nav_sidebar = False

# The admin's change messages (shown in the history) store field labels untranslated and
# capitalised, then translate them when read: these entries make them read in French too.
CHANGE_MESSAGE_FIELD_LABELS = [
    gettext_noop("Headline"),
    gettext_noop("Slug"),
    gettext_noop("Language"),
    gettext_noop("Date"),
    gettext_noop("Date precision"),
    gettext_noop("Dateline place"),
    gettext_noop("Dateline date"),
    gettext_noop("Dateline source"),
    gettext_noop("Body"),
    gettext_noop("Photo"),
    gettext_noop("Photo caption"),
    gettext_noop("Photo alternative text"),
    gettext_noop("Photo credit"),
    gettext_noop("Status"),
    gettext_noop("Publication time"),
    gettext_noop("Source identifier"),
    gettext_noop("Author"),
    gettext_noop("Role"),
    gettext_noop("Note"),
    gettext_noop("Position"),
    gettext_noop("Name"),
    gettext_noop("Kind"),
]


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


class PublicationFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [
            ("draft", ArticleStatus.DRAFT.label),
            ("in_review", ArticleStatus.IN_REVIEW.label),
            ("scheduled", _("scheduled")),
            ("public", _("published and public")),
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
            case "public":
                # The one visibility rule, the same the public site and the API use.
                return queryset.visible(now)
        raise IncorrectLookupParameters(self.value())


class SameCreditFilter(admin.SimpleListFilter):
    """Role and author filters match one credit: "edited by Kate", not "Kate, and an editor"."""

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        credit = {}
        role = request.GET.get(CreditRoleFilter.parameter_name)
        if role is not None:
            if role not in CreditRole.values:
                raise IncorrectLookupParameters(role)
            credit["role"] = role
        author = request.GET.get(CreditAuthorFilter.parameter_name)
        if author is not None:
            if not author.isdigit():
                raise IncorrectLookupParameters(author)
            credit["author_id"] = int(author)
        return queryset.filter(Exists(Credit.objects.filter(article=OuterRef("pk"), **credit)))


class CreditRoleFilter(SameCreditFilter):
    title = _("credit role")
    parameter_name = "role"

    def lookups(self, request, model_admin):
        return CreditRole.choices


class CreditAuthorFilter(SameCreditFilter):
    title = _("author")
    parameter_name = "author"

    def lookups(self, request, model_admin):
        credited = Author.objects.filter(Exists(Credit.objects.filter(author=OuterRef("pk"))))
        return [(str(pk), name) for pk, name in credited.values_list("pk", "name")]


@admin.register(Article)
class ArticleAdmin(VersionAdmin):
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
    actions = ["submit_for_review_selected", "publish_selected", "unpublish_selected"]
    change_form_template = "admin/articles/article/change_form.html"
    object_history_template = "admin/articles/article/object_history.html"
    compare_template = "admin/articles/article/compare.html"
    history_latest_first = True

    def get_search_results(self, request, queryset, search_term):
        # PostgreSQL: the site's full-text search (stems, accents, names); else Django's own.
        if search_term.strip() and connections[queryset.db].vendor == "postgresql":
            return search_articles(queryset, search_term), False
        return super().get_search_results(request, queryset, search_term)

    # Roles. The model permissions say what a role may do at all; these add what it may do to
    # this article: published work belongs to those who may publish.

    def has_change_permission(self, request, obj=None) -> bool:
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or editorial.can_edit(request.user, obj))

    def has_delete_permission(self, request, obj=None) -> bool:
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or editorial.can_delete(request.user, obj))

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
        # get_form builds a new class per request, so this never leaks between users.
        form.user = request.user
        return form

    def get_queryset(self, request):
        return super().get_queryset(request).with_credits()

    def get_object(self, request, object_id, from_field=None):
        if request.method == "POST" and transaction.get_connection().in_atomic_block:
            # Locked until the save commits: the form's version check and the write are one step.
            try:
                pk = int(unquote(object_id))
            except ValueError:
                return None
            list(Article.objects.select_for_update().filter(pk=pk).values_list("pk"))
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
        if obj.date_precision == DatePrecision.MONTH:
            return date_format(obj.date, "F Y")
        return date_format(obj.date, "DATE_FORMAT")

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
        version_before_restore = getattr(request, "article_version_before_restore", None)
        if version_before_restore is not None and object_id is not None:
            # Restoring wrote the old version's number back. Numbers must only go up, or a form
            # opened at that old number could save over everything since.
            Article.objects.filter(pk=unquote(object_id)).update(version=version_before_restore)
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except editorial.EditConflict:
            # Someone saved between this form's validation and its write (possible on SQLite,
            # which has no row locks): validating again shows the conflict, text intact.
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change) -> None:
        expected_version = form.cleaned_data.get("base_version") if change else None
        editorial.save_article(obj, user=request.user, expected_version=expected_version)

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        editorial.renumber_credits(form.instance)

    # Workflow actions.

    def _run_workflow_step(self, request, queryset, step, *, eligible, done_message) -> None:
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
            self.message_user(request, done_message(done), messages.SUCCESS)
        if skipped:
            self.message_user(
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
            self.message_user(request, reason, messages.ERROR)

    @admin.action(description=_("Submit the selected drafts for review"), permissions=["change"])
    def submit_for_review_selected(self, request, queryset) -> None:
        self._run_workflow_step(
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
    def publish_selected(self, request, queryset) -> None:
        self._run_workflow_step(
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
    def unpublish_selected(self, request, queryset) -> None:
        self._run_workflow_step(
            request,
            queryset,
            editorial.unpublish,
            eligible=lambda article: article.status == ArticleStatus.PUBLISHED,
            done_message=lambda count: (
                ngettext("%(count)d article unpublished.", "%(count)d articles unpublished.", count)
                % {"count": count}
            ),
        )

    # History: list, compare, restore, recover.

    def get_urls(self):
        compare = path(
            "<path:object_id>/history/compare/",
            self.admin_site.admin_view(self.compare_view),
            name="articles_article_compare",
        )
        return [compare, *super().get_urls()]

    def history_view(self, request, object_id, extra_context=None):
        article = self.get_object(request, unquote(object_id))
        versions = []
        if article is not None:
            versions = (
                Version.objects.get_for_object(article)
                .select_related("revision__user")
                .order_by("-revision__date_created", "-pk")
            )
        context = {
            "versions": versions,
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
            "has_change_permission": self.has_change_permission(request, article),
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
            request.article_version_before_restore = article.version
            return super().revision_view(request, object_id, version_id, extra_context)

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
        return super().recover_view(request, version_id, extra_context)


@admin.register(Author)
class AuthorAdmin(VersionAdmin):
    form = AuthorAdminForm
    list_display = ["name", "kind", "article_count", "slug"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]
    ordering = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    actions = ["merge_selected"]
    merge_template = "admin/articles/author/merge_authors.html"

    def get_queryset(self, request):
        # One grouped query for the whole list, not one count per author.
        return (
            super()
            .get_queryset(request)
            .annotate(article_count=Count("credits__article", distinct=True))
        )

    @admin.display(description=_("articles"), ordering="article_count")
    def article_count(self, obj: Author) -> int:
        return obj.article_count

    @admin.action(
        description=_("Merge the two selected authors into one"), permissions=["change", "delete"]
    )
    def merge_selected(self, request, queryset):
        authors = list(queryset.order_by("-article_count", "name"))
        if len(authors) != 2:
            self.message_user(
                request, gettext("Select exactly two authors to merge."), messages.ERROR
            )
            return None
        form = MergeAuthorsForm(
            request.POST if request.POST.get("confirm") else None, authors=authors
        )
        if form.is_valid():
            kept = form.cleaned_data["kept"]
            duplicate = next(author for author in authors if author.pk != kept.pk)
            moved = editorial.merge_authors(kept, duplicate, user=request.user)
            self.message_user(
                request,
                ngettext(
                    "“%(duplicate)s” merged into “%(kept)s”: %(count)d credit moved.",
                    "“%(duplicate)s” merged into “%(kept)s”: %(count)d credits moved.",
                    moved,
                )
                % {"duplicate": duplicate.name, "kept": kept.name, "count": moved},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Merge two authors"),
            "form": form,
            "authors": authors,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, self.merge_template, context)
