"""The 16 shared real samples: every field the contract defines (section 5)."""

from __future__ import annotations

import datetime

import pytest

from articles.vocabulary import CreditRole, DatePrecision
from ingest.formats.detection import detect_format, parse_wire_item
from ingest.formats.errors import WireCopyError
from ingest.formats.items import Dateline, ItemStatus, WireFormat
from tests.ingest.formats.conftest import SAMPLES, assert_clean_text

R = CreditRole
UTC = datetime.UTC

# file: format, source_id, version, language, date, headline, dateline, credits, body start, end
EXPECTED = {
    "newsml12_afp_1.xml": (
        WireFormat.NEWSML_1,
        "urn:newsml:afp.com:20140829T135002Z:TX-PAR-FXW86",
        1,
        "en",
        datetime.date(2014, 8, 29),
        "Sweden court accepts receivership for Saab carmaker",
        Dateline("STOCKHOLM", "AFP", "Aug 29, 2014"),
        [],
        "A Chinese-owned company set up to take over Saab's assets",
        "with a line of electric cars.\n\nhh/ph/ts/hd",
    ),
    "newsml12_afp_fr_iso8859.xml": (
        WireFormat.NEWSML_1,
        "urn:newsml:afp.com:20240710:240710125902.qpsp2jzk",
        1,
        "fr",
        datetime.date(2024, 7, 10),
        "Décès de Naomi Musenga: l'opératrice du Samu définitivement condamnée",
        Dateline("Strasbourg", "AFP", "10 juil 2024"),
        [],
        "L'opératrice du Samu condamnée pour non-assistance à personne en danger",
        "pas appel de cette condamnation.\n\nL'opératrice, Corinne M.",
    ),
    "newsmlg2_ansa_it.xml": (
        WireFormat.NEWSML_G2,
        "tag:ansa.it,2017-10-11:40e5fb1034e7e2b21942ea09718fc85a",
        1,
        "it",
        datetime.date(2017, 10, 11),
        "Catalan independence declaration unacceptable - Alfano",
        Dateline("Rome", "ANSA", "October 11"),
        [],
        "Italian Foreign Minister Angelino Alfano has said that",
        "but halted implementation to allow for negotiations.",
    ),
    "newsmlg2_dpa_de.xml": (
        WireFormat.NEWSML_G2,
        "urn:newsml:dpa.com:20090101:221011-930-4303",
        1,
        "de",
        datetime.date(2022, 10, 11),
        "Eintracht in London: Hintereggers Tränen und Attacke auf Reporter",
        Dateline("London", "dpa", ""),
        [],  # the creator "degenhardt.sandra" is a login, not a printed name
        "2019 gab es bittere Tränen in der Kurve,",
        "gewann die Eintracht auch das Rückspiel und zog ins Endspiel ein.",
    ),
    "newsmlg2_reuters_en_gold.xml": (
        WireFormat.NEWSML_G2,
        "tag:reuters.com,0000:newsml_L4N1FL0N0",
        1132689232,
        "en",
        datetime.date(2017, 1, 31),
        "PRECIOUS-Gold rises as Trump policy fuels safe haven demand",
        Dateline("", "Reuters", "Jan 30"),
        # "By Arpan Varghese" is in the credit line already: he keeps its role only.
        [
            (R.REPORTING, "Arpan Varghese", "in Bengaluru"),
            (R.EDITING, "Joseph Radford", ""),
            (R.EDITING, "Richard Pullin", ""),
        ],
        "(Adds comments, detail)\n\n* Spot gold may edge up to $1,205 per ounce- technicals",
        "Palladium rose 0.7 percent, to $745.40 per ounce.",
    ),
    "newsmlg2_reuters_en_mtzxee13.xml": (
        WireFormat.NEWSML_G2,
        "tag:reuters.com,2018:newsml_MTZXEE13ZXCZES",
        2,
        "en",
        datetime.date(2018, 1, 3),
        "UPDATE 2-Primeira Liga Results",
        Dateline("", "OPTA", "Jan 3"),
        [],
        # Every line is indented there: indentation is layout, blank lines part paragraphs.
        "Results and fixtures for the Primeira Liga on Wednesday Desportivo Aves (0) 1",
        "(1900/1900) Estoril v Feirense (2100/2100)",
    ),
    "newsmlg2_stt_fi.xml": (
        WireFormat.NEWSML_G2,
        "urn:newsml:stt.fi:20171219:101801633",
        4,
        "fi",
        datetime.date(2017, 12, 19),
        "Parliament passed the Alcohol Act and the government gained confidence*** TRANSLATED ***",
        Dateline("Helsinki", "STT", ""),
        [],
        "*** DISCLAIMER: THIS IS AN AUTOMATED TRANSLATION FROM FINNISH ***",
        "Rinne sanoi tiedotteessaan heti äänestyksen jälkeen.",
    ),
    "ninjs_1.json": (
        WireFormat.NINJS,
        "urn:newsml:localhost:2017-08-24T14:37:19.783611:c044162e-7f40-4d04-b700-49b6a66e652c",
        2,
        "fr",
        datetime.date(2017, 8, 24),
        "headline",
        Dateline("Milton Keynes", "AAP", ""),
        [(R.WRITING, "Peter", ""), (R.WRITING, "Jane", ""), (R.WRITING, "John", "")],
        "The story so far.",
        "The story so far.",
    ),
    "ninjs_2.json": (
        WireFormat.NINJS,
        "tag:localhost:2017:7ca07622-3b19-4d61-8daf-18500412d46b",
        4,
        "en",
        datetime.date(2017, 7, 3),
        "Oil prices edge up on first drop in US drilling in months",
        Dateline("Singapore", "Reuters", ""),
        [(R.REPORTING, "Henning Gloystein", ""), (R.EDITING, "Richard Pullin", "")],
        "Oil prices edged up on Monday, supported by the first autumn in US drilling",
        "like Saudi Arabia to restrict supplies.",
    ),
    "ninjs_embargoed_en.json": (
        WireFormat.NINJS,
        "fd8e441b-a698-4411-9246-7d5de21cced9",
        11,
        "en",
        datetime.date(2022, 6, 20),
        "Trouble is brewing for the future of beer",
        Dateline("Aaron J. Staples, Michigan", "360info", ""),
        [
            (R.WRITING, "Aaron J. Staples", ""),
            (R.WRITING, "Josh Pitt", ""),
            (R.WRITING, "Aaron Staples", ""),
        ],
        "What does torched earth taste like?",
        "Originally published under Creative Commons by 360info™.",
    ),
    "nitf_ap_en.xml": (
        WireFormat.NITF,
        "nitf_ap_en",  # no doc-id/@id-string: the file name
        1,
        "en",  # no baselang: told from the text
        datetime.date(2015, 12, 10),
        "Can trading pollution like stocks help fight climate change?",
        Dateline("NEW YORK", "AP", ""),
        [(R.WRITING, "BERNARD CONDON", "")],
        "The gas produced by hog manure at farms across the U.S.",
        "http://www.bigstory.ap.org/content/bernard-condon .",
    ),
    "nitf_efe_en.xml": (
        WireFormat.NITF,
        "22751909",
        1,
        "en",
        datetime.date(2017, 1, 2),
        "Honduran president announces Cabinet changes",
        Dateline("Tegucigalpa", "EFE", "Jan 2"),
        [],  # the byline "gr/bp" is initials, not a person
        "Test body.",
        "Test body.",
    ),
    "nitf_ntb_nb_iso8859.xml": (
        WireFormat.NITF,
        "faktisk-d9cde75b-256e-4989-b6a3-b8ad27f43a5c_47",
        1,
        "nb",
        datetime.date(2020, 9, 7),
        "Faktisk.no: Nei, dette dokumentet beskriver ikke FNs Agenda 21 eller Agenda 2030",
        Dateline("Oslo", "NTB", ""),
        [(R.WRITING, "Geir Molnes", "")],
        "Nei, dette dokumentet beskriver ikke FNs Agenda 21 eller Agenda 2030\n\nPåstand",
        "Embed (liten):",
    ),
}
# The same items with bytes in UTF-8 under a prolog that says ISO-8859-1.
EXPECTED["newsml12_afp_fr_utf8_mislabelled.xml"] = EXPECTED["newsml12_afp_fr_iso8859.xml"]
EXPECTED["nitf_ntb_nb_utf8_mislabelled.xml"] = EXPECTED["nitf_ntb_nb_iso8859.xml"]


