"""Load agency XML safely: no entity is ever resolved, no file or network is read.

lxml parses with entity resolution, DTD loading and network access off; a
document type that declares entities is refused before and after parsing (a
billion-laughs document is refused in microseconds, not expanded). Files over
``MAX_ITEM_BYTES`` are refused before any parsing.
"""

from __future__ import annotations

import codecs
import re

from lxml import etree

from ingest.formats.item_fields import WireItemError, refuse_oversized

_PROLOG_ENCODING = re.compile(rb"""\A\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def xml_encoding(data: bytes) -> str | None:
    """The encoding to read the bytes with: UTF-8 whenever they are valid UTF-8.

    Agencies' relays re-encode items to UTF-8 and keep a prolog that still says
    ISO-8859-1; reading such bytes by the prolog would store mojibake. None leaves
    the choice to the parser (a UTF-16 byte-order mark).
    """
    if data.startswith(_UTF16_BOMS):
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    match = _PROLOG_ENCODING.match(data.removeprefix(_UTF8_BOM))
    if match is None:
        raise WireItemError(
            "not valid UTF-8 and the XML prolog names no other encoding;"
            ' add encoding="..." to the prolog or save the file as UTF-8'
        )
    declared = match.group(1).decode("ascii")
    try:
        codecs.lookup(declared)
        data.decode(declared)
    except LookupError:
        raise WireItemError(f'the XML prolog names an unknown encoding "{declared}"') from None
    except UnicodeDecodeError as error:
        raise WireItemError(
            f"bytes at offset {error.start} are not valid {declared}, the encoding the XML"
            " prolog names"
        ) from None
    return declared


def load_xml(data: bytes) -> etree._Element:
    """The root element of an XML document; raises WireItemError for anything unsafe or broken."""
    refuse_oversized(data)
    if _ENTITY_DECLARATION.search(data):
        raise _entities_refused()
    parser = etree.XMLParser(
        encoding=xml_encoding(data),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        # libxml2 refuses an expansion bomb itself, even with resolution off.
        if "entity amplification" in str(error) or "entity reference loop" in str(error):
            raise _entities_refused() from None
        raise WireItemError(f"malformed or truncated XML: {_one_line(error.msg)}") from None
    if root is None:
        raise WireItemError("malformed XML: no root element")
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise _entities_refused()
    return root


def _entities_refused() -> WireItemError:
    # Entities are how XML reads local files (XXE) and how it explodes (billion laughs).
    return WireItemError(
        "the document type declares entities, which are refused for safety;"
        " ask the sender for the item without a DOCTYPE"
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())


XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def local_name(element: etree._Element) -> str:
    """An element's tag without its namespace ("" for comments and the like)."""
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def children(element: etree._Element | None, name: str) -> list[etree._Element]:
    """The element's children of that local name, whatever their namespace."""
    if element is None:
        return []
    return [child for child in element if local_name(child) == name]


def child(element: etree._Element | None, *path: str) -> etree._Element | None:
    """The first element down that path of local names, None when there is none."""
    for name in path:
        found = children(element, name)
        element = found[0] if found else None
    return element


def descendants(element: etree._Element, name: str) -> list[etree._Element]:
    """Every element below of that local name, in document order."""
    return [node for node in element.iter() if local_name(node) == name]


def text_of(element: etree._Element | None) -> str:
    """An element's whole text, whitespace collapsed; "" for no element."""
    if element is None:
        return ""
    return " ".join("".join(element.itertext()).split())


def name_of(element: etree._Element | None) -> str:
    """What a NewsML-G2 concept is called: its name child, else its literal, else its text."""
    if element is None:
        return ""
    return text_of(child(element, "name")) or (element.get("literal") or "").strip()


def attribute(element: etree._Element | None, name: str) -> str:
    """An attribute's value, stripped; "" when the element or the attribute is missing."""
    return "" if element is None else (element.get(name) or "").strip()
