"""Read IPTC NewsML-G2: a ``newsMessage`` of ``newsItem``s, or a bare ``newsItem``."""

from __future__ import annotations

from lxml import etree

from ingest.formats.item_fields import ItemFields, WireItemError, parse_version
from ingest.formats.items import ItemStatus, WireFormat
from ingest.formats.markup import paragraphs_of_element, paragraphs_of_markup
from ingest.formats.xml import XML_LANG, attribute, child, children, descendants, name_of, text_of

_WITHDRAWN_STATUSES = frozenset({"canceled", "cancelled", "withdrawn"})


def read_newsml_g2(root: etree._Element, source_name: str) -> ItemFields:
    """The fields of the message's text item (or of the bare item)."""
    items = [root] if _local(root) == "newsItem" else descendants(root, "newsItem")
    if not items:
        raise WireItemError("NewsML-G2 newsMessage holds no newsItem")
    text_items = [item for item in items if _item_class(item) not in {"picture", "graphic"}]
    if not text_items:
        raise WireItemError("NewsML-G2 newsMessage holds no text newsItem, only pictures")
    item = text_items[0]
    guid = (item.get("guid") or "").strip()
    if not guid:
        raise WireItemError("NewsML-G2 newsItem has no guid")
    item_meta, content_meta = child(item, "itemMeta"), child(item, "contentMeta")
    status = attribute(child(item_meta, "pubStatus"), "qcode")
    return ItemFields(
        source_format=WireFormat.NEWSML_G2,
        source_id=guid,
        headline=_main_headline(content_meta),
        paragraphs=_paragraphs(item),
        language_tag=attribute(child(content_meta, "language"), "tag") or item.get(XML_LANG, ""),
        first_created=text_of(child(item_meta, "firstCreated"))
        or text_of(child(content_meta, "contentCreated")),
        version_created=text_of(child(item_meta, "versionCreated")),
        version=parse_version(item.get("version") or "1", "NewsML-G2 newsItem version"),
        status=(
            ItemStatus.WITHDRAWN
            if status.partition(":")[2].lower() in _WITHDRAWN_STATUSES
            else ItemStatus.USABLE
        ),
        embargoed_until=text_of(child(item_meta, "embargoed")),
        dateline_place=name_of(child(content_meta, "located")),
        dateline_text=text_of(child(content_meta, "dateline")),
        bylines=[text_of(by) for by in children(content_meta, "by") if text_of(by)],
        people=[
            name_of(person)
            for person in (
                *children(content_meta, "creator"),
                *children(content_meta, "contributor"),
            )
            if name_of(person)
        ],
        agencies=_agencies(item),
        photo_credit=next(
            (
                text_of(child(picture, "contentMeta", "creditline"))
                for picture in items
                if _item_class(picture) == "picture"
                and text_of(child(picture, "contentMeta", "creditline"))
            ),
            "",
        ),
    )


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname


def _item_class(item: etree._Element) -> str:
    # "ninat:text", "icls:picture": the part after the scheme.
    qcode = attribute(child(item, "itemMeta", "itemClass"), "qcode")
    return qcode.partition(":")[2].lower()


def _main_headline(content_meta: etree._Element | None) -> str:
    headlines = children(content_meta, "headline")
    main = [h for h in headlines if h.get("role", "").partition(":")[2] in {"", "main"}]
    main.sort(key=lambda headline: int(headline.get("rank", "1") or 1))
    chosen = main or headlines
    return text_of(chosen[0]) if chosen else ""


def _paragraphs(item: etree._Element) -> list[str]:
    content_set = child(item, "contentSet")
    for inline in children(content_set, "inlineXML"):
        paragraphs = paragraphs_of_element(inline)
        if paragraphs:
            return paragraphs
    for inline in children(content_set, "inlineData"):
        # Agencies put HTML in inlineData too, whatever its contenttype says (ANSA).
        paragraphs = paragraphs_of_markup(inline.text or "")
        if paragraphs:
            return paragraphs
    return []


def _agencies(item: etree._Element) -> list[str]:
    """The organisations the item names, the one that reads best as a dateline source first."""
    content_meta = child(item, "contentMeta")
    names = [text_of(child(content_meta, "creditline"))]
    names += [name_of(source) for source in children(content_meta, "infoSource")]
    # A creator given with a source role is the agency itself (Opta, ANSA).
    names += [
        name_of(creator)
        for creator in children(content_meta, "creator")
        if "source" in creator.get("role", "") or "origProv" in creator.get("role", "")
    ]
    names += [name_of(holder) for holder in children(child(item, "rightsInfo"), "copyrightHolder")]
    names.append(name_of(child(item, "itemMeta", "provider")))
    return [name for name in names if name]
