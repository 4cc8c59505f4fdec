"""What the OpenAPI schema says of ninjs 3.1: its main properties, and where it answers."""

from __future__ import annotations

from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    PolymorphicProxySerializer,
    inline_serializer,
)
from rest_framework import serializers

from api import ninjs_3
from api.schema import HOST, SEED_SLUG, DetailSerializer, NinjsItemSerializer
from api.serializers import ArticleSearchResultSerializer, ArticleSerializer

NINJS_VERSIONS = ("2.2", ninjs_3.VERSION)

FORMAT_PARAMETER = OpenApiParameter(
    "format",
    # Empty is allowed, as DRF reads it: no format asked, so the default.
    {"type": "string", "enum": ["json", "ninjs", ""]},
    description=(
        "json (the default; also when empty) or ninjs (IPTC ninjs, in the version asked for)."
        " Any other value is a 404."
    ),
)
VERSION_PARAMETER = OpenApiParameter(
    "version",
    # Empty is allowed: it means the default, as a blank form field does.
    {"type": "string", "enum": [*NINJS_VERSIONS, ""]},
    description=(
        "With format=ninjs only: the ninjs version, 2.2 (the default; one article only)"
        " or 3.1 (one article or a list). Any other value is a 400 naming it."
    ),
)


class Ninjs3TextSerializer(serializers.Serializer):
    role = serializers.CharField()
    contentType = serializers.CharField(help_text="text/plain")
    value = serializers.CharField()


_CONTRIBUTORS = inline_serializer(
    name="Ninjs3Contributor",
    fields={
        "name": serializers.CharField(),
        "rel": serializers.CharField(help_text="The credit's role: reporting, photo…"),
        "uri": serializers.URLField(help_text="The author in the API."),
        "literal": serializers.CharField(help_text="The author's slug."),
    },
    many=True,
    required=False,
)
_STANDARD = inline_serializer(
    name="Ninjs3Standard",
    fields={
        "name": serializers.CharField(help_text="ninjs"),
        "version": serializers.CharField(help_text=ninjs_3.VERSION),
        "schema": serializers.URLField(help_text=ninjs_3.SCHEMA_URI),
    },
)


def _identity() -> dict[str, serializers.Field]:
    """What every ninjs 3.1 item of ours says: which item, which version, in what state."""
    return {
        "standard": _STANDARD,
        "uri": serializers.URLField(help_text="The article's API URL."),
        "type": serializers.ChoiceField(choices=["text"]),
        "representationType": serializers.ChoiceField(
            choices=["full", "partial"], help_text="partial in lists (no body) and tombstones."
        ),
        "version": serializers.CharField(help_text="The article's version number, as a string."),
        "versionCreated": serializers.DateTimeField(),
        "language": serializers.CharField(),
    }


NINJS_3_ITEM = inline_serializer(
    name="Ninjs3Item",
    fields={
        **_identity(),
        "pubStatus": serializers.ChoiceField(choices=["usable"]),
        "headlines": Ninjs3TextSerializer(many=True),
        "bodies": Ninjs3TextSerializer(many=True, required=False, help_text="Not in lists."),
        "people": _CONTRIBUTORS,
        "organisations": _CONTRIBUTORS,
    },
    help_text="IPTC ninjs 3.1; docs/ninjs.md maps every property, IPTC's schema is the reference.",
)
NINJS_3_CANCELED = inline_serializer(
    name="Ninjs3Canceled",
    fields={**_identity(), "pubStatus": serializers.ChoiceField(choices=["canceled"])},
    help_text="A withdrawn article in ninjs 3.1: which item to take down, not its content.",
)

ARTICLE_OR_NINJS = PolymorphicProxySerializer(
    component_name="ArticleOrNinjsItem",
    serializers=[ArticleSerializer, NinjsItemSerializer, NINJS_3_ITEM],
    resource_type_field_name=None,
    help_text="The article; with format=ninjs, an IPTC ninjs item of the version asked for.",
)
ARTICLE_OR_NINJS_LIST = PolymorphicProxySerializer(
    component_name="ArticleOrNinjsListItem",
    serializers=[ArticleSearchResultSerializer, NINJS_3_ITEM],
    resource_type_field_name=None,
    many=True,
    help_text="Articles; with format=ninjs&version=3.1, partial IPTC ninjs 3.1 items.",
)
GONE_OR_CANCELED = OpenApiResponse(
    response=PolymorphicProxySerializer(
        component_name="GoneOrNinjsCanceled",
        serializers=[DetailSerializer, NINJS_3_CANCELED],
        resource_type_field_name=None,
    ),
    description=(
        "The article was public and its agency has withdrawn it. With"
        " format=ninjs&version=3.1 the body is its ninjs tombstone, pubStatus canceled."
    ),
    examples=[
        OpenApiExample(
            "Withdrawn", value={"detail": "This article has been withdrawn."}, status_codes=["410"]
        ),
        OpenApiExample(
            "Withdrawn, as ninjs 3.1",
            value={
                "standard": ninjs_3.STANDARD,
                "uri": f"{HOST}/api/v1/articles/{SEED_SLUG}/",
                "type": "text",
                "representationType": "partial",
                "profile": ninjs_3.PROFILE,
                "version": "3",
                "firstCreated": "2026-11-24T14:00:00Z",
                "versionCreated": "2026-11-25T09:30:00Z",
                "pubStatus": "canceled",
                "language": "fr",
                "altIds": [{"role": "source_id", "value": "000_b7a23fd024b318f7"}],
            },
            status_codes=["410"],
        ),
    ],
)
NO_NINJS_2_LIST = OpenApiResponse(
    response=DetailSerializer,
    description="format=ninjs without version=3.1: ninjs 2.2 is offered for one article only.",
)
