"""What the OpenAPI schema says beyond the serializers: error bodies and examples.

Consumers write their error handling from /api/v1/docs/, so every status the API
answers is declared with the body it carries.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, OpenApiResponse, PolymorphicProxySerializer
from rest_framework import serializers

from api.serializers import ArticleSerializer

SEED_SLUG = "les-forces-ukrainiennes-gagnent-progressivement-du-terrain-dit-stoltenberg"
HOST = "https://news.example.org"
EXAMPLE_CURSOR = "eyJ2IjpbeyJkYXRlIjoiMjAyMy0wOS0wMSJ9LDFdLCJiIjpmYWxzZX0"


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What went wrong, in the reader's language.")


PARAMETER_ERRORS = {
    "type": "object",
    "description": "Each key names a query parameter; its value lists what is wrong with it.",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}

BAD_PARAMETER = OpenApiResponse(
    response=PARAMETER_ERRORS,
    description="A query parameter has a value the API cannot use; nothing is listed.",
    examples=[
        OpenApiExample(
            "A date that is not one",
            value={"date_from": ["2023-02-30 is not a date in the calendar."]},
            status_codes=["400"],
        ),
        OpenApiExample(
            "A page too large",
            value={"page_size": ["A whole number from 1 to 100."]},
            status_codes=["400"],
        ),
    ],
)
NOT_FOUND = OpenApiResponse(
    response=DetailSerializer,
    description="No such slug, or not published yet; also for an unknown `format`.",
    examples=[OpenApiExample("Not found", value={"detail": "Not found."}, status_codes=["404"])],
)
GONE = OpenApiResponse(
    response=DetailSerializer,
    description="The article was public and its agency has withdrawn it.",
    examples=[
        OpenApiExample(
            "Withdrawn", value={"detail": "This article has been withdrawn."}, status_codes=["410"]
        )
    ],
)
THROTTLED = OpenApiResponse(
    response=DetailSerializer,
    description="Too many requests from this address; `Retry-After` says when to come back.",
    examples=[
        OpenApiExample(
            "Throttled",
            value={"detail": "Request was throttled. Expected available in 12 seconds."},
            status_codes=["429"],
        )
    ],
)

TRANSLATION_SLUG = "ukrainian-forces-gradually-gaining-ground-says-stoltenberg"
CREDIT_EXAMPLE = {
    "role": "reporting",
    "note": "",
    "author": {
        "name": "Andrew Gray",
        "slug": "andrew-gray",
        "url": f"{HOST}/api/v1/authors/andrew-gray/",
    },
}
ARTICLE_EXAMPLE = {
    "id": 1,
    "url": f"{HOST}/api/v1/articles/{SEED_SLUG}/",
    "slug": SEED_SLUG,
    "source_id": "000_b7a23fd024b318f7",
    "version": 1,
    "headline": 'Les forces ukrainiennes "gagnent progressivement du terrain" dit Stoltenberg',
    "language": "fr",
    "date": "2023-09",
    "dateline": {"place": "KYIV", "source": "Reuters"},
    "photo_credit": "Reuters",
    "photo": None,
    "credits": [CREDIT_EXAMPLE],
    "corrections": [
        {
            "at": "2026-11-25T09:30:00Z",
            "text": "Correction : une version précédente se trompait de date.",
        }
    ],
    "translations": [
        {
            "language": "en",
            "slug": TRANSLATION_SLUG,
            "url": f"{HOST}/api/v1/articles/{TRANSLATION_SLUG}/",
        }
    ],
    "published_at": "2026-11-24T14:00:00Z",
    "updated_at": "2026-11-24T14:00:00Z",
}
ARTICLE_DETAIL_EXAMPLE = OpenApiExample(
    "The seed article",
    value={**ARTICLE_EXAMPLE, "body": "Les troupes ukrainiennes ..."},
    response_only=True,
)
ARTICLE_LIST_EXAMPLE = OpenApiExample(
    "A page of articles",
    value={
        "next": f"{HOST}/api/v1/articles/?cursor={EXAMPLE_CURSOR}",
        "previous": None,
        "results": [ARTICLE_EXAMPLE],
    },
    response_only=True,
)


class NinjsTextSerializer(serializers.Serializer):
    role = serializers.CharField()
    contenttype = serializers.CharField(help_text="text/plain")
    value = serializers.CharField()


class NinjsItemSerializer(serializers.Serializer):
    """The main properties of ninjs; docs/ninjs.md maps them all, IPTC's schema is the reference."""

    uri = serializers.URLField(help_text="The article's API URL.")
    type = serializers.ChoiceField(choices=["text"])
    version = serializers.CharField(help_text="The article's version number, as a string.")
    language = serializers.CharField()
    headlines = NinjsTextSerializer(many=True)
    bodies = NinjsTextSerializer(many=True)
    versioncreated = serializers.DateTimeField()


ARTICLE_OR_NINJS = PolymorphicProxySerializer(
    component_name="ArticleOrNinjs",
    serializers=[ArticleSerializer, NinjsItemSerializer],
    resource_type_field_name=None,
    help_text="The article; with `format=ninjs`, an IPTC ninjs 2.2 item instead.",
)


# The same characters newsroom.bounded_input refuses before any view, written for
# JSON Schema (ECMA-262 and Python's re read it alike).
USABLE_TEXT = r"^[^\x00\ud800-\udfff]*$"


def declare_usable_text(result: dict, **kwargs: object) -> dict:
    """Every free-text query parameter says it cannot hold NUL or a lone surrogate."""
    # Such a value is a 400 for every parameter (newsroom.bounded_input), so a client that
    # generates requests from the schema must know it; enums and patterns already exclude it.
    for path in result.get("paths", {}).values():
        for operation in path.values():
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                free_text = schema.get("type") == "string" and not {"enum", "pattern"} & set(schema)
                if parameter.get("in") == "query" and free_text:
                    schema["pattern"] = USABLE_TEXT
    return result
