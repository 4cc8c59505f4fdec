"""Importing one wire file: its own transaction and its own revision, all or nothing."""

from __future__ import annotations

from pathlib import Path

import reversion
from django.db import DatabaseError, transaction

from articles import history_comments
from articles.models import Article, ArticleStatus
from ingest import agency_versions
from ingest.agency_merge import AgencyMerge
from ingest.formats.detection import read_source_item
from ingest.formats.errors import WireCopyError
from ingest.formats.items import WireCopy
from ingest.results import ImportOutcome, ImportResult
from ingest.saving import save_wire_copy, update_from_wire
from ingest.wire_files import is_known_copy, read_hashed


def import_wire_file(
    path: Path,
    *,
    status: str = ArticleStatus.PUBLISHED,
    dry_run: bool = False,
    user=None,
) -> ImportResult:
    """Import one wire file in its own transaction; never raises for bad input."""
    read = read_hashed(path)
    if read.error:
        return ImportResult(path, ImportOutcome.FAILED, error=read.error)
    data, source_hash = read.data, read.source_hash
    # The hash check comes first so that an unchanged file writes nothing, not even updated_at.
    known = Article.objects.filter(source_hash=source_hash).only("source_id", "source_hash")
    for article in known:
        if is_known_copy(path, data, article.source_id):
            return ImportResult(path, ImportOutcome.UNCHANGED, article)

    try:
        item = read_source_item(data, path.name)
    except WireCopyError as error:
        return ImportResult(path, ImportOutcome.FAILED, error=str(error))

    existing = Article.objects.filter(source_id=item.wire.source_id).first()
    if existing is not None and not agency_versions.is_news(existing, item.wire):
        # The same or an older version of what is here: the agency's later word stands.
        return ImportResult(path, ImportOutcome.UNCHANGED, existing)
    outcome = ImportOutcome.CREATED if existing is None else ImportOutcome.UPDATED
    if dry_run:
        return ImportResult(path, outcome, existing)

    with transaction.atomic(), reversion.create_revision():
        if existing is None:
            article = save_wire_copy(item, source_hash=source_hash, status=status)
            comment = import_comment(path, item.wire)
        else:
            article = existing
            merge = update_from_wire(article, item, source_hash=source_hash)
            comment = import_comment(path, item.wire, merge)
        # The article was recorded when saved, before its credits existed (bulk-created
        # credits send no signal): record it again now that the credits can be followed.
        reversion.add_to_revision(article)
        reversion.set_comment(comment)
        if user is not None:
            reversion.set_user(user)
    return ImportResult(path, outcome, article)


def import_comment(path: Path, item: WireCopy, merge: AgencyMerge | None = None) -> str:
    """The history's line for an imported file: its name, its version, and what it merged.

    Stored as a message key, so that each editor reads it in their own language.
    """
    if merge is not None and (merge.desk_kept or merge.kept_for_review):
        # An update over the desk's edits says what came in, what stayed and what waits.
        return history_comments.comment(
            "imported_over_desk_edits",
            file=path.name,
            version=item.version,
            from_agency=", ".join(merge.from_agency) or "—",
            desk_kept=", ".join(merge.desk_kept) or "—",
            to_review=", ".join(merge.kept_for_review) or "—",
        )
    if item.version > 1:
        return history_comments.comment("imported_version", file=path.name, version=item.version)
    return history_comments.comment("imported", file=path.name)


def import_one_reporting_database_errors(path: Path, status: str) -> ImportResult:
    """import_wire_file, with a refusal by the database reported as the file's failure."""
    try:
        return import_wire_file(path, status=status)
    except DatabaseError as error:
        # The file parsed but the database refused it (say, a headline over the limit).
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return ImportResult(path, ImportOutcome.FAILED, error=f"the database refused it: {reason}")
