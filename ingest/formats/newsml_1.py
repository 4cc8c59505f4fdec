"""Read IPTC NewsML 1.2 (``NewsML`` / ``NewsItem``), as AFP still sends it."""

from __future__ import annotations

import re

from lxml import etree

from ingest.formats.item_fields import ItemFields, WireItemError, parse_version
from ingest.formats.items import ItemStatus, WireFormat
from ingest.formats.markup import paragraphs_of_element
from ingest.formats.xml import XML_LANG, child, descendants, text_of

_WITHDRAWN_STATUSES = frozenset({"canceled", "cancelled", "withdrawn"})
_TRAILING_REVISION = re.compile(r":[0-9]+\Z")


def read_newsml_1(root: etree._Element, source_name: str) -> ItemFields:
    """The fields of the document's first NewsItem."""
    item = child(root, "NewsItem")
    if item is None:
        raise WireItemError("NewsML 1.2 document holds no NewsItem")
    identifier = child(item, "Identification", "NewsIdentifier")
    public_identifier = text_of(child(identifier, "PublicIdentifier"))
    if not public_identifier:
        raise WireItemError("NewsML 1.2 NewsItem has no PublicIdentifier")
    management = child(item, "NewsManagement")
    component = child(item, "NewsComponent")
    lines = child(component, "NewsLines")
    status = _formal_name(child(management, "Status"))
    return ItemFields(
        source_format=WireFormat.NEWSML_1,
        # The identifier's last part is the revision: every revision is the same item.
        source_id=_TRAILING_REVISION.sub("", public_identifier),
        headline=text_of(child(lines, "HeadLine")),
        paragraphs=_paragraphs(component),
        language_tag=_formal_name(child(component, "DescriptiveMetadata", "Language"))
        or item.get(XML_LANG, ""),
        first_created=text_of(child(management, "FirstCreated")),
        version_created=text_of(child(management, "ThisRevisionCreated")),
        version=parse_version(
            text_of(child(identifier, "RevisionId")) or "1", "NewsML 1.2 RevisionId"
        ),
        status=ItemStatus.WITHDRAWN if status.lower() in _WITHDRAWN_STATUSES else ItemStatus.USABLE,
        dateline_text=text_of(child(lines, "DateLine")),
        bylines=[text_of(line) for line in descendants(lines, "ByLine") if text_of(line)]
        if lines is not None
        else [],
        agencies=[
            _formal_name(party) for party in descendants(component, "Party") if _formal_name(party)
        ]
        if component is not None
        else [],
        photo_credit=_photo_credit(item),
    )


def _formal_name(element: etree._Element | None) -> str:
    return "" if element is None else (element.get("FormalName") or "").strip()


def _media_type(content_item: etree._Element) -> str:
    return _formal_name(child(content_item, "MediaType")).lower()


def _paragraphs(component: etree._Element | None) -> list[str]:
    if component is None:
        return []
    for content_item in descendants(component, "ContentItem"):
        data = child(content_item, "DataContent")
        if _media_type(content_item) in {"text", ""} and data is not None:
            paragraphs = paragraphs_of_element(data)
            if paragraphs:
                return paragraphs
    return []


def _photo_credit(item: etree._Element) -> str:
    # A photo travels as a NewsComponent of its own, with its credit in its NewsLines.
    for component in descendants(item, "NewsComponent"):
        content_items = [node for node in component if etree.QName(node).localname == "ContentItem"]
        if any(_media_type(node) == "photo" for node in content_items):
            credit = text_of(child(component, "NewsLines", "CreditLine"))
            if credit:
                return credit
    return ""
