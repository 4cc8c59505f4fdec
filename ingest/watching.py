"""Watching a drop folder: import each file once complete, then file it away."""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from pathlib import Path

import watchfiles
from django.db import DatabaseError, close_old_connections

from articles.models import ArticleStatus
from articles.services import import_failures
from ingest.one_file import import_one_reporting_database_errors
from ingest.results import ImportOutcome, ImportResult
from ingest.wire_files import WIRE_FILE_SUFFIXES, is_wire_file

logger = logging.getLogger(__name__)

PROCESSED_FOLDER = "processed"
FAILED_FOLDER = "failed"
# Names that FTP servers, sync tools and editors give files still being written.
TEMPORARY_SUFFIXES = (".tmp", ".part", ".partial", ".crdownload", ".swp", "~")
# A file counts as complete once its size and mtime have not moved for this long.
STABLE_SECONDS = 1.0
# How often the watcher wakes without an event, to import files that have settled.
TICK_MILLISECONDS = 250


def is_temporary_name(name: str) -> bool:
    """Whether a name is a dot-file or one a writer uses before the file is whole."""
    return name.startswith(".") or name.lower().endswith(TEMPORARY_SUFFIXES)


class DropFolder:
    """One watched folder: which files have settled, and where each one goes."""

    def __init__(self, folder: Path, *, status: str, stable_seconds: float) -> None:
        self.folder = folder
        self.status = status
        self.stable_seconds = stable_seconds
        self.processed = folder / PROCESSED_FOLDER
        self.failed = folder / FAILED_FOLDER
        # For each candidate: its last (size, mtime) and since when it has been so.
        self.seen: dict[Path, tuple[tuple[int, int], float]] = {}

    def prepare(self) -> None:
        """Create processed/ and failed/ if they are not there yet."""
        self.processed.mkdir(parents=True, exist_ok=True)
        self.failed.mkdir(parents=True, exist_ok=True)

    def settled_files(self) -> list[Path]:
        """Files whose size has been stable long enough, oldest first."""
        now = time.monotonic()
        settled: list[tuple[int, Path]] = []
        present: set[Path] = set()
        with os.scandir(self.folder) as entries:
            for entry in entries:
                if is_temporary_name(entry.name) or not entry.is_file(follow_symlinks=False):
                    continue
                path = Path(entry.path)
                present.add(path)
                stat = entry.stat(follow_symlinks=False)
                signature = (stat.st_size, stat.st_mtime_ns)
                previous = self.seen.get(path)
                if previous is None or previous[0] != signature:
                    self.seen[path] = (signature, now)
                elif now - previous[1] >= self.stable_seconds:
                    settled.append((stat.st_mtime_ns, path))
        for gone in self.seen.keys() - present:
            del self.seen[gone]
        return [path for _, path in sorted(settled)]

    def import_file(self, path: Path) -> ImportResult:
        """Import one settled file, move it to processed/ or failed/ and log one line."""
        self.seen.pop(path, None)
        if not is_wire_file(path):
            result = ImportResult(
                path,
                ImportOutcome.FAILED,
                error=f"not a wire file (expected {', '.join(WIRE_FILE_SUFFIXES)})",
            )
        else:
            # A long-lived process: drop connections the database has closed meanwhile.
            close_old_connections()
            try:
                result = import_one_reporting_database_errors(path, self.status)
            except Exception as error:
                # One file must never stop the watcher; the reason goes to its .error file.
                logger.exception("Importing %s raised", path.name)
                result = ImportResult(path, ImportOutcome.FAILED, error=repr(error))
        if result.outcome == ImportOutcome.FAILED:
            reason = " ".join(result.error.split()) or "failed"
            if not self.move(path, self.failed):
                return result
            (self.failed / f"{path.name}.error").write_text(reason + "\n", encoding="utf-8")
            self._tell_the_desk(import_failures.record_failure, path, reason)
            logger.warning(
                "%s: %s",
                path.name,
                reason,
                extra={"file": path.name, "outcome": str(result.outcome), "error": reason},
            )
        else:
            if not self.move(path, self.processed):
                return result
            # A file that failed before and now imports no longer needs anyone's attention.
            (self.failed / path.name).unlink(missing_ok=True)
            (self.failed / f"{path.name}.error").unlink(missing_ok=True)
            self._tell_the_desk(import_failures.forget_failure, path)
            logger.info(
                "%s: %s",
                path.name,
                result.outcome,
                extra={
                    "file": path.name,
                    "outcome": str(result.outcome),
                    "article_id": result.article.pk if result.article else None,
                },
            )
        return result

    def _tell_the_desk(self, record, path: Path, *reason: str) -> None:
        # The dashboard lists failures by the folder the file was dropped in.
        try:
            record(self.folder / path.name, *reason)
        except DatabaseError:
            # The .error file still says it; a database down must not stop the watcher.
            logger.exception("Could not record %s for the dashboard", path.name)

    def move(self, path: Path, folder: Path) -> bool:
        """Move a file into processed/ or failed/; False if the sender took it back."""
        try:
            os.replace(path, folder / path.name)
        except FileNotFoundError:
            logger.warning(
                "%s: gone before it could be filed", path.name, extra={"file": path.name}
            )
            return False
        return True


def watch_folder(
    folder: Path,
    *,
    status: str = ArticleStatus.PUBLISHED,
    stop: threading.Event | None = None,
    stable_seconds: float = STABLE_SECONDS,
) -> None:
    """Import files dropped into `folder` until `stop` is set (by SIGTERM if not given).

    Files already there at start are imported first: they arrived while the watcher
    was down. Stopping finishes the file in hand.
    """
    drop_folder = DropFolder(folder, status=status, stable_seconds=stable_seconds)
    if stop is None:
        # Before anything else, so a SIGTERM at any point from here on exits cleanly.
        stop = threading.Event()
        _stop_on_signals(stop)
    drop_folder.prepare()
    logger.info("Watching %s", folder, extra={"folder": str(folder)})
    drop_folder.settled_files()
    # watchfiles wakes us on every change and, with yield_on_timeout, every tick too:
    # a file is only complete once it has been still for a while, with no event to say so.
    for _changes in watchfiles.watch(
        folder,
        stop_event=stop,
        recursive=False,
        yield_on_timeout=True,
        rust_timeout=TICK_MILLISECONDS,
        raise_interrupt=False,
        debounce=TICK_MILLISECONDS,
    ):
        for path in drop_folder.settled_files():
            if stop.is_set():
                break
            drop_folder.import_file(path)
        if stop.is_set():
            break
    logger.info("Stopped watching %s", folder, extra={"folder": str(folder)})


def _stop_on_signals(stop: threading.Event) -> None:
    """SIGTERM (systemd's stop) and SIGINT set `stop` instead of killing the process."""
    for signal_number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signal_number, lambda *_: stop.set())
