"""Read and write wire copy, the agencies' plain-text article format.

Pure Python on purpose: no Django import, so the format can be tested, fuzzed
and reused alone. ``decode_wire_copy`` (ingest.formats.decoding) turns a file's
bytes into text, ``parse_wire_copy`` (here) turns text into a ``WireCopy``
(ingest.formats.items); ``render_wire_copy`` (ingest.formats.rendering) is its
inverse; ``WireCopyError`` (ingest.formats.errors) is the only error. The
dateline and the credit line have their own modules. Everything is importable
from here, the format's front door.

The rules are those of section 1 of the project contract (docs/wire-format.md).
Decisions the contract leaves open, each pinned by tests/ingest/test_parser.py:

- Bytes: UTF-8 only; a BOM is kept in the text (so an export gives back the
  same bytes) and ignored by the parser. UTF-16, binary data (NUL bytes, many
  controls), stray control characters, U+FFFD and double-encoded text ("CrÃ©dit")
  are refused; nothing is guessed or repaired.
- Line breaks: CRLF and CR read as LF. Blank lines before the date line are
  ignored. The headline, photo credit and dateline fields are stripped; the
  body's lines are stripped at both ends (indentation and trailing spaces are
  layout, not text), runs of blank lines become one, and single line breaks
  inside a paragraph are kept as they are.
- Photo credit: the photographer is the part right after the first slash
  ("Reuters/Gleb Garanich/File Photo" gives Gleb Garanich).
- Dateline: the place's words are capitalised, bar particles such as "de"
  ("Rio de Janeiro"), and the day text holds a digit; otherwise the body has
  no dateline. This keeps "Le président (ex-ministre) - …" in the body.
- A credit line is the final parenthesis when it opens with a role phrase
  (``avec`` does not count there, it is only meaningful after ``Reportage``);
  any other final parenthesis, "(AFP)" or an aside, stays in the body. A clause
  without a role phrase continues the previous clause's role. A role phrase
  with no name after it is an error, not body text. Outside a Reportage
  clause, ``avec`` joins names like ``et``.
- Notes: a name's note starts at the first lowercase ``à``, ``au``, ``aux``,
  ``en``, ``in`` or ``at`` after it; names in a clause that have none take the
  note of the next name that has one ("A and B in Budapest": both in Budapest).
  When a note is followed only by single words ("à Paris et Londres"), those
  words are read as more places, not as people: a one-word name after a note
  ("Reporting by A in Kyiv and Reuters") is taken for a place.
- ``Reportage complémentaire`` is also read as additional reporting: French
  has no other phrase for it outside a Reportage clause, and the renderer needs
  one.
- Language: the photo-credit and credit-line phrases and the dateline's month
  are strong signals, worth ten function words each; function words of the
  headline and body count one each. On a tie (a text with none of them),
  French diacritics mean French, otherwise English.
- Values longer than their database columns are refused with a message.
- Rendering never raises. It cannot write what the format has no room for
  (photo credits other than the one the photo line gives, for one); see
  tests/ingest/test_parser_properties.py for the full list.
"""

from __future__ import annotations

import calendar
import datetime
import re

from articles.vocabulary import AuthorKind, CreditRole, DatePrecision
from ingest.formats.body import normalise_body
from ingest.formats.credit_lines import photo_credit_entry, split_credit_line
from ingest.formats.datelines import split_dateline
from ingest.formats.decoding import decode_wire_copy, refuse_control_characters
from ingest.formats.errors import WireCopyError, check_length, quote
from ingest.formats.items import (
    MAX_HEADLINE_LENGTH,
    MAX_NAME_LENGTH,
    MAX_NOTE_LENGTH,
    MAX_PHOTO_CREDIT_LENGTH,
    CreditEntry,
    Dateline,
    ItemStatus,
    WireCopy,
    WireFormat,
)
from ingest.formats.languages import STRONG_SIGNAL_WEIGHT, detect_language, month_languages
from ingest.formats.rendering import render_wire_copy

__all__ = [
    "MAX_HEADLINE_LENGTH",
    "MAX_NAME_LENGTH",
    "MAX_NOTE_LENGTH",
    "MAX_PHOTO_CREDIT_LENGTH",
    "STRONG_SIGNAL_WEIGHT",
    "AuthorKind",
    "CreditEntry",
    "CreditRole",
    "DatePrecision",
    "Dateline",
    "ItemStatus",
    "WireCopy",
    "WireCopyError",
    "WireFormat",
    "decode_wire_copy",
    "parse_wire_copy",
    "render_wire_copy",
]

