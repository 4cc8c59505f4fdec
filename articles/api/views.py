"""API v1 views: read-only viewsets over what the public may see.

Every queryset starts from ``Article.objects.visible()``: drafts, articles in
review and scheduled articles do not exist here, in lists, details, filters,
search, author lists, counts or author details.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Count, Exists, Max, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Greatest
from django.http import Http404, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.decorators import method_decorator
from django.utils.http import http_date
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from articles.api import schema, serializers
from articles.api.filters import ArticleFilter
from articles.api.ninjs import article_as_ninjs
from articles.api.pagination import KeysetCursorPagination
from articles.api.renderers import NinjsRenderer
from articles.models import Article, Author, Credit
from articles.search import with_snippets
from articles.views import conditional_get

# An author's detail lists this many of their newest credits; the article list filtered
# by author pages through all of them.
AUTHOR_CREDITS_LIMIT = 500
# Lists never need the wire text kept for export; it is the heaviest column.
LIST_DEFERRED_FIELDS = ("source_text", "source_hash", "body")


@method_decorator(conditional_get, name="dispatch")
class PublicReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """Shared HTTP behaviour: public caching of successes, and Vary for content negotiation."""

    lookup_field = "slug"
    pagination_class = KeysetCursorPagination

    def get_object(self):
        try:
            return super().get_object()
        except Http404:
            # DRF would pass on "No Article matches the given query.": untranslated, and
            # naming a model the consumer has no business knowing.
            raise NotFound() from None

    def finalize_response(self, request: Request, response: Response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 200:
            patch_cache_control(response, public=True, max_age=settings.API_CACHE_SECONDS)
        # The same URL answers JSON or ninjs (?format=, Accept) in the reader's language.
        patch_vary_headers(response, ["Accept", "Accept-Language"])
        return response


def set_last_modified(response: HttpResponse, articles: list[Article]) -> None:
    # Publishing a scheduled article changes what is shown without touching updated_at.
    moments = [max(article.updated_at, article.published_at) for article in articles]
    if moments:
        response.headers["Last-Modified"] = http_date(max(moments).timestamp())


@extend_schema_view(
    list=extend_schema(
        summary="Published articles",
        description=(
            "Newest story first (then newest id), or most relevant first with `q`."
            " Cursor pagination: follow `next` and `previous`; `page_size` up to 100."
            " With `q`, each result also has `snippet`."
        ),
        responses={
            200: serializers.ArticleSearchResultSerializer(many=True),
            400: schema.BAD_PARAMETER,
            429: schema.THROTTLED,
        },
        examples=[schema.ARTICLE_LIST_EXAMPLE],
    ),
    retrieve=extend_schema(
        summary="One published article",
        description=(
            "404 for anything not published yet. `?format=ninjs` answers IPTC ninjs 2.2"
            " (docs/ninjs.md)."
        ),
        parameters=[
            OpenApiParameter(
                "format", OpenApiTypes.STR, enum=["json", "ninjs"], description="json or ninjs"
            )
        ],
        responses={
            (200, "application/json"): schema.ARTICLE_OR_NINJS,
            404: schema.NOT_FOUND,
            429: schema.THROTTLED,
        },
        examples=[schema.ARTICLE_DETAIL_EXAMPLE],
    ),
)
class ArticleViewSet(PublicReadOnlyViewSet):
    filter_backends = [DjangoFilterBackend]
    filterset_class = ArticleFilter

    def get_queryset(self) -> QuerySet:
        queryset = Article.objects.visible().with_credits()
        if self.action == "list":
            queryset = queryset.defer(*LIST_DEFERRED_FIELDS)
        return queryset

    def get_renderers(self):
        renderers = super().get_renderers()
        if self.action == "retrieve":
            renderers.append(NinjsRenderer())
        return renderers

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.ArticleSerializer
        if self.search_words():
            return serializers.ArticleSearchResultSerializer
        return serializers.ArticleListSerializer

    def search_words(self) -> str:
        return self.request.query_params.get("q", "").strip()

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        if self.action != "list":
            # The list's parameters (language, q, ...) do not narrow down one article by slug.
            return queryset
        queryset = super().filter_queryset(queryset)
        if self.search_words():
            queryset = with_snippets(queryset, self.search_words())
        return queryset

    def list(self, request: Request, *args, **kwargs) -> Response:
        response = super().list(request, *args, **kwargs)
        set_last_modified(response, self.paginator.page)
        return response

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        article = self.get_object()
        if request.accepted_renderer.format == NinjsRenderer.format:
            response = Response(article_as_ninjs(article, request))
        else:
            response = Response(self.get_serializer(article).data)
        set_last_modified(response, [article])
        return response


@extend_schema_view(
    list=extend_schema(
        summary="Authors of published articles",
        description="Only authors credited on at least one published article, by name.",
        responses={
            200: serializers.AuthorListSerializer(many=True),
            400: schema.BAD_PARAMETER,
            429: schema.THROTTLED,
        },
    ),
    retrieve=extend_schema(
        summary="One author and their credits",
        description=(
            f"Their {AUTHOR_CREDITS_LIMIT} newest credits on published articles; for all of"
            " them, page through `/api/v1/articles/?author=<slug>`."
        ),
        responses={200: serializers.AuthorSerializer, 404: schema.NOT_FOUND, 429: schema.THROTTLED},
    ),
)
class AuthorViewSet(PublicReadOnlyViewSet):
    def get_queryset(self) -> QuerySet:
        visible_credits = Credit.objects.filter(
            author=OuterRef("pk"), article__in=Article.objects.visible()
        )
        # Correlated subqueries: counted for the authors of the page only, not the whole table.
        queryset = (
            Author.objects.filter(Exists(visible_credits))
            .annotate(article_count=_aggregate(visible_credits, Count("article", distinct=True)))
            .order_by("name", "id")
        )
        if self.action == "retrieve":
            credits = (
                Credit.objects.filter(article__in=Article.objects.visible())
                .select_related("article")
                .order_by("-article__date", "-article__id", "position")
            )
            queryset = queryset.annotate(
                last_change=_aggregate(
                    visible_credits,
                    # Publishing a scheduled article changes the author's page too.
                    Max(Greatest("article__updated_at", "article__published_at")),
                )
            ).prefetch_related(
                Prefetch(
                    "credits",
                    queryset=credits[:AUTHOR_CREDITS_LIMIT],
                    to_attr="visible_credits",
                )
            )
        return queryset

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.AuthorSerializer
        return serializers.AuthorListSerializer

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        author = self.get_object()
        response = Response(self.get_serializer(author).data)
        if author.last_change:
            response.headers["Last-Modified"] = http_date(author.last_change.timestamp())
        return response


def _aggregate(credits: QuerySet, aggregate) -> Subquery:
    """One aggregate over an author's visible credits, as a subquery."""
    return Subquery(credits.order_by().values("author").annotate(value=aggregate).values("value"))
