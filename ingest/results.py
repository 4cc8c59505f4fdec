"""What an import reports: each file's outcome and the run's summary."""

from __future__ import annotations

import collections
import dataclasses
import enum
from pathlib import Path

from articles.models import Article


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


class ImportSummary:
    """The run's counts and failures, and every file's result if asked to keep them.

    A command importing a million files reports each result as it comes and keeps
    only the counts and the failures, so its memory does not grow with the run.
    """

    def __init__(self, *, keep_results: bool = True) -> None:
        self.results: list[ImportResult] = []
        self.failures: list[ImportResult] = []
        self.keep_results = keep_results
        self.counts: collections.Counter[ImportOutcome] = collections.Counter()

    def add(self, result: ImportResult) -> None:
        self.counts[result.outcome] += 1
        if result.outcome == ImportOutcome.FAILED:
            self.failures.append(result)
        if self.keep_results:
            self.results.append(result)

    @property
    def files(self) -> int:
        return self.counts.total()

    def count(self, outcome: ImportOutcome) -> int:
        return self.counts[outcome]

    def __str__(self) -> str:
        return ", ".join(f"{self.count(outcome)} {outcome}" for outcome in ImportOutcome)
