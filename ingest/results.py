"""What an import reports: each file's outcome and the run's summary."""

from __future__ import annotations

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
