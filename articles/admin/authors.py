"""Authors in the admin: their list with article counts, merging two, a new one from a credit."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Count
from django.http import HttpRequest, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from reversion.admin import VersionAdmin

from articles.admin.credits import CreditAuthorAutocompleteView
from articles.admin.feedback import AuthorTitles
from articles.author_forms import AuthorAdminForm, MergeAuthorsForm, NewAuthorForm
from articles.models import Author, AuthorAlias
from articles.services import editorial
from articles.services.authors import author_for_credit


class AuthorAliasInline(admin.TabularInline):
    """The names merged into this author, which imports credit to it: removable, made by merging."""

    model = AuthorAlias
    fields = ["name"]
    readonly_fields = ["name"]
    extra = 0
    verbose_name = _("merged name")
    verbose_name_plural = _("merged names (imports credit them to this author)")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Author)
class AuthorAdmin(AuthorTitles, VersionAdmin):
    form = AuthorAdminForm
    inlines = [AuthorAliasInline]
    list_display = ["name", "kind", "article_count", "slug"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]
    ordering = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    actions = ["merge_selected"]
    merge_template = "admin/articles/author/merge_authors.html"

    def get_urls(self):
        credit_urls = [
            path(
                "credit-autocomplete/",
                self.admin_site.admin_view(
                    CreditAuthorAutocompleteView.as_view(admin_site=self.admin_site)
                ),
                name="articles_author_credit_autocomplete",
            ),
            path(
                "create-for-credit/",
                self.admin_site.admin_view(require_POST(self.create_for_credit_view)),
                name="articles_author_create_for_credit",
            ),
        ]
        # Before the admin's own, whose "<id>/" would take these paths for an author's.
        return [*credit_urls, *super().get_urls()]

    def create_for_credit_view(self, request: HttpRequest) -> JsonResponse:
        """Create (or find) the author a credit's search named: its id and name, as JSON."""
        if not self.has_add_permission(request):
            message = gettext("You may not create authors.")
            return JsonResponse({"error": message}, status=403)
        form = NewAuthorForm(request.POST)
        if not form.is_valid():
            return JsonResponse({"error": " ".join(form.errors["name"])}, status=400)
        author, created = author_for_credit(form.cleaned_data["name"], user=request.user)
        return JsonResponse(
            {"id": str(author.pk), "text": str(author), "created": created},
            status=201 if created else 200,
        )

    def get_queryset(self, request):
        # One grouped query for the whole list, not one count per author.
        return (
            super()
            .get_queryset(request)
            .annotate(article_count=Count("credits__article", distinct=True))
        )

    @admin.display(description=_("articles"), ordering="article_count")
    def article_count(self, obj: Author) -> str:
        # The way to any author's articles: the article list's filter shows only recent ones.
        articles = reverse("admin:articles_article_changelist")
        return format_html('<a href="{}?author={}">{}</a>', articles, obj.pk, obj.article_count)

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
