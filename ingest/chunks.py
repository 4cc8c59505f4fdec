"""The chunks an import is written in: files read, parsed, sorted, and their rows."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from pathlib import Path

from reversion.models import Revision

from articles.models import Author
from ingest.copying import NewRows
from ingest.formats import wire_copy
from ingest.formats.detection import SourceItem
from ingest.results import ImportResult


def chunks(paths: Iterable[Path], size: int) -> Iterator[list[Path]]:
    chunk: list[Path] = []
    for path in paths:
        chunk.append(path)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@dataclasses.dataclass(frozen=True)
class NewFile:
    index: int
    path: Path
    source_hash: str
    item: SourceItem

    @property
    def parsed(self) -> wire_copy.WireCopy:
        return self.item.wire


@dataclasses.dataclass
class ChunkRows:
    """A chunk's rows, built with their ids, for one transaction to write (PostgreSQL)."""

    authors: list[Author]
    articles: NewRows
    credits: NewRows
    revisions: list[Revision]
    versions: list[tuple]


@dataclasses.dataclass
class PreparedChunk:
    """A chunk parsed and sorted: what is new, what the one-file path compares, the rows."""

    size: int
    results: dict[int, ImportResult]
    new_files: list[NewFile] = dataclasses.field(default_factory=list)
    changed: list[tuple[int, Path]] = dataclasses.field(default_factory=list)
    rows: ChunkRows | None = None


@dataclasses.dataclass
class ChunkPlan:
    """A chunk read and sorted: results known already, and what is left to parse."""

    paths: list[Path]
    results: dict[int, ImportResult] = dataclasses.field(default_factory=dict)
    to_parse: list[tuple[bytes, str]] = dataclasses.field(default_factory=list)
    # For each file to parse: its index, path and hash.
    parsing: list[tuple[int, Path, str]] = dataclasses.field(default_factory=list)
