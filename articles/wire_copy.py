"""Read and write wire copy, the agencies' plain-text article format.

Pure Python on purpose: no Django import, so the format can be tested, fuzzed
and reused alone. ``decode_wire_copy`` turns a file's bytes into text,
``parse_wire_copy`` turns text into a ``WireCopy``; ``render_wire_copy`` is its
inverse; ``WireCopyError`` is the only error.

The rules are those of section 1 of the project contract (docs/wire-format.md).
Decisions the contract leaves open, each pinned by tests/test_parser.py:

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
  tests/test_parser_properties.py for the full list.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime
import enum
import re
from dataclasses import dataclass, field


class WireCopyError(ValueError):
    """The text is not wire copy; the message says what is wrong, for a person."""


class DatePrecision(enum.StrEnum):
    MONTH = "month"
    DAY = "day"


class CreditRole(enum.StrEnum):
    PHOTO = "photo"
    REPORTING = "reporting"
    ADDITIONAL_REPORTING = "additional_reporting"
    WRITING = "writing"
    TRANSLATION = "translation"
    EDITING = "editing"


class AuthorKind(enum.StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"


@dataclass(frozen=True)
class Dateline:
    place: str  # "KYIV"
    source: str  # "Reuters"
    date: str = ""  # verbatim day text when given, e.g. "7 novembre"


@dataclass(frozen=True)
class CreditEntry:
    role: CreditRole
    name: str
    note: str = ""  # e.g. "à Kyiv", "in Budapest"
    kind: AuthorKind = AuthorKind.PERSON


@dataclass(frozen=True)
class WireCopy:
    source_id: str
    language: str  # BCP 47: "fr" or "en"
    date: datetime.date  # first of the month when precision is MONTH
    date_precision: DatePrecision
    headline: str
    body: str  # paragraphs separated by one blank line ("\n\n")
    photo_credit: str | None = None  # verbatim text after "©"
    dateline: Dateline | None = None
    credits: tuple[CreditEntry, ...] = field(default_factory=tuple)  # source order, photo first


# The database columns' sizes (articles.models): longer values are refused here, with a
# message, rather than failing later inside the import's transaction.
MAX_HEADLINE_LENGTH = 1000
MAX_PHOTO_CREDIT_LENGTH = 300
MAX_NAME_LENGTH = 200
MAX_NOTE_LENGTH = 200

# Strong language signals outweigh this many function words each.
STRONG_SIGNAL_WEIGHT = 10


# --- Bytes to text -----------------------------------------------------------------------

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_CONTROL_BYTE = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Tab, LF and CR are text; every other C0/C1 control, and lone surrogates, are not.
_CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def _mojibake_tables() -> tuple[re.Pattern[str], dict[str, int]]:
    """A pattern for UTF-8 byte sequences misread as Windows-1252 or Latin-1, and the bytes."""
    to_byte = {chr(byte): byte for byte in range(0x80, 0x100)}  # the Latin-1 reading
    for byte in range(0x80, 0xA0):
        # Windows-1252 leaves five of these bytes undefined.
        with contextlib.suppress(UnicodeDecodeError):
            to_byte[bytes([byte]).decode("cp1252")] = byte
    continuation = "".join(re.escape(char) for char, byte in to_byte.items() if byte < 0xC0)
    pattern = re.compile(
        rf"[\xc2-\xdf][{continuation}]|[\xe0-\xef][{continuation}]{{2}}"
        rf"|[\xf0-\xf4][{continuation}]{{3}}"
    )
    return pattern, to_byte


_MOJIBAKE, _MOJIBAKE_BYTES = _mojibake_tables()
# What UTF-8 misread as Windows-1252 turns back into in French or English copy: Latin
# letters, typographic punctuation, currency, the BOM, emoji. A legitimate capital E acute
# before a curly apostrophe would turn into Cyrillic, so it is not taken for mojibake.
_MOJIBAKE_REPAIRS = (
    (0x00A0, 0x024F),
    (0x2000, 0x206F),
    (0x20A0, 0x20CF),
    (0x2100, 0x214F),
    (0xFEFF, 0xFEFF),
    (0x1F000, 0x1FAFF),
)


def decode_wire_copy(data: bytes) -> str:
    """The text of a wire file's bytes, verbatim (a BOM included); never binary or mojibake."""
    if data.startswith(_UTF16_BOMS) or _looks_like_utf16(data):
        raise WireCopyError("UTF-16 text, not UTF-8; save the file as UTF-8")
    if _looks_binary(data):
        raise WireCopyError("binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        position = error.start
        line = data.count(b"\n", 0, position) + 1
        raise WireCopyError(
            f"not valid UTF-8 (byte 0x{data[position]:02x} at offset {position}, line {line});"
            " save the file as UTF-8"
        ) from None
    if not text.strip():
        raise WireCopyError("empty file")
    _refuse_mojibake(text)
    _refuse_control_characters(text)
    if "\ufffd" in text:
        line, column = _line_and_column(text, text.index("\ufffd"))
        raise WireCopyError(
            f"replacement character U+FFFD at line {line}, column {column}: an earlier"
            " conversion already lost some text; start again from the original file"
        )
    return text


def _looks_like_utf16(data: bytes) -> bool:
    # UTF-16 without a BOM: ASCII text with a NUL in every other byte.
    half = len(data) // 2
    if half < 2 or b"\x00" not in data:
        return False
    return max(data[0::2].count(0), data[1::2].count(0)) >= 0.9 * half


def _looks_binary(data: bytes) -> bool:
    # Text never holds NUL; a few stray controls get a precise message later instead.
    if b"\x00" in data:
        return True
    return len(_CONTROL_BYTE.findall(data)) * 20 > len(data)


def _refuse_mojibake(text: str) -> None:
    for match in _MOJIBAKE.finditer(text):
        garbled = match.group()
        try:
            repaired = bytes(_MOJIBAKE_BYTES[char] for char in garbled).decode("utf-8")
        except UnicodeDecodeError:
            continue
        if any(low <= ord(repaired) <= high for low, high in _MOJIBAKE_REPAIRS):
            line, _ = _line_and_column(text, match.start())
            raise WireCopyError(
                f'text is double-encoded ("{_quote(garbled)}" stands for "{_quote(repaired)}"'
                f" at line {line}); save the original text as UTF-8 once"
            )


def _refuse_control_characters(text: str) -> None:
    match = _CONTROL_CHARACTER.search(text)
    if match is not None:
        line, column = _line_and_column(text, match.start())
        raise WireCopyError(
            f"control character U+{ord(match.group()):04X} at line {line}, column {column};"
            " remove it"
        )


def _line_and_column(text: str, position: int) -> tuple[int, int]:
    line_start = max(text.rfind("\n", 0, position), text.rfind("\r", 0, position)) + 1
    return text.count("\n", 0, position) + 1, position - line_start + 1


def _quote(text: str, limit: int = 60) -> str:
    """Text fit for a one-line message: shortened, with invisible characters escaped."""
    shortened = text if len(text) <= limit else text[: limit - 1] + "…"
    return "".join(char if char.isprintable() else f"\\u{ord(char):04x}" for char in shortened)


# --- Text to WireCopy --------------------------------------------------------------------


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


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
# Every part is bounded: longer "datelines" are sentences that happen to hold a parenthesis
# and a dash, and the bounds keep the matching linear on long first lines.
_DATELINE = re.compile(
    r"""
    (?P<place> [^\W\d_] (?: [^\W\d_] | [ '\u2019.,-] ){0,99}? )   # KYIV, NEW YORK, N'DJAMENA
    (?: [^\S\n]* , [^\S\n]*
        (?P<date> (?= [^\n(),]{0,49} [0-9] ) [^\n(),]{1,50}? ) )?  # 7 novembre, Nov 7
    [^\S\n]* \( [^\S\n]* (?P<source> [^\n()]{1,100}? ) [^\S\n]* \)
    [^\S\n]* [-\u2013\u2014] (?: \s+ | \Z )                       # -, en or em dash, a space
    """,
    re.VERBOSE,
)
# Lowercase words a place name may hold: "Rio de Janeiro", "Côte d'Ivoire", "Frankfurt am Main".
_PLACE_PARTICLES = _word_set(
    "de du des la le les d l sur en lès am an upon of the el al y da do dos das di van von der den"
)
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
# Each alternative is named <language>_<role>; the longest phrases come first.
_ROLE_PHRASES = r"""
    (?: (?P<en_additional_reporting> additional \s+ reporting \s+ by )
      | (?P<en_reporting> reporting \s+ by )
      | (?P<en_writing> writing \s+ by )
      | (?P<en_translation> translated \s+ by )
      | (?P<en_editing> editing \s+ by )
      | (?P<fr_additional_reporting> reportage \s+ compl[ée]mentaire )
      | (?P<fr_reporting> reportage )
      | (?P<fr_writing> r[ée]dig[ée] \s+ par | r[ée]daction )
      | (?P<fr_translation> version \s+ fran[çc]aise )
      | (?P<fr_editing> [ée]dit[ée] \s+ par )
      | (?P<fr_avec> avec )
    ) (?= \s | \Z )
"""
_ROLE_PHRASE = re.compile(_ROLE_PHRASES, re.VERBOSE | re.IGNORECASE)
# A comma ends a clause only when a role phrase follows ("…, édité par Kate Entringer").
_CLAUSE_COMMA = re.compile(
    r",\s*(?=" + re.sub(r"\(\?P<\w+>", "(?:", _ROLE_PHRASES) + ")", re.VERBOSE | re.IGNORECASE
)
_AVEC = re.compile(r"\s+avec\s+", re.IGNORECASE)
_NAME_JOINER = re.compile(r"\s*,\s*(?:(?:et|and)\s+)?|\s+(?:et|and)\s+")
_NAME_JOINER_OR_AVEC = re.compile(r"\s*,\s*(?:(?:et|and|avec)\s+)?|\s+(?:et|and|avec)\s+")
# Lowercase on purpose: "in" opens a note, "In" may be part of a name.
_NOTE_START = re.compile(r"\s(?=(?:à|au|aux|en|in|at)\s+\S)")


_REPORTING_ROLES = (CreditRole.REPORTING, CreditRole.ADDITIONAL_REPORTING)
_WORD = re.compile(r"[^\W\d_]+")
_FRENCH_FUNCTION_WORDS = _word_set(
    """
    le la les des du de un une et est sont dans pour par sur avec qui que qu pas ne au aux
    ces cette leur leurs il elle ils elles nous vous mais ou où été était ont à l d n c j
    lors selon après avant contre entre aussi comme très sans depuis
    """
)
_ENGLISH_FUNCTION_WORDS = _word_set(
    """
    the of and to in is was were are that this with for by from has have had it its he
    she they said which who be been not at will would after their his her but than also
    about into over when if we our
    """
)
# "sept", "oct" and "nov" are abbreviations in both languages.
_FRENCH_MONTHS = _word_set(
    """
    janvier février fevrier mars avril mai juin juillet août aout septembre octobre
    novembre décembre decembre janv févr fevr avr juil déc
    """
)
_ENGLISH_MONTHS = _word_set(
    """
    january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep dec
    """
)
_FRENCH_DIACRITIC = re.compile(r"[àâçéèêëîïôûùüÿœæ]", re.IGNORECASE)


def parse_wire_copy(text: str, source_id: str) -> WireCopy:
    """The article a wire-copy text holds; raises WireCopyError when it holds none."""
    text = _LINE_BREAK.sub("\n", text.removeprefix("\ufeff"))
    _refuse_control_characters(text)
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
        _check_length("photo credit", photo_credit, MAX_PHOTO_CREDIT_LENGTH)
        index = _skip_blank_lines(lines, index + 1)
        if index == len(lines):
            raise WireCopyError("no body after the photo credit line")

    rest = "\n".join(lines[index:]).lstrip()  # indentation before a dateline is layout
    dateline, rest = _split_dateline(rest)
    rest, credits, credit_languages = _split_credit_line(rest)
    body = _normalise_body(rest)
    if not body:
        after = "the credit line" if credits else "the dateline"
        raise WireCopyError(f"no body: nothing but {after} after the headline")

    signals = [*credit_languages]
    if photo_language:
        signals.append(photo_language)
    if dateline is not None and dateline.date:
        signals.extend(_month_languages(dateline.date))
    if photo_credit is not None:
        credits.insert(0, _photo_credit_entry(photo_credit))
    return WireCopy(
        source_id=source_id,
        language=_detect_language(f"{headline}\n{body}", signals),
        date=date,
        date_precision=precision,
        headline=headline,
        body=body,
        photo_credit=photo_credit,
        dateline=dateline,
        credits=tuple(credits),
    )


def decode_and_parse_wire_copies(
    files: list[tuple[bytes, str]],
) -> list[tuple[str, WireCopy] | WireCopyError]:
    """Decode and parse each (data, source_id): its text and parse, or its error.

    For parsing in another process while the importer writes: errors come back as
    values, so one bad file does not lose the others' results.
    """
    results: list[tuple[str, WireCopy] | WireCopyError] = []
    for data, source_id in files:
        try:
            text = decode_wire_copy(data)
            results.append((text, parse_wire_copy(text, source_id)))
        except WireCopyError as error:
            results.append(error)
    return results


def _skip_blank_lines(lines: list[str], index: int) -> int:
    while index < len(lines) and not lines[index].strip():
        index += 1
    return index


def _parse_date_line(line: str) -> tuple[datetime.date, DatePrecision, str]:
    match = _DATE_LINE.fullmatch(line)
    if match is None:
        raise WireCopyError(
            f'the first line must be "date YYYY-MM[-DD] headline", found "{_quote(line.strip())}"'
        )
    token, headline = match["date"], match["headline"].strip()
    date_match = _DATE.fullmatch(token)
    if date_match is None:
        found = f'"{_quote(token)}"' if token else "nothing"
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
    _check_length("headline", headline, MAX_HEADLINE_LENGTH)
    precision = DatePrecision.MONTH if day is None else DatePrecision.DAY
    return datetime.date(year, month, day or 1), precision, headline


def _check_length(what: str, value: str, limit: int) -> None:
    if len(value) > limit:
        raise WireCopyError(
            f'{what} "{_quote(value, 40)}" is {len(value)} characters long; the limit is {limit}'
        )


def _photo_credit_entry(photo_credit: str) -> CreditEntry:
    # "Reuters/Manon Cruz/File Photo": the photographer is the part right after the agency.
    agency, _, after_slash = photo_credit.partition("/")
    photographer = " ".join(after_slash.partition("/")[0].split())
    if photographer:
        return CreditEntry(CreditRole.PHOTO, photographer, kind=AuthorKind.PERSON)
    return CreditEntry(
        CreditRole.PHOTO, " ".join(agency.split()) or photo_credit, kind=AuthorKind.ORGANISATION
    )


def _split_dateline(text: str) -> tuple[Dateline | None, str]:
    match = _DATELINE.match(text)
    if match is None:
        return None, text
    place, source, date = match["place"].strip(), match["source"], match["date"] or ""
    # "Le président (ex-ministre) - …" is a sentence: a place's words are capitalised.
    if not all(word[0].isupper() or word in _PLACE_PARTICLES for word in _WORD.findall(place)):
        return None, text
    return Dateline(place=place, source=source, date=date), text[match.end() :]


def _split_credit_line(text: str) -> tuple[str, list[CreditEntry], list[str]]:
    """The body without its credit line, the credits, and the languages of their phrases."""
    stripped = text.rstrip()
    if not stripped.endswith(")"):
        return text, [], []
    opening = _opening_parenthesis(stripped)
    if opening is None:
        return text, [], []
    inner = stripped[opening + 1 : -1]
    # A paragraph break means the parenthesis is not one credit line.
    if _BLANK_LINE.search(inner):
        return text, [], []
    parsed = _parse_credit_line(inner)
    if parsed is None:
        return text, [], []
    return stripped[:opening], *parsed


def _opening_parenthesis(text: str) -> int | None:
    """Index of the "(" matching the ")" that ends the text, None when unbalanced."""
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        if text[index] == ")":
            depth += 1
        elif text[index] == "(":
            depth -= 1
            if depth == 0:
                return index
    return None


def _parse_credit_line(inner: str) -> tuple[list[CreditEntry], list[str]] | None:
    """Credits and phrase languages of a parenthesis, None when it is not a credit line."""
    text = " ".join(inner.split())
    entries: list[CreditEntry] = []
    languages: list[str] = []
    role: CreditRole | None = None
    for segment in text.split(";"):
        for clause in _CLAUSE_COMMA.split(segment):
            clause = clause.strip()
            if not clause:
                continue
            match = _ROLE_PHRASE.match(clause)
            if match is not None and match.lastgroup == "fr_avec" and role not in _REPORTING_ROLES:
                if role is None:
                    return None  # "(avec AFP)" ends many a body
                # "édité par X, avec Y": outside reporting, avec only joins names.
                clause, match = clause[match.end() :], None
            if match is None:
                if role is None:
                    return None
                phrase = None  # the clause continues the previous role
            else:
                language, _, role_name = match.lastgroup.partition("_")
                # Here avec follows a Reportage clause: it opens additional reporting.
                is_avec = role_name == "avec"
                role = CreditRole.ADDITIONAL_REPORTING if is_avec else CreditRole(role_name)
                languages.append(language)
                phrase, clause = match.group(), clause[match.end() :]
            role = _parse_clause(clause, role, phrase, text, entries, languages)
    if not entries:
        return None
    return entries, languages


def _parse_clause(
    clause: str,
    role: CreditRole,
    phrase: str | None,
    credit_line: str,
    entries: list[CreditEntry],
    languages: list[str],
) -> CreditRole:
    """Add the clause's credits to entries; returns the role a following clause continues."""
    parts = [clause]
    joiner = _NAME_JOINER_OR_AVEC
    if role in _REPORTING_ROLES:
        # "Reportage Andrew Gray avec Sabine Siebold à Berlin"
        parts = _AVEC.split(f" {clause} ")
        joiner = _NAME_JOINER
    for position, part in enumerate(parts):
        if position > 0:
            role, phrase = CreditRole.ADDITIONAL_REPORTING, "avec"
            languages.append("fr")
        names = _names_and_notes(part, joiner)
        if not names:
            after = f'after "{phrase}"' if phrase else "in a clause"
            raise WireCopyError(f'the credit line "({_quote(credit_line)})" has no name {after}')
        for name, note in names:
            _check_length("credit name", name, MAX_NAME_LENGTH)
            _check_length("credit note", note, MAX_NOTE_LENGTH)
            entries.append(CreditEntry(role, name, note))
    return role


def _names_and_notes(text: str, joiner: re.Pattern[str]) -> list[tuple[str, str]]:
    """The (name, note) pairs of "A, B et C à Kyiv": notes apply to the names before them."""
    spans, start = [], 0
    for match in joiner.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))

    items: list[tuple[str, str, int]] = []  # name, own note, where the note starts
    for start, end in spans:
        item = text[start:end]
        note_match = _NOTE_START.search(item)
        if note_match is not None and item[: note_match.start()].strip():
            name, note = item[: note_match.start()], item[note_match.end() :]
            items.append((" ".join(name.split()), " ".join(note.split()), start + note_match.end()))
        elif item.strip():
            items.append((" ".join(item.split()), "", -1))

    # "à Paris et Londres": single words after the last note are more places, not people.
    noted = [index for index, (_, note, _) in enumerate(items) if note]
    if noted and noted[-1] < len(items) - 1:
        last = noted[-1]
        if all(" " not in name for name, _, _ in items[last + 1 :]):
            name, _, note_start = items[last]
            items[last + 1 :] = []
            items[last] = (name, " ".join(text[note_start:].split()), note_start)

    pairs: list[tuple[str, str]] = []
    carried = ""
    for name, note, _ in reversed(items):
        carried = note or carried
        pairs.append((name, note or carried))
    return pairs[::-1]


