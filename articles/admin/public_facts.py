"""Corrections and translations in the admin: the corrections inline, the translations field
with its autocomplete, and the importer's translation proposals with their confirm action.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from articles.forms import ArticleAdminForm
from articles.models import Article, ArticleCorrection, TranslationMember, TranslationProposal
from articles.services import editorial, translations


class CorrectionInline(admin.TabularInline):
    model = ArticleCorrection
    fields = ["at", "text"]
    extra = 0
    verbose_name = _("correction")
    verbose_name_plural = _("corrections (shown to readers under the article)")
    formfield_overrides = {
        ArticleCorrection._meta.get_field("text").__class__: {
            "widget": forms.Textarea(attrs={"rows": 2, "cols": 80})
        }
    }

    # The corrections of an article are as editable as the article itself.
    def _article_editable(self, request, obj) -> bool:
        return obj is None or editorial.can_edit(request.user, obj)

    def has_add_permission(self, request, obj) -> bool:
        return self._article_editable(request, obj) and request.user.has_perm(
            "articles.change_article"
        )

    def has_change_permission(self, request, obj=None) -> bool:
        return self._article_editable(request, obj) and request.user.has_perm(
            "articles.change_article"
        )

    def has_delete_permission(self, request, obj=None) -> bool:
        return self.has_change_permission(request, obj)

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.has_perm("articles.view_article")


class ArticleAutocomplete(AutocompleteSelectMultiple):
    """Django's autocomplete, minus the 500 it gives a crafted value that is not an id."""

    def optgroups(self, name, value, attr=None):
        ids = [item for item in value if str(item).isdigit()]
        return super().optgroups(name, ids, attr)


