"""Importing many files at once: batched writes with the guarantees of one file at a time."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from reversion.models import Version

from articles.changes import ChangeEvent, ChangeKind
from articles.history_comments import render_in
from articles.models import Article, Author, Credit
from articles.search import search_articles
from ingest import importer

pytestmark = pytest.mark.django_db

WIRE = """\
 date 2024-03-{day:02d} {headline}

Photo credit © Reuters/Bernadett Szabo

BUDAPEST, March {day} (Reuters) - Hungary's parliament on Monday ratified Sweden's bid to join \
NATO, ending months of delay that had frustrated its allies.

The vote clears the last hurdle for the Nordic country. (Reporting by {reporter} in Budapest; \
Editing by Alex Richardson)
"""


def wire_file(folder: Path, name: str, *, day: int = 12, headline: str = "", reporter: str = ""):
    path = folder / f"{name}.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        WIRE.format(
            day=day,
            headline=headline or f"Hungary ratifies Sweden's NATO bid, day {day}",
            reporter=reporter or "Anita Komuves",
        ),
        encoding="utf-8",
    )
    return path


def import_folder(folder: Path, **options) -> importer.ImportSummary:
    return importer.import_wire_files(importer.find_wire_files([folder]), **options)


def test_files_over_several_chunks_all_land_with_their_credits_and_shared_authors(tmp_path):
    for day in range(1, 8):
        wire_file(tmp_path, f"file_{day}", day=day)

    summary = import_folder(tmp_path, chunk_size=3)

    assert str(summary) == "7 created, 0 updated, 0 unchanged, 0 failed"
    assert Article.objects.count() == 7
    assert Credit.objects.count() == 7 * 3
    assert sorted(Author.objects.values_list("name", flat=True)) == [
        "Alex Richardson",
        "Anita Komuves",
        "Bernadett Szabo",
    ]


def test_the_same_headline_gets_the_same_slugs_as_one_file_at_a_time(tmp_path):
    importer.import_wire_file(wire_file(tmp_path / "earlier", "first", headline="Same words"))
    for number in range(2, 6):
        wire_file(tmp_path / "batch", f"copy_{number}", day=number, headline="Same words")

    import_folder(tmp_path / "batch", chunk_size=2)

    assert sorted(Article.objects.values_list("slug", flat=True)) == [
        "same-words",
        "same-words-2",
        "same-words-3",
        "same-words-4",
        "same-words-5",
    ]


def test_a_bad_file_in_a_chunk_costs_only_itself(tmp_path):
    wire_file(tmp_path, "a_good", day=1)
    (tmp_path / "b_empty.txt").write_bytes(b"")
    wire_file(tmp_path, "c_good", day=3)

    summary = import_folder(tmp_path, chunk_size=10)

    assert str(summary) == "2 created, 0 updated, 0 unchanged, 1 failed"
    assert [result.outcome for result in summary.results] == ["created", "failed", "created"]
    assert summary.failures[0].path == tmp_path / "b_empty.txt"
    assert set(Article.objects.values_list("source_id", flat=True)) == {"a_good", "c_good"}


@pytest.mark.postgres
def test_a_file_the_database_refuses_fails_alone_with_a_clear_reason(tmp_path):
    # The parser catches what it can; a rule only the database knows (a constraint, a
    # concurrent import taking the same name) refuses the whole chunk's statements.
    with connection.cursor() as cursor:
        cursor.execute(
            "ALTER TABLE articles_article ADD CONSTRAINT test_refused "
            "CHECK (headline <> 'Refused by the database')"
        )
    wire_file(tmp_path, "a_good", day=1)
    wire_file(tmp_path, "b_refused", day=2, headline="Refused by the database")
    wire_file(tmp_path, "c_good", day=3)

    summary = import_folder(tmp_path, chunk_size=10)

    assert str(summary) == "2 created, 0 updated, 0 unchanged, 1 failed"
    (failure,) = summary.failures
    assert failure.path == tmp_path / "b_refused.txt"
    assert failure.error.startswith("the database refused it: ")
    assert "test_refused" in failure.error
    assert "\n" not in failure.error
    assert set(Article.objects.values_list("source_id", flat=True)) == {"a_good", "c_good"}
    assert Credit.objects.count() == 2 * 3


def test_each_file_gets_its_own_revision_that_reverts_like_any_other(tmp_path):
    wire_file(tmp_path, "first", day=1)
    wire_file(tmp_path, "second", day=2)
    import_folder(tmp_path)
    article = Article.objects.get(source_id="first")
    original_headline = article.headline

    (version,) = Version.objects.get_for_object(article)
    assert render_in("en", version.revision.comment) == "Imported from first.txt"
    assert render_in("fr", version.revision.comment) == "Importé de first.txt"
    assert version.revision.version_set.count() == 1 + 3  # the article and its credits

    article.headline = "Edited by hand"
    article.save()
    article.credits.all().delete()
    version.revision.revert(delete=True)

    article.refresh_from_db()
    assert article.headline == original_headline
    assert article.credits.count() == 3
    assert Article.objects.get(source_id="second").credits.count() == 3


def test_an_unchanged_batch_writes_nothing_and_a_changed_file_keeps_its_history(tmp_path):
    wire_file(tmp_path, "first", day=1)
    wire_file(tmp_path, "second", day=2)
    import_folder(tmp_path)
    versions_before = Version.objects.count()

    assert str(import_folder(tmp_path)) == "0 created, 0 updated, 2 unchanged, 0 failed"
    assert Version.objects.count() == versions_before

    wire_file(tmp_path, "second", day=2, headline="Hungary finally ratifies")
    assert str(import_folder(tmp_path)) == "0 created, 1 updated, 1 unchanged, 0 failed"
    second = Article.objects.get(source_id="second")
    assert second.headline == "Hungary finally ratifies"
    assert Version.objects.get_for_object(second).count() == 2


def test_chunks_parsed_in_the_worker_process_report_their_bad_files_too(tmp_path):
    # From the second chunk on, files are parsed in another process while the first
    # chunk is written; its errors come back named as ever.
    for day in range(1, 5):
        wire_file(tmp_path, f"a_good_{day}", day=day)
    (tmp_path / "b_empty.txt").write_bytes(b"")
    wire_file(tmp_path, "c_good", day=9)

    summary = import_folder(tmp_path, chunk_size=2)

    assert str(summary) == "5 created, 0 updated, 0 unchanged, 1 failed"
    assert summary.failures[0].path == tmp_path / "b_empty.txt"
    assert "empty" in summary.failures[0].error.lower()
    assert Article.objects.count() == 5


def test_a_file_named_again_in_the_next_chunk_updates_the_first(tmp_path):
    # The next chunk is read before this one is written: the repeat looks new at first.
    wire_file(tmp_path / "a", "story", day=1, headline="First take")
    wire_file(tmp_path / "a", "story_other", day=2)
    wire_file(tmp_path / "b", "story", day=3, headline="Second take")

    summary = import_folder(tmp_path, chunk_size=2)

    assert [result.outcome for result in summary.results] == ["created", "created", "updated"]
    assert Article.objects.get(source_id="story").headline == "Second take"


def test_two_files_of_the_same_name_in_one_batch_create_then_update(tmp_path):
    wire_file(tmp_path / "monday", "story", day=1, headline="First take")
    wire_file(tmp_path / "tuesday", "story", day=2, headline="Second take")

    summary = import_folder(tmp_path)

    assert [result.outcome for result in summary.results] == ["created", "updated"]
    assert Article.objects.get(source_id="story").headline == "Second take"


def test_a_dry_run_reports_and_writes_nothing(tmp_path):
    wire_file(tmp_path, "first", day=1)
    (tmp_path / "empty.txt").write_bytes(b"")

    summary = import_folder(tmp_path, dry_run=True)

    assert str(summary) == "1 created, 0 updated, 0 unchanged, 1 failed"
    assert (Article.objects.count(), Author.objects.count(), Version.objects.count()) == (0, 0, 0)


@pytest.mark.postgres
def test_batched_articles_are_searchable_by_every_part(tmp_path):
    wire_file(tmp_path, "first", day=1, reporter="Krisztina Than")
    import_folder(tmp_path)

    for words in ["ratified", "Sweden", "krisztina than", "szabo"]:
        found = search_articles(Article.objects.all(), words)
        assert [article.source_id for article in found] == ["first"], words
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM articles_article WHERE search_vector IS DISTINCT FROM "
            "articles_search_document(headline, body, articles_credit_names(id), language)"
        )
        assert cursor.fetchone() == (0,)


def test_a_chunk_costs_the_same_queries_whatever_its_number_of_files(tmp_path):
    def queries_to_import(folder: Path, count: int) -> int:
        for number in range(count):
            name = f"{folder.name}_{number}"
            wire_file(folder, name, headline=f"Les vœux {folder.name}", reporter=f"Œdipe {name}")
        with CaptureQueriesContext(connection) as queries:
            assert import_folder(folder).count(importer.ImportOutcome.CREATED) == count
        return len(queries)

    queries_to_import(tmp_path / "warm", 1)  # content types, cached from then on
    assert queries_to_import(tmp_path / "few", 3) == queries_to_import(tmp_path / "many", 30)


# Bound 1 forgets everything after each chunk; bound 4 keeps where the free suffixes of
# "same-words" start (slugs.SlugAllocator.forgetting).
@pytest.mark.parametrize("bound", [1, 4])
def test_a_run_that_forgets_its_slugs_and_authors_still_gives_each_its_own(
    tmp_path, monkeypatch, bound
):
    # A run past the bound starts its caches afresh after each chunk; the database knows.
    monkeypatch.setattr("ingest.batch.RUN_CACHE_BOUND", bound)
    for number in range(1, 7):
        wire_file(tmp_path, f"copy_{number}", day=number, headline="Same words")

    summary = import_folder(tmp_path, chunk_size=2)

    assert str(summary) == "6 created, 0 updated, 0 unchanged, 0 failed"
    assert sorted(Article.objects.values_list("slug", flat=True)) == [
        "same-words",
        *(f"same-words-{number}" for number in range(2, 7)),
    ]
    assert Author.objects.count() == 3


def test_a_summary_told_not_to_keep_results_keeps_only_counts_and_failures(tmp_path):
    wire_file(tmp_path, "good", day=1)
    (tmp_path / "bad.txt").write_text("not wire copy", encoding="utf-8")

    summary = import_folder(tmp_path, keep_results=False)

    assert summary.results == []
    assert str(summary) == "1 created, 0 updated, 0 unchanged, 1 failed"
    assert [failure.path.name for failure in summary.failures] == ["bad.txt"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)  # the change log is written at commit
def test_batched_rows_are_the_rows_one_file_at_a_time_writes(tmp_path):
    # On PostgreSQL a chunk's articles and credits go in through COPY, not INSERT: the
    # triggers, defaults and times must come out the same as through the ORM.
    wire_file(tmp_path / "batch", "batched", day=1)
    wire_file(tmp_path / "alone", "alone", day=1, headline="Hungary ratifies, alone")
    import_folder(tmp_path / "batch")
    importer.import_wire_file(tmp_path / "alone" / "alone.txt")

    batched, alone = (Article.objects.get(source_id=name) for name in ["batched", "alone"])
    ignored = {"_state", "id", "source_id", "slug", "headline", "source_hash", "source_text"}
    ignored |= {"created_at", "updated_at", "published_at"}
    assert {name: value for name, value in vars(batched).items() if name not in ignored} == {
        name: value for name, value in vars(alone).items() if name not in ignored
    }
    for article in (batched, alone):
        assert article.published_at <= article.created_at <= article.updated_at
        assert article.updated_at - article.published_at < datetime.timedelta(minutes=1)
    assert [str(credit) for credit in batched.credits.order_by("position")] == [
        str(credit) for credit in alone.credits.order_by("position")
    ]
    events = ChangeEvent.objects.filter(kind=ChangeKind.PUBLISHED)
    assert sorted(events.values_list("source_id", flat=True)) == ["alone", "batched"]
