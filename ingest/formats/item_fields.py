"""What a standard-format reader extracts, and the rules that turn it into a ``WireCopy``.

Each reader (NewsML-G2, NewsML 1.2, NITF, ninjs) only finds its format's
fields; the rules of section 5 of the contract live here, once for all of them:
the body's own dateline and ``By``/``Par`` byline lines, the credit line (by the
plain-text rules of ``credit_lines``), bylines that are people, the language's
primary subtag, the date at day precision, the embargo.

Decisions the contract leaves open:

- The dateline opening is looked for in the body's first paragraphs, not only
  the first one: Reuters puts bullet points and a byline line before it. EFE's
  ``(EFE).-`` and a date without a place (``Jan 30 (Reuters) - ``) count too;
  such a dateline has an empty place when the item names none elsewhere.
- A dateline place without a source takes the item's agency as its source.
- A byline names people only when it looks like a name: no digits, no ``/`` or
  ``@``, not all lowercase (``degenhardt.sandra`` is a login), not an
  all-capital code of four letters or fewer (``VRG``); after a comma, a part
  naming an institution (``Michigan State University``) ends the names.
- Byline people are credited after the photo credit and before the credit
  line's credits, where they stand in the source.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from articles.vocabulary import CreditRole, DatePrecision
from ingest.formats.body import normalise_body
from ingest.formats.credit_lines import photo_credit_entry, split_credit_line
from ingest.formats.datelines import split_dateline
from ingest.formats.decoding import _refuse_mojibake, refuse_control_characters
from ingest.formats.errors import WireCopyError, check_length
from ingest.formats.items import (
    MAX_HEADLINE_LENGTH,
    MAX_NAME_LENGTH,
    MAX_PHOTO_CREDIT_LENGTH,
    CreditEntry,
    Dateline,
    ItemStatus,
    WireCopy,
    WireFormat,
)
from ingest.formats.languages import detect_language, month_languages

MAX_ITEM_BYTES = 50 * 1024 * 1024
# The columns' sizes of Article.source_id and its dateline fields (articles.models).
MAX_SOURCE_ID_LENGTH = 200
MAX_DATELINE_FIELD_LENGTH = 200
# How far into the body a dateline or a byline line is looked for.
OPENING_PARAGRAPHS = 8


class WireItemError(WireCopyError):
    """A standard-format item that cannot be read; the message says why, for a person."""


@dataclass
class ItemFields:
    """One item's fields as its format gives them, before the shared rules apply."""

    source_format: WireFormat
    source_id: str
    headline: str
    paragraphs: list[str]
    language_tag: str = ""
    first_created: str = ""
    version_created: str = ""
    version: int = 1
    status: ItemStatus = ItemStatus.USABLE
    embargoed_until: str = ""
    dateline_place: str = ""  # located, NITF dateline/location
    dateline_text: str = ""  # a whole dateline element: "STOCKHOLM, Aug 29, 2014 (AFP) -"
    bylines: list[str] = field(default_factory=list)  # free text: "By A and B"
    people: list[str] = field(default_factory=list)  # structured: creator, authors
    agencies: list[str] = field(default_factory=list)  # provider, source, creditline, ...
    photo_credit: str = ""  # creditline of an associated picture