def _normalise_body(text: str) -> str:
    """Stripped lines; paragraphs separated by exactly one blank line."""
    paragraphs: list[list[str]] = [[]]
    for line in text.split("\n"):
        line = line.strip()
        if line:
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    return "\n\n".join("\n".join(lines) for lines in paragraphs if lines)


def _month_languages(date_text: str) -> list[str]:
    words = [word.casefold() for word in _WORD.findall(date_text)]
    return [
        language
        for word in words
        for language, months in (("fr", _FRENCH_MONTHS), ("en", _ENGLISH_MONTHS))
        if word in months
    ]


def _detect_language(text: str, signals: list[str]) -> str:
    """The language, "fr" or "en": strong signals, then function words, then diacritics."""
    words = [word.casefold() for word in _WORD.findall(text)]
    french = STRONG_SIGNAL_WEIGHT * signals.count("fr") + sum(
        word in _FRENCH_FUNCTION_WORDS for word in words
    )
    english = STRONG_SIGNAL_WEIGHT * signals.count("en") + sum(
        word in _ENGLISH_FUNCTION_WORDS for word in words
    )
    if french != english:
        return "fr" if french > english else "en"
    return "fr" if _FRENCH_DIACRITIC.search(text) else "en"


# --- WireCopy to text --------------------------------------------------------------------

