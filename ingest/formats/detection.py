"""One entry point for every wire format: the format is told from the content, never the name."""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from ingest.formats.errors import WireCopyError
from ingest.formats.item_fields import ItemFields, WireItemError, build_wire_copy, refuse_oversized
from ingest.formats.items import WireCopy, WireFormat
from ingest.formats.newsml_1 import read_newsml_1
from ingest.formats.newsml_g2 import read_newsml_g2
from ingest.formats.ninjs import load_ninjs, read_ninjs
from ingest.formats.nitf import read_nitf
from ingest.formats.wire_copy import decode_wire_copy, parse_wire_copy
from ingest.formats.xml import load_xml, local_name, xml_encoding

_XML_READERS: dict[str, tuple[WireFormat, Callable[[etree._Element, str], ItemFields]]] = {
    "newsMessage": (WireFormat.NEWSML_G2, read_newsml_g2),
    "newsItem": (WireFormat.NEWSML_G2, read_newsml_g2),
    "NewsML": (WireFormat.NEWSML_1, read_newsml_1),
    "nitf": (WireFormat.NITF, read_nitf),
}
_KNOWN_EXTENSIONS = re.compile(r"\.(?:xml|json|txt|nitf)\Z", re.IGNORECASE)
_LEADING_SPACE = re.compile(rb"(?:\xef\xbb\xbf)?\s*")
_UTF16_XML = (b"\xff\xfe<\x00", b"\xfe\xff\x00<")


def parse_wire_item(data: bytes, source_name: str) -> WireCopy:
    """The article a file's bytes hold, in whichever format; raises WireCopyError when none.

    ``source_name`` is the file's name; without its extension it is the source_id
    of plain wire copy, and of a NITF document that has no doc-id.
    """
    return read_source_item(data, source_name).wire


def _stem(source_name: str) -> str:
    return _KNOWN_EXTENSIONS.sub("", source_name.replace("\\", "/").rpartition("/")[2])


def detect_format(data: bytes) -> WireFormat:
    """The format of a file's bytes; raises WireItemError for XML of no known format."""
    refuse_oversized(data)
    kind = sniff_kind(data)
    if kind == "xml":
        return _xml_reader(load_xml(data))[0]
    if kind == "json":
        return WireFormat.NINJS
    return WireFormat.WIRE_COPY


def sniff_kind(data: bytes) -> str:
    """ "xml", "json" or "text", from the first character that is not space."""
    if data.startswith(_UTF16_XML):
        return "xml"
    match = _LEADING_SPACE.match(data)
    first = data[match.end() : match.end() + 1]
    if first == b"<":
        return "xml"
    if first in (b"{", b"["):
        return "json"
    return "text"


def _xml_reader(
    root: etree._Element,
) -> tuple[WireFormat, Callable[[etree._Element, str], ItemFields]]:
    name = local_name(root)
    if name not in _XML_READERS:
        raise WireItemError(
            f"root element <{name}> is none of the formats read here: NewsML-G2 (newsMessage,"
            " newsItem), NewsML 1.2 (NewsML), NITF (nitf)"
        )
    return _XML_READERS[name]


@dataclass(frozen=True)
class SourceItem:
    """A parsed item with its file as text: ``text.encode(encoding)`` gives back the bytes."""

    wire: WireCopy
    text: str
    encoding: str  # "utf-8" unless the file is in another encoding (an ISO-8859-1 NITF)


def read_source_item(data: bytes, source_name: str) -> SourceItem:
    """parse_wire_item, keeping the source: nothing of the file is lost, byte for byte."""
    refuse_oversized(data)
    stem = _stem(source_name)
    kind = sniff_kind(data)
    if kind == "text":
        text = decode_wire_copy(data)
        return SourceItem(parse_wire_copy(text, stem), text, "utf-8")
    if kind == "xml":
        root = load_xml(data)
        _, reader = _xml_reader(root)
        wire = build_wire_copy(reader(root, stem))
    else:
        wire = build_wire_copy(read_ninjs(load_ninjs(data), stem))
    # The bytes parsed, so they decode: by the XML's own rule (UTF-8 when valid), else UTF-8.
    encoding = (xml_encoding(data) if kind == "xml" else None) or _bom_encoding(data)
    return SourceItem(wire, data.decode(encoding), codecs.lookup(encoding).name)


def _bom_encoding(data: bytes) -> str:
    if data.startswith(_UTF16_XML) or data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    return "utf-8"


def parse_wire_items(files: list[tuple[bytes, str]]) -> list[WireCopy | WireCopyError]:
    """Parse each (data, source_name): its article, or its error as a value."""
    return [
        outcome if isinstance(outcome, WireCopyError) else outcome.wire
        for outcome in read_source_items(files)
    ]


def read_source_items(files: list[tuple[bytes, str]]) -> list[SourceItem | WireCopyError]:
    """Read each (data, source_name): its item, or its error as a value.

    For parsing in another process while the importer writes: one bad file does
    not lose the others' results.
    """
    results: list[SourceItem | WireCopyError] = []
    for data, source_name in files:
        try:
            results.append(read_source_item(data, source_name))
        except WireCopyError as error:
            results.append(error)
    return results