_LANGUAGE_TAG = re.compile(r"(?P<primary>[A-Za-z]{2,3}|[A-Za-z]{5,8})(?:[-_][A-Za-z0-9]{1,8})*")
_DAY = re.compile(r"\s*(?P<year>[0-9]{4})-?(?P<month>[0-9]{2})-?(?P<day>[0-9]{2})")
_INSTANT = re.compile(
    r"""\s*(?P<year>[0-9]{4})-?(?P<month>[0-9]{2})-?(?P<day>[0-9]{2})
    (?: [T\s] (?P<hour>[0-9]{2}) :? (?P<minute>[0-9]{2}) (?: :? (?P<second>[0-9]{2}) )?
        (?: [.,][0-9]+ )? )?
    \s* (?P<zone> Z | [+-][0-9]{2} (?: :? [0-9]{2} )? )? \s*\Z""",
    re.VERBOSE,
)
_BYLINE_LINE = re.compile(r"(?:By|BY|Par|PAR)\s+(?P<names>[^!?;:()]{2,120}?)")
_BYLINE_PREFIX = re.compile(r"\A\s*(?:by|par)\s+", re.IGNORECASE)
_BYLINE_JOINER = re.compile(r"\s*,\s*|\s+(?:and|et|&)\s+")
_INSTITUTION = re.compile(
    r"\b(?:University|Universit[éy]|Institute|Institut|College|School|Agency|Agence|"
    r"News|Press|Presse|Foundation|Centre|Center)\b",
    re.IGNORECASE,
)
_EFE_OPENING = re.compile(r"\A([^\n()]{1,150}\([^\n()]{1,100}\))\.-\s+")
_MONTH_DAY_OPENING = re.compile(
    r"""\A (?P<date> [^\W\d_]{3,10}\.? \s [0-9]{1,2} | [0-9]{1,2} \s [^\W\d_]{3,10}\.? )
    \s* \( \s* (?P<source> [^\n()]{1,100}? ) \s* \) \s* [-\u2013\u2014] \s+""",
    re.VERBOSE,
)
# ANSA puts the source first: "(ANSA) - Rome, October 11 - ".
_SOURCE_FIRST_OPENING = re.compile(
    r"""\A \( \s* (?P<source> [^\n()]{1,100}? ) \s* \) \s* [-\u2013\u2014] \s*
    (?P<place> [^\W\d_][^\n,()\d]{0,60}? ) \s* , \s* (?P<date> [^\n()\u2013\u2014-]{1,40}? )
    \s* [-\u2013\u2014] \s+""",
    re.VERBOSE,
)
_DATELINE_ELEMENT = re.compile(
    r"""\A \s* (?P<place> [^,()\d]{1,100}? )
    (?: \s*,\s* (?P<date> [^()]{1,60}? ) )?
    \s* (?: \( \s* (?P<source> [^()]{1,100}? ) \s* \) )? \s* [-\u2013\u2014.]* \s* \Z""",
    re.VERBOSE,
)


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Lowercase words a byline line may hold between capitalised names.
_BYLINE_PARTICLES = _names("and et de du des van von der den da di le la")
# Agencies that bylines and creator elements name: organisations, never people.
_KNOWN_AGENCIES = _names(
    "reuters afp ap dpa ansa efe ntb stt aap tt anp belga ats apa xinhua kyodo pap ctk"
    " upi bloomberg lusa"
) | {"associated press", "agence france-presse", "agencia efe", "the associated press"}


def refuse_oversized(data: bytes) -> None:
    """Refuse a file too large to be one news item, before anything parses it."""
    check_item_size(len(data))


def check_item_size(size: int) -> None:
    """Refuse a size of file too large to be one news item (the contract's 50 MB)."""
    if size > MAX_ITEM_BYTES:
        megabytes = MAX_ITEM_BYTES // (1024 * 1024)
        raise WireItemError(
            f"file of {size:,} bytes is over the {megabytes} MB limit for one news item"
        )


