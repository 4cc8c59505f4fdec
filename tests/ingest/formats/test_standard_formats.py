"""The contract's rules on small items of our own, in French and English, in every format."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from articles.vocabulary import AuthorKind, CreditRole, DatePrecision
from ingest.formats.detection import detect_format, parse_wire_item, parse_wire_items
from ingest.formats.errors import WireCopyError
from ingest.formats.items import Dateline, ItemStatus, WireFormat
from ingest.formats.markup import paragraphs_of_markup
from tests.ingest.formats.conftest import assert_clean_text

FILES = Path(__file__).resolve().parent / "files"
R = CreditRole


def _parse(name: str):
    item = parse_wire_item((FILES / name).read_bytes(), name)
    assert_clean_text(item.headline)
    assert_clean_text(item.body)
    return item


def _credits(item):
    return [(c.role, c.name, c.note) for c in item.credits]


def test_newsml_g2_message_in_french():
    item = _parse("newsmlg2_fr_message.xml")
    assert item.source_format == WireFormat.NEWSML_G2
    # The message's text item, not its picture item.
    assert item.source_id == "urn:newsml:example.com:20240312:kyiv-front"
    assert (item.version, item.status) == (3, ItemStatus.USABLE)
    assert item.language == "fr"  # fr-FR: its primary subtag
    # Day precision from firstCreated, as written (its own offset), not the version's day.
    assert (item.date, item.date_precision) == (datetime.date(2024, 3, 12), DatePrecision.DAY)
    assert item.embargoed_until == datetime.datetime(2024, 3, 14, 5, 0, tzinfo=datetime.UTC)
    # The main headline (no role), whitespace collapsed.
    assert item.headline == "Les forces ukrainiennes « gagnent du terrain »"
    # Place from located, source and date from the body's own opening.
    assert item.dateline == Dateline("Kyiv", "Reuters", "12 mars")
    assert item.body == (
        "Les troupes ukrainiennes progressent lentement, a dit l'OTAN & ses alliés."
        "\n\nLe deuxième paragraphe. Suite du même paragraphe.\n\nDernier paragraphe."
    )
    # Photo first (the associated picture's creditline), then the byline person who is not
    # in the credit line, then the credit line: Andrew Gray keeps its role only; the agency
    # creator gives no credit.
    assert item.photo_credit == "Reuters/Manon Cruz"
    assert _credits(item) == [
        (R.PHOTO, "Manon Cruz", ""),
        (R.WRITING, "Claire Dubois", ""),
        (R.REPORTING, "Andrew Gray", "à Kyiv"),
        (R.TRANSLATION, "Victor Goury-Laffont", ""),
        (R.EDITING, "Kate Entringer", ""),
    ]
    assert item.bylines == ("Andrew Gray", "Claire Dubois")


def test_newsml_g2_bare_item_withdrawn_in_english():
    item = _parse("newsmlg2_en_withdrawn.xml")
    assert (item.source_id, item.version) == ("tag:example.com,2024:budapest", 7)
    assert item.status == ItemStatus.WITHDRAWN
    assert item.language == "en"
    assert item.date == datetime.date(2024, 5, 2)  # no firstCreated: the version's time
    assert item.dateline == Dateline("BUDAPEST", "Reuters", "")
    assert item.body == "The vote was delayed.\n\nMore text."
    # The creator is in the credit line (wrapped over two lines): no second credit.
    assert _credits(item) == [
        (R.REPORTING, "Anita Komuves", "in Budapest"),
        (R.WRITING, "Jane Smith", ""),
        (R.EDITING, "Alex Richardson", ""),
    ]


def test_newsml_1_canceled_revision():
    item = _parse("newsml12_en_canceled.xml")
    assert item.source_format == WireFormat.NEWSML_1
    assert item.source_id == "urn:newsml:afp.com:20240101:ABC-123"  # without ":3"
    assert (item.version, item.status) == (3, ItemStatus.WITHDRAWN)
    assert item.headline == "Paris marathon postponed"
    assert item.dateline == Dateline("PARIS", "AFP", "Jan 1")
    assert item.photo_credit == "AFP/Jean Martin"
    assert _credits(item) == [(R.PHOTO, "Jean Martin", ""), (R.WRITING, "Hugh Lawson", "")]


def test_nitf_in_english():
    item = _parse("nitf_en.xml")
    assert item.source_format == WireFormat.NITF
    assert (item.source_id, item.version) == ("nitf-en-0001", 1)
    assert item.language == "en"
    assert item.date == datetime.date(2024, 6, 1)
    assert item.headline == "Floods hit the Midwest"  # hl1 before the head's title
    assert item.dateline == Dateline("DES MOINES, Iowa", "AP", "")
    # Media captions are not text; list items are paragraphs; entities decoded.
    assert item.body == (
        "Rivers rose on Saturday.\n\nResidents were told to leave \u201cnow\u201d."
        "\n\nTwo shelters opened."
    )
    # The byline's people, not its title ("AP Writers").
    assert _credits(item) == [(R.WRITING, "Mary Jones", ""), (R.WRITING, "Tom Brown", "")]


def test_nitf_in_french_in_iso_8859_1_without_doc_id():
    data = (FILES / "nitf_fr_latin1.xml").read_bytes()
    assert "é".encode("latin-1") in data
    item = parse_wire_item(data, "incoming/nitf_fr_latin1.xml")
    assert item.source_id == "nitf_fr_latin1"
    assert item.language == "fr"  # fr-CA
    assert item.date == datetime.date(2024, 2, 29)
    assert item.headline == "Québec : l'hiver se prolonge"
    assert item.dateline == Dateline("Montréal", "", "")
    assert _credits(item) == [(R.WRITING, "Élise Tremblay", "")]


def test_ninjs_2_in_french():
    item = _parse("ninjs2_fr.json")
    assert item.source_format == WireFormat.NINJS
    assert (item.source_id, item.version) == ("urn:example:fr:ninjs2:0001", 5)
    assert item.language == "fr"
    assert item.date == datetime.date(2024, 11, 7)
    assert item.embargoed_until == datetime.datetime(2024, 11, 8, 11, 0, tzinfo=datetime.UTC)
    assert item.headline == "Bruxelles adopte le budget"
    assert item.dateline == Dateline("Bruxelles", "AFP", "7 novembre")
    assert item.body == "Le budget a été adopté jeudi.\n\nSecond paragraphe.\n\nFin."
    assert item.photo_credit == "AFP"
    assert item.credits[0].kind == AuthorKind.ORGANISATION
    assert _credits(item) == [
        (R.PHOTO, "AFP", ""),
        (R.WRITING, "Marc Dupont", ""),
        (R.REPORTING, "Sabine Siebold", ""),
        (R.EDITING, "Kate Entringer", ""),
    ]


@pytest.mark.parametrize(
    ("embargo", "utc"),
    [
        # ISO 8601 allows offsets up to 23:59, past what PostgreSQL accepts: kept as UTC.
        ("2024-11-08T12:00:00+21:55", datetime.datetime(2024, 11, 7, 14, 5, tzinfo=datetime.UTC)),
        ("2024-11-08T12:00:00-0930", datetime.datetime(2024, 11, 8, 21, 30, tzinfo=datetime.UTC)),
    ],
)
def test_an_embargo_with_any_offset_is_read_as_the_same_instant_in_utc(embargo, utc):
    data = (
        (FILES / "ninjs2_fr.json")
        .read_bytes()
        .replace(b"2024-11-08T12:00:00+01:00", embargo.encode())
    )

    item = parse_wire_item(data, "ninjs2_fr.json")

    assert item.embargoed_until == utc
    assert item.embargoed_until.utcoffset() == datetime.timedelta(0)


@pytest.mark.parametrize("offset", ["+24:00", "+25:00", "-99:99", "+01:75"])
def test_an_embargo_with_an_impossible_offset_is_refused_with_one_line(offset):
    data = (
        (FILES / "ninjs2_fr.json")
        .read_bytes()
        .replace(b"2024-11-08T12:00:00+01:00", b"2024-11-08T12:00:00" + offset.encode())
    )

    with pytest.raises(WireCopyError) as error:
        parse_wire_item(data, "ninjs2_fr.json")

    assert str(error.value) == f'impossible time zone offset in "2024-11-08T12:00:00{offset}"'


def test_ninjs_3_in_english_camel_case():
    item = _parse("ninjs3_en_withdrawn.json")
    assert (item.source_id, item.version) == ("http://example.com/items/en-0042", 3)
    assert item.status == ItemStatus.WITHDRAWN
    assert item.language == "pt"  # any language: pt-BR
    assert item.date == datetime.date(2024, 8, 1)  # contentCreated
    assert item.embargoed_until == datetime.datetime(2024, 8, 3, tzinfo=datetime.UTC)
    assert item.headline == "Rio carnival dates set"  # the main of headlines
    assert item.body == "Dates were set.\n\nSecond."  # the HTML body before the plain one
    assert item.dateline == Dateline("RIO DE JANEIRO", "Reuters", "")
    # "Reuters" among the authors is an agency, not a person.
    assert _credits(item) == [(R.PHOTO, "Pilar Olivares", ""), (R.WRITING, "Ana Souza", "")]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("newsmlg2_fr_message.xml", WireFormat.NEWSML_G2),
        ("newsmlg2_en_withdrawn.xml", WireFormat.NEWSML_G2),
        ("newsml12_en_canceled.xml", WireFormat.NEWSML_1),
        ("nitf_en.xml", WireFormat.NITF),
        ("ninjs2_fr.json", WireFormat.NINJS),
        ("ninjs3_en_withdrawn.json", WireFormat.NINJS),
    ],
)
def test_the_format_comes_from_the_content_not_the_name(name, expected):
    data = (FILES / name).read_bytes()
    assert detect_format(data) == expected
    assert parse_wire_item(data, "misleading.txt").source_format == expected


def test_plain_wire_copy_goes_through_the_same_entry_point():
    data = b"date 2023-09 Titre\n\nKYIV (Reuters) - Texte. (Reportage Andrew Gray)\n"
    item = parse_wire_item(data, "000_abc.txt")
    assert (item.source_format, item.source_id) == (WireFormat.WIRE_COPY, "000_abc")
    assert item.date_precision == DatePrecision.MONTH
    assert _credits(item) == [(R.REPORTING, "Andrew Gray", "")]


@pytest.mark.parametrize(
    ("markup", "paragraphs"),
    [
        ("<p>a\nb</p><p>c</p>", ["a b", "c"]),
        ("<p>one\n    two\nthree</p>", ["one", "two three"]),  # Reuters' indented paragraphs
        ("<p>\n    one\n    two\n</p>", ["one two"]),  # a pretty-printer's indentation
        ("<p>x &amp;#39; y</p>", ["x ' y"]),  # escaped twice
        ("<p>&lt;div class=&quot;embed&quot;&gt;&lt;/div&gt;</p><p>kept</p>", ["kept"]),
        ("<head><title>t</title></head><p>a<br>b</p><script>x()</script>", ["a b"]),
    ],
)
def test_markup_to_paragraphs(markup, paragraphs):
    assert paragraphs_of_markup(markup) == paragraphs


def test_the_batch_entry_point_returns_errors_as_values():
    good = (FILES / "nitf_en.xml").read_bytes()
    results = parse_wire_items([(good, "a.xml"), (b"<nitf>", "b.xml"), (good, "c.xml")])
    kinds = [type(result).__name__ for result in results]
    assert kinds == ["WireCopy", "WireItemError", "WireCopy"]
    assert "malformed or truncated XML" in str(results[1])


@pytest.mark.parametrize(
    ("first_paragraph", "writers"),
    [
        ("By Aaron J. Staples and Marie de la Tour", ["Aaron J. Staples", "Marie de la Tour"]),
        ("Par Élise Tremblay, Jean Roy", ["Élise Tremblay", "Jean Roy"]),
        ("By then, the court had ruled.", []),
        ("By the end of the year prices rose", []),
    ],
)
def test_a_byline_line_before_the_dateline_names_people_only(first_paragraph, writers):
    item = {
        "guid": "g",
        "headline": "h",
        "firstcreated": "2024-01-01",
        "language": "en",
        "body_html": f"<p>{first_paragraph}</p><p>PARIS (Reuters) - Text.</p>",
    }
    parsed = parse_wire_item(json.dumps(item).encode(), "item.json")
    assert [c.name for c in parsed.credits if c.role == R.WRITING] == writers
    assert parsed.dateline == Dateline("PARIS", "Reuters", "")
    assert (first_paragraph in parsed.body) == (not writers)
