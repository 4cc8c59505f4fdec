"""A ``WireCopy`` back to canonical wire-copy text; never raises."""

from __future__ import annotations

import re

from articles.vocabulary import CreditRole, DatePrecision
from ingest.formats.body import normalise_body
from ingest.formats.credit_lines import REPORTING_ROLES
from ingest.formats.items import CreditEntry, WireCopy

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
    parts.append(normalise_body(article.body))
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
            and (previous_role in REPORTING_ROLES)
        ):
            line += f", avec {named}"
        else:
            phrase = _CREDIT_PHRASES[language][role]
            if not line:
                phrase = phrase[0].upper() + phrase[1:]
            line += f"{'; ' if line else ''}{phrase} {named}"
        previous_role = role
    return line