def build_wire_copy(fields: ItemFields) -> WireCopy:
    """The article an item's fields hold; raises WireItemError when they hold none."""
    headline = " ".join(fields.headline.split())
    for text in (headline, *fields.paragraphs):
        # Valid UTF-8 can still hold text that a relay decoded wrongly once: never store it.
        _refuse_mojibake(text)
        refuse_control_characters(text)
    check_length("source identifier", fields.source_id, MAX_SOURCE_ID_LENGTH)
    if not headline:
        raise WireItemError("the item has no headline")
    check_length("headline", headline, MAX_HEADLINE_LENGTH)
    paragraphs = [p for p in fields.paragraphs if p.strip()]
    if not paragraphs:
        raise WireItemError("the item has no body text")

    paragraphs, body_bylines = _take_byline_lines(paragraphs)
    dateline, paragraphs = _take_dateline(fields, paragraphs)
    rest, credits, signals = split_credit_line("\n\n".join(paragraphs))
    body = normalise_body(rest)
    if not body:
        raise WireItemError("the item has no body text besides its dateline and credit line")
    if dateline is not None:
        check_length("dateline place", dateline.place, MAX_DATELINE_FIELD_LENGTH)
        check_length("dateline source", dateline.source, MAX_DATELINE_FIELD_LENGTH)
        signals.extend(month_languages(dateline.date))

    byline_people = _byline_people(fields, body_bylines)
    named = {credit.name.casefold() for credit in credits}
    writers = [
        CreditEntry(CreditRole.WRITING, name)
        for name in byline_people
        if name.casefold() not in named
    ]
    photo_credit = " ".join(fields.photo_credit.split()) or None
    leading = []
    if photo_credit:
        check_length("photo credit", photo_credit, MAX_PHOTO_CREDIT_LENGTH)
        leading.append(photo_credit_entry(photo_credit))
    for writer in writers:
        check_length("byline name", writer.name, MAX_NAME_LENGTH)

    date = _day_of(fields.first_created) or _day_of(fields.version_created)
    if date is None:
        raise WireItemError("the item has no creation date (first created or version created)")
    return WireCopy(
        source_id=fields.source_id,
        language=_language(fields.language_tag, f"{headline}\n{body}", signals),
        date=date,
        date_precision=DatePrecision.DAY,
        headline=headline,
        body=body,
        photo_credit=photo_credit,
        dateline=dateline,
        credits=(*leading, *writers, *credits),
        version=fields.version,
        status=fields.status,
        embargoed_until=parse_instant(fields.embargoed_until),
        bylines=tuple(byline_people),
        source_format=fields.source_format,
    )


def primary_language(tag: str) -> str:
    """The primary subtag of a BCP 47 tag, lowercase ("en-GB" gives "en"); "" for none."""
    match = _LANGUAGE_TAG.fullmatch(tag.strip())
    if match is None:
        if tag.strip():
            raise WireItemError(f'"{tag.strip()[:40]}" is not a BCP 47 language tag')
        return ""
    return match["primary"].lower()


def _language(tag: str, text: str, signals: list[str]) -> str:
    # An item without a language tag (AP's NITF) is told French or English from its text.
    return primary_language(tag) or detect_language(text, signals)


def _day_of(text: str) -> datetime.date | None:
    match = _DAY.match(text or "")
    if match is None:
        return None
    try:
        return datetime.date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        raise WireItemError(f'impossible date "{text.strip()[:40]}"') from None


def parse_instant(text: str) -> datetime.datetime | None:
    """An ISO 8601 time, basic or extended, as an aware datetime (UTC when no zone is given)."""
    match = _INSTANT.match(text or "")
    if not text or not text.strip():
        return None
    if match is None:
        raise WireItemError(f'"{text.strip()[:40]}" is not an ISO 8601 date and time')
    zone = datetime.UTC
    if match["zone"] and match["zone"] != "Z":
        digits = match["zone"].replace(":", "")
        minutes = int(digits[1:3]) * 60 + int(digits[3:5] or 0)
        if minutes >= 24 * 60 or int(digits[3:5] or 0) >= 60:
            raise WireItemError(f'impossible time zone offset in "{text.strip()[:40]}"')
        zone = datetime.timezone(
            datetime.timedelta(minutes=-minutes if digits[0] == "-" else minutes)
        )
    try:
        instant = datetime.datetime(
            int(match["year"]),
            int(match["month"]),
            int(match["day"]),
            int(match["hour"] or 0),
            int(match["minute"] or 0),
            int(match["second"] or 0),
            tzinfo=zone,
        )
        # Stored in UTC: PostgreSQL refuses offsets past 15:59 that ISO 8601 allows.
        return instant.astimezone(datetime.UTC)
    except (ValueError, OverflowError):
        raise WireItemError(f'impossible date and time "{text.strip()[:40]}"') from None


