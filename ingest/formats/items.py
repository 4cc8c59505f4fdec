"""What every wire-format reader produces: one ``WireCopy`` per article, in pure Python."""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass, field

from articles.vocabulary import AuthorKind, CreditRole, DatePrecision, SourceFormat

# The database columns' sizes (articles.models): longer values are refused by the readers,
# with a message, rather than failing later inside the import's transaction.
MAX_HEADLINE_LENGTH = 1000
MAX_PHOTO_CREDIT_LENGTH = 300
MAX_NAME_LENGTH = 200
MAX_NOTE_LENGTH = 200


class ItemStatus(enum.StrEnum):
    """Whether the agency lets the item be used, or has withdrawn it."""

    USABLE = "usable"
    WITHDRAWN = "withdrawn"


# The format an item was read from: the domain's word, so that articles can record it.
WireFormat = SourceFormat


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
    # What richer formats carry; the plain-text format has none of it, so the defaults.
    version: int = 1
    status: ItemStatus = ItemStatus.USABLE
    embargoed_until: datetime.datetime | None = None
    bylines: tuple[str, ...] = ()
    source_format: WireFormat = WireFormat.WIRE_COPY
