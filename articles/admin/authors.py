"""Authors in the admin: their list with article counts, and merging two into one."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from reversion.admin import VersionAdmin

from articles.admin.feedback import AuthorTitles
from articles.author_forms import AuthorAdminForm, MergeAuthorsForm
from articles.models import Author, AuthorAlias
from articles.services import editorial


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
