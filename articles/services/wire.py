"""Wire copy in and out: import files as articles, export articles as files.

Commands, admin actions and tests all call these; they hold the rules, the
callers only wire them.

Importing many files batches its writes (see ``import_wire_files``) but keeps
every per-file guarantee of ``import_wire_file``: a file lands whole or not at
all, a bad file never costs the good ones, an unchanged file writes nothing,
and each imported file gets its own revision.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.text import slugify
from reversion.models import Revision, Version
from reversion.revisions import _get_options as reversion_options

from articles import wire_copy
from articles.models import (
    Article,
    ArticleStatus,
    Author,
    AuthorKind,
    Credit,
    DatePrecision,
    normalise_name,
)

WIRE_FILE_SUFFIX = ".txt"
# Files written per transaction by import_wire_files: large enough that per-transaction
# costs vanish, small enough that a chunk retried file by file after an error is quick.
IMPORT_CHUNK_SIZE = 500


class ImportOutcome(enum.StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    FAILED = "failed"


@dataclasses.dataclass(frozen=True)
class ImportResult:
    path: Path
    outcome: ImportOutcome
    article: Article | None = None
    error: str = ""


@dataclasses.dataclass
class ImportSummary:
    results: list[ImportResult] = dataclasses.field(default_factory=list)

    def count(self, outcome: ImportOutcome) -> int:
        return sum(1 for result in self.results if result.outcome == outcome)

    @property
    def failures(self) -> list[ImportResult]:
        return [result for result in self.results if result.outcome == ImportOutcome.FAILED]

    def __str__(self) -> str:
        return ", ".join(f"{self.count(outcome)} {outcome}" for outcome in ImportOutcome)


def find_wire_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Each path itself if a file, else every *.txt below it, sorted so runs are repeatable."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob(f"*{WIRE_FILE_SUFFIX}") if p.is_file())
        else:
            # A missing path is yielded too: importing it reports the error by name.
            yield path


def source_id_for(path: Path) -> str:
    return path.name.removesuffix(WIRE_FILE_SUFFIX)


def import_wire_file(
    path: Path,
    *,
    status: str = ArticleStatus.PUBLISHED,
    dry_run: bool = False,
    user=None,
) -> ImportResult:
    """Import one wire file in its own transaction; never raises for bad input."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return ImportResult(path, ImportOutcome.FAILED, error=error.strerror or str(error))
    source_id = source_id_for(path)
    source_hash = hashlib.sha256(data).hexdigest()

    existing = Article.objects.filter(source_id=source_id).first()
    # The hash check comes first so that an unchanged file writes nothing, not even updated_at.
    if existing is not None and existing.source_hash == source_hash:
        return ImportResult(path, ImportOutcome.UNCHANGED, existing)

    try:
        text = wire_copy.decode_wire_copy(data)
        parsed = wire_copy.parse_wire_copy(text, source_id)
    except wire_copy.WireCopyError as error:
        return ImportResult(path, ImportOutcome.FAILED, error=str(error))

    outcome = ImportOutcome.CREATED if existing is None else ImportOutcome.UPDATED
    if dry_run:
        return ImportResult(path, outcome, existing)

    with transaction.atomic(), reversion.create_revision():
        article = save_wire_copy(
            parsed,
            source_text=text,
            source_hash=source_hash,
            article=existing,
            status=status,
        )
        # The article was recorded when saved, before its credits existed (bulk-created
        # credits send no signal): record it again now that the credits can be followed.
        reversion.add_to_revision(article)
        reversion.set_comment(f"Imported from {path.name}")
        if user is not None:
            reversion.set_user(user)
    return ImportResult(path, outcome, article)


def import_wire_files(
    paths: Iterable[Path],
    *,
    status: str = ArticleStatus.PUBLISHED,
    dry_run: bool = False,
    on_result: Callable[[ImportResult], None] | None = None,
    chunk_size: int = IMPORT_CHUNK_SIZE,
) -> ImportSummary:
    """Import every file; a bad file is reported and never stops the good ones.

    New files are written in chunks, one transaction and a few bulk statements per
    chunk. If the database refuses a chunk, it is rolled back and its files are
    imported one by one, each in its own transaction, so only the bad file fails.
    Results from here carry no article, to keep a large run's memory flat.
    """
    summary = ImportSummary()
    run = _ImportRun(status=status, dry_run=dry_run)
    with _ParsingAhead() as parsing:
        # While one chunk is written, the next one is parsed in another process: the
        # database and the parser each keep a core busy instead of taking turns.
        pending: tuple[_ChunkPlan, Future] | None = None
        for chunk in _chunks(paths, chunk_size):
            plan = run.plan_chunk(chunk)
            parsed = parsing.submit(plan.to_parse)
            if pending is not None:
                _report(run.write_chunk(*pending), summary, on_result)
            pending = (plan, parsed)
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