class ArticleWithTranslationsForm(ArticleAdminForm):
    """The article form, plus its translations: other articles picked by autocomplete."""

    translations = forms.ModelMultipleChoiceField(
        queryset=Article.objects.all(),
        required=False,
        label=_("translations"),
        help_text=_(
            "The same story in other languages. Each is linked to all the others; readers "
            "see only those that are published."
        ),
        widget=ArticleAutocomplete(TranslationMember._meta.get_field("article"), admin.site),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if "translations" in self.fields:
            self.fields["translations"].initial = translations.translations_of(self.instance)

    def clean_translations(self) -> list[Article]:
        chosen = [
            other for other in self.cleaned_data["translations"] if other.pk != self.instance.pk
        ]
        this = Article(
            pk=self.instance.pk,
            headline=self.cleaned_data.get("headline", self.instance.headline),
            language=self.cleaned_data.get("language", self.instance.language),
        )
        try:
            translations.check_languages([this, *chosen])
        except ValidationError as error:
            raise ValidationError(error.messages, code="same_language_translation") from None
        # Linking changes the other articles' pages too: only someone who may change each.
        before = {other.pk: other for other in translations.translations_of(self.instance)}
        changed = {other.pk: other for other in chosen if other.pk not in before}
        changed.update((pk, other) for pk, other in before.items() if other not in chosen)
        refused = [
            other.headline
            for other in changed.values()
            if self.user is not None and not editorial.can_edit(self.user, other)
        ]
        if refused:
            raise ValidationError(
                _("You may not change the links of: %(headlines)s."),
                code="translation_not_editable",
                params={"headlines": "; ".join(refused)},
            )
        return chosen


def translations_display(article: Article) -> str:
    """The article's translations as links, for those who may only read the form."""
    return (
        format_html_join(
            ", ",
            '<a href="{}">[{}] {}</a>',
            (
                (reverse("admin:articles_article_change", args=[other.pk]), other.language, other)
                for other in translations.translations_of(article)
            ),
        )
        or "—"
    )


def save_translations(form: forms.ModelForm) -> None:
    """After the article is saved: link it to the translations the form names."""
    if "translations" in form.cleaned_data and "translations" in form.fields:
        translations.set_translations(form.instance, form.cleaned_data["translations"])


def proposals_display(article: Article) -> str:
    """The importer's proposals for the article, each with a button to confirm it."""
    proposals = translations.proposals_for(article) if article.pk else []
    if not proposals:
        return "—"
    rows = []
    for proposal in proposals:
        other = proposal.candidate if proposal.article_id == article.pk else proposal.article
        rows.append(
            (
                reverse("admin:articles_article_change", args=[other.pk]),
                other.language,
                other.headline,
                reverse("admin:articles_translationproposal_confirm", args=[proposal.pk]),
                gettext("Confirm this translation"),
            )
        )
    return format_html_join(
        "",
        '<p class="translation-proposal"><a href="{}">[{}] {}</a> '
        '<button type="submit" class="button" formaction="{}" formnovalidate>{}</button></p>',
        rows,
    )


@admin.action(description=_("Confirm the selected translation proposals"), permissions=["change"])
def confirm_selected(model_admin, request, queryset) -> None:
    confirmed = 0
    for proposal in queryset.select_related("article", "candidate"):
        try:
            confirm(request, proposal)
        except (ValidationError, PermissionDenied) as error:
            model_admin.message_user(
                request, f"{proposal}: {' '.join(_messages_of(error))}", messages.ERROR
            )
        else:
            confirmed += 1
    if confirmed:
        model_admin.message_user(
            request,
            ngettext("%(count)d translation linked.", "%(count)d translations linked.", confirmed)
            % {"count": confirmed},
            messages.SUCCESS,
        )


def _messages_of(error: Exception) -> list[str]:
    return error.messages if isinstance(error, ValidationError) else [str(error)]


def confirm(request: HttpRequest, proposal: TranslationProposal) -> None:
    """Confirm a proposal for a user who may change both articles; refuse otherwise."""
    for article in (proposal.article, proposal.candidate):
        if not editorial.can_edit(request.user, article):
            raise PermissionDenied(
                gettext("You may not change “%(headline)s”.") % {"headline": article.headline}
            )
    translations.confirm_proposal(proposal)


@admin.register(TranslationProposal)
class TranslationProposalAdmin(admin.ModelAdmin):
    """What the importer thinks are translations of each other, for an editor to confirm."""

    list_display = ["article_display", "candidate_display", "proposed_at"]
    list_select_related = ["article", "candidate"]
    actions = [confirm_selected]
    search_fields = ["article__headline", "candidate__headline"]

    def has_add_permission(self, request) -> bool:
        return False  # the importer proposes; editors link directly with the article's field

    def has_change_permission(self, request, obj=None) -> bool:
        return request.user.has_perm("articles.change_article")

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.has_perm("articles.change_article")

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.has_perm("articles.view_article")

    def get_queryset(self, request):
        proposals = super().get_queryset(request)
        article = request.GET.get("involving")
        if article and article.isdigit():
            proposals = proposals.filter(Q(article_id=article) | Q(candidate_id=article))
        return proposals

    @admin.display(description=_("article"), ordering="article__headline")
    def article_display(self, proposal: TranslationProposal) -> str:
        return self._article_link(proposal.article)

    @admin.display(description=_("proposed translation"), ordering="candidate__headline")
    def candidate_display(self, proposal: TranslationProposal) -> str:
        return self._article_link(proposal.candidate)

    def _article_link(self, article: Article) -> str:
        url = reverse("admin:articles_article_change", args=[article.pk])
        return format_html('<a href="{}">[{}] {}</a>', url, article.language, article.headline)

    def get_urls(self):
        confirm_url = path(
            "<int:proposal_id>/confirm/",
            self.admin_site.admin_view(self.confirm_view),
            name="articles_translationproposal_confirm",
        )
        return [confirm_url, *super().get_urls()]

    def confirm_view(self, request: HttpRequest, proposal_id: int):
        """Confirm one proposal (the button on the article form), then go back to the article."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        proposal = get_object_or_404(
            TranslationProposal.objects.select_related("article", "candidate"), pk=proposal_id
        )
        back = request.META.get("HTTP_REFERER") or ""
        if not back.startswith(request.build_absolute_uri("/")):
            back = reverse("admin:articles_article_change", args=[proposal.article_id])
        try:
            confirm(request, proposal)
        except (ValidationError, PermissionDenied) as error:
            self.message_user(request, " ".join(_messages_of(error)), messages.ERROR)
        else:
            self.message_user(
                request,
                gettext("“%(first)s” and “%(second)s” are now linked as translations.")
                % {"first": proposal.article.headline, "second": proposal.candidate.headline},
                messages.SUCCESS,
            )
        return HttpResponseRedirect(back)
