"""Planner statistics kept fresh by a large import: the one place the importer runs ANALYZE.

Until the statistics catch up, PostgreSQL plans every read as if the tables were as
small as before the import (measured: reads 3-5x slower after 40,000 files), and with
autovacuum off they never catch up.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import connection

from articles.models import Article, Author, Credit
from ingest.results import ImportOutcome, ImportResult, ImportSummary

# What an import fills: the articles, their credits and authors, and their revisions.
IMPORTED_TABLES = (
    Article._meta.db_table,
    Credit._meta.db_table,
    Author._meta.db_table,
    "reversion_revision",
    "reversion_version",
)


WRITTEN = (ImportOutcome.CREATED, ImportOutcome.UPDATED)

# What the import's own reads filter on, analyzed while it runs. The statistics of the
# texts and the search vector, two thirds of an ANALYZE of the articles, and of the
# versions' JSON wait for the full ANALYZE at the end of the command.
LOOKED_UP_COLUMNS = {
    Article._meta.db_table: ("id", "source_id", "source_hash", "slug", "date", "language"),
    "reversion_version": ("id", "object_id", "content_type_id", "db", "revision_id"),
}


def written_files(summary: ImportSummary) -> int:
    return sum(summary.count(outcome) for outcome in WRITTEN)


def analyze_after_import(summary: ImportSummary) -> bool:
    """ANALYZE the imported tables if the run wrote enough to change them; True if it did."""
    if written_files(summary) < settings.IMPORT_ANALYZE_AFTER_FILES:
        return False
    analyze_imported_tables()
    return True


def analyze_imported_tables(*, looked_up_only: bool = False) -> None:
    """ANALYZE every imported table; with ``looked_up_only``, only the columns looked up."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            tables = [
                f"{table} ({', '.join(LOOKED_UP_COLUMNS[table])})"
                if looked_up_only and table in LOOKED_UP_COLUMNS
                else table
                for table in IMPORTED_TABLES
            ]
            cursor.execute(f"ANALYZE {', '.join(tables)}")
        else:
            for table in IMPORTED_TABLES:
                cursor.execute(f'ANALYZE "{table}"')


class StatisticsKeptUp:
    """During a run on PostgreSQL: ANALYZE each time it has doubled the articles last seen.

    Without statistics PostgreSQL takes each ``IN (...)`` of a chunk's 500 keys to match
    the whole table and reads every article, once a chunk, instead of the index: at
    100,000 files the look-up of files imported already went from 35 ms a chunk to
    260 ms. autovacuum would analyze as the tables grow; where it is off or behind,
    the import does. Doubling keeps the cost to a few ANALYZEs a run, whatever its size.
    """

    def __init__(self, *, dry_run: bool = False) -> None:
        # A dry run counts files as created but writes none.
        self.enabled = connection.vendor == "postgresql" and not dry_run
        self.analyzed = self.written = 0
        if self.enabled:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT greatest(reltuples, 0) FROM pg_class WHERE oid = %s::regclass",
                    [Article._meta.db_table],
                )
                self.analyzed = int(cursor.fetchone()[0])

    def add(self, results: Iterable[ImportResult]) -> None:
        """Count the files written; ANALYZE once they reach the number last analyzed."""
        self.written += sum(result.outcome in WRITTEN for result in results)
        if self.enabled and self.written >= max(settings.IMPORT_ANALYZE_AFTER_FILES, self.analyzed):
            analyze_imported_tables(looked_up_only=True)
            self.analyzed += self.written
            self.written = 0
