"""The authors' forms in the admin: an author's own, a new one from a credit, merging two."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from articles.models import Author
from articles.names import normalise_name


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


class NewAuthorForm(forms.Form):
    """The name of an author created from a credit's author search."""

    name = forms.CharField(label=_("name"), max_length=Author._meta.get_field("name").max_length)

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        key = normalise_name(name)
        if not key:
            raise ValidationError(
                _("An author's name needs letters or digits."), code="name_without_letters"
            )
        # Some characters spread into several without their accents (ﬃ, ½): the matching
        # key has a limit of its own.
        if len(key) > Author._meta.get_field("name_key").max_length:
            raise ValidationError(_("This name is too long."), code="name_too_long")
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
