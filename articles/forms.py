"""Admin forms: no lost updates, no workflow step a role may not take, photos checked."""

from __future__ import annotations

import dataclasses

from django import forms
from django.contrib.admin.widgets import AdminFileWidget
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from reversion.models import Version

from articles import history, merging
from articles.models import (
    Article,
    ArticleStatus,
    Author,
    Credit,
)
from articles.services import editorial, locking, ownership, photos, renditions

# Above any real position (a small integer field): renumbering then puts the credit last.
LAST_POSITION = 32767
CREDITS_PREFIX = "credits"
# More rows than any article has: a crafted TOTAL_FORMS does not make the check loop for long.
MOST_CREDIT_ROWS = 1000


@dataclasses.dataclass(frozen=True)
class ConflictReport:
    """What the editor whose save was refused is shown: what came in, what collides."""

    # (label, their value) of each change of theirs now in the form.
    taken: list[tuple[str, str]]
    # (label, their value, your value) of each field both changed, differently.
    collisions: list[tuple[str, str, str]]
    # A photo chosen in this form: a browser never sends a file twice.
    photo_to_choose_again: bool = False


def photo_value(value) -> object:
    """The submitted photo as the merge compares it: its name, "" when cleared, or an upload."""
    if value is False or value is None:
        return ""
    if isinstance(value, FieldFile):
        return value.name or ""
    # A fresh upload differs from every stored name.
    return ("upload", getattr(value, "name", ""))


def _integer(text) -> int | None:
    try:
        return int(text)
    except (TypeError, ValueError):
        return None


def submitted_credits(data) -> list[dict] | bool | None:
    """The credits as the form's rows submit them, in their order; None if the form has none.

    False when the rows cannot be read (a crafted row count). Rows are read as sent, not
    validated: the inline's own formset says what is wrong with a row.
    """
    total = data.get(f"{CREDITS_PREFIX}-TOTAL_FORMS")
    if total is None:
        return None
    total = _integer(total)
    if total is None or not 0 <= total <= MOST_CREDIT_ROWS:
        return False
    rows = []
    for index in range(total):
        row = f"{CREDITS_PREFIX}-{index}-"
        credit_id, author = _integer(data.get(row + "id")), _integer(data.get(row + "author"))
        if data.get(row + "DELETE") or (credit_id is None and author is None):
            continue  # removed, or an empty "add another" row
        position = _integer(data.get(row + "position"))
        credit = {
            "key": credit_id if credit_id is not None else f"new-{index}",
            "author": author,
            "role": data.get(row + "role", ""),
            "note": (data.get(row + "note") or "").strip(),
        }
        rows.append((LAST_POSITION if position is None else position, index, credit))
    return [credit for *_, credit in sorted(rows, key=lambda row: row[:2])]


def conflict_report(
    result: merging.MergeResult, base: dict, theirs: dict, mine: dict
) -> ConflictReport:
    """The conflict as the editor reads it: labels and values, credits named."""
    all_credits = [*base.get(merging.CREDITS, []), *theirs.get(merging.CREDITS, [])]
    all_credits += mine.get(merging.CREDITS, [])
    authors = Author.objects.in_bulk({credit["author"] for credit in all_credits} - {None})
    by_key = {credit["key"]: credit for credit in all_credits}

    def text(name: str, value) -> str:
        return history.value_text(name, value, by_key, authors)

    taken = [
        (history.field_label(name), text(name, theirs[name])) for name in result.taken_from_theirs
    ]
    collisions = []
    for collision in result.collisions:
        if collision.field == merging.CREDITS:
            their_text = history.credit_text(collision.theirs, authors)
            my_text = history.credit_text(collision.mine, authors)
        elif collision.field == "photo":
            their_text, my_text = text("photo", collision.theirs), str(_("your new photo"))
            if not isinstance(collision.mine, tuple):
                my_text = text("photo", collision.mine)
        else:
            their_text = text(collision.field, collision.theirs)
            my_text = text(collision.field, collision.mine)
        collisions.append((history.field_label(collision.field), their_text, my_text))
    return ConflictReport(taken, collisions, isinstance(mine.get("photo"), tuple))


def write_merge_into_form(form: forms.ModelForm, merged: dict, theirs: dict) -> None:
    """Put the merged values into the submitted data, which the inline formsets share.

    The admin hands the form a mutable copy of the request's data and the credits' formset
    that same copy, so both show the merge when the page comes back.
    """
    data = form.data
    for name, value in merged.items():
        if name in (merging.CREDITS, "photo") or name not in form.fields:
            continue  # a file cannot be put back into a form
        key = form.add_prefix(name)
        widget = form.fields[name].widget
        if isinstance(widget, forms.MultiWidget):
            for index, part in enumerate(widget.decompress(value)):
                data[f"{key}_{index}"] = "" if part is None else formats.localize_input(part)
        else:
            data[key] = "" if value is None else formats.localize_input(value)
    if merging.CREDITS in merged:
        _write_credits(data, merged[merging.CREDITS], theirs[merging.CREDITS], form.instance.pk)


