"""Importing many wire files: chunked bulk writes with every guarantee of the one-file path."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from pathlib import Path

from django.db import DatabaseError, transaction
from django.utils import timezone
from reversion.models import Revision

from articles.models import Article, ArticleStatus, Author, Credit
from articles.names import normalise_name
from articles.services.authors import authors_for
from articles.slugs import SlugAllocator
from ingest.chunks import ChunkPlan, ChunkRows, NewFile, PreparedChunk, chunks
from ingest.copying import copy_new_rows, new_rows
from ingest.formats import wire_copy
from ingest.formats.detection import SourceItem
from ingest.formats.errors import WireCopyError
from ingest.freed_memory import return_freed_memory
from ingest.one_file import import_comment, import_one_reporting_database_errors, import_wire_file
from ingest.parsing_ahead import ParsingAhead
from ingest.reading_ahead import read_ahead
from ingest.results import ImportOutcome, ImportResult, ImportSummary
from ingest.revisions import (
    Representations,
    insert_versions,
    version_rows,
    write_version_rows,
)
from ingest.saving import apply_wire_copy, credits_for, new_article, propose_translations_of
from ingest.statistics import StatisticsKeptUp
from ingest.wire_files import ReadFile, is_known_copy
from ingest.writing_behind import WritingBehind

# Files written per transaction by import_wire_files: large enough that per-transaction
# costs vanish, small enough that a chunk retried file by file after an error is quick.
IMPORT_CHUNK_SIZE = 500
# Slugs and authors a run remembers before it starts afresh: what it forgets, the
# database still knows, so only memory is bounded, not what the run can tell apart.
RUN_CACHE_BOUND = 100_000


def import_wire_files(
    paths: Iterable[Path],
    *,
    status: str = ArticleStatus.PUBLISHED,
    dry_run: bool = False,
    on_result: Callable[[ImportResult], None] | None = None,
    chunk_size: int = IMPORT_CHUNK_SIZE,
    stop: threading.Event | None = None,
    keep_results: bool = True,
) -> ImportSummary:
    """Import every file; a bad file is reported and never stops the good ones.

    New files are written in chunks, one transaction and a few bulk statements per
    chunk. If the database refuses a chunk, it is rolled back and its files are
    imported one by one, each in its own transaction, so only the bad file fails.
    Results from here carry no article, and with ``keep_results=False`` the summary
    keeps only counts and failures, so a large run's memory stays flat. Once `stop` is
    set, the chunk being written is finished and the rest is left unimported (the
    next chunk may have been read ahead, never parsed or written).
    """
    summary = ImportSummary(keep_results=keep_results)
    run = _ImportRun(status=status, dry_run=dry_run)

    statistics = StatisticsKeptUp(dry_run=dry_run)

    def report(finished: list[list[ImportResult]]) -> None:
        for results in finished:
            for result in results:
                summary.add(result)
                if on_result is not None:
                    on_result(result)
            statistics.add(results)

    # While one chunk is written, the next one is parsed in another process and built in
    # this thread: the database, the parser and Python keep both cores busy.
    with ParsingAhead() as parsing, WritingBehind(enabled=run.writes_behind()) as writing:

        def hand_over(plan: ChunkPlan, parsed: Future) -> None:
            chunk = run.prepare_chunk(plan, parsed)
            report(writing.hand_over(functools.partial(run.finish_chunk, chunk)))
            if run.caches_full():
                # Once the chunk in flight is written, the database knows its authors
                # and slugs: only then may the run forget them.
                report(writing.finish())
                run.forget(keep_suffixes=True)
                return_freed_memory()

        pending: tuple[ChunkPlan, Future] | None = None
        for files in read_ahead(chunks(paths, chunk_size)):
            if stop is not None and stop.is_set():
                break
            plan = run.plan_chunk(files)
            parsed = parsing.submit(plan.to_parse)
            if pending is not None:
                hand_over(*pending)
            pending = (plan, parsed)
            if stop is not None and stop.is_set():
                # The chunk just parsed is dropped unwritten; the one in hand is written.
                pending = None
                break
        if pending is not None:
            hand_over(*pending)
        report(writing.finish())
    return summary


class _ImportRun:
    """One run of import_wire_files: the authors and slugs it has seen, across chunks."""

    def __init__(self, *, status: str, dry_run: bool) -> None:
        self.status = status
        self.dry_run = dry_run
        # PostgreSQL: rows built with ids from its sequences, written through COPY.
        self.on_postgresql = transaction.get_connection().vendor == "postgresql"
        # Set by the writer when the database refused a chunk; the next chunk forgets.
        self.refused = threading.Event()
        self.in_flight: set[str] = set()
        self.forget()

    def forget(self, *, keep_suffixes: bool = False) -> None:
        """Start afresh: the next chunks ask the database for their authors and slugs.

        ``keep_suffixes``: where the free suffixes of repeated slugs start is still
        right once everything written is committed, and costly to learn again.
        """
        self.authors: dict[str, Author] = {}
        if keep_suffixes:
            bound = RUN_CACHE_BOUND // 2
            self.slugs = self.slugs.forgetting(bound)
            self.author_slugs = self.author_slugs.forgetting(bound)
        else:
            self.slugs = SlugAllocator(Article)
            self.author_slugs = SlugAllocator(Author)
        self.representations = Representations()

    def plan_chunk(self, files: list[ReadFile]) -> ChunkPlan:
        """Tell apart a chunk's files that are unchanged, unreadable and to parse."""
        plan = ChunkPlan([file.path for file in files])
        read: list[tuple[int, ReadFile]] = []
        for index, file in enumerate(files):
            if file.error:
                plan.results[index] = ImportResult(
                    file.path, ImportOutcome.FAILED, error=file.error
                )
            else:
                read.append((index, file))

        known: dict[str, set[str]] = {}
        for source_hash, source_id in Article.objects.filter(
            source_hash__in={file.source_hash for _, file in read}
        ).values_list("source_hash", "source_id"):
            known.setdefault(source_hash, set()).add(source_id)
        for index, file in read:
            if any(
                is_known_copy(file.path, file.data, source_id)
                for source_id in known.get(file.source_hash, ())
            ):
                plan.results[index] = ImportResult(file.path, ImportOutcome.UNCHANGED)
                continue
            plan.to_parse.append((file.data, file.path.name))
            plan.parsing.append((index, file.path, file.source_hash))
        return plan

    def writes_behind(self) -> bool:
        """Whether chunks can be written on a connection of their own, while the next is built.

        Only on PostgreSQL (the next chunk's ids come from its sequences), and only
        outside a transaction, whose uncommitted rows another connection would not see.
        """
        in_transaction = transaction.get_connection().in_atomic_block
        return self.on_postgresql and not in_transaction and not self.dry_run

    def caches_full(self) -> bool:
        return len(self.slugs.taken) + len(self.authors) > RUN_CACHE_BOUND

    def prepare_chunk(self, plan: ChunkPlan, parsed: Future) -> PreparedChunk:
        """Tell new items from known ones and, on PostgreSQL, build every row to write."""
        if self.refused.is_set():
            # Authors and slugs cached for a rolled-back chunk may not exist.
            self.refused.clear()
            self.forget()
        chunk = PreparedChunk(len(plan.paths), plan.results)
        items: list[tuple[int, Path, str, SourceItem]] = []
        for (index, path, source_hash), outcome in zip(plan.parsing, parsed.result(), strict=True):
            if isinstance(outcome, WireCopyError):
                chunk.results[index] = ImportResult(path, ImportOutcome.FAILED, error=str(outcome))
            else:
                items.append((index, path, source_hash, outcome))
        # An item's identity is inside the file, so what is new is known only once parsed.
        # The chunk being written is not in the database yet, as far as this connection
        # can see: its items are known from memory.
        source_ids = {item.wire.source_id for *_, item in items}
        taken = set(
            Article.objects.filter(source_id__in=source_ids).values_list("source_id", flat=True)
        )
        taken |= self.in_flight & source_ids
        for index, path, source_hash, item in items:
            if item.wire.source_id in taken:
                # Known here, or a second version in this chunk: compared one by one, in order.
                chunk.changed.append((index, path))
            else:
                taken.add(item.wire.source_id)
                chunk.new_files.append(NewFile(index, path, source_hash, item))
        self.in_flight = {new_file.parsed.source_id for new_file in chunk.new_files}
        if chunk.new_files and not self.dry_run and self.on_postgresql:
            chunk.rows = self.build_rows(chunk.new_files)
        return chunk

    def finish_chunk(self, chunk: PreparedChunk) -> list[ImportResult]:
        """Write the chunk's new articles; known items go through the one-file path."""
        results, changed = chunk.results, list(chunk.changed)
        if self.dry_run:
            for new_file in chunk.new_files:
                results[new_file.index] = ImportResult(new_file.path, ImportOutcome.CREATED)
            for index, path in changed:
                results[index] = import_wire_file(path, status=self.status, dry_run=True)
            return [results[index] for index in range(chunk.size)]
        try:
            with transaction.atomic():
                if chunk.rows is not None:
                    write_rows(chunk.rows)
                else:
                    self.create_articles(chunk.new_files)
            for new_file in chunk.new_files:
                results[new_file.index] = ImportResult(new_file.path, ImportOutcome.CREATED)
        except DatabaseError:
            self.refused.set()
            changed.extend((new_file.index, new_file.path) for new_file in chunk.new_files)
        # Updates are rare and carry the editors' state: the one-file path handles them.
        for index, path in sorted(changed):
            results[index] = import_one_reporting_database_errors(path, self.status)
        return [results[index] for index in range(chunk.size)]

    def author(self, entry: wire_copy.CreditEntry) -> Author:
        return self.authors[normalise_name(entry.name)]

    def learn_authors(
        self, entries: Iterable[wire_copy.CreditEntry], *, save: bool = True
    ) -> list[Author]:
        """Find or create the chunk's authors, in two queries in all; the new ones."""
        unknown = [entry for entry in entries if normalise_name(entry.name) not in self.authors]
        found = authors_for(
            ((entry.name, entry.kind.value) for entry in unknown), self.author_slugs, save=save
        )
        self.authors.update((author.name_key, author) for author in found)
        return [author for author in found if author._state.adding]

    def new_articles(self, new_files: list[NewFile], now) -> list[Article]:
        """The chunk's unsaved articles, each with its slug, once its authors are known."""
        self.slugs.learn_taken(new_file.parsed.headline for new_file in new_files)
        articles = []
        for new_file in new_files:
            article = new_article(new_file.item, self.status, now)
            article.slug = self.slugs.allocate(new_file.parsed.headline)
            apply_wire_copy(article, new_file.item, new_file.source_hash)
            articles.append(article)
        return articles

    def create_articles(self, new_files: list[NewFile]) -> None:
        """Write the chunk's new articles, their credits and one revision each (SQLite)."""
        if not new_files:
            return
        self.learn_authors(entry for new_file in new_files for entry in new_file.parsed.credits)
        now = timezone.now()
        articles = self.new_articles(new_files, now)
        Article.objects.bulk_create(articles)
        credits_by_article = [
            credits_for(article, new_file.parsed.credits, self.author)
            for article, new_file in zip(articles, new_files, strict=True)
        ]
        Credit.objects.bulk_create(credit for credits in credits_by_article for credit in credits)
        propose_translations_of(articles)
        revisions = Revision.objects.bulk_create(_revisions(new_files, now))
        insert_versions(
            self.representations, _revisions_and_objects(revisions, articles, credits_by_article)
        )

    def build_rows(self, new_files: list[NewFile]) -> ChunkRows:
        """The PostgreSQL way: every row built first, with ids reserved from the sequences.

        The chunk's new authors are written with it, in its transaction, so a chunk the
        database refuses leaves none behind. Nothing here writes: the rows can be built
        while the previous chunk is still being written, on another connection.
        """
        authors = self.learn_authors(
            (entry for new_file in new_files for entry in new_file.parsed.credits), save=False
        )
        _give_ids(Author, authors)
        now = timezone.now()
        articles = self.new_articles(new_files, now)
        _give_ids(Article, articles)
        credits_by_article = [
            credits_for(article, new_file.parsed.credits, self.author)
            for article, new_file in zip(articles, new_files, strict=True)
        ]
        credits = [credit for article_credits in credits_by_article for credit in article_credits]
        _give_ids(Credit, credits)
        revisions = list(_revisions(new_files, now))
        _give_ids(Revision, revisions)
        # Rows first: they fill in the times that the revisions' JSON records.
        article_rows, credit_rows = new_rows(Article, articles), new_rows(Credit, credits)
        versions = version_rows(
            self.representations, _revisions_and_objects(revisions, articles, credits_by_article)
        )
        return ChunkRows(authors, article_rows, credit_rows, revisions, versions)


