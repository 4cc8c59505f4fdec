"""Read IPTC ninjs: 1.x and 2.x (snake case: ``body_html``, ``versioncreated``) and 3.x
(camel case: ``headlines``, ``bodies``, ``versionCreated``), one item per file."""

from __future__ import annotations

import json
from typing import Any

from ingest.formats.item_fields import (
    ItemFields,
    WireItemError,
    parse_version,
    refuse_oversized,
)
from ingest.formats.items import ItemStatus, WireFormat
from ingest.formats.markup import paragraphs_of_markup

_WITHDRAWN_STATUSES = frozenset({"canceled", "cancelled", "withdrawn"})
# Keys only ninjs 3 has; their presence says which names the other fields use.
_VERSION_3_KEYS = frozenset({"headlines", "bodies", "versionCreated", "firstCreated"})
_ITEM_KEYS = frozenset({"uri", "guid", "headline", "headlines", "body_html", "body_text", "bodies"})
_AUTHOR_ROLES = ("author", "creator", "writer", "editor", "byline", "")


def load_ninjs(data: bytes) -> dict[str, Any]:
    """The JSON object of a ninjs file; raises WireItemError for anything else."""
    refuse_oversized(data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise WireItemError(
            f"JSON is not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start})"
        ) from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise WireItemError(
            f"malformed or truncated JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        ) from None
    except RecursionError:
        raise WireItemError("malformed JSON: nested too deeply") from None
    if not isinstance(document, dict) or not _ITEM_KEYS & document.keys():
        raise WireItemError(
            "JSON is not a ninjs news item: it needs an object with uri or guid,"
            " a headline and a body"
        )
    return document


def read_ninjs(item: dict[str, Any], source_name: str) -> ItemFields:
    """The fields of a ninjs item, whatever its major version."""
    camel = bool(_VERSION_3_KEYS & item.keys())
    source_id = _string(item.get("guid")) or _string(item.get("uri"))
    if not source_id:
        raise WireItemError("ninjs item has neither guid nor uri")
    kind = _string(item.get("type")) or "text"
    if kind not in {"text", "composite"}:
        raise WireItemError(f'ninjs item of type "{kind}" is not an article')
    status = _string(item.get("pubStatus" if camel else "pubstatus")) or "usable"
    return ItemFields(
        source_format=WireFormat.NINJS,
        source_id=source_id,
        headline=_headline(item),
        paragraphs=_paragraphs(item),
        language_tag=_string(item.get("language")),
        first_created=_string(item.get("firstcreated"))
        or _string(item.get("firstCreated"))
        or _string(item.get("contentCreated")),
        version_created=_string(item.get("versionCreated" if camel else "versioncreated")),
        version=parse_version(item.get("version") or 1, "ninjs version"),
        status=ItemStatus.WITHDRAWN if status.lower() in _WITHDRAWN_STATUSES else ItemStatus.USABLE,
        embargoed_until=_string(item.get("embargoedUntil")) or _string(item.get("embargoed")),
        dateline_place=_located(item.get("located")),
        bylines=[_string(item.get("byline"))] if _string(item.get("byline")) else [],
        people=_people(item),
        agencies=[
            _string(item.get(key))
            for key in ("source", "copyrightholder", "copyrightHolder", "provider")
            if _string(item.get(key))
        ],
        photo_credit=_photo_credit(item.get("associations")),
    )


def _string(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("name") or value.get("value") or ""
    return value.strip() if isinstance(value, str) else ""


def _headline(item: dict[str, Any]) -> str:
    if _string(item.get("headline")):
        return _string(item["headline"])
    headlines = [h for h in item.get("headlines") or [] if isinstance(h, dict)]
    main = [h for h in headlines if h.get("role") in (None, "", "main")] or headlines
    return _string(main[0].get("value")) if main else ""


def _paragraphs(item: dict[str, Any]) -> list[str]:
    if _string(item.get("body_html")):
        return paragraphs_of_markup(item["body_html"])
    if _string(item.get("body_text")):
        return paragraphs_of_markup(item["body_text"])
    bodies = [b for b in item.get("bodies") or [] if isinstance(b, dict)]
    main = [b for b in bodies if b.get("role") in (None, "", "main")] or bodies
    for body in sorted(main, key=lambda b: "html" not in str(b.get("contentType", ""))):
        paragraphs = paragraphs_of_markup(_string(body.get("value")))
        if paragraphs:
            return paragraphs
    return []


def _located(value: Any) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    return _string(value)


def _people(item: dict[str, Any]) -> list[str]:
    names = []
    for key in ("authors", "people"):
        for person in item.get(key) or []:
            if not isinstance(person, dict):
                continue
            role = str(person.get("role") or person.get("rel") or "").lower()
            # ninjs 2 "people" are also the story's subjects; only its authors are credited.
            if key == "people" and not any(word and word in role for word in _AUTHOR_ROLES):
                continue
            if _string(person.get("name")):
                names.append(_string(person["name"]))
    return names


def _photo_credit(associations: Any) -> str:
    if isinstance(associations, dict):
        associations = list(associations.values())
    for association in associations if isinstance(associations, list) else []:
        if not isinstance(association, dict) or association.get("type") not in {"picture", "image"}:
            continue
        credit = _string(association.get("creditline")) or _string(association.get("creditLine"))
        if credit:
            return credit
    return ""
