"""The domain's words, in pure Python: credit roles, date precision, author kinds, statuses.

Models turn them into Django choices; parsers of every wire format produce them.
Keeping them here, with no Django import, lets ``ingest.formats`` stay pure
Python while the domain never imports a parser.
"""

from __future__ import annotations

import enum


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
