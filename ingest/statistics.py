"""Fresh planner statistics after a large import: the one place the importer runs ANALYZE.

Until the statistics catch up, PostgreSQL plans every read as if the tables were as
small as before the import (measured: reads 3-5x slower after 40,000 files), and with
autovacuum off they never catch up.
"""

from __future__ import annotations

from django.conf import settings
from django.db import connection

from articles.models import Article, Author, Credit
from ingest.results import ImportOutcome, ImportSummary

# What an import fills: the articles, their credits and authors, and their revisions.
IMPORTED_TABLES = (
    Article._meta.db_table,
    Credit._meta.db_table,
    Author._meta.db_table,
    "reversion_revision",
    "reversion_version",
)


def written_files(summary: ImportSummary) -> int:
    return summary.count(ImportOutcome.CREATED) + summary.count(ImportOutcome.UPDATED)


def analyze_after_import(summary: ImportSummary) -> bool:
    """ANALYZE the imported tables if the run wrote enough to change them; True if it did."""
    if written_files(summary) < settings.IMPORT_ANALYZE_AFTER_FILES:
        return False
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ANALYZE {', '.join(IMPORTED_TABLES)}")
        else:
            for table in IMPORTED_TABLES:
                cursor.execute(f'ANALYZE "{table}"')
    return True
