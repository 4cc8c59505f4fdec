"""The wire-format modules' public pieces: dateline and credit-line splitters, item defaults."""

from __future__ import annotations

from articles.vocabulary import CreditRole
from ingest.formats.credit_lines import split_credit_line
from ingest.formats.datelines import split_dateline
from ingest.formats.items import Dateline, ItemStatus, WireFormat
from ingest.formats.wire_copy import parse_wire_copy


def test_split_dateline_gives_the_dateline_and_the_rest():
    assert split_dateline("KYIV, 7 novembre (Reuters) - Le texte.") == (
        Dateline(place="KYIV", source="Reuters", date="7 novembre"),
        "Le texte.",
    )
    assert split_dateline("Le président (ex-ministre) - dit.") == (
        None,
        "Le président (ex-ministre) - dit.",
    )


def test_split_credit_line_gives_the_body_the_credits_and_the_languages():
    body, credits, languages = split_credit_line("Le texte. (Reportage Anna Dupont à Kyiv)")
    assert body == "Le texte. "
    assert [(c.role, c.name, c.note) for c in credits] == [
        (CreditRole.REPORTING, "Anna Dupont", "à Kyiv")
    ]
    assert languages == ["fr"]
    assert split_credit_line("Le texte (AFP)") == ("Le texte (AFP)", [], [])


def test_the_plain_text_parser_fills_the_richer_formats_fields_with_defaults():
    copy = parse_wire_copy(" date 2024-03 Titre\n\nUn paragraphe.\n", "id")
    assert copy.version == 1
    assert copy.status is ItemStatus.USABLE
    assert copy.embargoed_until is None
    assert copy.bylines == ()
    assert copy.source_format is WireFormat.WIRE_COPY
