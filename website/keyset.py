"""Keyset pagination of the public lists: "Older" and "Newer" links carry the last key seen.

Django's ``Paginator`` counts every matching row and reads page N with an OFFSET
that skips the N - 1 pages before it, so deep pages cost in proportion to their
depth and every page pays for the count. Here a page starts *after* (or ends
*before*) the key of the last (or first) row the reader saw: the values of every
ordering field, ending with a unique id so the order is total. The next page is
one indexed range read whatever its depth, and articles published meanwhile never
shift a page. The API does the same in ``api/pagination.py``; the apps share no code.

A key in a URL is the values joined by ``_``: ``?after=2023-09-01_4182``.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _

from articles import selectors

SEPARATOR = "_"
INVALID_KEY_MESSAGE = _("Not a place in this list: follow the Older and Newer links as given.")


def finite_float(text: str) -> float:
    """A float that compares: no NaN, no infinity."""
    value = float(text)
    if not math.isfinite(value):
        raise ValueError("not a finite number")
    return value


# How each kind of ordering value reads back from a URL.
PARSERS: dict[str, Callable[[str], Any]] = {
    "date": datetime.date.fromisoformat,
    "int": int,
    "float": finite_float,
}


@dataclass(frozen=True)
class Ordering:
    """A list's order, as ``(field, kind)`` pairs: ``("-date", "date"), ("-id", "int")``.

    A field is a model field, a ``__`` path to one, or an annotation of the queryset.
    """

    fields: tuple[tuple[str, str], ...]

    @property
    def order_by(self) -> list[str]:
        return [field for field, _kind in self.fields]

    def key_of(self, item: Model) -> str:
        """The item's key, as a URL carries it."""
        values = []
        for field, _kind in self.fields:
            value: Any = item
            for name in field.lstrip("-").split("__"):
                value = getattr(value, name)
            values.append(value.isoformat() if isinstance(value, datetime.date) else str(value))
        return SEPARATOR.join(values)

    def parse(self, key: str) -> list:
        """The values of a key; ValueError when it is not one of this ordering."""
        texts = key.split(SEPARATOR)
        if len(texts) != len(self.fields):
            raise ValueError("a key of another list")
        return [
            PARSERS[kind](text) for (_field, kind), text in zip(self.fields, texts, strict=True)
        ]


class KeyField(forms.CharField):
    """A key of `ordering` in the query string; cleans to its values (None when absent)."""

    default_error_messages = {"invalid": INVALID_KEY_MESSAGE}

    def __init__(self, ordering: Ordering, **kwargs: Any) -> None:
        self.ordering = ordering
        super().__init__(required=False, max_length=200, **kwargs)

    def to_python(self, value: Any) -> list | None:
        text = super().to_python(value)
        if not text:
            return None
        try:
            return self.ordering.parse(text)
        except (ValueError, TypeError):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


@dataclass
class KeysetPage:
    """One page of a list and the keys of its neighbours (None: no such page)."""

    items: list
    older_key: str | None
    newer_key: str | None

    def links(self, query: dict[str, str]) -> dict[str, str]:
        """The query strings of the neighbours, the list's own parameters kept."""
        kept = {name: value for name, value in query.items() if value}
        links = {}
        if self.newer_key is not None:
            links["newer"] = "?" + urlencode({**kept, "before": self.newer_key})
        if self.older_key is not None:
            links["older"] = "?" + urlencode({**kept, "after": self.older_key})
        return links


def paginate(
    queryset: QuerySet,
    ordering: Ordering,
    size: int,
    *,
    after: Sequence | None = None,
    before: Sequence | None = None,
) -> KeysetPage:
    """The page after the key `after`, or before the key `before`, or the first page.

    One query of ``size + 1`` rows: the extra row tells whether the list goes on.
    """
    fields = ordering.order_by
    backwards = before is not None and after is None
    if backwards:
        fields = [selectors.reversed_ordering(field) for field in fields]
    queryset = queryset.order_by(*fields)
    key = before if backwards else after
    if key is not None:
        queryset = queryset.filter(selectors.beyond_key(fields, key))
    rows = list(queryset[: size + 1])
    more = len(rows) > size
    items = rows[:size]
    if backwards:
        items.reverse()
    # The row a key names was on a page of its own: a page came from somewhere.
    has_older = more if not backwards else True
    has_newer = key is not None if not backwards else more
    return KeysetPage(
        items=items,
        older_key=ordering.key_of(items[-1]) if items and has_older else None,
        newer_key=ordering.key_of(items[0]) if items and has_newer else None,
    )
