"""Writing one chunk of an import on a second connection while the next one is built."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Generic, TypeVar

from django.db import connections

Result = TypeVar("Result")


class WritingBehind(Generic[Result]):
    """Runs writes one at a time, in order, in a thread with its own database connection.

    At most one write is in flight: handing over the next waits for the one before, so
    the import holds two chunks at most, and a chunk is built while the previous one is
    written (Python on one core, PostgreSQL's triggers and indexes on the other). When
    not ``enabled`` each write runs at once, in the caller's thread and transaction.
    """

    def __init__(self, *, enabled: bool) -> None:
        self.executor = (
            ThreadPoolExecutor(1, thread_name_prefix="import-writer") if enabled else None
        )
        self.in_flight: Future | None = None

    def __enter__(self) -> WritingBehind[Result]:
        return self

    def __exit__(self, *exc_info) -> None:
        if self.executor is None:
            return
        # The thread's connection is its own: closed there, or it would stay open.
        self.executor.submit(connections.close_all)
        self.executor.shutdown(wait=True)
        self.executor = None

    def hand_over(self, write: Callable[[], Result]) -> list[Result]:
        """Start the write; what the writes finished meanwhile gave, in order."""
        if self.executor is None:
            return [write()]
        finished = self.finish()
        self.in_flight = self.executor.submit(write)
        return finished

    def finish(self) -> list[Result]:
        """Wait for the write in flight, if any: its result (its error is raised here)."""
        if self.in_flight is None:
            return []
        in_flight, self.in_flight = self.in_flight, None
        return [in_flight.result()]
