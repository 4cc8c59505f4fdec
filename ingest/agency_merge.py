"""An agency's new version over an article the desk may have edited: merged, never overwritten.

The base is the agency's previous version, read again from ``Article.source_text``: what only
the agency changed since comes in, what only the desk changed stays, and a field both changed
keeps the desk's text while the agency's waits for an editor's review
(``articles.services.agency_updates``). The rules themselves are ``articles.merging``.
"""

from __future__ import annotations

import dataclasses
from collections import Counter

from articles import merging
from articles.models import Article, Credit
from articles.names import normalise_name
from articles.services import agency_updates
from articles.services.authors import find_author
from ingest.formats.detection import SourceItem, read_source_item
from ingest.formats.errors import WireCopyError
from ingest.formats.items import WireCopy

# The article's fields that wire copy gives; "date" is the date with its precision.
WIRE_FIELDS: tuple[str, ...] = (
    "headline",
    "language",
    agency_updates.DATE,
    "dateline_place",
    "dateline_date",
    "dateline_source",
    "photo_credit",
    "body",
)


@dataclasses.dataclass(frozen=True)
class AgencyMerge:
    """What an update did, field by field: who each changed field's text is from."""

    # Changed by the agency only: its text came in.
    from_agency: list[str]
    # Changed by the desk only: its text stayed.
    desk_kept: list[str]
    # Changed by both: the desk's text stayed, the agency's waits for review.
    kept_for_review: list[str]


def wire_state(wire: WireCopy) -> dict:
    """An agency's version as a plain dict for merging."""
    dateline = wire.dateline
    state = {
        "headline": wire.headline,
        "language": wire.language,
        agency_updates.DATE: (wire.date, wire.date_precision.value),
        "dateline_place": dateline.place if dateline else "",
        "dateline_date": dateline.date if dateline else "",
        "dateline_source": dateline.source if dateline else "",
        "photo_credit": wire.photo_credit or "",
        "body": wire.body,
    }
    entries = [
        (_author_key(entry.name), entry.role.value, entry.note, entry.name, entry.kind.value)
        for entry in wire.credits
    ]
    state[merging.CREDITS] = _keyed(entries)
    return state


def desk_state(article: Article) -> dict:
    """The article as the desk left it, as a plain dict for merging."""
    state = {name: getattr(article, name) for name in WIRE_FIELDS if name != agency_updates.DATE}
    state[agency_updates.DATE] = (article.date, str(article.date_precision))
    credits = Credit.objects.filter(article=article).select_related("author")
    entries = [
        (c.author.name_key, c.role, c.note, c.author.name, c.author.kind)
        for c in credits.order_by("position", "id")
    ]
    state[merging.CREDITS] = _keyed(entries)
    return state


def _author_key(name: str) -> str:
    # The author the importer would credit (a merged name finds the author it went into).
    author = find_author(name)
    return author.name_key if author is not None else normalise_name(name)


def _keyed(entries: list[tuple[str, str, str, str, str]]) -> list[dict]:
    # A credit is its author in its role; the same pair twice is told apart by its rank.
    seen: Counter = Counter()
    credits = []
    for author_key, role, note, name, kind in entries:
        seen[(author_key, role)] += 1
        credits.append(
            {
                "key": (author_key, role, seen[(author_key, role)]),
                "author": author_key,
                "role": role,
                "note": note,
                "name": name,
                "kind": kind,
            }
        )
    return credits


def previous_version(article: Article) -> WireCopy | None:
    """The agency's version last imported into the article, read again from its source."""
    if not article.source_text:
        return None
    try:
        data = article.source_text.encode(article.source_encoding or "utf-8")
        return read_source_item(data, f"{article.source_id}.txt").wire
    except (WireCopyError, LookupError, UnicodeError):
        return None


def merge_update(article: Article, item: SourceItem) -> AgencyMerge:
    """Set the merge of the agency's new version and the desk's edits on the article.

    Call it with the article locked and loaded as the database has it, before the new
    source fields are set; it saves the credits (and a review if anything collided), not
    the article.
    """
    agency = wire_state(item.wire)
    desk = desk_state(article)
    previous = previous_version(article)
    base = wire_state(previous) if previous is not None else merging.unknown_base(desk)
    result = merging.merge(base, agency, desk)
    for name in WIRE_FIELDS:
        value = result.merged[name]
        if name == agency_updates.DATE:
            article.date, article.date_precision = value
        else:
            setattr(article, name, value)
    if _credit_rows(result.merged[merging.CREDITS]) != _credit_rows(desk[merging.CREDITS]):
        agency_updates.replace_credits(article, _credit_rows(result.merged[merging.CREDITS]))
    collided = result.collided_fields
    review = {}
    for name in dict.fromkeys(
        merging.CREDITS if name == merging.CREDIT_ORDER else name for name in collided
    ):
        agency_value = result.merged_preferring_theirs[name]
        if name == merging.CREDITS:
            agency_value = _credit_rows(agency_value)
        review[name] = {
            "agency": agency_updates.json_value(name, agency_value),
            "desk": agency_updates.json_value(
                name, _credit_rows(desk[name]) if name == merging.CREDITS else desk[name]
            ),
        }
    if review:
        agency_updates.record(article, review, item.text)
    from_agency = [name for name in result.taken_from_theirs if name not in review]
    desk_kept = [
        name
        for name in (*WIRE_FIELDS, merging.CREDITS)
        if name not in review and _comparable(name, result.merged) != _comparable(name, agency)
    ]
    return AgencyMerge(from_agency, desk_kept, list(review))


def _comparable(name: str, state: dict):
    return _credit_rows(state[name]) if name == merging.CREDITS else state[name]


def _credit_rows(credits: list[dict]) -> list[dict]:
    return [
        {"name": c["name"], "kind": c["kind"], "role": c["role"], "note": c["note"]}
        for c in credits
    ]