_PHOTO_PHRASES = {"fr": "Crédit photo", "en": "Photo credit"}
_CREDIT_PHRASES = {
    "fr": {
        CreditRole.REPORTING: "reportage",
        CreditRole.ADDITIONAL_REPORTING: "reportage complémentaire",
        CreditRole.WRITING: "rédigé par",
        CreditRole.TRANSLATION: "version française",
        CreditRole.EDITING: "édité par",
    },
    "en": {
        CreditRole.REPORTING: "Reporting by",
        CreditRole.ADDITIONAL_REPORTING: "Additional reporting by",
        CreditRole.WRITING: "Writing by",
        CreditRole.TRANSLATION: "Translated by",
        CreditRole.EDITING: "Editing by",
    },
}
_AND = {"fr": "et", "en": "and"}
_ONE_LINE = re.compile(r"\s*[\r\n]+\s*")


def render_wire_copy(article: WireCopy) -> str:
    """The article as canonical wire-copy text, which parses back to the same article."""
    language = "en" if article.language == "en" else "fr"
    date = f"{article.date.year:04d}-{article.date.month:02d}"
    if article.date_precision == DatePrecision.DAY:
        date += f"-{article.date.day:02d}"
    parts = [f" date {date} {_one_line(article.headline)}\n\n"]
    credits = list(article.credits)
    if article.photo_credit:
        parts.append(f"{_PHOTO_PHRASES[language]} © {_one_line(article.photo_credit)}\n\n")
        if credits and credits[0].role == CreditRole.PHOTO:
            credits.pop(0)  # the photo line gives it back
    if article.dateline is not None:
        place, source = _one_line(article.dateline.place), _one_line(article.dateline.source)
        day = f", {_one_line(article.dateline.date)}" if article.dateline.date else ""
        parts.append(f"{place}{day} ({source}) - ")
    parts.append(_normalise_body(article.body))
    credit_line = _render_credit_line(credits, language)
    if credit_line:
        parts.append(f" ({credit_line})")
    parts.append("\n")
    return "".join(parts)


