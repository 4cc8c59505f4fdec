"""The authors' forms in the admin: an author's own, and merging two into one."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from articles.models import Author, normalise_name


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
