"""The JSON shapes of API v1 (CONTRACT section 4).

The fields are declared for the OpenAPI schema and validation of the shape;
``to_representation`` is written out by hand for the hot paths because DRF's
field-by-field machinery costs several times the database query on a list of
100 articles with their credits; articles come as rows read with ``values()``
(``articles.rows``), which spares building a model instance per article, credit
and author (docs/performance.md has the measurements).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request

from articles import rows
from articles.models import Author, CreditRole
from articles.presentation import photo_credit_from
from articles.search import snippet_html
from articles.services import renditions
from articles.vocabulary import partial_date_text


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


class ArticlePageSerializer(serializers.ListSerializer):
    """A page of article rows: every photo's renditions looked up in one query, not one per row."""

    def to_representation(self, data) -> list[dict[str, Any]]:
        page = list(data)
        found = renditions.public_renditions_of(
            [rows.photo_file(row["photo"]) for row in page if row["photo"]]
        )
        for row in page:
            if row["photo"]:
                row["public_renditions"] = found.get(row["photo"], {})
        return super().to_representation(page)


class ArticleListSerializer(serializers.Serializer):
    """An article from its row (``articles.rows``: ``article_rows`` then ``with_related``)."""

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

    class Meta:
        list_serializer_class = ArticlePageSerializer

    def to_representation(self, row: dict[str, Any]) -> dict[str, Any]:
        links = links_for(self.context)
        credits = row["credits"]
        photographers = [
            (credit["author__name"], credit["author__kind"])
            for credit in credits
            if credit["role"] == CreditRole.PHOTO
        ]
        return {
            "id": row["id"],
            "url": links.article(row["slug"]),
            "slug": row["slug"],
            "source_id": row["source_id"],
            "version": row["agency_version"],
            "headline": row["headline"],
            "language": row["language"],
            "date": partial_date_text(row["date"], row["date_precision"]),
            "dateline": dateline_of(row),
            "photo_credit": photo_credit_from(row["photo_credit"], photographers) or None,
            "photo": self.photo_of(row, links),
            "credits": [credit_of(credit, links) for credit in credits],
            "corrections": [
                {"at": utc_timestamp(correction["at"]), "text": correction["text"]}
                for correction in row["corrections"]
            ],
            "translations": [
                {
                    "language": member["article__language"],
                    "slug": member["article__slug"],
                    "url": links.article(member["article__slug"]),
                }
                for member in row["translations"]
            ],
            "published_at": utc_timestamp(row["published_at"]),
            "updated_at": utc_timestamp(row["updated_at"]),
        }

    def photo_of(self, row: dict[str, Any], links: Links) -> dict[str, Any] | None:
        """The photo's renditions (attached per page), never the original."""
        if not row["photo"]:
            return None
        available = row.get("public_renditions")
        if available is None:
            found = renditions.public_renditions_of([rows.photo_file(row["photo"])])
            available = found.get(row["photo"], {})
        main = renditions.main_of(available)
        if main is None:
            return None
        absolute = links.request.build_absolute_uri
        return {
            "url": absolute(main.url),
            "caption": row["photo_caption"],
            "alt_text": row["photo_alt_text"],
            "renditions": {
                name: {
                    "url": absolute(item.url),
                    "width": item.width,
                    "height": item.height,
                    "content_type": item.content_type,
                }
                for name, item in available.items()
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

    def to_representation(self, row: dict[str, Any]) -> dict[str, Any]:
        data = super().to_representation(row)
        data["snippet"] = str(snippet_html(row["search_snippet"]))
        return data


class ArticleSerializer(ArticleListSerializer):
    body = serializers.CharField(help_text="Paragraphs separated by a blank line.")

    def to_representation(self, row: dict[str, Any]) -> dict[str, Any]:
        data = super().to_representation(row)
        data["body"] = row["body"]
        return data


def dateline_of(row: dict[str, Any]) -> dict[str, str] | None:
    if not row["dateline_place"]:
        return None
    dateline = {"place": row["dateline_place"], "source": row["dateline_source"]}
    if row["dateline_date"]:
        dateline["date"] = row["dateline_date"]
    return dateline


def credit_of(credit: dict[str, Any], links: Links) -> dict[str, Any]:
    slug = credit["author__slug"]
    return {
        "role": credit["role"],
        "note": credit["note"],
        "author": {"name": credit["author__name"], "slug": slug, "url": links.author(slug)},
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