_LINE_BREAK = re.compile(r"\r\n?")
_DATE_LINE = re.compile(
    r"""
    \s* date (?=\s|$) \s*
    (?P<date> \S* )            # checked on its own, for a precise message
    (?P<headline> .* )         # stripped by the caller: a lazy match would backtrack
    """,
    re.VERBOSE | re.IGNORECASE,
)
_DATE = re.compile(r"(?P<year>[0-9]{4})-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?")
_PHOTO_LINE = re.compile(
    r"""
    \s* (?: (?P<fr> cr[ée]dit \s+ photo ) | (?P<en> photo \s+ credit ) )
    \s* © (?P<credit> .* )     # stripped by the caller
    """,
    re.VERBOSE | re.IGNORECASE,
)


def parse_wire_copy(text: str, source_id: str) -> WireCopy:
    """The article a wire-copy text holds; raises WireCopyError when it holds none."""
    text = _LINE_BREAK.sub("\n", text.removeprefix("\ufeff"))
    refuse_control_characters(text)
    if not text.strip():
        raise WireCopyError("empty file")
    lines = text.split("\n")
    index = _skip_blank_lines(lines, 0)
    date, precision, headline = _parse_date_line(lines[index])

    index = _skip_blank_lines(lines, index + 1)
    if index == len(lines):
        raise WireCopyError("headline without body: nothing follows the date line")
    photo_credit, photo_language = None, None
    photo_match = _PHOTO_LINE.fullmatch(lines[index])
    if photo_match is not None:
        photo_credit = photo_match["credit"].strip()
        photo_language = "fr" if photo_match["fr"] else "en"
        if not photo_credit:
            raise WireCopyError('the photo credit line has nothing after "©"')
        check_length("photo credit", photo_credit, MAX_PHOTO_CREDIT_LENGTH)
        index = _skip_blank_lines(lines, index + 1)
        if index == len(lines):
            raise WireCopyError("no body after the photo credit line")

    rest = "\n".join(lines[index:]).lstrip()  # indentation before a dateline is layout
    dateline, rest = split_dateline(rest)
    rest, credits, credit_languages = split_credit_line(rest)
    body = normalise_body(rest)
    if not body:
        after = "the credit line" if credits else "the dateline"
        raise WireCopyError(f"no body: nothing but {after} after the headline")

    signals = [*credit_languages]
    if photo_language:
        signals.append(photo_language)
    if dateline is not None and dateline.date:
        signals.extend(month_languages(dateline.date))
    if photo_credit is not None:
        credits.insert(0, photo_credit_entry(photo_credit))
    return WireCopy(
        source_id=source_id,
        language=detect_language(f"{headline}\n{body}", signals),
        date=date,
        date_precision=precision,
        headline=headline,
        body=body,
        photo_credit=photo_credit,
        dateline=dateline,
        credits=tuple(credits),
    )


def _skip_blank_lines(lines: list[str], index: int) -> int:
    while index < len(lines) and not lines[index].strip():
        index += 1
    return index


def _parse_date_line(line: str) -> tuple[datetime.date, DatePrecision, str]:
    match = _DATE_LINE.fullmatch(line)
    if match is None:
        raise WireCopyError(
            f'the first line must be "date YYYY-MM[-DD] headline", found "{quote(line.strip())}"'
        )
    token, headline = match["date"], match["headline"].strip()
    date_match = _DATE.fullmatch(token)
    if date_match is None:
        found = f'"{quote(token)}"' if token else "nothing"
        raise WireCopyError(
            f"the first line needs a date YYYY-MM or YYYY-MM-DD after the word date, found {found}"
        )
    year, month = int(date_match["year"]), int(date_match["month"])
    day = int(date_match["day"]) if date_match["day"] else None
    if year < 1:
        raise WireCopyError(f"impossible date {token}: there is no year 0")
    if not 1 <= month <= 12:
        raise WireCopyError(f"impossible date {token}: there is no month {month}")
    if day is not None:
        days_in_month = calendar.monthrange(year, month)[1]
        if not 1 <= day <= days_in_month:
            raise WireCopyError(
                f"impossible date {token}: {calendar.month_name[month]} {year}"
                f" has {days_in_month} days"
            )
    if not headline:
        raise WireCopyError(f"no headline after the date {token} on the first line")
    check_length("headline", headline, MAX_HEADLINE_LENGTH)
    precision = DatePrecision.MONTH if day is None else DatePrecision.DAY
    return datetime.date(year, month, day or 1), precision, headline
