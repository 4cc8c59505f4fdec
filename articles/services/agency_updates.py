"""Agency updates over the desk's edits: recording what collided, and an editor's review.

The import (``ingest``) merges an agency's new version with the desk's edits; where both
changed a field it keeps the desk's text and calls ``record``. An editor then takes the
agency's text field by field, or keeps the desk's, with ``resolve``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

import reversion
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext

from articles import history
from articles.agency_updates import AgencyUpdateToReview
from articles.models import Article, Credit, CreditRole, DatePrecision
from articles.presentation import date_text
from articles.services import locking
from articles.services.authors import author_for

CREDITS = "credits"
# The date and its precision are one value for the agency: a day and "month" never meet.
DATE = "date"


def json_value(name: str, value: Any) -> Any:
    """A field's value as the review stores it (JSON)."""
    if name == DATE:
        day, precision = value
        return [day.isoformat(), str(precision)]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def record(article: Article, fields: Mapping[str, Mapping[str, Any]], source_text: str):
    """Add these fields ({name: {"agency", "desk"}}) to the article's open review."""
    update = AgencyUpdateToReview.objects.pending().filter(article=article).first()
    if update is None:
        update = AgencyUpdateToReview(article=article)
    update.fields = {**update.fields, **fields}
    update.source_text = source_text
    update.save()
    return update


# The order editors read the fields in: stored JSON keeps none (PostgreSQL's jsonb sorts keys).
FIELD_ORDER: tuple[str, ...] = (*history.MERGED_FIELDS, CREDITS)


def field_names(update: AgencyUpdateToReview) -> list[str]:
    """The update's fields in the order the form shows them."""
    rank = {name: index for index, name in enumerate(FIELD_ORDER)}
    return sorted(update.fields, key=lambda name: rank.get(name, len(rank)))


def pending_for(article: Article) -> AgencyUpdateToReview | None:
    """The article's agency update that no editor has reviewed yet, if any."""
    return AgencyUpdateToReview.objects.pending().filter(article=article).first()


def field_label(name: str) -> str:
    """The label an editor reads for a reviewed field."""
    if name == CREDITS:
        return gettext("Credits")
    return history.field_label(name)


def field_text(name: str, value: Any) -> str:
    """A stored value (JSON) as an editor reads it."""
    if name == CREDITS:
        return "\n".join(
            f"{CreditRole(credit['role']).label}: {credit['name']}"
            + (f" ({credit['note']})" if credit["note"] else "")
            for credit in value
        )
    if name == DATE:
        day, precision = value
        return date_text(datetime.date.fromisoformat(day), precision)
    return "" if value is None else str(value)


def resolve(update: AgencyUpdateToReview, *, accepted: Iterable[str], user) -> Article:
    """Mark the update reviewed, taking the agency's text for the ``accepted`` fields."""
    accepted = [name for name in field_names(update) if name in set(accepted)]
    with transaction.atomic(), reversion.create_revision():
        locking.lock_for_edit(update.article_id)
        article = Article.objects.get(pk=update.article_id)
        locking.bump_version(article)
        for name in accepted:
            _take(article, name, update.fields[name]["agency"])
        article.save()
        reversion.add_to_revision(article)
        update.resolved_at = timezone.now()
        update.resolved_by = user
        update.save(update_fields=["resolved_at", "resolved_by", "updated_at"])
        kept = [name for name in field_names(update) if name not in accepted]
        reversion.set_user(user)
        reversion.set_comment(review_comment(accepted, kept))
    return article


def review_comment(accepted: list[str], kept: list[str]) -> str:
    """The history's line for a review: what came from the agency, what the desk kept."""
    parts = [gettext("Agency update reviewed.")]
    if accepted:
        parts.append(
            gettext("Took the agency's %(fields)s.")
            % {"fields": get_text_list([field_label(name) for name in accepted], gettext("and"))}
        )
    if kept:
        parts.append(
            gettext("Kept the desk's %(fields)s.")
            % {"fields": get_text_list([field_label(name) for name in kept], gettext("and"))}
        )
    return " ".join(parts)


def replace_credits(article: Article, credits: Iterable[Mapping[str, str]]) -> None:
    """Give the article these credits ({"name", "kind", "role", "note"}), in this order."""
    article.credits.all().delete()
    Credit.objects.bulk_create(
        Credit(
            article=article,
            author=author_for(credit["name"], credit["kind"]),
            role=credit["role"],
            note=credit["note"],
            position=position,
        )
        for position, credit in enumerate(credits)
    )


def _take(article: Article, name: str, value: Any) -> None:
    if name == CREDITS:
        replace_credits(article, value)
    elif name == DATE:
        article.date = datetime.date.fromisoformat(value[0])
        article.date_precision = DatePrecision(value[1])
    else:
        setattr(article, name, Article._meta.get_field(name).to_python(value))
