"""GET /api/v1/changes/: the change log as a feed with a polling cursor (CONTRACT section 6)."""

from __future__ import annotations

from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
)
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param
from rest_framework.views import APIView

from api import schema
from api.pagination import KeysetCursorPagination, or_empty
from api.serializers import links_for
from articles.changes import ChangeEvent, ChangeKind

AFTER = "after"
PAGE_SIZE = "page_size"
MAX_ID = 10**18 - 1


class ChangedArticleSerializer(serializers.Serializer):
    source_id = serializers.CharField()
    slug = serializers.CharField()
    url = serializers.URLField(help_text="The article in the API; 404 or 410 once it is gone.")


class ChangeEventSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Strictly increasing in the order of the changes.")
    at = serializers.DateTimeField()
    kind = serializers.ChoiceField(choices=ChangeKind.values)
    article = serializers.SerializerMethodField()

    @extend_schema_field(ChangedArticleSerializer)
    def get_article(self, event: ChangeEvent) -> dict:
        return {
            "source_id": event.source_id,
            "slug": event.slug,
            "url": links_for(self.context).article(event.slug),
        }


class ChangeFeedSerializer(serializers.Serializer):
    next = serializers.URLField(help_text="Always given: poll it later for what happens next.")
    results = ChangeEventSerializer(many=True)


class ChangeFeed(APIView):
    unknown_parameter_message = _("Unknown parameter. This endpoint takes: %(known)s.")
    after_message = _("The id of the last change you have read: a whole number, 0 or more.")
    known_parameters = frozenset({AFTER, PAGE_SIZE, "format"})

    @extend_schema(
        summary="Every change of what the public sees",
        description=(
            "Published, updated, unpublished, withdrawn and deleted articles, in the order"
            " the changes became visible; `id` strictly increases. Follow `next` until"
            " `results` is empty, then poll that same `next` later: it returns only what"
            " happened since. `after` is that cursor: the id of the last change read."
        ),
        parameters=[
            OpenApiParameter(
                AFTER,
                or_empty({"type": "integer", "minimum": 0, "maximum": MAX_ID, "default": 0}),
                description="The id of the last change read (0: from the start).",
            ),
            OpenApiParameter(
                PAGE_SIZE,
                or_empty(
                    {
                        "type": "integer",
                        "minimum": 1,
                        "maximum": KeysetCursorPagination.max_page_size,
                        "default": KeysetCursorPagination.page_size,
                    }
                ),
            ),
        ],
        responses={200: ChangeFeedSerializer, 400: schema.BAD_PARAMETER, 429: schema.THROTTLED},
        examples=[
            OpenApiExample(
                "A takedown",
                value={
                    "next": f"{schema.HOST}/api/v1/changes/?after=42",
                    "results": [
                        {
                            "id": 42,
                            "at": "2026-11-24T14:00:00.123456Z",
                            "kind": "withdrawn",
                            "article": {
                                "source_id": "reuters_0042",
                                "slug": "a-withdrawn-story",
                                "url": f"{schema.HOST}/api/v1/articles/a-withdrawn-story/",
                            },
                        }
                    ],
                },
            )
        ],
    )
    def get(self, request: Request) -> Response:
        unknown = sorted(set(request.query_params) - self.known_parameters)
        if unknown:
            message = self.unknown_parameter_message % {
                "known": ", ".join(sorted(self.known_parameters))
            }
            raise ValidationError({name: [message] for name in unknown})
        after = self.after(request)
        page_size = KeysetCursorPagination().get_page_size(request)
        events = list(ChangeEvent.objects.filter(id__gt=after).order_by("id")[:page_size])
        last = events[-1].id if events else after
        data = ChangeEventSerializer(events, many=True, context={"request": request}).data
        next_url = replace_query_param(request.build_absolute_uri(), AFTER, last)
        response = Response({"next": next_url, "results": data})
        # A poller wants what is new now; a short shared cache would only delay it.
        patch_cache_control(response, no_cache=True)
        patch_vary_headers(response, ["Accept", "Accept-Language"])
        return response

    def after(self, request: Request) -> int:
        raw = request.query_params.get(AFTER) or "0"
        if not raw.isascii() or not raw.isdigit() or int(raw) > MAX_ID:
            raise ValidationError({AFTER: [self.after_message]})
        return int(raw)
