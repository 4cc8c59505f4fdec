"""What an import never reads: files over 50 MB, FIFOs and devices. The good files still land."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from articles.models import Article
from ingest import importer
from tests.ingest.test_import import ENGLISH_WIRE, run_import, write

pytestmark = pytest.mark.django_db(transaction=True)

LIMIT = 50 * 1024 * 1024


def sparse_file(path: Path, size: int) -> Path:
    """A file of ``size`` bytes that takes no room on disk."""
    with path.open("wb") as file:
        file.truncate(size)
    return path


def run_import_in_time(*args: str, unblock: Path | None = None) -> tuple[str, str, int]:
    """The command, or a failure if it has not finished within 30 s (then unblocked)."""
    outcome: list[tuple[str, str, int]] = []
    worker = threading.Thread(target=lambda: outcome.append(run_import(*args)), daemon=True)
    worker.start()
    worker.join(timeout=30)
    if worker.is_alive() and unblock is not None:
        with unblock.open("wb"):  # a writer lets a blocked reader of the FIFO go on
            pass
        worker.join(timeout=30)
    assert outcome, "the import hung"
    return outcome[0]


def test_a_file_over_50_mb_is_refused_before_it_is_read(tmp_path):
    huge = sparse_file(tmp_path / "huge.txt", LIMIT + 1)
    good = write(tmp_path, "good.txt", ENGLISH_WIRE)

    stdout, stderr, status = run_import_in_time(str(huge), str(good))

    assert status == 1
    assert stderr.splitlines()[0] == (
        f"{huge}: file of 52,428,801 bytes is over the 50 MB limit for one news item"
    )
    assert stdout.strip() == "1 created, 0 updated, 0 unchanged, 1 failed"
    assert list(Article.objects.values_list("source_id", flat=True)) == ["good"]


def test_a_file_of_exactly_50_mb_is_read(tmp_path):
    # Read, then refused by the parser as no wire copy: the limit itself lets it through.
    exact = sparse_file(tmp_path / "exact.txt", LIMIT)

    result = importer.import_wire_file(exact)

    assert "over the 50 MB limit" not in result.error


def test_a_fifo_is_refused_and_the_files_after_it_are_imported(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    good = write(tmp_path, "good.txt", ENGLISH_WIRE)

    _, stderr, status = run_import_in_time(str(fifo), str(good), unblock=fifo)

    assert status == 1
    assert stderr.splitlines()[0] == (
        f"{fifo}: not a regular file (a FIFO, device or socket is never read)"
    )
    assert list(Article.objects.values_list("source_id", flat=True)) == ["good"]


def test_a_device_is_refused_by_both_import_paths(tmp_path):
    good = write(tmp_path, "good.txt", ENGLISH_WIRE)

    one = importer.import_wire_file(Path("/dev/zero"))
    _, stderr, status = run_import_in_time("/dev/zero", str(good))

    assert one.error == "not a regular file (a FIFO, device or socket is never read)"
    assert stderr.splitlines()[0].startswith("/dev/zero: not a regular file")
    assert status == 1
    assert list(Article.objects.values_list("source_id", flat=True)) == ["good"]
