"""Admin forms: no lost updates, no workflow step a role may not take, photos checked."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from reversion.models import Version

from articles import history
from articles.models import (
    Article,
    ArticleStatus,
    Author,
    Credit,
    normalise_name,
)
from articles.services import editorial, locking, ownership, photos

# Above any real position (a small integer field): renumbering then puts the credit last.
LAST_POSITION = 32767


class PhotoField(forms.ImageField):
    """An image field that names the problem (size, format, pixels, bomb), not just "invalid"."""

    def to_python(self, data):
        if data not in self.empty_values:
            photos.validate_photo(data)
        return super().to_python(data)


class ArticleAdminForm(forms.ModelForm):
    # The version the editor started from; a save from an older one is refused (no lost update).
    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    # Shown to the owner and editors only (ArticleAdmin.get_fieldsets); saved by the admin.
    shared_with = forms.ModelMultipleChoiceField(
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Shared with"),
        help_text=_("Contributors who may edit this article too. Editors may edit every article."),
    )

    # The admin sets these per request: roles are checked against who is really editing.
    user = None

    class Meta:
        model = Article
        fields = list(history.EDITED_FIELDS)
        field_classes = {"photo": PhotoField}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Filled when the save is refused because someone else saved first.
        self.conflict_differences: list[history.FieldDifference] | None = None
        if self.instance.pk is not None:
            self.fields["base_version"].initial = self.instance.version
        if self.instance.pk is not None and "shared_with" in self.fields:
            self.fields["shared_with"].queryset = ownership.sharing_candidates(self.instance)
            if ownership.owner_id(self.instance) is not None:
                shared = self.instance.ownership.shared_with.all()
                self.fields["shared_with"].initial = list(shared)
        if "status" in self.fields and self.user is not None:
            # Only the widget is narrowed: a crafted value still reaches clean(), which says why
            # it is refused instead of a bare "not a valid choice".
            self.fields["status"].widget.choices = self._allowed_status_choices()

    def _original_status(self) -> str:
        return self.instance.status if self.instance.pk is not None else ArticleStatus.DRAFT

    def _allowed_status_choices(self) -> list[tuple[str, str]]:
        original = self._original_status()
        allowed = []
        for value, label in ArticleStatus.choices:
            try:
                editorial.check_transition(self.user, original, value)
            except (editorial.TransitionNotAllowed, PermissionDenied):
                continue
            allowed.append((value, label))
        return allowed

    def clean_body(self) -> str:
        # Browsers send a textarea's line breaks as CRLF; the wire format and export use LF.
        return self.cleaned_data["body"].replace("\r\n", "\n").replace("\r", "\n")

    def clean(self) -> dict:
        cleaned_data = super().clean()
        if self.instance.pk is not None:
            self._refuse_if_saved_since(cleaned_data)
        self._check_status_change(cleaned_data)
        self._complete_publication_time(cleaned_data)
        return cleaned_data

    def _complete_publication_time(self, cleaned_data: dict) -> None:
        # A month-precision date on another day than the 1st is refused by Article.clean().
        publishing = cleaned_data.get("status") == ArticleStatus.PUBLISHED
        if publishing and "published_at" in self.fields and not cleaned_data.get("published_at"):
            # Published without a time means published now.
            cleaned_data["published_at"] = timezone.now()

    def _refuse_if_saved_since(self, cleaned_data: dict) -> None:
        current = locking.saved_since(self.instance.pk, cleaned_data.get("base_version"))
        if current is None:
            return
        submitted = {name: getattr(current, name) for name in history.DESCRIBED_FIELDS}
        submitted.update((name, value) for name, value in cleaned_data.items() if name in submitted)
        current_text = history.describe_current(current)
        submitted_text = history.describe_article(submitted, current.credits.values())
        self.conflict_differences = history.differences(current_text, submitted_text)
        # The editor has now been shown the current version: saving again is a deliberate choice
        # to put their text over it (the other text stays in the history, so nothing is lost).
        self.data = self.data.copy()
        self.data[self.add_prefix("base_version")] = current.version
        raise ValidationError(self._conflict_message(current), code="edit_conflict")

    def _conflict_message(self, current: Article) -> str:
        latest = Version.objects.get_for_object(current).select_related("revision__user").first()
        who = gettext("someone else")
        if latest is not None and latest.revision.user is not None:
            who = latest.revision.user.get_full_name() or latest.revision.user.get_username()
        return format_html(
            gettext(
                "{who} saved this article at {time}, after you opened it, so your changes have "
                "not been saved. Nothing is lost: your text is still in the form below, and the "
                'differences are listed under this message. <a href="{url}" target="_blank" '
                'rel="noopener">Open the current version</a> in a new tab to compare. Saving '
                "again will put your text over theirs; theirs stays in the history."
            ),
            who=who,
            time=date_format(localtime(current.updated_at), "DATETIME_FORMAT"),
            url=reverse("admin:articles_article_change", args=[current.pk]),
        )

    def _check_status_change(self, cleaned_data: dict) -> None:
        status = cleaned_data.get("status")
        if status is None or self.user is None:
            return
        try:
            editorial.check_transition(self.user, self._original_status(), status)
        except (editorial.TransitionNotAllowed, PermissionDenied) as error:
            self.add_error("status", str(error))


class CreditInlineForm(forms.ModelForm):
    # Left empty, a new credit goes after the others: the order of the source stays intact.
    position = forms.IntegerField(
        label=_("position"),
        required=False,
        min_value=0,
        max_value=LAST_POSITION,
        widget=forms.NumberInput(attrs={"placeholder": _("last"), "style": "width: 5em"}),
    )

    class Meta:
        model = Credit
        fields = ["position", "author", "role", "note"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.initial["position"] = None

    def clean_position(self) -> int:
        position = self.cleaned_data["position"]
        return LAST_POSITION if position is None else position


class AuthorAdminForm(forms.ModelForm):
    class Meta:
        model = Author
        fields = ["name", "slug", "kind"]

    def clean_name(self) -> str:
        name = self.cleaned_data["name"]
        same = Author.objects.filter(name_key=normalise_name(name)).exclude(pk=self.instance.pk)
        existing = same.first()
        if existing is not None:
            raise ValidationError(
                _(
                    "“%(name)s” is already an author. To make one author of the two, select "
                    "both in the list and use the merge action."
                ),
                code="duplicate_author",
                params={"name": existing.name},
            )
        return name


class MergeAuthorsForm(forms.Form):
    """Which of the two selected authors survives the merge."""

    kept = forms.ModelChoiceField(
        queryset=Author.objects.none(),
        widget=forms.RadioSelect,
        label=_("Keep this author"),
        empty_label=None,
    )

    def __init__(self, *args, authors, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.authors = authors
        self.fields["kept"].queryset = Author.objects.filter(pk__in=[a.pk for a in authors])
        self.fields["kept"].initial = authors[0].pk
