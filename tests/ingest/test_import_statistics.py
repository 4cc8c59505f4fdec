"""A large import leaves the planner statistics fresh (ANALYZE on the tables it filled)."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection

from ingest import importer
from tests.ingest.test_import_standard_formats import ninjs_item


def analyzed_articles() -> bool:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # reltuples is -1 until the table is first analyzed (PostgreSQL 14 and later).
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'articles_article'")
            return cursor.fetchone()[0] >= 0
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone() is None:
            return False
        cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'articles_article'")
        return cursor.fetchone()[0] > 0


@pytest.fixture(autouse=True)
def _no_statistics_yet():
    """Start unanalyzed: TRUNCATE resets PostgreSQL's; SQLite keeps sqlite_stat1 across tests."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
            if cursor.fetchone() is not None:
                cursor.execute("DELETE FROM sqlite_stat1")


def write_items(folder, count: int, prefix: str = "urn:x:") -> None:
    folder.mkdir(exist_ok=True)
    for version in range(1, count + 1):
        data = ninjs_item(version).replace(
            b"urn:example:test:item-1", f"{prefix}{version}".encode()
        )
        (folder / f"{version}.json").write_bytes(data)


@pytest.mark.django_db(transaction=True)
def test_an_import_of_enough_files_analyzes_the_tables_it_filled(tmp_path, settings):
    settings.IMPORT_ANALYZE_AFTER_FILES = 3
    assert not analyzed_articles()
    write_items(tmp_path, 3)
    call_command("import_articles", str(tmp_path))
    assert analyzed_articles()


@pytest.mark.django_db(transaction=True)
def test_a_small_import_leaves_the_statistics_to_autovacuum(tmp_path, settings):
    settings.IMPORT_ANALYZE_AFTER_FILES = 3
    write_items(tmp_path, 2)
    call_command("import_articles", str(tmp_path))
    assert not analyzed_articles()


def import_during_a_run(folder, files: int, chunk_size: int, dry_run: bool = False) -> None:
    write_items(folder, files)
    importer.import_wire_files(
        importer.find_wire_files([folder]), chunk_size=chunk_size, dry_run=dry_run
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_long_run_analyzes_as_it_goes_not_only_at_the_end(tmp_path, settings):
    # Unanalyzed, PostgreSQL reads every article for each chunk's look-up of known files.
    settings.IMPORT_ANALYZE_AFTER_FILES = 3

    import_during_a_run(tmp_path, files=4, chunk_size=2)

    assert analyzed_articles()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_run_under_the_threshold_does_not_analyze_as_it_goes(tmp_path, settings):
    settings.IMPORT_ANALYZE_AFTER_FILES = 3

    import_during_a_run(tmp_path, files=2, chunk_size=1)

    assert not analyzed_articles()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_dry_run_writes_nothing_so_analyzes_nothing(tmp_path, settings):
    settings.IMPORT_ANALYZE_AFTER_FILES = 3

    import_during_a_run(tmp_path, files=4, chunk_size=2, dry_run=True)

    assert not analyzed_articles()


def analyzed_columns(table: str) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT attname FROM pg_stats WHERE tablename = %s", [table])
        return {name for (name,) in cursor.fetchall()}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_run_analyzes_what_it_looks_up_and_the_command_then_everything(tmp_path, settings):
    # The texts' and the search vector's statistics are most of an ANALYZE's time, and
    # only searches need them: they wait for the end of the command.
    settings.IMPORT_ANALYZE_AFTER_FILES = 3
    with connection.cursor() as cursor:
        # TRUNCATE between tests keeps the columns' statistics; the suite's superuser drops them.
        cursor.execute("DELETE FROM pg_statistic WHERE starelid = 'articles_article'::regclass")
    import_during_a_run(tmp_path / "first", files=4, chunk_size=2)

    assert {"source_id", "source_hash", "slug"} <= analyzed_columns("articles_article")
    assert not {"body", "search_vector"} & analyzed_columns("articles_article")

    write_items(tmp_path / "second", 3, prefix="urn:y:")
    call_command("import_articles", str(tmp_path / "second"))

    assert {"body", "search_vector"} <= analyzed_columns("articles_article")
