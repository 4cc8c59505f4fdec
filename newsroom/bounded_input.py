"""Refuse, with a 400, request paths and query strings that no database can be asked about.

PostgreSQL refuses NUL in any text, and a lone surrogate cannot be encoded to send it:
a lookup, a filter or a search holding either would fail inside the database, as a 500,
wherever a view forgot to check. Refused here once, before any view, for every page,
the API and the admin alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext

UNUSABLE_CHARACTERS = re.compile("[\x00\ud800-\udfff]")


def unusable_parameters(request: HttpRequest) -> list[str]:
    """The query parameters whose name or a value holds NUL or a lone surrogate."""
    return [
        name
        for name, values in request.GET.lists()
        if any(UNUSABLE_CHARACTERS.search(text) for text in (name, *values))
    ]


def has_unusable_characters(request: HttpRequest) -> bool:
    """Whether the path or a query parameter's name or value holds NUL or a lone surrogate."""
    return bool(UNUSABLE_CHARACTERS.search(request.path) or unusable_parameters(request))


class UnusableCharactersMiddleware:
    """A path: 404, nothing is stored there. A query: 400, JSON naming it under /api/."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if UNUSABLE_CHARACTERS.search(request.path):
            # Django turns this into the 404 page (JSON under /api/).
            raise Http404
        names = unusable_parameters(request)
        if not names:
            return self.get_response(request)
        message = gettext(
            "The address holds a character that nothing can be looked up with"
            " (NUL, or half of a surrogate pair)."
        )
        if request.path.startswith("/api/"):
            # The API's own shape for a bad parameter: each named, with what is wrong.
            return JsonResponse({name: [message] for name in names}, status=400)
        return render(request, "400.html", {"message": message}, status=400)
