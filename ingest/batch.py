"""Importing many wire files: chunked bulk writes with every guarantee of the one-file path."""

from __future__ import annotations

import dataclasses
import hashlib
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from pathlib import Path

from django.db import DatabaseError, transaction
from django.utils import timezone
from reversion.models import Revision

from articles.models import Article, ArticleStatus, Author, Credit, normalise_name
from articles.services.authors import authors_for
from articles.slugs import SlugAllocator
from ingest.formats import wire_copy
from ingest.formats.detection import SourceItem
from ingest.formats.errors import WireCopyError
from ingest.one_file import import_comment, import_one_reporting_database_errors, import_wire_file
from ingest.parsing_ahead import ParsingAhead
from ingest.results import ImportOutcome, ImportResult, ImportSummary
from ingest.revisions import Representations, insert_versions
from ingest.saving import apply_wire_copy, credits_for, new_article, propose_translations_of
from ingest.wire_files import is_known_copy, read_wire_file

# Files written per transaction by import_wire_files: large enough that per-transaction
# costs vanish, small enough that a chunk retried file by file after an error is quick.
IMPORT_CHUNK_SIZE = 500


def import_wire_files(
    paths: Iterable[Path],
    *,
    status: str = ArticleStatus.PUBLISHED,
    dry_run: bool = False,
    on_result: Callable[[ImportResult], None] | None = None,
    chunk_size: int = IMPORT_CHUNK_SIZE,
    stop: threading.Event | None = None,
) -> ImportSummary:
    """Import every file; a bad file is reported and never stops the good ones.

    New files are written in chunks, one transaction and a few bulk statements per
    chunk. If the database refuses a chunk, it is rolled back and its files are
    imported one by one, each in its own transaction, so only the bad file fails.
    Results from here carry no article, to keep a large run's memory flat. Once
    `stop` is set, the chunk being written is finished and the rest is left unread.
    """
    summary = ImportSummary()
    run = _ImportRun(status=status, dry_run=dry_run)
    with ParsingAhead() as parsing:
        # While one chunk is written, the next one is parsed in another process: the
        # database and the parser each keep a core busy instead of taking turns.
        pending: tuple[_ChunkPlan, Future] | None = None
        for chunk in _chunks(paths, chunk_size):
            if stop is not None and stop.is_set():
                break
            plan = run.plan_chunk(chunk)
            parsed = parsing.submit(plan.to_parse)
            if pending is not None:
                _report(run.write_chunk(*pending), summary, on_result)
            pending = (plan, parsed)
            if stop is not None and stop.is_set():
                # The chunk just parsed is dropped unwritten; the one in hand was written.
                pending = None
                break
        if pending is not None:
            _report(run.write_chunk(*pending), summary, on_result)
    return summary


def _chunks(paths: Iterable[Path], size: int) -> Iterator[list[Path]]:
    chunk: list[Path] = []
    for path in paths:
        chunk.append(path)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _report(
    results: list[ImportResult],
    summary: ImportSummary,
    on_result: Callable[[ImportResult], None] | None,
) -> None:
    for result in results:
        summary.results.append(result)
        if on_result is not None:
            on_result(result)


@dataclasses.dataclass(frozen=True)
class _NewFile:
    index: int
    path: Path
    source_hash: str
    item: SourceItem

    @property
    def parsed(self) -> wire_copy.WireCopy:
        return self.item.wire


@dataclasses.dataclass
class _ChunkPlan:
    """A chunk read and sorted: results known already, and what is left to parse."""

    paths: list[Path]
    results: dict[int, ImportResult] = dataclasses.field(default_factory=dict)
    to_parse: list[tuple[bytes, str]] = dataclasses.field(default_factory=list)
    # For each file to parse: its index, path and hash.
    parsing: list[tuple[int, Path, str]] = dataclasses.field(default_factory=list)


