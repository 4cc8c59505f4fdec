"""Recording the drop folder's failed files, and forgetting them once they import."""

from __future__ import annotations

from pathlib import Path

from articles.import_failures import ImportFailure

# A reason is one line for the dashboard; the full text is in failed/<name>.error.
MAX_REASON_LENGTH = 2000


def record_failure(path: Path, reason: str) -> ImportFailure:
    """Remember that ``path`` failed and why (the latest reason replaces an earlier one)."""
    failure, _ = ImportFailure.objects.update_or_create(
        folder=str(path.parent),
        file_name=path.name,
        defaults={"reason": " ".join(reason.split())[:MAX_REASON_LENGTH]},
    )
    return failure


def forget_failure(path: Path) -> None:
    """The file has now imported: it no longer needs anyone's attention."""
    ImportFailure.objects.filter(folder=str(path.parent), file_name=path.name).delete()