def test_every_shared_sample_is_covered():
    names = {path.name for path in SAMPLES.iterdir() if path.suffix in {".xml", ".json"}}
    assert names == {*EXPECTED, "newsmlg2_iptc_listing1.xml"}
    assert len(names) == 16


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_fields(name):
    fmt, source_id, version, language, date, headline, dateline, credits, start, end = EXPECTED[
        name
    ]
    data = (SAMPLES / name).read_bytes()
    item = parse_wire_item(data, name)
    assert detect_format(data) == fmt
    assert item.source_format == fmt
    assert item.source_id == source_id
    assert item.version == version
    assert item.status == ItemStatus.USABLE
    assert item.language == language
    assert (item.date, item.date_precision) == (date, DatePrecision.DAY)
    assert item.headline == headline
    assert item.dateline == dateline
    assert [(c.role, c.name, c.note) for c in item.credits] == credits
    assert item.photo_credit is None
    assert item.body.startswith(start)
    assert item.body.endswith(end)
    assert "\n\n\n" not in item.body
    assert all(line.strip() == line and line for line in item.body.split("\n\n"))
    assert_clean_text(item.headline)
    assert_clean_text(item.body)


def test_the_reuters_credit_line_wrapped_over_two_lines_leaves_the_body():
    item = parse_wire_item((SAMPLES / "newsmlg2_reuters_en_gold.xml").read_bytes(), "gold.xml")
    assert "Reporting by" not in item.body
    assert "By Arpan Varghese" not in item.body
    assert "Jan 30 (Reuters)" not in item.body
    assert "Gold rose on Tuesday on increased safe haven demand as U.S." in item.body


def test_double_escaped_entities_are_decoded():
    item = parse_wire_item((SAMPLES / "newsmlg2_stt_fi.xml").read_bytes(), "stt.xml")
    assert "until 4 o'clock" in item.body


def test_the_embargo_is_the_items_own():
    item = parse_wire_item((SAMPLES / "ninjs_embargoed_en.json").read_bytes(), "e.json")
    assert item.embargoed_until == datetime.datetime(2022, 6, 29, 2, 30, tzinfo=UTC)


def test_mislabelled_and_true_iso_8859_1_read_the_same():
    for pair in (
        ("newsml12_afp_fr_iso8859.xml", "newsml12_afp_fr_utf8_mislabelled.xml"),
        ("nitf_ntb_nb_iso8859.xml", "nitf_ntb_nb_utf8_mislabelled.xml"),
    ):
        first, second = (parse_wire_item((SAMPLES / n).read_bytes(), n) for n in pair)
        assert first == second


def test_the_iptc_listing_without_body_is_refused_with_one_line():
    with pytest.raises(WireCopyError) as error:
        parse_wire_item((SAMPLES / "newsmlg2_iptc_listing1.xml").read_bytes(), "listing1.xml")
    assert str(error.value) == "the item has no body text"
