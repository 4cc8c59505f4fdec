"""Read IPTC NITF 3.x (``nitf``)."""

from __future__ import annotations

from lxml import etree

from ingest.formats.item_fields import ItemFields, WireItemError
from ingest.formats.items import ItemStatus, WireFormat
from ingest.formats.markup import paragraphs_of_element
from ingest.formats.xml import XML_LANG, child, children, local_name, text_of

_WITHDRAWN_STATUSES = frozenset({"canceled", "cancelled", "withdrawn"})


def read_nitf(root: etree._Element, source_name: str) -> ItemFields:
    """The fields of a NITF document; its source_id is the doc-id, else the file's name."""
    head, body = child(root, "head"), child(root, "body")
    if body is None:
        raise WireItemError("NITF document has no body element")
    docdata = child(head, "docdata")
    body_head = child(body, "body.head")
    doc_id = child(docdata, "doc-id")
    status = (docdata.get("management-status") or "") if docdata is not None else ""
    dateline = child(body_head, "dateline")
    return ItemFields(
        source_format=WireFormat.NITF,
        source_id=((doc_id.get("id-string") or "").strip() if doc_id is not None else "")
        or source_name,
        headline=text_of(child(body_head, "hedline", "hl1")) or text_of(child(head, "title")),
        paragraphs=paragraphs_of_element(child(body, "body.content"))
        if child(body, "body.content") is not None
        else [],
        language_tag=root.get("baselang") or root.get(XML_LANG) or body.get(XML_LANG) or "",
        first_created=_attribute(child(docdata, "date.issue"), "norm"),
        version_created=_attribute(child(head, "pubdata"), "date.publication"),
        status=ItemStatus.WITHDRAWN if status.lower() in _WITHDRAWN_STATUSES else ItemStatus.USABLE,
        dateline_place=_dateline_place(dateline),
        bylines=[_byline_text(byline) for byline in children(body_head, "byline")],
        agencies=[
            name
            for name in (
                text_of(child(body_head, "distributor")),
                _attribute(child(docdata, "doc.copyright"), "holder"),
                text_of(child(body_head, "rights", "rights.owner")),
                _attribute(doc_id, "regsrc"),
            )
            if name
        ],
    )


def _attribute(element: etree._Element | None, name: str) -> str:
    return "" if element is None else (element.get(name) or "").strip()


def _dateline_place(dateline: etree._Element | None) -> str:
    """The dateline's place: its location, else its own text without the story's date."""
    if dateline is None:
        return ""
    location = child(dateline, "location")
    if location is not None:
        return text_of(location)
    parts = [dateline.text or ""]
    for node in dateline:
        if local_name(node) != "story.date":
            parts.append("".join(node.itertext()))
        parts.append(node.tail or "")
    return " ".join("".join(parts).split())


def _byline_text(byline: etree._Element) -> str:
    # "By BERNARD CONDON<byttl>AP Business Writer</byttl>": the title is not a name.
    parts = [byline.text or ""]
    for node in byline:
        if local_name(node) != "byttl":
            parts.append("".join(node.itertext()))
        parts.append(node.tail or "")
    return " ".join("".join(parts).split())