def _write_credits(data, merged: list[dict], current: list[dict], article_id: int) -> None:
    current_by_key = {credit["key"]: credit for credit in current}
    kept_keys = {credit["key"] for credit in merged}
    # Saved credits first (the formset's initial rows), then those the merge removes, marked
    # for deletion, then the new ones.
    saved = [
        (position, credit)
        for position, credit in enumerate(merged)
        if credit["key"] in current_by_key
    ]
    removed = [(LAST_POSITION, credit) for credit in current if credit["key"] not in kept_keys]
    new = [
        (position, credit)
        for position, credit in enumerate(merged)
        if credit["key"] not in current_by_key
    ]
    for key in [key for key in data if key.startswith(f"{CREDITS_PREFIX}-")]:
        if not key.endswith(("MIN_NUM_FORMS", "MAX_NUM_FORMS")):
            del data[key]
    rows = [*saved, *removed, *new]
    data[f"{CREDITS_PREFIX}-TOTAL_FORMS"] = str(len(rows))
    data[f"{CREDITS_PREFIX}-INITIAL_FORMS"] = str(len(saved) + len(removed))
    for index, (position, credit) in enumerate(rows):
        row = f"{CREDITS_PREFIX}-{index}-"
        if credit["key"] in current_by_key:
            data[row + "id"] = str(credit["key"])
        data[row + "article"] = str(article_id)
        data[row + "author"] = "" if credit["author"] is None else str(credit["author"])
        data[row + "role"] = credit["role"]
        data[row + "note"] = credit["note"]
        data[row + "position"] = str(position)
        if index >= len(saved) and index < len(saved) + len(removed):
            data[row + "DELETE"] = "on"


class PhotoPreviewWidget(AdminFileWidget):
    """The admin's file input with the photo as it is now and, before upload, the one chosen."""

    template_name = "admin/articles/widgets/photo_preview.html"
    # The form's preview: big enough to judge a crop, a rendition so the page stays light.
    preview_rendition = "page-480-jpeg"

    class Media:
        css = {"all": ("admin-newsroom/photo-preview.css",)}
        js = ("admin-newsroom/photo-preview.js",)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        widget["attrs"]["data-photo-preview"] = f"{widget['attrs'].get('id', name)}_preview"
        widget["attrs"].setdefault("accept", "image/jpeg,image/png,image/webp")
        has_stored_photo = bool(value) and getattr(value, "_committed", False)
        widget["preview"] = (
            renditions.rendition(value, self.preview_rendition) if has_stored_photo else None
        )
        return context


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
        widgets = {"photo": PhotoPreviewWidget}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Filled when the save is refused because someone else saved first.
        self.conflict: ConflictReport | None = None
        self._credits_readable = True
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
        theirs = history.current_state(current)
        mine = self._submitted_state(cleaned_data)
        base = history.state_at_version(current, cleaned_data.get("base_version"))
        result = merging.merge(base or merging.unknown_base(theirs), theirs, mine)
        self.conflict = conflict_report(result, base or theirs, theirs, mine)
        # The form now shows the merge: their changes that do not collide with this editor's
        # are written into it, so that saving again saves what the editor sees, nothing else.
        write_merge_into_form(self, result.merged, theirs)
        if self._credits_readable:
            self.data[self.add_prefix("base_version")] = current.version
        raise ValidationError(self._conflict_message(current), code="edit_conflict")

    def _submitted_state(self, cleaned_data: dict) -> dict:
        mine = {
            name: history.plain_value(cleaned_data[name])
            for name in history.MERGED_FIELDS
            if name in self.fields and name in cleaned_data and name != "photo"
        }
        if "photo" in self.fields and "photo" in cleaned_data:
            mine["photo"] = photo_value(cleaned_data["photo"])
        credits = submitted_credits(self.data)
        self._credits_readable = credits is not False
        if credits:
            mine[merging.CREDITS] = credits
        return mine

    def _conflict_message(self, current: Article) -> str:
        latest = Version.objects.get_for_object(current).select_related("revision__user").first()
        who = gettext("someone else")
        if latest is not None and latest.revision.user is not None:
            who = latest.revision.user.get_full_name() or latest.revision.user.get_username()
        return format_html(
            gettext(
                "{who} saved this article at {time}, after you opened it, so your changes have "
                "not been saved yet. Nothing is lost: the form below now holds your changes and "
                "theirs; where you both changed the same thing, your text is in the form and "
                'theirs beside it, under this message. <a href="{url}" target="_blank" '
                'rel="noopener">Open the current version</a> in a new tab to compare. Saving '
                "again saves the form as it is; their version stays in the history."
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
