"""GET /api/v1/: where each endpoint of the API lives, for clients that start from the root."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

ENDPOINTS = {
    "articles": "api:article-list",
    "authors": "api:author-list",
    "changes": "api:changes",
    "schema": "api:schema",
    "docs": "api:docs",
}


class ApiRoot(APIView):
    @extend_schema(
        summary="The endpoints of API v1",
        description="Each endpoint's name and absolute URL.",
        responses={200: OpenApiTypes.OBJECT},
        examples=[
            OpenApiExample(
                "API v1",
                value={name: f"http://host/api/v1/{name}/" for name in ENDPOINTS},
            )
        ],
    )
    def get(self, request: Request) -> Response:
        return Response(
            {name: request.build_absolute_uri(reverse(url)) for name, url in ENDPOINTS.items()}
        )