class _ParsingAhead:
    """Parses chunks in one worker process, from the second chunk on.

    A run of one chunk (an upload, a test), or of unchanged files, parses in place and
    starts no process.
    """

    def __init__(self) -> None:
        self.executor: ProcessPoolExecutor | None = None
        self.submitted = 0

    def __enter__(self) -> _ParsingAhead:
        return self

    def __exit__(self, *exc_info) -> None:
        if self.executor is not None:
            self.executor.shutdown(cancel_futures=True)

    def submit(self, files: list[tuple[bytes, str]]) -> Future:
        self.submitted += 1
        if self.submitted == 1 or not files:
            done: Future = Future()
            done.set_result(wire_copy.decode_and_parse_wire_copies(files))
            return done
        if self.executor is None:
            # spawn, not fork: the importer may run in a threaded server process.
            self.executor = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
        return self.executor.submit(wire_copy.decode_and_parse_wire_copies, files)


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
    text: str
    source_hash: str
    parsed: wire_copy.WireCopy


@dataclasses.dataclass
class _ChunkPlan:
    """A chunk read and sorted: results known already, and what is left to parse."""

    paths: list[Path]
    results: dict[int, ImportResult] = dataclasses.field(default_factory=dict)
    to_parse: list[tuple[bytes, str]] = dataclasses.field(default_factory=list)
    # For each file to parse: its index, path, hash and whether it is new here.
    parsing: list[tuple[int, Path, str, bool]] = dataclasses.field(default_factory=list)


