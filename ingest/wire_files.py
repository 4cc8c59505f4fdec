"""Which files an import reads, and the article each one stands for."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from ingest.formats.detection import sniff_kind
from ingest.formats.item_fields import MAX_ITEM_BYTES, WireItemError, check_item_size

WIRE_FILE_SUFFIX = ".txt"
# What a folder is searched for: plain wire copy and the IPTC formats. The format itself
# is told from the content, never from the name.
WIRE_FILE_SUFFIXES = (".txt", ".xml", ".json")


def find_wire_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Each path itself if a file, else every wire file below it, sorted so runs repeat."""
    for path in paths:
        if path.is_dir():
            yield from _wire_files_below(path)
        else:
            # A missing path is yielded too: importing it reports the error by name.
            yield path


def _wire_files_below(folder: Path) -> Iterator[Path]:
    """The folder's wire files in the order of sorted paths, one folder listed at a time.

    Names in order, each subfolder walked where its name falls, is the order sorting
    every path would give, without holding a million paths before the first import.
    Symbolic links to folders are not followed, as Path.rglob does not follow them.
    """
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return
    for name in names:
        path = folder / name
        if path.is_dir() and not path.is_symlink():
            yield from _wire_files_below(path)
        elif is_wire_file(path) and path.is_file() and not is_django_fixture(path):
            yield path


def source_id_for(path: Path) -> str:
    """A plain wire copy's source identifier: the file's name without .txt."""
    return path.name.removesuffix(WIRE_FILE_SUFFIX)


class UnreadableWireFile(OSError):
    """A path that is not one regular file within the size limit: it is never read."""


def read_wire_file(path: Path) -> bytes:
    """The bytes of a wire file; raises OSError (UnreadableWireFile) for what must not be read.

    A FIFO would block the import for ever and /dev/zero would read until memory runs
    out, so anything but a regular file is refused; so is a file over the size limit,
    before a byte of it is read.
    """
    # O_NONBLOCK: opening a FIFO for reading otherwise waits for a writer.
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(descriptor, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableWireFile("not a regular file (a FIFO, device or socket is never read)")
        try:
            check_item_size(info.st_size)
            # At most one byte past the limit: a file still growing cannot slip through.
            data = file.read(MAX_ITEM_BYTES + 1)
            check_item_size(len(data))
        except WireItemError as error:
            raise UnreadableWireFile(str(error)) from None
    return data


def is_wire_file(path: Path) -> bool:
    """Whether a folder's file is one the importer reads (by its name: .txt, .xml, .json)."""
    return path.suffix.lower() in WIRE_FILE_SUFFIXES


@dataclasses.dataclass(frozen=True)
class ReadFile:
    """A file's bytes and their SHA-256, or why it could not be read."""

    path: Path
    data: bytes = b""
    source_hash: str = ""
    error: str = ""


def read_hashed(path: Path) -> ReadFile:
    """A wire file read (as read_wire_file allows) and hashed; never raises for bad input."""
    try:
        data = read_wire_file(path)
    except OSError as error:
        return ReadFile(path, error=error.strerror or str(error))
    return ReadFile(path, data, hashlib.sha256(data).hexdigest())


def is_known_copy(path: Path, data: bytes, source_id: str) -> bool:
    """Whether a file whose bytes an article already holds is that article's own copy.

    An IPTC item carries its identity inside, so the same bytes are the same item; plain
    wire copy is named by its file, so identical text under another name is another article.
    """
    if sniff_kind(data) != "text":
        return True
    return source_id == source_id_for(path)


def is_django_fixture(path: Path) -> bool:
    """Whether a .json file is a Django fixture (a list), which a folder's import leaves alone.

    fixtures/ holds the wire files and the fixture made from them (loaddata seed); a ninjs
    item is one object per file, so a list is never one.
    """
    if path.suffix.lower() != ".json":
        return False
    try:
        with path.open("rb") as file:
            start = file.read(64)
    except OSError:
        return False
    return start.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"[")
