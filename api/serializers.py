"""The JSON shapes of API v1 (CONTRACT section 4).

The fields are declared for the OpenAPI schema and validation of the shape;
``to_representation`` is written out by hand for the hot paths because DRF's
field-by-field machinery costs several times the database query on a list of
100 articles with their credits (docs/performance.md has the measurements).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request

from articles import selectors
from articles.models import Article, Author, Credit, CreditRole
from articles.presentation import photo_credit_text
from articles.search import snippet_html
from articles.services import renditions


def utc_timestamp(moment: datetime.datetime | None) -> str | None:
    """RFC 3339 in UTC with a Z, as the contract shows: "2026-11-24T14:00:00Z"."""
    if moment is None:
        return None
    return moment.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")


class Links:
    """Absolute URLs of API objects, built from one reversed template per request."""

    def __init__(self, request: Request):
        # Reversing once and formatting after is much cheaper than a reverse() per item.
        self.article_prefix = request.build_absolute_uri(
            reverse("api:article-detail", kwargs={"slug": "SLUG"})
        ).removesuffix("SLUG/")
        self.author_prefix = request.build_absolute_uri(
            reverse("api:author-detail", kwargs={"slug": "SLUG"})
        ).removesuffix("SLUG/")
        self.request = request

    @classmethod
    def for_base_url(cls, base_url: str) -> Links:
        """The same links without a request (the worker's): under the site's public address."""
        return cls(_BaseUrl(base_url))

    def article(self, slug: str) -> str:
        return f"{self.article_prefix}{slug}/"

    def author(self, slug: str) -> str:
        return f"{self.author_prefix}{slug}/"


class _BaseUrl:
    """What Links reads of a request: absolute URLs under one base address."""

    def __init__(self, base_url: str):
        self.base_url = base_url.rstrip("/")

    def build_absolute_uri(self, path: str) -> str:
        return f"{self.base_url}{path}"


def links_for(context: dict) -> Links:
    links = context.get("links")
    if links is None:
        links = context["links"] = Links(context["request"])
    return links


class AuthorReferenceSerializer(serializers.Serializer):
    name = serializers.CharField()
    slug = serializers.SlugField()
    url = serializers.URLField()


class CreditSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=CreditRole.choices)
    note = serializers.CharField(help_text='Where the work was done, e.g. "in Budapest".')
    author = AuthorReferenceSerializer()


class DatelineSerializer(serializers.Serializer):
    place = serializers.CharField(help_text="e.g. KYIV")
    source = serializers.CharField(help_text="The agency, e.g. Reuters.")
    date = serializers.CharField(
        required=False, help_text='As written in the dateline, e.g. "7 novembre"; only when given.'
    )


class RenditionSerializer(serializers.Serializer):
    url = serializers.URLField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    content_type = serializers.CharField(help_text="image/jpeg, image/webp or image/png.")


class PhotoSerializer(serializers.Serializer):
    url = serializers.URLField(
        help_text="The largest rendition (JPEG, at most 1440 pixels wide, without EXIF)."
    )
    caption = serializers.CharField()
    alt_text = serializers.CharField()
    renditions = serializers.DictField(
        child=RenditionSerializer(),
        help_text=(
            "Every size, by name: page-480-webp, page-960-webp, page-1440-webp, page-480-jpeg,"
            " page-960-jpeg, page-1440-jpeg, feed (800 wide), social (1200 by 630, cropped)."
            " The original upload is never public."
        ),
    )


class CorrectionSerializer(serializers.Serializer):
    at = serializers.DateTimeField(help_text="When the correction was made.")
    text = serializers.CharField(help_text="The correction note, as readers see it.")


class TranslationSerializer(serializers.Serializer):
    language = serializers.CharField(help_text="BCP 47 primary language subtag: fr, en, de…")
    slug = serializers.SlugField()
    url = serializers.URLField(help_text="The translation in this API.")


@extend_schema_field({"type": "string", "pattern": r"^\d{4}-\d{2}(-\d{2})?$", "example": "2023-09"})
class PartialDateField(serializers.CharField):
    """The story date at its precision: "2023-09" (month) or "2024-03-12" (day)."""


class ArticleListSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.URLField()
    slug = serializers.SlugField()
    source_id = serializers.CharField()
    version = serializers.IntegerField(
        help_text="The agency's version of the item (1 for plain text)."
    )
    headline = serializers.CharField()
    language = serializers.CharField(help_text="BCP 47 primary language subtag: fr, en, de…")
    date = PartialDateField(help_text="The story date at the precision the source gives.")
    dateline = DatelineSerializer(allow_null=True)
    photo_credit = serializers.CharField(
        allow_null=True, help_text="After ©: the agency, then the photographers credited."
    )
    photo = PhotoSerializer(allow_null=True, help_text="The uploaded photo, if any.")
    credits = CreditSerializer(many=True)
    corrections = CorrectionSerializer(many=True, help_text="Correction notes, oldest first.")
    translations = TranslationSerializer(
        many=True, help_text="The published versions of this article in other languages."
    )
    published_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def to_representation(self, article: Article) -> dict[str, Any]:
        links = links_for(self.context)
        data = {
            "id": article.pk,
            "url": links.article(article.slug),
            "slug": article.slug,
            "source_id": article.source_id,
            "version": article.agency_version,
            "headline": article.headline,
            "language": article.language,
            "date": article.date_text,
            "dateline": dateline_of(article),
            "photo_credit": photo_credit_text(article) or None,
            "photo": self.photo_of(article, links),
            "credits": [credit_of(credit, links) for credit in article.credit_list],
            **public_facts_of(article, links),
            "published_at": utc_timestamp(article.published_at),
            "updated_at": utc_timestamp(article.updated_at),
        }
        return data

    def photo_of(self, article: Article, links: Links) -> dict[str, Any] | None:
        """The photo's renditions (attached per page by the view), never the original."""
        main = renditions.main_rendition(article)
        if main is None:
            return None
        absolute = links.request.build_absolute_uri
        return {
            "url": absolute(main.url),
            "caption": article.photo_caption,
            "alt_text": article.photo_alt_text,
            "renditions": {
                name: {
                    "url": absolute(item.url),
                    "width": item.width,
                    "height": item.height,
                    "content_type": item.content_type,
                }
                for name, item in renditions.article_renditions(article).items()
            },
        }


class ArticleSearchResultSerializer(ArticleListSerializer):
    snippet = serializers.CharField(
        required=False,
        help_text=(
            "Only with q: the passages of the body that match, as HTML with the matched"
            " words in <mark> (on SQLite, the start of the body)."
        ),
    )

    def to_representation(self, article: Article) -> dict[str, Any]:
        data = super().to_representation(article)
        data["snippet"] = str(snippet_html(article.search_snippet))
        return data


class ArticleSerializer(ArticleListSerializer):
    body = serializers.CharField(help_text="Paragraphs separated by a blank line.")

    def to_representation(self, article: Article) -> dict[str, Any]:
        data = super().to_representation(article)
        data["body"] = article.body
        return data


def dateline_of(article: Article) -> dict[str, str] | None:
    if not article.dateline_place:
        return None
    dateline = {"place": article.dateline_place, "source": article.dateline_source}
    if article.dateline_date:
        dateline["date"] = article.dateline_date
    return dateline


def public_facts_of(article: Article, links: Links) -> dict[str, list[dict[str, str]]]:
    """``corrections`` and ``translations``: prefetch them (selectors.with_public_facts)."""
    return {
        "corrections": [
            {"at": utc_timestamp(correction.at), "text": correction.text}
            for correction in selectors.corrections_of(article)
        ],
        "translations": [
            {
                "language": translation.language,
                "slug": translation.slug,
                "url": links.article(translation.slug),
            }
            for translation in selectors.visible_translations_of(article)
        ],
    }


def credit_of(credit: Credit, links: Links) -> dict[str, Any]:
    author = credit.author
    return {
        "role": credit.role,
        "note": credit.note,
        "author": {"name": author.name, "slug": author.slug, "url": links.author(author.slug)},
    }


class AuthorListSerializer(serializers.Serializer):
    name = serializers.CharField()
    slug = serializers.SlugField()
    url = serializers.URLField()
    article_count = serializers.IntegerField(help_text="Published articles crediting them.")

    def to_representation(self, author: Author) -> dict[str, Any]:
        return {
            "name": author.name,
            "slug": author.slug,
            "url": links_for(self.context).author(author.slug),
            "article_count": author.article_count,
        }


class CreditedArticleSerializer(serializers.Serializer):
    headline = serializers.CharField()
    slug = serializers.SlugField()
    url = serializers.URLField()
    date = PartialDateField()
    language = serializers.CharField(help_text="BCP 47 primary language subtag: fr, en, de…")


class AuthorCreditSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=CreditRole.choices)
    note = serializers.CharField()
    article = CreditedArticleSerializer()


class AuthorSerializer(AuthorListSerializer):
    credits = AuthorCreditSerializer(
        many=True, help_text="Their credits on published articles, newest story first."
    )

    def to_representation(self, author: Author) -> dict[str, Any]:
        data = super().to_representation(author)
        links = links_for(self.context)
        data["credits"] = [
            {
                "role": credit.role,
                "note": credit.note,
                "article": {
                    "headline": credit.article.headline,
                    "slug": credit.article.slug,
                    "url": links.article(credit.article.slug),
                    "date": credit.article.date_text,
                    "language": credit.article.language,
                },
            }
            for credit in author.visible_credits
        ]
        return data