class _ImportRun:
    """One run of import_wire_files: the authors and slugs it has seen, across chunks."""

    def __init__(self, *, status: str, dry_run: bool) -> None:
        self.status = status
        self.dry_run = dry_run
        self.authors: dict[str, Author] = {}
        self.slugs = _SlugAllocator(Article)
        self.author_slugs = _SlugAllocator(Author)
        self.representations = _Representations()

    def plan_chunk(self, paths: list[Path]) -> _ChunkPlan:
        """Read a chunk and tell apart what is unchanged, unreadable and to parse."""
        plan = _ChunkPlan(paths)
        read: list[tuple[int, Path, bytes, str]] = []
        for index, path in enumerate(paths):
            try:
                data = path.read_bytes()
            except OSError as error:
                message = error.strerror or str(error)
                plan.results[index] = ImportResult(path, ImportOutcome.FAILED, error=message)
                continue
            read.append((index, path, data, hashlib.sha256(data).hexdigest()))

        # Read before the previous chunk is written: a file named again in the next
        # chunk looks new twice, and the second chunk's insert is refused and redone
        # file by file, which imports it as the update it is.
        known_hashes = dict(
            Article.objects.filter(
                source_id__in={source_id_for(path) for _, path, _, _ in read}
            ).values_list("source_id", "source_hash")
        )
        for index, path, data, source_hash in read:
            source_id = source_id_for(path)
            if known_hashes.get(source_id) == source_hash:
                plan.results[index] = ImportResult(path, ImportOutcome.UNCHANGED)
                continue
            is_new = source_id not in known_hashes
            # A second file with the same name in this chunk updates the first one.
            known_hashes[source_id] = source_hash
            plan.to_parse.append((data, source_id))
            plan.parsing.append((index, path, source_hash, is_new))
        return plan

    def write_chunk(self, plan: _ChunkPlan, parsed: Future) -> list[ImportResult]:
        """Write the chunk's new articles; changed files go through the one-file path."""
        results = plan.results
        new_files: list[_NewFile] = []
        changed: list[tuple[int, Path]] = []
        for (index, path, source_hash, is_new), outcome in zip(
            plan.parsing, parsed.result(), strict=True
        ):
            if isinstance(outcome, wire_copy.WireCopyError):
                results[index] = ImportResult(path, ImportOutcome.FAILED, error=str(outcome))
            elif is_new:
                text, wire = outcome
                new_files.append(_NewFile(index, path, text, source_hash, wire))
            else:
                changed.append((index, path))

        if self.dry_run:
            for new_file in new_files:
                results[new_file.index] = ImportResult(new_file.path, ImportOutcome.CREATED)
            for index, path in changed:
                results[index] = ImportResult(path, ImportOutcome.UPDATED)
        else:
            try:
                with transaction.atomic():
                    self.create_articles(new_files)
                for new_file in new_files:
                    results[new_file.index] = ImportResult(new_file.path, ImportOutcome.CREATED)
            except DatabaseError:
                # Authors and slugs cached during the rolled-back chunk may not exist.
                self.authors.clear()
                self.slugs = _SlugAllocator(Article)
                self.author_slugs = _SlugAllocator(Author)
                self.representations = _Representations()
                changed.extend((new_file.index, new_file.path) for new_file in new_files)
            # Updates are rare and carry the editors' state: the one-file path handles them.
            for index, path in sorted(changed):
                results[index] = _import_one_reporting_database_errors(path, self.status)
        return [results[index] for index in range(len(plan.paths))]

    def author(self, entry: wire_copy.CreditEntry) -> Author:
        key = normalise_name(entry.name)
        if key not in self.authors:
            self.authors[key] = author_for(entry.name, AuthorKind(entry.kind.value))
        return self.authors[key]

    def learn_authors(self, entries: Iterable[wire_copy.CreditEntry]) -> None:
        """Find the chunk's authors in one query; create the new ones in another."""
        unknown = {}
        for entry in entries:
            key = normalise_name(entry.name)
            if key not in self.authors:
                unknown.setdefault(key, entry)  # the first spelling seen is kept
        self.authors.update(
            (author.name_key, author) for author in Author.objects.filter(name_key__in=unknown)
        )
        new_entries = [entry for key, entry in unknown.items() if key not in self.authors]
        self.author_slugs.learn_taken(entry.name for entry in new_entries)
        created = Author.objects.bulk_create(
            Author(
                name=" ".join(entry.name.split()),
                name_key=normalise_name(entry.name),
                kind=AuthorKind(entry.kind.value),
                slug=self.author_slugs.allocate(entry.name),
            )
            for entry in new_entries
        )
        self.authors.update((author.name_key, author) for author in created)

    def create_articles(self, new_files: list[_NewFile]) -> None:
        """Write the chunk's new articles, their credits and one revision each."""
        if not new_files:
            return
        self.learn_authors(entry for new_file in new_files for entry in new_file.parsed.credits)
        self.slugs.learn_taken(new_file.parsed.headline for new_file in new_files)

        now = timezone.now()
        articles = []
        for new_file in new_files:
            article = Article(
                source_id=new_file.parsed.source_id,
                slug=self.slugs.allocate(new_file.parsed.headline),
                status=self.status,
                published_at=now if self.status == ArticleStatus.PUBLISHED else None,
            )
            _apply_wire_copy(article, new_file.parsed, new_file.text, new_file.source_hash)
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
            [
                Credit(
                    article=article,
                    author=self.author(entry),
                    role=entry.role.value,
                    note=entry.note,
                    position=position,
                )
                for position, entry in enumerate(new_file.parsed.credits)
            ]
            for article, new_file in zip(articles, new_files, strict=True)
        ]
        Credit.objects.bulk_create(credit for credits in credits_by_article for credit in credits)
        if credits_first:
            Article.objects.bulk_create(articles)

        revisions = Revision.objects.bulk_create(
            Revision(date_created=now, comment=f"Imported from {new_file.path.name}")
            for new_file in new_files
        )
        _insert_versions(
            self.representations,
            [
                (revision, [article, *credits])
                for revision, article, credits in zip(
                    revisions, articles, credits_by_article, strict=True
                )
            ],
        )


