"""Reading an article's saved versions and telling, word by word, what changed between two."""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models.fields.files import FieldFile
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from reversion.models import Version

from articles import merging
from articles.models import Article, ArticleStatus, Author, Credit, CreditRole

# date_text speaks the active language: in the admin, the editor's.
from articles.presentation import date_text

# Words and the whitespace between them, so that the diff shows paragraphs exactly as they are.
_WORDS_AND_SPACES = re.compile(r"\s+|\S+")

# What the compare view shows, in the order editors read an article.
COMPARED_FIELDS: list[tuple[str, Any]] = [
    ("headline", _("headline")),
    ("body", _("body")),
    ("credits", _("credits")),
    ("language", _("language")),
    ("date", _("date")),
    ("dateline", _("dateline")),
    ("photo", _("photo")),
    ("photo_caption", _("photo caption")),
    ("photo_alt_text", _("photo alternative text")),
    ("photo_credit", _("photo credit")),
    ("status", _("status")),
    ("published_at", _("publication time")),
]

# The article's fields an editor writes in the admin form, in the order the form lists them.
EDITED_FIELDS: tuple[str, ...] = (
    "headline",
    "slug",
    "language",
    "date",
    "date_precision",
    "dateline_place",
    "dateline_date",
    "dateline_source",
    "body",
    "photo",
    "photo_caption",
    "photo_alt_text",
    "photo_credit",
    "status",
    "published_at",
    "source_id",
)

# Those the compared descriptions are made of: the slug and the wire file's name never read
# as a change of the article itself.
DESCRIBED_FIELDS: tuple[str, ...] = tuple(
    name for name in EDITED_FIELDS if name not in {"slug", "source_id"}
)


@dataclasses.dataclass(frozen=True)
class Segment:
    """A run of text found in both versions, or only in the older, or only in the newer."""

    text: str
    change: str  # "equal", "removed" or "added"


@dataclasses.dataclass(frozen=True)
class FieldDifference:
    name: str
    label: str
    segments: list[Segment]


def word_diff(old: str, new: str) -> list[Segment]:
    """The changes from ``old`` to ``new`` word by word, whitespace included."""
    old_tokens = _WORDS_AND_SPACES.findall(old)
    new_tokens = _WORDS_AND_SPACES.findall(new)
    opcodes = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False).get_opcodes()
    segments: list[Segment] = []
    removed: list[str] = []
    added: list[str] = []

    def close_change() -> None:
        removed_text, added_text = "".join(removed), "".join(added)
        if removed_text and not removed_text.isspace():
            segments.append(Segment(removed_text, "removed"))
        if added_text and not added_text.isspace():
            segments.append(Segment(added_text, "added"))
        elif added_text:
            # Only whitespace changed here: keep the newer layout (paragraph breaks) unmarked.
            segments.append(Segment(added_text, "equal"))
        removed.clear()
        added.clear()

    for index, (operation, old_start, old_end, new_start, new_end) in enumerate(opcodes):
        if operation != "equal":
            removed.extend(old_tokens[old_start:old_end])
            added.extend(new_tokens[new_start:new_end])
            continue
        text = "".join(old_tokens[old_start:old_end])
        if text.isspace() and (removed or added) and index < len(opcodes) - 1:
            # A lone space between two changed words joins them: one run reads, a zebra does not.
            removed.append(text)
            added.append(text)
            continue
        close_change()
        segments.append(Segment(text, "equal"))
    close_change()
    return segments


def describe_article(fields: Mapping[str, Any], credits: Iterable[Mapping[str, Any]]) -> dict:
    """The readable text of each compared field, from a saved version's or an article's values."""
    authors = Author.objects.in_bulk({credit["author_id"] for credit in credits})
    credit_lines = []
    for credit in sorted(credits, key=lambda credit: (credit["position"], credit.get("id") or 0)):
        author = authors.get(credit["author_id"])
        name = author.name if author else _("deleted author #%(id)s") % {"id": credit["author_id"]}
        line = f"{_label(CreditRole, credit['role'])}: {name}"
        if credit["note"]:
            line += f" ({credit['note']})"
        credit_lines.append(line)
    date = fields.get("date")
    if date is not None:
        date = date_text(date, fields.get("date_precision"))
    published_at = fields.get("published_at")
    dateline = " ".join(
        part
        for part in (
            fields.get("dateline_place", ""),
            fields.get("dateline_date", ""),
            f"({fields['dateline_source']})" if fields.get("dateline_source") else "",
        )
        if part
    )
    return {
        "headline": fields.get("headline", ""),
        # A browser sends line breaks as CRLF: the same text, not a change worth showing.
        "body": fields.get("body", "").replace("\r\n", "\n"),
        "credits": "\n".join(credit_lines),
        "language": fields.get("language", ""),
        "date": str(date or ""),
        "dateline": dateline,
        "photo": str(fields.get("photo") or ""),
        "photo_caption": fields.get("photo_caption", ""),
        "photo_alt_text": fields.get("photo_alt_text", ""),
        "photo_credit": fields.get("photo_credit", ""),
        "status": str(_label(ArticleStatus, fields.get("status", ""))),
        "published_at": date_format(localtime(published_at), "DATETIME_FORMAT")
        if published_at
        else "",
    }


