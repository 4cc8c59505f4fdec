"""Properties of the wire-copy parser: rendering is its inverse, and it never crashes.

What the format cannot represent, and the generated articles therefore avoid:

- one-line fields (headline, photo credit, dateline, names, notes) with a line break, or
  with spaces at either end; names with runs of spaces (they are collapsed);
- a body that is not normalised: lines with spaces at either end, or paragraphs separated
  by anything but exactly one blank line;
- a body that itself opens like a dateline or a photo-credit line, or ends with a
  parenthesis opening with a role phrase ("(Reporting by …)"): they would be read as such;
- names or notes holding the credit line's punctuation or words: ";", ",", "(", ")", the
  joiners "et", "and" and "avec", a lowercase note preposition (à, au, aux, en, in, at), or
  a role phrase at their start;
- credits the parser never produces: photo credits other than the first, which comes from
  the photo line; credit-line authors that are organisations;
- a text whose language its words do not tell: every generated sentence holds function
  words of its language and none of the other's.
"""

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.formats.wire_copy import (
    AuthorKind,
    CreditEntry,
    CreditRole,
    Dateline,
    DatePrecision,
    WireCopy,
    WireCopyError,
    decode_wire_copy,
    parse_wire_copy,
    render_wire_copy,
)

FAST = settings(max_examples=200, deadline=None)

SENTENCE_OPENINGS = {
    "fr": ["Le", "La", "Les", "Selon", "Dans", "Pour", "Depuis", "Après", "Il", "Elle"],
    "en": ["The", "In", "For", "After", "This", "It", "He", "She", "They", "When"],
}
FUNCTION_WORDS = {
    "fr": ["le", "la", "les", "des", "du", "de", "dans", "pour", "sur", "avec", "qui", "et"],
    "en": ["the", "of", "and", "to", "in", "was", "that", "with", "for", "by", "from", "said"],
}
CONTENT_WORDS = {
    "fr": [
        "gouvernement",
        "ministre",
        "a",
        "déclaré",
        "mardi",
        "frappes",
        "défense",
        "aérienne",
        "l'Otan",
        "d'euros",
        "contre-offensive",
        "réunion",
        "sécurité",
        "Kyiv",
        "Stoltenberg",
        "40",
        "2,4",
        "\u2013",  # en dash
        ":",
        "«\u00a0terrain\u00a0»",
        "« terrain »",
        '"gagnent"',
        '"',
        "1)",
    ],
    "en": [
        "government",
        "minister",
        "announced",
        "Tuesday",
        "strikes",
        "defence",
        "air",
        "NATO's",
        "billion",
        "counteroffensive",
        "meeting",
        "security",
        "Kyiv",
        "Stoltenberg",
        "40",
        "2.4",
        "\u2013",  # en dash
        ":",
        "'gradually'",
        '"gaining"',
        '"',
        "1)",
    ],
}
ASIDES = {"fr": ["(AFP)", "(voir ci-dessous)", "(selon lui)"], "en": ["(AFP)", "(see chart)"]}
PLACES = ["KYIV", "PARIS", "NEW YORK", "Rio de Janeiro", "N'DJAMENA", "SAINT-DENIS", "Bruxelles"]
AGENCIES = ["Reuters", "AFP", "AP", "EPA-EFE", "Getty Images", "dpa"]
DAY_TEXTS = {
    "fr": ["7 novembre", "1er décembre", "12 mars", "30 août"],
    "en": ["Nov 7", "March 12", "December 1", "Aug. 30"],
}
NOTES = {
    "fr": ["à Kyiv", "à La Haye", "au Caire", "en Cisjordanie", "à Paris et Londres"],
    "en": ["in Budapest", "at the United Nations", "in New York", "in Paris and London"],
}
FIRST_NAMES = ["Andrew", "Mariana", "Victor", "Kate", "Zhifan", "Tangi", "Ana", "Seán", "Jean-Luc"]
LAST_NAMES = [
    "Gray",
    "Abreu",
    "Goury-Laffont",
    "Entringer",
    "Liu",
    "Salaün",
    "O'Brien",
    "de la Cruz",
]
CREDIT_LINE_ROLES = [role for role in CreditRole if role != CreditRole.PHOTO]


def capitalised(word: str) -> str:
    return word[0].upper() + word[1:]


@st.composite
def sentences(draw, language: str) -> str:
    words = draw(
        st.lists(
            st.sampled_from(FUNCTION_WORDS[language] + CONTENT_WORDS[language]),
            min_size=1,
            max_size=12,
        )
    )
    opening = draw(st.sampled_from(SENTENCE_OPENINGS[language]))
    return " ".join([opening, *words]) + draw(st.sampled_from([".", " ?", "!", "…"]))