def _insert_versions(
    representations: _Representations, revisions_and_objects: list[tuple[Revision, list]]
) -> None:
    """Store what reversion.create_revision() would for these objects, in bulk.

    django-reversion has no bulk API; this mirrors its own Version construction (same
    fields, same JSON) so that history, comparison and revert treat these revisions
    like any other. On PostgreSQL the rows go in through COPY: versions are the
    largest rows an import writes, and building a model instance for each costs more
    than writing it.
    """
    connection = transaction.get_connection()
    pairs = [(revision, obj) for revision, objects in revisions_and_objects for obj in objects]
    by_model: dict[type, list[tuple[Revision, object]]] = {}
    for revision, obj in pairs:
        by_model.setdefault(type(obj), []).append((revision, obj))
    rows = []
    for model, model_pairs in by_model.items():
        options = reversion_options(model)
        objects = [obj for _, obj in model_pairs]
        # reversion stores a one-object list in `format`; JSON is its default and ours.
        data = serializers.serialize(
            "python",
            objects,
            fields=options.fields,
            use_natural_foreign_keys=options.use_natural_foreign_keys,
        )
        content_type_id = ContentType.objects.get_for_model(model).pk
        for (revision, obj), entry in zip(model_pairs, data, strict=True):
            serialized = (
                json.dumps([entry], cls=DjangoJSONEncoder)
                if options.format == "json"
                else serializers.serialize(options.format, (obj,), fields=options.fields)
            )
            rows.append(
                (
                    revision.pk,
                    force_str(obj.pk),
                    content_type_id,
                    connection.alias,
                    options.format,
                    serialized,
                    representations.of(obj),
                )
            )
    columns = ["revision", "object_id", "content_type", "db", "format", "serialized_data"]
    columns.append("object_repr")
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(Version._meta.db_table)
        names = ", ".join(
            connection.ops.quote_name(Version._meta.get_field(name).column) for name in columns
        )
        with (
            connection.connection.cursor() as cursor,
            cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
    else:
        Version.objects.bulk_create(
            Version(
                **{
                    f"{column}_id" if column in {"revision", "content_type"} else column: value
                    for column, value in zip(columns, row, strict=True)
                }
            )
            for row in rows
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


class _Representations:
    """str() of each object, as reversion records it; a credit's depends on role and author only.

    Rendering a credit's role label goes through translation machinery: doing it once
    per role and author instead of once per credit is a measurable part of an import.
    """

    def __init__(self) -> None:
        self.seen: dict[tuple, str] = {}

    def of(self, obj) -> str:
        if not isinstance(obj, Credit):
            return force_str(obj)
        key = (obj.role, obj.author_id)
        if key not in self.seen:
            self.seen[key] = force_str(obj)
        return self.seen[key]


def _import_one_reporting_database_errors(path: Path, status: str) -> ImportResult:
    try:
        return import_wire_file(path, status=status)
    except DatabaseError as error:
        # The file parsed but the database refused it (say, a headline over the limit).
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return ImportResult(path, ImportOutcome.FAILED, error=f"the database refused it: {reason}")


class _SlugAllocator:
    """Unique slugs of a model for a whole run: a query per chunk, not one per object.

    Gives the slugs ``unique_article_slug`` and ``unique_author_slug`` would: the
    text's, else -2, -3, ...
    """

    def __init__(self, model: type[Article] | type[Author]) -> None:
        self.model = model
        self.max_length = model._meta.get_field("slug").max_length
        self.taken: set[str] = set()
        self.fully_known: set[str] = set()
        self.next_suffix: dict[str, int] = {}

    def base(self, headline: str) -> str:
        return slugify(headline)[: self.max_length].strip("-") or "untitled"

    def learn_taken(self, headlines: Iterable[str]) -> None:
        bases = {self.base(headline) for headline in headlines} - self.taken
        self.taken.update(self.model.objects.filter(slug__in=bases).values_list("slug", flat=True))

    def allocate(self, headline: str) -> str:
        base = self.base(headline)
        if base not in self.taken:
            self.taken.add(base)
            return base
        if base not in self.fully_known:
            # Every "-N" variant shares this prefix, even when the suffix shortened the base.
            stem = base[: self.max_length - 8]
            self.taken.update(
                self.model.objects.filter(slug__startswith=stem).values_list("slug", flat=True)
            )
            self.fully_known.add(base)
        suffix = self.next_suffix.get(base, 2)
        while True:
            tail = f"-{suffix}"
            slug = base[: self.max_length - len(tail)].rstrip("-") + tail
            suffix += 1
            if slug not in self.taken:
                break
        self.next_suffix[base] = suffix
        self.taken.add(slug)
        return slug


def save_wire_copy(
    parsed: wire_copy.WireCopy,
    *,
    source_text: str,
    source_hash: str,
    article: Article | None = None,
    status: str = ArticleStatus.PUBLISHED,
) -> Article:
    """Write a parsed wire copy as a new article or over an existing one, credits included."""
    if article is None:
        article = Article(source_id=parsed.source_id, slug=unique_article_slug(parsed.headline))
        article.status = status
        article.published_at = timezone.now() if status == ArticleStatus.PUBLISHED else None
    else:
        # Editors' workflow state survives a re-import; only the content follows the source.
        article.version += 1
    _apply_wire_copy(article, parsed, source_text, source_hash)
    article.save()

    article.credits.all().delete()
    Credit.objects.bulk_create(
        Credit(
            article=article,
            author=author_for(entry.name, AuthorKind(entry.kind.value)),
            role=entry.role.value,
            note=entry.note,
            position=position,
        )
        for position, entry in enumerate(parsed.credits)
    )
    return article


def _apply_wire_copy(
    article: Article, parsed: wire_copy.WireCopy, source_text: str, source_hash: str
) -> None:
    """Set the article's content fields from the parsed file; saves nothing."""
    article.headline = parsed.headline
    article.language = parsed.language
    article.date = parsed.date
    article.date_precision = DatePrecision(parsed.date_precision.value)
    dateline = parsed.dateline
    article.dateline_place = dateline.place if dateline else ""
    article.dateline_source = dateline.source if dateline else ""
    article.dateline_date = dateline.date if dateline else ""
    article.photo_credit = parsed.photo_credit or ""
    article.body = parsed.body
    article.source_text = source_text
    article.source_hash = source_hash


def author_for(name: str, kind: str = AuthorKind.PERSON) -> Author:
    """The one author of this name, matched without case, accents or extra spaces."""
    author = Author.objects.filter(name_key=normalise_name(name)).first()
    if author is not None:
        return author
    author = Author(name=" ".join(name.split()), kind=kind, slug=unique_author_slug(name))
    author.save()
    return author


def _unique_slug(text: str, taken: Callable[[str], bool], max_length: int) -> str:
    # slugify folds accents to ASCII ("é" -> "e"), which is what readers type in URLs.
    base = slugify(text)[:max_length].strip("-") or "untitled"
    slug, suffix = base, 2
    while taken(slug):
        tail = f"-{suffix}"
        slug = base[: max_length - len(tail)].rstrip("-") + tail
        suffix += 1
    return slug


def unique_article_slug(headline: str) -> str:
    max_length = Article._meta.get_field("slug").max_length
    return _unique_slug(
        headline, lambda slug: Article.objects.filter(slug=slug).exists(), max_length
    )


def unique_author_slug(name: str) -> str:
    max_length = Author._meta.get_field("slug").max_length
    return _unique_slug(name, lambda slug: Author.objects.filter(slug=slug).exists(), max_length)


def wire_copy_from_article(article: Article) -> wire_copy.WireCopy:
    """The article as it stands now, in the parser's terms (credits in order)."""
    dateline = None
    if article.dateline_place or article.dateline_source:
        dateline = wire_copy.Dateline(
            place=article.dateline_place,
            source=article.dateline_source,
            date=article.dateline_date,
        )
    return wire_copy.WireCopy(
        source_id=article.source_id,
        language=article.language,
        date=article.date,
        date_precision=wire_copy.DatePrecision(article.date_precision),
        headline=article.headline,
        body=article.body,
        photo_credit=article.photo_credit or None,
        dateline=dateline,
        credits=tuple(
            wire_copy.CreditEntry(
                role=wire_copy.CreditRole(credit.role),
                name=credit.author.name,
                note=credit.note,
                kind=wire_copy.AuthorKind(credit.author.kind),
            )
            for credit in article.credit_list
        ),
    )


def wire_text_for(article: Article) -> str:
    """The source verbatim while the article says what it says; a fresh rendering once edited."""
    current = wire_copy_from_article(article)
    if article.source_text:
        try:
            if wire_copy.parse_wire_copy(article.source_text, article.source_id) == current:
                return article.source_text
        except wire_copy.WireCopyError:
            pass
    return wire_copy.render_wire_copy(current)


def export_articles(directory: Path, articles: Iterable[Article] | None = None) -> list[Path]:
    """Write each article as <source_id>.txt in the wire format; returns the files written."""
    directory.mkdir(parents=True, exist_ok=True)
    if articles is None:
        articles = Article.objects.with_credits().order_by("source_id")
    written = []
    for article in articles:
        path = directory / f"{article.source_id}{WIRE_FILE_SUFFIX}"
        path.write_bytes(wire_text_for(article).encode("utf-8"))
        written.append(path)
    return written