def _label(choices, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def describe_version(version: Version) -> dict:
    """The readable fields of the article as this version saved it, credits included."""
    credit_type = ContentType.objects.get_for_model(Credit)
    article_id = int(version.object_id)
    credits = [
        credit_version.field_dict
        for credit_version in version.revision.version_set.filter(content_type=credit_type)
        if credit_version.field_dict["article_id"] == article_id
    ]
    return describe_article(version.field_dict, credits)


def describe_current(article: Article) -> dict:
    """The readable fields of the article as it is in the database now."""
    fields = {name: getattr(article, name) for name in DESCRIBED_FIELDS}
    credits = list(Credit.objects.filter(article=article).values())
    return describe_article(fields, credits)


def differences(older: Mapping[str, str], newer: Mapping[str, str]) -> list[FieldDifference]:
    """Each compared field whose text differs, with its word-by-word diff."""
    return [
        FieldDifference(name, str(label), word_diff(older[name], newer[name]))
        for name, label in COMPARED_FIELDS
        if older[name] != newer[name]
    ]


def compare_versions(older: Version, newer: Version) -> list[FieldDifference]:
    """What changed in the article from one saved version to another."""
    return differences(describe_version(older), describe_version(newer))


# What the merge of two edits compares (articles/merging.py): every field the form edits but
# the wire file's name, which never changes once given, and the credits.
MERGED_FIELDS: tuple[str, ...] = tuple(name for name in EDITED_FIELDS if name != "source_id")


def plain_value(value: Any) -> Any:
    """A field's value as the merge compares it: a photo by its name, a time to the second.

    The form sends times to the second and a saved version keeps milliseconds: compared any
    finer, an untouched publication time would read as changed by everyone.
    """
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, datetime.datetime):
        return value.replace(microsecond=0)
    return value


def plain_state(fields: Mapping[str, Any], credits: Iterable[Mapping[str, Any]]) -> dict:
    """An article as a plain dict for merging: its fields, and its credits in order."""
    state = {name: plain_value(fields[name]) for name in MERGED_FIELDS if name in fields}
    ordered = sorted(credits, key=lambda credit: (credit["position"], credit.get("id") or 0))
    state[merging.CREDITS] = [
        {
            "key": credit["id"],
            "author": credit["author_id"],
            "role": credit["role"],
            "note": credit["note"],
        }
        for credit in ordered
    ]
    return state


def current_state(article: Article) -> dict:
    """The article as it is in the database now, as a plain dict for merging."""
    current = Article.objects.get(pk=article.pk)
    fields = {name: getattr(current, name) for name in MERGED_FIELDS}
    return plain_state(fields, Credit.objects.filter(article_id=article.pk).values())


def _credits_of(version: Version) -> list[dict]:
    credit_type = ContentType.objects.get_for_model(Credit)
    article_id = int(version.object_id)
    return [
        credit_version.field_dict
        for credit_version in version.revision.version_set.filter(content_type=credit_type)
        if credit_version.field_dict["article_id"] == article_id
    ]


def state_at_version(article: Article, version_number: int | None) -> dict | None:
    """The article as it was at this version number (its ``version`` field), from its history.

    None when the history has no such version (an article loaded by ``loaddata``, say).
    """
    if version_number is None:
        return None
    for version in Version.objects.get_for_object(article).order_by("-pk"):
        if version.field_dict.get("version") == version_number:
            return plain_state(version.field_dict, _credits_of(version))
    return None


def field_label(name: str) -> str:
    """The label of a merged field, as the form shows it ("Titre")."""
    if name == merging.CREDITS:
        return capfirst(_("credit"))
    if name == merging.CREDIT_ORDER:
        return capfirst(_("order of the credits"))
    return capfirst(Article._meta.get_field(name).verbose_name)


def credit_text(credit: Mapping[str, Any] | None, authors: Mapping[int, Author]) -> str:
    """A credit as one line ("photo: Reuters (à Kyiv)"), or that it was removed."""
    if credit is None:
        return str(_("(removed)"))
    author = authors.get(credit["author"])
    name = author.name if author else _("deleted author #%(id)s") % {"id": credit["author"]}
    line = f"{_label(CreditRole, credit['role'])}: {name}"
    return f"{line} ({credit['note']})" if credit["note"] else line


def value_text(name: str, value: Any, credits_by_key: Mapping, authors: Mapping) -> str:
    """A merged field's value as an editor reads it."""
    if name == merging.CREDIT_ORDER:
        return "\n".join(credit_text(credits_by_key.get(key), authors) for key in value)
    if name == merging.CREDITS:
        return "\n".join(credit_text(credit, authors) for credit in value) or "—"
    if value is None or value == "":
        return "—"
    if isinstance(value, datetime.datetime):
        return date_format(localtime(value), "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return date_format(value, "SHORT_DATE_FORMAT")
    field = Article._meta.get_field(name)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)
