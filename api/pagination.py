"""Keyset cursor pagination over the queryset's own ordering.

DRF's ``CursorPagination`` positions its cursor on the first ordering field only
and skips ties with an OFFSET. Articles tie a lot (every month-precision story of
September 2023 has the same date; search ranks tie too), so that offset grows
with the archive. Here the cursor holds the values of *every* ordering field of
the last item seen, ending with the primary key, so the next page is one indexed
range read whatever its depth, and rows inserted meanwhile never shift a page.

The ordering comes from the queryset (``order_by``), which the filter set
chooses: newest first, oldest first (``ordering=date``), or most relevant
first when searching. The envelope stays DRF's: ``next``, ``previous``,
``results``.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import json
import re
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from articles import selectors


class KeysetCursorPagination(CursorPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    # The default when the queryset comes unordered; views order it themselves.
    ordering = ("-date", "-id")
    invalid_cursor_message = _("Invalid cursor: use the next and previous links as given.")
    page_size_message = _("A whole number from 1 to {maximum}.")

    def paginate_queryset(
        self, queryset: QuerySet, request: Request, view: Any = None
    ) -> list[Model] | list[dict]:
        self.request = request
        self.base_url = request.build_absolute_uri()
        self.page_size = self.get_page_size(request)
        self.fields = list(queryset.query.order_by or self.ordering)
        if self.fields[-1].lstrip("-") not in ("id", "pk"):
            # A unique last key makes the order total: no row is skipped or shown twice.
            self.fields.append("-id" if self.fields[-1].startswith("-") else "id")

        values, backwards = self.decode_cursor(request)
        fields = (
            [selectors.reversed_ordering(field) for field in self.fields]
            if backwards
            else self.fields
        )
        queryset = queryset.order_by(*fields)
        if values is not None:
            try:
                queryset = queryset.filter(selectors.beyond_key(fields, values))
            except (DjangoValidationError, ValueError, TypeError):
                # A forged cursor: values of the wrong type for their fields.
                raise ValidationError(
                    {self.cursor_query_param: [self.invalid_cursor_message]}
                ) from None

        # One row more than the page tells whether another page follows.
        rows = list(queryset[: self.page_size + 1])
        more = len(rows) > self.page_size
        self.page = rows[: self.page_size]
        if backwards:
            self.page.reverse()
        came_from_somewhere = values is not None
        self.has_next = more if not backwards else came_from_somewhere
        self.has_previous = came_from_somewhere if not backwards else more
        return self.page

    def get_page_size(self, request: Request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        # An empty value is no value, as an HTML form without it would send.
        if not raw:
            return self.page_size
        # int() would also take " 5" and Arabic-Indic digits, which the schema's integer
        # does not describe.
        size = int(raw) if raw.isascii() and raw.isdigit() else 0
        if not 1 <= size <= self.max_page_size:
            message = str(self.page_size_message).format(maximum=self.max_page_size)
            raise ValidationError({self.page_size_query_param: [message]})
        return size

    def get_next_link(self) -> str | None:
        if not self.has_next or not self.page:
            return None
        return self.link_to(self.page[-1], backwards=False)

    def get_previous_link(self) -> str | None:
        if not self.has_previous or not self.page:
            return None
        return self.link_to(self.page[0], backwards=True)

    def get_paginated_response(self, data: Sequence) -> Response:
        return Response(
            {"next": self.get_next_link(), "previous": self.get_previous_link(), "results": data}
        )

    def link_to(self, item: Model | dict, *, backwards: bool) -> str:
        names = [field.lstrip("-") for field in self.fields]
        # Rows read as values (the article list) or model instances (authors, ninjs).
        if isinstance(item, dict):
            values = [_json_value(item["id" if name == "pk" else name]) for name in names]
        else:
            values = [_json_value(getattr(item, name)) for name in names]
        payload = json.dumps({"v": values, "b": backwards}, separators=(",", ":"))
        token = base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")
        return replace_query_param(self.base_url, self.cursor_query_param, token)

    def decode_cursor(self, request: Request) -> tuple[list | None, bool]:
        token = request.query_params.get(self.cursor_query_param)
        if not token:
            return None, False
        try:
            padded = token + "=" * (-len(token) % 4)
            payload = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
            values, backwards = payload["v"], payload["b"]
            if not isinstance(values, list) or len(values) != len(self.fields):
                raise ValueError("a cursor for another ordering")
            if not isinstance(backwards, bool):
                raise ValueError("no direction")
            values = [_python_value(value) for value in values]
        except (ValueError, KeyError, TypeError, UnicodeError, binascii.Error):
            raise ValidationError(
                {self.cursor_query_param: [self.invalid_cursor_message]}
            ) from None
        return values, backwards

    def get_schema_operation_parameters(self, view: Any) -> list[dict]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = or_empty(
                    {
                        "type": "integer",
                        "minimum": 1,
                        "maximum": self.max_page_size,
                        "default": type(self).page_size,
                    }
                )
        return parameters


def or_empty(schema: dict) -> dict:
    """The schema, or the empty value a form sends for "not given" (the default then)."""
    return {"oneOf": [schema, {"type": "string", "enum": [""]}]}


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"date": value.isoformat()}
    return value


_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _python_value(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"datetime"}:
            return datetime.datetime.fromisoformat(value["datetime"])
        if set(value) == {"date"}:
            return datetime.date.fromisoformat(value["date"])
        raise ValueError("an unknown value in the cursor")
    if value is None or isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ValueError("an unknown value in the cursor")
    # No slug or name holds NUL or a lone surrogate, and PostgreSQL could not compare them.
    if isinstance(value, str) and _UNSTORABLE.search(value):
        raise ValueError("a character no text in the database can hold")
    return value