def _one_line(text: str) -> str:
    return _ONE_LINE.sub(" ", text.strip())


def _render_credit_line(credits: list[CreditEntry], language: str) -> str:
    # The credit line has no phrase for photo credits: only the photo line can give one.
    groups: list[tuple[CreditRole, str, list[str]]] = []
    for credit in credits:
        if credit.role == CreditRole.PHOTO:
            continue
        note = _one_line(credit.note)
        if groups and groups[-1][:2] == (credit.role, note):
            groups[-1][2].append(_one_line(credit.name))
        else:
            groups.append((credit.role, note, [_one_line(credit.name)]))

    line, previous_role = "", None
    for role, note, names in groups:
        joined = names[0]
        if len(names) > 1:
            joined = f"{', '.join(names[:-1])} {_AND[language]} {names[-1]}"
        named = f"{joined} {note}" if note else joined
        if (
            language == "fr"
            and role == CreditRole.ADDITIONAL_REPORTING
            and (previous_role in _REPORTING_ROLES)
        ):
            line += f", avec {named}"
        else:
            phrase = _CREDIT_PHRASES[language][role]
            if not line:
                phrase = phrase[0].upper() + phrase[1:]
            line += f"{'; ' if line else ''}{phrase} {named}"
        previous_role = role
    return line
