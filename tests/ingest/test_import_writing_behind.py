"""A chunk written on a second connection while the next is built: the same articles."""

from __future__ import annotations

import pytest
from django.db import connection

from articles.models import Article, Author, Credit
from ingest import importer
from tests.ingest.test_import_batches import import_folder, wire_file

# Outside a test's transaction, as the command runs: only then may the writer's own
# connection see, and be seen by, the rest of the import.
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def other_connections() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def test_authors_first_met_in_a_chunk_still_being_written_are_credited_once(tmp_path):
    for day in range(1, 10):
        wire_file(tmp_path, f"file_{day}", day=day, reporter=f"Reporter {day % 2}")

    summary = import_folder(tmp_path, chunk_size=2)

    assert str(summary) == "9 created, 0 updated, 0 unchanged, 0 failed"
    assert Credit.objects.count() == 9 * 3
    assert sorted(Author.objects.values_list("name", flat=True)) == [
        "Alex Richardson",
        "Bernadett Szabo",
        "Reporter 0",
        "Reporter 1",
    ]


def test_the_same_headline_in_consecutive_chunks_gets_the_next_slugs(tmp_path):
    for number in range(1, 6):
        wire_file(tmp_path, f"copy_{number}", day=number, headline="Same words")

    import_folder(tmp_path, chunk_size=1)

    assert sorted(Article.objects.values_list("slug", flat=True)) == [
        "same-words",
        *(f"same-words-{number}" for number in range(2, 6)),
    ]


def test_an_item_named_again_while_its_first_version_is_written_updates_it(tmp_path):
    wire_file(tmp_path / "a", "story", day=1, headline="First version")
    wire_file(tmp_path / "b", "story", day=1, headline="Second version")

    summary = import_folder(tmp_path, chunk_size=1)

    assert [result.outcome for result in summary.results] == ["created", "updated"]
    assert list(Article.objects.values_list("headline", flat=True)) == ["Second version"]


def test_after_a_refused_chunk_the_next_ones_land_and_no_author_is_left_behind(tmp_path):
    with connection.cursor() as cursor:
        cursor.execute(
            "ALTER TABLE articles_article ADD CONSTRAINT test_refused "
            "CHECK (headline <> 'Refused by the database')"
        )
    try:
        wire_file(tmp_path, "a_good", day=1, reporter="Shared Reporter")
        wire_file(tmp_path, "b_refused", day=2, headline="Refused by the database",
                  reporter="Only Refused")  # fmt: skip
        # The next chunk is built while the refused one is written: it credits an author
        # that chunk was to create.
        wire_file(tmp_path, "c_good", day=3, reporter="Shared Reporter")
        wire_file(tmp_path, "d_good", day=4, reporter="Later Reporter")

        summary = import_folder(tmp_path, chunk_size=2)

        assert str(summary) == "3 created, 0 updated, 0 unchanged, 1 failed"
        assert summary.failures[0].path.name == "b_refused.txt"
        assert "test_refused" in summary.failures[0].error
        assert set(Article.objects.values_list("source_id", flat=True)) == {
            "a_good",
            "c_good",
            "d_good",
        }
        names = set(Author.objects.values_list("name", flat=True))
        assert {"Shared Reporter", "Later Reporter"} <= names
        assert "Only Refused" not in names
    finally:
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE articles_article DROP CONSTRAINT test_refused")


def test_an_import_leaves_no_connection_of_its_own_open(tmp_path):
    for day in range(1, 6):
        wire_file(tmp_path, f"file_{day}", day=day)
    before = other_connections()

    importer.import_wire_files(importer.find_wire_files([tmp_path]), chunk_size=2)

    assert other_connections() == before
