"""API v1 views: read-only viewsets over what the public may see.

Every queryset comes from ``articles.selectors``, which starts from what is visible:
drafts, articles in review and scheduled articles do not exist here, in lists, details,
filters, search, author lists, counts or author details.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpResponse
from django.middleware.http import ConditionalGetMiddleware
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.decorators import decorator_from_middleware, method_decorator
from django.utils.http import http_date
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.exceptions import APIException, NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from api import ninjs_3, ninjs_3_schema, schema, serializers
from api.filters import ArticleFilter
from api.ninjs import article_as_ninjs
from api.pagination import KeysetCursorPagination
from api.renderers import NinjsRenderer
from articles import rows, selectors
from articles.models import Article
from articles.search import with_snippets
from articles.services import renditions

# ETag and Last-Modified answered with 304s, as on every public page.
conditional_get = decorator_from_middleware(ConditionalGetMiddleware)

# An author's detail lists this many of their newest credits; the article list filtered
# by author pages through all of them.
AUTHOR_CREDITS_LIMIT = 500

# ?format=ninjs&version=...: the ninjs versions offered; 2.2 when version is not given.
NINJS_VERSION = "version"
NINJS_VERSIONS = ninjs_3_schema.NINJS_VERSIONS
DEFAULT_NINJS_VERSION = "2.2"


class Gone(APIException):
    status_code = 410
    default_detail = _("This article has been withdrawn.")
    default_code = "gone"


@method_decorator(conditional_get, name="dispatch")
class PublicReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """Shared HTTP behaviour: public caching of successes, and Vary for content negotiation."""

    lookup_field = "slug"
    pagination_class = KeysetCursorPagination

    # A misspelt or guessed parameter (updated_since for updated_after) would otherwise be
    # ignored, and a client would take the whole archive for what it asked.
    unknown_parameter_message = _("Unknown parameter. This endpoint takes: %(known)s.")

    def initial(self, request: Request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        if self.action not in {"list", "retrieve"}:
            return  # OPTIONS, or a method answered 405 next
        known = self.known_query_parameters()
        unknown = sorted(set(request.query_params) - known)
        if unknown:
            message = self.unknown_parameter_message % {"known": ", ".join(sorted(known))}
            raise ValidationError({name: [message] for name in unknown})

    def known_query_parameters(self) -> set[str]:
        """The query parameters this action reads: its filters, its pagination, format."""
        known = {"format"}
        if self.action == "list":
            known |= {self.paginator.cursor_query_param, self.paginator.page_size_query_param}
            filterset_class = getattr(self, "filterset_class", None)
            if filterset_class is not None:
                known |= set(filterset_class.base_filters)
        return known

    def get_object(self):
        # PostgreSQL refuses NUL in any text: no slug holds one, so nothing is found.
        if "\x00" in str(self.kwargs.get(self.lookup_field, "")):
            raise NotFound()
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


def set_last_modified(response: HttpResponse, articles: list[Article] | list[dict]) -> None:
    """Last-Modified: the last change among the articles (or their rows) shown, if any."""
    if articles and isinstance(articles[0], dict):
        latest = rows.latest_modification(articles)
    else:
        latest = selectors.latest_modification(articles)
    if latest:
        response.headers["Last-Modified"] = http_date(latest.timestamp())


@extend_schema_view(
    list=extend_schema(
        summary="Published articles",
        description=(
            "Newest story first (then newest id), or most relevant first with `q`."
            " Cursor pagination: follow `next` and `previous`; `page_size` up to 100."
            " With `q`, each result also has `snippet`. `?format=ninjs&version=3.1` answers"
            " each article as a partial IPTC ninjs 3.1 item, without body (docs/ninjs.md)."
        ),
        parameters=[ninjs_3_schema.FORMAT_PARAMETER, ninjs_3_schema.VERSION_PARAMETER],
        responses={
            200: ninjs_3_schema.ARTICLE_OR_NINJS_LIST,
            400: schema.BAD_PARAMETER,
            404: ninjs_3_schema.NO_NINJS_2_LIST,
            429: schema.THROTTLED,
        },
        examples=[schema.ARTICLE_LIST_EXAMPLE],
    ),
    retrieve=extend_schema(
        summary="One published article",
        description=(
            "404 for anything not published yet, 410 for an article its agency withdrew."
            " `?format=ninjs` answers IPTC ninjs 2.2, `?format=ninjs&version=3.1` ninjs 3.1,"
            " whose 410 is the article's tombstone, pubStatus canceled (docs/ninjs.md)."
        ),
        parameters=[ninjs_3_schema.FORMAT_PARAMETER, ninjs_3_schema.VERSION_PARAMETER],
        responses={
            (200, "application/json"): ninjs_3_schema.ARTICLE_OR_NINJS,
            400: schema.BAD_PARAMETER,
            404: schema.NOT_FOUND,
            410: ninjs_3_schema.GONE_OR_CANCELED,
            429: schema.THROTTLED,
        },
        examples=[schema.ARTICLE_DETAIL_EXAMPLE],
    ),
)
class ArticleViewSet(PublicReadOnlyViewSet):
    filter_backends = [DjangoFilterBackend]
    filterset_class = ArticleFilter

    unknown_version_message = _("Unknown ninjs version %(version)s. This API offers: %(known)s.")
    version_without_ninjs_message = _("version only applies with format=ninjs.")
    ninjs_list_message = _(
        "ninjs 2.2 is only offered for one article; lists are offered in ninjs 3.1"
        " (format=ninjs&version=3.1)."
    )

    def get_object(self):
        try:
            return super().get_object()
        except NotFound:
            slug = self.kwargs[self.lookup_field]
            if "\x00" not in slug and selectors.was_withdrawn(slug=slug):
                raise Gone() from None
            raise

    def get_queryset(self) -> QuerySet:
        # The list shows no body: it is left out with the wire text.
        listing = self.action == "list"
        articles = selectors.visible_articles(for_list=listing, with_body=not listing)
        if not self.reads_rows():
            return selectors.with_public_facts(articles.with_credits())
        if listing:
            return articles  # filtered first, then read as rows (list)
        return rows.article_rows(articles, "body")

    def reads_rows(self) -> bool:
        """Whether the answer is the API's JSON, built from rows; ninjs is built from models."""
        # The schema generator asks for the queryset without content negotiation.
        if getattr(self.request, "accepted_renderer", None) is None:
            return False
        return self.ninjs_version() is None

    def get_renderers(self):
        renderers = super().get_renderers()
        if self.action in {"list", "retrieve"}:
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
        if not set(self.request.query_params) & set(ArticleFilter.base_filters):
            # The newest articles, as most requests ask: the same queryset the filter set
            # gives, without building its form and a copy of every filter each time.
            return ArticleFilter.unfiltered(queryset)
        queryset = super().filter_queryset(queryset)
        if self.search_words():
            queryset = with_snippets(queryset, self.search_words())
        return queryset

    def list(self, request: Request, *args, **kwargs) -> Response:
        ninjs_version = self.ninjs_version()
        if ninjs_version is None:
            articles = self.filter_queryset(self.get_queryset())
            snippet = ("search_snippet",) if self.search_words() else ()
            page = self.paginate_queryset(rows.article_rows(articles, *snippet))
            rows.with_related(page)
            response = self.get_paginated_response(self.get_serializer(page, many=True).data)
        elif ninjs_version == ninjs_3.VERSION:
            page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
            # Every photo's renditions for the whole page at once (the JSON list's serializer
            # does the same for its rows).
            renditions.attach_public_renditions(page)
            items = [ninjs_3.article_as_ninjs(article, request, full=False) for article in page]
            response = self.get_paginated_response(items)
        else:
            raise NotFound(self.ninjs_list_message)
        set_last_modified(response, self.paginator.page)
        return response

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        ninjs_version = self.ninjs_version()
        try:
            article = self.get_object()
        except Gone:
            if ninjs_version != ninjs_3.VERSION:
                raise
            return self.withdrawn_as_ninjs(request)
        if ninjs_version == ninjs_3.VERSION:
            response = Response(ninjs_3.article_as_ninjs(article, request))
        elif ninjs_version:
            response = Response(article_as_ninjs(article, request))
        else:
            rows.with_related([article])
            response = Response(self.get_serializer(article).data)
        set_last_modified(response, [article])
        return response

    def withdrawn_as_ninjs(self, request: Request) -> Response:
        """410 with the ninjs 3.1 tombstone, pubStatus canceled, a consumer can act on."""
        article = selectors.withdrawn_article(slug=self.kwargs[self.lookup_field])
        if article is None:  # reinstated in the meantime: ask again
            raise NotFound()
        return Response(ninjs_3.withdrawn_article_as_ninjs(article, request), status=410)

    def ninjs_version(self) -> str | None:
        """The ninjs version asked for (validated in initial), None for the JSON of the API."""
        if self.request.accepted_renderer.format != NinjsRenderer.format:
            return None
        return self.request.query_params.get(NINJS_VERSION) or DEFAULT_NINJS_VERSION

    def initial(self, request: Request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        version = request.query_params.get(NINJS_VERSION)
        if not version or self.action not in {"list", "retrieve"}:
            return  # nothing asked, or OPTIONS, or a method answered 405 next
        if request.accepted_renderer.format != NinjsRenderer.format:
            raise ValidationError({NINJS_VERSION: [self.version_without_ninjs_message]})
        if version not in NINJS_VERSIONS:
            message = self.unknown_version_message % {
                "version": Truncator(version).chars(20),
                "known": ", ".join(NINJS_VERSIONS),
            }
            raise ValidationError({NINJS_VERSION: [message]})

    def known_query_parameters(self) -> set[str]:
        return super().known_query_parameters() | {NINJS_VERSION}


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
        responses={
            200: serializers.AuthorSerializer,
            400: schema.BAD_PARAMETER,
            404: schema.NOT_FOUND,
            429: schema.THROTTLED,
        },
    ),
)
class AuthorViewSet(PublicReadOnlyViewSet):
    def get_queryset(self) -> QuerySet:
        authors = selectors.with_article_count(selectors.public_authors()).order_by("name", "id")
        if self.action == "retrieve":
            newest_credits = selectors.newest_visible_credits()[:AUTHOR_CREDITS_LIMIT]
            authors = selectors.with_last_modified(authors).prefetch_related(
                Prefetch("credits", queryset=newest_credits, to_attr="visible_credits")
            )
        return authors

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.AuthorSerializer
        return serializers.AuthorListSerializer

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        author = self.get_object()
        response = Response(self.get_serializer(author).data)
        if author.last_modified:
            response.headers["Last-Modified"] = http_date(author.last_modified.timestamp())
        return response