@st.composite
def paragraphs(draw, language: str) -> str:
    lines = draw(
        st.lists(
            st.lists(sentences(language), min_size=1, max_size=3).map(" ".join),
            min_size=1,
            max_size=2,
        )
    )
    # An aside only ends a paragraph: followed by a dash, it would open like a dateline.
    if draw(st.booleans()):
        lines[-1] += " " + draw(st.sampled_from(ASIDES[language]))
    return "\n".join(lines)


@st.composite
def names(draw) -> str:
    first = draw(st.sampled_from(FIRST_NAMES))
    last = draw(st.sampled_from(LAST_NAMES))
    return draw(st.sampled_from([f"{first} {last}", first, f"{first} {last} {last}"]))


@st.composite
def credit_line_entries(draw, language: str) -> CreditEntry:
    return CreditEntry(
        role=draw(st.sampled_from(CREDIT_LINE_ROLES)),
        name=draw(names()),
        note=draw(st.sampled_from(["", "", *NOTES[language]])),
    )


@st.composite
def wire_copies(draw) -> WireCopy:
    language = draw(st.sampled_from(["fr", "en"]))
    precision = draw(st.sampled_from(DatePrecision))
    date = draw(st.dates(datetime.date(1900, 1, 1), datetime.date(2100, 12, 31)))
    if precision == DatePrecision.MONTH:
        date = date.replace(day=1)

    credits = []
    photo_credit = None
    if draw(st.booleans()):
        agency = draw(st.sampled_from(AGENCIES))
        photographer = draw(st.none() | names())
        if photographer is None:
            photo_credit = agency
            credits.append(CreditEntry(CreditRole.PHOTO, agency, kind=AuthorKind.ORGANISATION))
        else:
            photo_credit = f"{agency}/{photographer}"
            credits.append(CreditEntry(CreditRole.PHOTO, photographer))
    credits += draw(st.lists(credit_line_entries(language), max_size=6))

    dateline = None
    if draw(st.booleans()):
        dateline = Dateline(
            place=draw(st.sampled_from(PLACES)),
            source=draw(st.sampled_from(AGENCIES)),
            date=draw(st.sampled_from(["", *DAY_TEXTS[language]])),
        )

    return WireCopy(
        source_id=draw(st.from_regex(r"[0-9a-z_]{1,20}", fullmatch=True)),
        language=language,
        date=date,
        date_precision=precision,
        headline=draw(sentences(language)),
        body="\n\n".join(draw(st.lists(paragraphs(language), min_size=1, max_size=4))),
        photo_credit=photo_credit,
        dateline=dateline,
        credits=tuple(credits),
    )


@FAST
@given(wire_copies())
def test_parsing_a_rendered_article_gives_it_back(article):
    assert parse_wire_copy(render_wire_copy(article), article.source_id) == article


@FAST
@given(wire_copies())
def test_a_rendered_article_is_valid_utf8_wire_copy_ending_with_a_newline(article):
    rendered = render_wire_copy(article)

    assert decode_wire_copy(rendered.encode("utf-8")) == rendered
    assert rendered.endswith("\n")
    assert not rendered.endswith("\n\n")


# Wire-copy fragments make arbitrary text reach past the date line into the deeper rules.
FRAGMENTS = [
    " date 2023-09 ",
    " date 2024-02-29 ",
    "\n",
    "\n\n",
    "\r\n",
    "Crédit photo © ",
    "Photo credit © ",
    "Reuters/Manon Cruz",
    "KYIV, 7 novembre (Reuters) - ",
    "(",
    ")",
    "Reportage ",
    "Reporting by ",
    " avec ",
    "; ",
    ", ",
    " et ",
    " and ",
    " à Kyiv",
    "édité par ",
    "Ann Lee",
    "«",
    '"',
]
wire_like_text = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=4), max_size=30).map(
    "".join
)


@FAST
@given(st.text() | wire_like_text)
def test_parsing_any_text_gives_wire_copy_or_a_wire_copy_error(text):
    try:
        parsed = parse_wire_copy(text, "any")
    except WireCopyError as error:
        assert str(error) and "\n" not in str(error)
    else:
        assert parse_wire_copy(render_wire_copy(parsed), "any") == parsed


@FAST
@given(st.binary() | wire_like_text.map(lambda text: text.encode("utf-8", "surrogatepass")))
def test_decoding_any_bytes_gives_text_or_a_wire_copy_error(data):
    try:
        text = decode_wire_copy(data)
    except WireCopyError as error:
        assert str(error) and "\n" not in str(error)
    else:
        assert text.strip()
