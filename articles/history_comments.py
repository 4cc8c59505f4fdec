"""History comments stored as a message key and its values, and read in the viewer's language.

A revision's comment is written once and read by editors of either language: storing the
sentence would freeze it in the language of whoever saved. ``comment()`` stores
``{"message": key, "params": {...}}``; ``render_comment()`` turns that (and the admin's own
JSON change messages, and older plain comments) into a sentence in the active language.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Mapping
from typing import Any

from django.contrib.admin.models import LogEntry
from django.utils import translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy

from articles.models import CreditRole
from articles.presentation import scheduled_time_text

# Every message the desk writes into a history, by key.
MESSAGES: dict[str, Any] = {
    "imported": gettext_lazy("Imported from %(file)s"),
    "imported_version": gettext_lazy("Imported from %(file)s (version %(version)s)"),
    "imported_over_desk_edits": gettext_lazy(
        "Imported from %(file)s (version %(version)s) over the desk's edits. From the agency: "
        "%(from_agency)s. The desk's edits kept: %(desk_kept)s. Changed by both, the desk's "
        "text kept, agency update to review: %(to_review)s."
    ),
    "submitted": gettext_lazy("Submitted for review."),
    "published": gettext_lazy("Published."),
    "scheduled": gettext_lazy("Scheduled for publication on %(time)s."),
    "unpublished": gettext_lazy("Unpublished."),
    "reinstated": gettext_lazy("Reinstated."),
    "merged_authors": gettext_lazy("Merged author “%(duplicate)s” into “%(kept)s”."),
    "restored": gettext_lazy("Restored the version saved on %(time)s."),
}

# How a stored import comment starts (both "imported" and "imported_version"): see comment().
IMPORT_COMMENT_PREFIX = '{"message": "imported'

# Parameters holding a time (ISO 8601, UTC): shown in the viewer's language and time zone.
TIME_PARAMETERS = frozenset({"time"})

# Comments written before they were keys: the English sentence, and the key it stands for.
_LEGACY_IMPORT = re.compile(r"^Imported from (?P<file>.+?)(?: \(version (?P<version>\d+)\))?$")
_LEGACY_SENTENCES = {
    "Submitted for review.": "submitted",
    "Published.": "published",
    "Scheduled for publication.": "published",
    "Unpublished.": "unpublished",
    "Reinstated.": "reinstated",
}


def comment(key: str, **params: Any) -> str:
    """The stored form of a history comment: its key and values, in no language."""
    if key not in MESSAGES:
        raise KeyError(f"unknown history message {key!r}")
    values = {
        name: value.isoformat() if isinstance(value, datetime.datetime) else value
        for name, value in params.items()
    }
    return json.dumps({"message": key, "params": values}, ensure_ascii=False)


def _param_text(name: str, value: Any) -> str:
    if name in TIME_PARAMETERS and isinstance(value, str):
        moment = parse_datetime(value)
        if moment is not None:
            return scheduled_time_text(moment)
    return str(value)


def _render_key(key: str, params: Mapping[str, Any]) -> str:
    template = MESSAGES.get(key)
    if template is None:
        return key
    return str(template) % {name: _param_text(name, value) for name, value in params.items()}


def _credit_object_text(sub_message: Mapping[str, Any]) -> str | None:
    # Credits are stored as their role code and author: the label is the viewer's language.
    role, author = sub_message.get("role"), sub_message.get("author")
    if role is None or author is None:
        return None
    try:
        label = CreditRole(role).label
    except ValueError:
        label = role
    return f"{label}: {author}"


def _render_change_message(stored: list) -> str:
    for sub_message in stored:
        for action in ("added", "changed", "deleted"):
            details = sub_message.get(action) if isinstance(sub_message, dict) else None
            if isinstance(details, dict) and (text := _credit_object_text(details)):
                details["object"] = text
    return LogEntry(change_message=json.dumps(stored)).get_change_message()


def render_comment(stored: str) -> str:
    """A stored comment as a sentence in the active language."""
    text = (stored or "").strip()
    if text.startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            return text
        if isinstance(data, dict) and "message" in data:
            return _render_key(str(data["message"]), data.get("params") or {})
        return text
    if text.startswith("["):
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            return text
        if isinstance(data, list):
            return _render_change_message(data)
        return text
    if match := _LEGACY_IMPORT.match(text):
        if match["version"]:
            return _render_key("imported_version", match.groupdict())
        return _render_key("imported", {"file": match["file"]})
    if key := _LEGACY_SENTENCES.get(text):
        return _render_key(key, {})
    return text


def render_in(language: str, stored: str) -> str:
    """render_comment in a given language (for tests and exports)."""
    with translation.override(language):
        return render_comment(stored)
