"""Parsing the next chunk of wire files in a worker process while this one is written."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor

from ingest.formats.detection import read_source_items

# How often the worker checks that the importer that started it is still alive.
PARENT_CHECK_SECONDS = 0.5


class ParsingAhead:
    """Parses chunks in one worker process, from the second chunk on.

    A run of one chunk (an upload, a test), or of unchanged files, parses in place and
    starts no process.
    """

    def __init__(self) -> None:
        self.executor: ProcessPoolExecutor | None = None
        self.submitted = 0

    def __enter__(self) -> ParsingAhead:
        return self

    def __exit__(self, *exc_info) -> None:
        # Every exit path (the end, an error, SIGTERM's early stop) ends the worker.
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = None

    def submit(self, files: list[tuple[bytes, str]]) -> Future:
        """Read (data, file name) pairs; the future holds each one's item or error."""
        self.submitted += 1
        if self.submitted == 1 or not files:
            done: Future = Future()
            done.set_result(read_source_items(files))
            return done
        if self.executor is None:
            # spawn, not fork: the importer may run in a threaded server process.
            self.executor = ProcessPoolExecutor(
                1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=exit_with_parent,
                initargs=(os.getpid(),),
            )
        return self.executor.submit(read_source_items, files)


def exit_with_parent(parent_pid: int) -> None:
    """In the worker: exit once the importer is gone, even killed with SIGKILL.

    Without this the worker, and multiprocessing's resource tracker that it keeps
    open, outlive a killed importer.
    """

    # A SIGTERM or Ctrl-C sent to the whole process group is the importer's to handle:
    # it finishes the chunk in hand, which needs this worker alive until then.
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch_parent() -> None:
        while os.getppid() == parent_pid:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(0)

    threading.Thread(target=watch_parent, name="exit-with-parent", daemon=True).start()
