"""The domain's words, in pure Python: credit roles, date precision, author kinds, statuses.

Models turn them into Django choices; parsers of every wire format produce them.
Keeping them here, with no Django import, lets ``ingest.formats`` stay pure
Python while the domain never imports a parser.
"""

from __future__ import annotations

import datetime
import enum


class DatePrecision(enum.StrEnum):
    MONTH = "month"
    DAY = "day"


def partial_date_text(date: datetime.date, precision: str) -> str:
    """The date as the source gives it: "2023-09" (month precision) or "2024-03-12"."""
    text = date.isoformat()
    return text[:7] if precision == DatePrecision.MONTH else text


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


class ArticleStatus(enum.StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    PUBLISHED = "published"
    # Taken back by its agency: off every public URL, kept with its history for editors.
    WITHDRAWN = "withdrawn"


class SourceFormat(enum.StrEnum):
    """The format an article's source file came in."""

    WIRE_COPY = "wire_copy"
    NEWSML_G2 = "newsml_g2"
    NEWSML_1 = "newsml_1"
    NITF = "nitf"
    NINJS = "ninjs"