class _ImportRun:
    """One run of import_wire_files: the authors and slugs it has seen, across chunks."""

    def __init__(self, *, status: str, dry_run: bool) -> None:
        self.status = status
        self.dry_run = dry_run
        self.authors: dict[str, Author] = {}
        self.slugs = SlugAllocator(Article)
        self.author_slugs = SlugAllocator(Author)
        self.representations = Representations()

    def plan_chunk(self, paths: list[Path]) -> _ChunkPlan:
        """Read a chunk and tell apart what is unchanged, unreadable and to parse."""
        plan = _ChunkPlan(paths)
        read: list[tuple[int, Path, bytes, str]] = []
        for index, path in enumerate(paths):
            try:
                data = read_wire_file(path)
            except OSError as error:
                message = error.strerror or str(error)
                plan.results[index] = ImportResult(path, ImportOutcome.FAILED, error=message)
                continue
            read.append((index, path, data, hashlib.sha256(data).hexdigest()))

        known: dict[str, set[str]] = {}
        for source_hash, source_id in Article.objects.filter(
            source_hash__in={source_hash for *_, source_hash in read}
        ).values_list("source_hash", "source_id"):
            known.setdefault(source_hash, set()).add(source_id)
        for index, path, data, source_hash in read:
            if any(
                is_known_copy(path, data, source_id) for source_id in known.get(source_hash, ())
            ):
                plan.results[index] = ImportResult(path, ImportOutcome.UNCHANGED)
                continue
            plan.to_parse.append((data, path.name))
            plan.parsing.append((index, path, source_hash))
        return plan

    def write_chunk(self, plan: _ChunkPlan, parsed: Future) -> list[ImportResult]:
        """Write the chunk's new articles; known items go through the one-file path."""
        results = plan.results
        items: list[tuple[int, Path, str, SourceItem]] = []
        for (index, path, source_hash), outcome in zip(plan.parsing, parsed.result(), strict=True):
            if isinstance(outcome, WireCopyError):
                results[index] = ImportResult(path, ImportOutcome.FAILED, error=str(outcome))
            else:
                items.append((index, path, source_hash, outcome))
        # An item's identity is inside the file, so what is new is known only once parsed,
        # and only now, after the previous chunk was written.
        taken = set(
            Article.objects.filter(
                source_id__in={item.wire.source_id for *_, item in items}
            ).values_list("source_id", flat=True)
        )
        new_files: list[_NewFile] = []
        changed: list[tuple[int, Path]] = []
        for index, path, source_hash, item in items:
            if item.wire.source_id in taken:
                # Known here, or a second version in this chunk: compared one by one, in order.
                changed.append((index, path))
            else:
                taken.add(item.wire.source_id)
                new_files.append(_NewFile(index, path, source_hash, item))

        if self.dry_run:
            for new_file in new_files:
                results[new_file.index] = ImportResult(new_file.path, ImportOutcome.CREATED)
            for index, path in changed:
                results[index] = import_wire_file(path, status=self.status, dry_run=True)
        else:
            try:
                with transaction.atomic():
                    self.create_articles(new_files)
                for new_file in new_files:
                    results[new_file.index] = ImportResult(new_file.path, ImportOutcome.CREATED)
            except DatabaseError:
                # Authors and slugs cached during the rolled-back chunk may not exist.
                self.authors.clear()
                self.slugs = SlugAllocator(Article)
                self.author_slugs = SlugAllocator(Author)
                self.representations = Representations()
                changed.extend((new_file.index, new_file.path) for new_file in new_files)
            # Updates are rare and carry the editors' state: the one-file path handles them.
            for index, path in sorted(changed):
                results[index] = import_one_reporting_database_errors(path, self.status)
        return [results[index] for index in range(len(plan.paths))]

    def author(self, entry: wire_copy.CreditEntry) -> Author:
        return self.authors[normalise_name(entry.name)]

    def learn_authors(self, entries: Iterable[wire_copy.CreditEntry]) -> None:
        """Find or create the chunk's authors, in two queries in all."""
        unknown = [entry for entry in entries if normalise_name(entry.name) not in self.authors]
        found = authors_for(
            ((entry.name, entry.kind.value) for entry in unknown), self.author_slugs
        )
        self.authors.update((author.name_key, author) for author in found)

    def create_articles(self, new_files: list[_NewFile]) -> None:
        """Write the chunk's new articles, their credits and one revision each."""
        if not new_files:
            return
        self.learn_authors(entry for new_file in new_files for entry in new_file.parsed.credits)
        self.slugs.learn_taken(new_file.parsed.headline for new_file in new_files)

        now = timezone.now()
        articles = []
        for new_file in new_files:
            article = new_article(new_file.item, self.status, now)
            article.slug = self.slugs.allocate(new_file.parsed.headline)
            apply_wire_copy(article, new_file.item, new_file.source_hash)
            articles.append(article)
        connection = transaction.get_connection()
        # On PostgreSQL, credits go in first, under article ids taken from the sequence
        # (foreign keys are checked at commit): the article's search-vector trigger then
        # sees its credits and builds the vector once, instead of a second update per
        # article when its credits arrive.
        credits_first = connection.vendor == "postgresql"
        if credits_first:
            for article, article_id in zip(
                articles, _next_ids(Article, len(articles)), strict=True
            ):
                article.pk = article_id
        else:
            Article.objects.bulk_create(articles)
        credits_by_article = [
            credits_for(article, new_file.parsed.credits, self.author)
            for article, new_file in zip(articles, new_files, strict=True)
        ]
        Credit.objects.bulk_create(credit for credits in credits_by_article for credit in credits)
        if credits_first:
            Article.objects.bulk_create(articles)
        propose_translations_of(articles)

        revisions = Revision.objects.bulk_create(
            Revision(date_created=now, comment=import_comment(new_file.path, new_file.parsed))
            for new_file in new_files
        )
        insert_versions(
            self.representations,
            [
                (revision, [article, *credits])
                for revision, article, credits in zip(
                    revisions, articles, credits_by_article, strict=True
                )
            ],
        )


def _next_ids(model, count: int) -> list[int]:
    """Reserve `count` primary keys from the model's PostgreSQL sequence."""
    connection = transaction.get_connection()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, model._meta.pk.column, count],
        )
        return [row[0] for row in cursor.fetchall()]