def _take_byline_lines(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """The paragraphs without their "By NAME"/"Par NAME" lines, and those lines' names."""
    kept, names = [], []
    for index, paragraph in enumerate(paragraphs):
        match = _BYLINE_LINE.fullmatch(paragraph) if index < OPENING_PARAGRAPHS else None
        if match is not None and _names_a_person(match["names"]):
            names.append(match["names"])
        else:
            kept.append(paragraph)
    return kept, names


def _names_a_person(text: str) -> bool:
    """Whether a "By ..." line names people ("By Aaron J. Staples"), not "By then, it ..."."""
    words = text.replace(",", " ").split()
    if not words or len(words) > 8 or text.endswith("."):
        return False
    return all(word[0].isupper() or word in _BYLINE_PARTICLES for word in words)


def _take_dateline(fields: ItemFields, paragraphs: list[str]) -> tuple[Dateline | None, list[str]]:
    """The dateline (element and body opening together) and the paragraphs without the opening."""
    opening, paragraphs = _take_opening(paragraphs)
    element = _DATELINE_ELEMENT.match(fields.dateline_text) if fields.dateline_text else None
    place = fields.dateline_place or (element["place"].strip() if element else "")
    if opening is not None:
        place = place or opening.place
    agencies = [" ".join(a.split()).strip(" -\u2013\u2014") for a in fields.agencies]
    source = (
        (opening.source if opening else "")
        or (element["source"] if element and element["source"] else "")
        or next((agency for agency in agencies if agency), "")
    )
    date = (opening.date if opening else "") or (element["date"] or "" if element else "")
    if not place and opening is None:
        return None, paragraphs
    return Dateline(place=" ".join(place.split()), source=source, date=date.strip()), paragraphs


def _take_opening(paragraphs: list[str]) -> tuple[Dateline | None, list[str]]:
    for index, paragraph in enumerate(paragraphs[:OPENING_PARAGRAPHS]):
        dateline, rest = _split_opening(paragraph)
        if dateline is not None:
            remaining = [rest] if rest.strip() else []
            return dateline, [*paragraphs[:index], *remaining, *paragraphs[index + 1 :]]
    return None, paragraphs


def _split_opening(paragraph: str) -> tuple[Dateline | None, str]:
    dateline, rest = split_dateline(_EFE_OPENING.sub(r"\1 - ", paragraph, count=1))
    if dateline is not None:
        return dateline, rest
    match = _SOURCE_FIRST_OPENING.match(paragraph)
    if match is not None:
        dateline = Dateline(place=match["place"], source=match["source"], date=match["date"])
        return dateline, paragraph[match.end() :]
    match = _MONTH_DAY_OPENING.match(paragraph)
    if match is None:
        return None, paragraph
    return Dateline(place="", source=match["source"], date=match["date"]), paragraph[match.end() :]


def _byline_people(fields: ItemFields, body_bylines: list[str]) -> list[str]:
    """The people that the item's bylines and creators name, in order, once each."""
    agencies = {_agency_key(name) for name in fields.agencies if name.strip()} | _KNOWN_AGENCIES
    candidates = [name for text in (*fields.bylines, *body_bylines) for name in _byline_names(text)]
    candidates += [" ".join(name.split()) for name in fields.people]
    people: list[str] = []
    for name in candidates:
        is_new = name.casefold() not in {person.casefold() for person in people}
        if is_new and _looks_like_a_person(name) and _agency_key(name) not in agencies:
            people.append(name)
    return people


def _byline_names(text: str) -> list[str]:
    """The names of a free-text byline: "By A, B and C", "A / Faktisk.no", "A, Some University"."""
    text = _BYLINE_PREFIX.sub("", " ".join(text.split())).partition(" / ")[0]
    names = []
    for position, part in enumerate(_BYLINE_JOINER.split(text)):
        if position > 0 and (_INSTITUTION.search(part) or len(part.split()) > 4):
            break
        if part.strip():
            names.append(part.strip())
    return names


def _looks_like_a_person(name: str) -> bool:
    letters = [char for char in name if char.isalpha()]
    if not letters or len(name) > MAX_NAME_LENGTH or re.search(r"[\d/@]", name):
        return False
    if name == name.lower():
        return False  # "degenhardt.sandra": a login, not a printed name
    return not (" " not in name and name.isupper() and len(name) <= 4)  # "VRG": initials


def _agency_key(name: str) -> str:
    key = " ".join(name.casefold().split())
    return re.sub(r"\.(?:com|it|de|fr|no|fi|es|org|net)$", "", key)


def parse_version(text: object, what: str) -> int:
    """An agency's version number; refused with a message when it is not a whole number."""
    try:
        version = int(str(text).strip())
    except ValueError:
        raise WireItemError(f'{what} "{str(text)[:40]}" is not a whole number') from None
    if version < 0:
        raise WireItemError(f"{what} {version} is negative")
    return version
