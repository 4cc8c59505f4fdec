"""The credit line that ends a body, "(Reportage … ; édité par …)", and the photo credit."""

from __future__ import annotations

import re

from articles.vocabulary import AuthorKind, CreditRole
from ingest.formats.errors import WireCopyError, check_length, quote
from ingest.formats.items import MAX_NAME_LENGTH, MAX_NOTE_LENGTH, CreditEntry

REPORTING_ROLES = (CreditRole.REPORTING, CreditRole.ADDITIONAL_REPORTING)

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


def split_credit_line(text: str) -> tuple[str, list[CreditEntry], list[str]]:
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


def photo_credit_entry(photo_credit: str) -> CreditEntry:
    """The credit a photo line gives: its photographer, or else its agency."""
    # "Reuters/Manon Cruz/File Photo": the photographer is the part right after the agency.
    agency, _, after_slash = photo_credit.partition("/")
    photographer = " ".join(after_slash.partition("/")[0].split())
    if photographer:
        return CreditEntry(CreditRole.PHOTO, photographer, kind=AuthorKind.PERSON)
    return CreditEntry(
        CreditRole.PHOTO, " ".join(agency.split()) or photo_credit, kind=AuthorKind.ORGANISATION
    )


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
            if match is not None and match.lastgroup == "fr_avec" and role not in REPORTING_ROLES:
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
    if role in REPORTING_ROLES:
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
            raise WireCopyError(f'the credit line "({quote(credit_line)})" has no name {after}')
        for name, note in names:
            check_length("credit name", name, MAX_NAME_LENGTH)
            check_length("credit note", note, MAX_NOTE_LENGTH)
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
