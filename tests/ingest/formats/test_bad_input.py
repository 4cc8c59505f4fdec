"""Every bad input of the contract (section 5): one WireCopyError with a message, fast."""

from __future__ import annotations

import json
import time

import pytest

from ingest.formats import xml as safe_xml
from ingest.formats.detection import parse_wire_item
from ingest.formats.errors import WireCopyError
from ingest.formats.item_fields import MAX_ITEM_BYTES

G2 = "http://iptc.org/std/nar/2006-10-01/"


def _g2(headline: str = "Titre", body: str = "<p>Texte.</p>", doctype: str = "") -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>{doctype}
<newsItem xmlns="{G2}" guid="urn:test:1" version="1" xml:lang="fr">
  <itemMeta><itemClass qcode="ninat:text"/><versionCreated>2024-03-12T10:00:00Z</versionCreated>
  </itemMeta>
  <contentMeta><headline>{headline}</headline></contentMeta>
  <contentSet><inlineXML><html xmlns="http://www.w3.org/1999/xhtml"><body>{body}</body></html>
  </inlineXML></contentSet>
</newsItem>""".encode()


def _message(data: bytes, name: str = "item.xml") -> str:
    with pytest.raises(WireCopyError) as error:
        parse_wire_item(data, name)
    message = str(error.value)
    assert "\n" not in message and message
    return message


def test_the_valid_document_used_below_parses():
    assert parse_wire_item(_g2(), "item.xml").headline == "Titre"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"<newsItem><contentMeta>", "malformed or truncated XML"),
        (_g2()[:-40], "malformed or truncated XML"),
        (b"<nitf><head></nitf>", "malformed or truncated XML"),
        (b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>', "root element <rss>"),
        (b'{"guid": "a", "headline": "x"', "malformed or truncated JSON"),
        (b'{"guid": "a", "headline": x}', "malformed or truncated JSON"),
        (b"[1, 2, 3]", "not a ninjs news item"),
        (b'{"name": "a list of things"}', "not a ninjs news item"),
        (b'{"guid": "p", "type": "picture", "headline": "h"}', 'type "picture" is not an article'),
        (_g2(headline=""), "no headline"),
        (_g2(body=""), "no body text"),
        (_g2(body="<p>(Reporting by Andrew Gray; Editing by Kate Entringer)</p>"), "no body text"),
        (
            json.dumps({"guid": "g", "headline": "h", "versioncreated": "2024-01-01"}).encode(),
            "no body text",
        ),
        (json.dumps({"guid": "g", "body_html": "<p>b</p>"}).encode(), "no headline"),
        (json.dumps({"headline": "h", "body_html": "<p>b</p>"}).encode(), "neither guid nor uri"),
        (
            json.dumps({"guid": "g", "headline": "h", "body_html": "<p>b</p>"}).encode(),
            "no creation date",
        ),
        (
            json.dumps(
                {"guid": "g", "headline": "h", "body_text": "b", "firstcreated": "2024-02-30"}
            ).encode(),
            "impossible date",
        ),
        (_g2().replace(b'version="1"', b'version="two"'), 'version "two" is not a whole number'),
        (_g2().replace(b'guid="urn:test:1"', b'guid="' + b"x" * 201 + b'"'), "source identifier"),
        (_g2().replace(b'xml:lang="fr"', b'xml:lang="fr!"'), "not a BCP 47 language tag"),
        (
            '<?xml version="1.0"?><nitf><body><p>é</p></body></nitf>'.encode("latin-1"),
            "not valid UTF-8 and the XML prolog names no other encoding",
        ),
        (b'\xff{"guid": 1}', "not valid UTF-8"),
        (
            json.dumps(
                {"guid": "g", "headline": "DÃ©cÃ¨s", "body_text": "b", "firstcreated": "2024-01-01"}
            ).encode(),
            "double-encoded",
        ),
        (
            json.dumps(
                {"guid": "g", "headline": "h", "body_text": "a\u0007b", "firstcreated": "2024"}
            ).encode(),
            "control character U+0007",
        ),
    ],
)
def test_bad_input_gets_one_clear_error(data, expected):
    assert expected in _message(data)


def test_an_external_entity_is_never_read(tmp_path):
    secret = tmp_path / "passwd"
    secret.write_text("root:x:0:0:SECRET-LINE")
    doctype = f'<!DOCTYPE newsItem [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    data = _g2(headline="&xxe;", body="<p>&xxe;</p>", doctype=doctype)
    message = _message(data)
    assert "declares entities" in message
    assert "SECRET" not in message


def test_an_entity_hidden_from_the_pre_scan_is_still_refused_after_parsing(tmp_path, monkeypatch):
    # The byte scan is the fast path; the parsed document type is checked as well.
    secret = tmp_path / "passwd"
    secret.write_text("SECRET-LINE")
    monkeypatch.setattr(safe_xml, "_ENTITY_DECLARATION", safe_xml.re.compile(rb"\A\Z"))
    doctype = f'<!DOCTYPE newsItem [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    message = _message(_g2(headline="&xxe;", body="<p>&xxe;</p>", doctype=doctype))
    assert "declares entities" in message


def test_a_billion_laughs_is_refused_fast(monkeypatch):
    lol = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
    ]
    doctype = f"<!DOCTYPE newsItem [{''.join(lol)}]>"
    data = _g2(headline="&lol9;", body="<p>&lol9;</p>", doctype=doctype)
    for scan in (safe_xml._ENTITY_DECLARATION, safe_xml.re.compile(rb"\A\Z")):
        monkeypatch.setattr(safe_xml, "_ENTITY_DECLARATION", scan)
        started = time.perf_counter()
        assert "declares entities" in _message(data)
        assert time.perf_counter() - started < 1


def test_a_doctype_without_entities_is_read_and_its_dtd_never_loaded(tmp_path):
    dtd = tmp_path / "nitf.dtd"
    dtd.write_text('<!ENTITY secret "SECRET">')
    data = (
        f'<?xml version="1.0"?><!DOCTYPE nitf SYSTEM "file://{dtd}">'
        '<nitf baselang="en"><head><docdata><date.issue norm="20240312"/></docdata></head>'
        "<body><body.head><hedline><hl1>Title</hl1></hedline></body.head>"
        "<body.content><p>Body.</p></body.content></body></nitf>"
    ).encode()
    item = parse_wire_item(data, "doc.xml")
    assert (item.headline, item.body, item.source_id) == ("Title", "Body.", "doc")


def test_over_50_mb_is_refused_before_parsing(monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("the parser must not see an oversized file")

    monkeypatch.setattr(safe_xml.etree, "fromstring", never)
    monkeypatch.setattr("ingest.formats.ninjs.json.loads", never)
    padding = b" " * (MAX_ITEM_BYTES + 1)
    for data in (_g2() + padding, b'{"guid": "g"}' + padding, b"date 2024-03 x" + padding):
        message = _message(data, "big.xml")
        assert "over the 50 MB limit" in message