def write_rows(rows: ChunkRows) -> None:
    """Write a chunk's rows (PostgreSQL), credits before their articles.

    Foreign keys are checked at commit, so credits go in before their articles: the
    article's search-vector trigger then sees its credits and builds the vector once,
    instead of a second update per article when its credits arrive.
    """
    Author.objects.bulk_create(rows.authors)
    copy_new_rows(rows.credits)
    copy_new_rows(rows.articles)
    propose_translations_of(rows.articles.objects)
    Revision.objects.bulk_create(rows.revisions)
    write_version_rows(rows.versions)


def _revisions(new_files: list[NewFile], now) -> Iterator[Revision]:
    for new_file in new_files:
        yield Revision(date_created=now, comment=import_comment(new_file.path, new_file.parsed))


def _revisions_and_objects(
    revisions: list[Revision], articles: list[Article], credits_by_article: list[list[Credit]]
) -> list[tuple[Revision, list]]:
    return [
        (revision, [article, *credits])
        for revision, article, credits in zip(revisions, articles, credits_by_article, strict=True)
    ]


def _give_ids(model, objects: list) -> None:
    """Give each unsaved object a primary key reserved from the model's PostgreSQL sequence."""
    connection = transaction.get_connection()
    with connection.cursor() as cursor:
        # The sequence is looked up once (MATERIALIZED): in the select list, PostgreSQL
        # looked it up in the catalogue for every id, four times the cost of the ids.
        cursor.execute(
            "WITH sequence AS MATERIALIZED"
            " (SELECT pg_get_serial_sequence(%s, %s)::regclass AS id)"
            " SELECT nextval(sequence.id) FROM sequence, generate_series(1, %s) ORDER BY 1",
            [model._meta.db_table, model._meta.pk.column, len(objects)],
        )
        for obj, (primary_key,) in zip(objects, cursor.fetchall(), strict=True):
            obj.pk = primary_key
