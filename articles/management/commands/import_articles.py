"""Import wire-copy files (or folders of them) as articles."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from articles import services
from articles.models import ArticleStatus

# Below this many files a progress bar is noise; above it the summary comes late.
PROGRESS_BAR_THRESHOLD = 50


class Command(BaseCommand):
    help = (
        "Import wire-copy files as articles. PATH is a .txt file or a folder "
        "(every *.txt below it). Each file is all or nothing: a bad one never "
        "undoes the good ones."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Parse and report what would happen, write nothing.",
        )
        parser.add_argument(
            "--status",
            choices=[ArticleStatus.DRAFT, ArticleStatus.PUBLISHED],
            default=ArticleStatus.PUBLISHED,
            help="Status of newly created articles (default: published; wire copy is "
            "already published by its agency).",
        )

    def handle(self, *args, paths: list[Path], dry_run: bool, status: str, **options) -> None:
        verbosity = options["verbosity"]
        files = list(services.find_wire_files(paths))
        show_progress = (
            verbosity >= 1 and len(files) >= PROGRESS_BAR_THRESHOLD and sys.stdout.isatty()
        )
        progress = tqdm(total=len(files), unit="file", disable=not show_progress)

        def report(result: services.ImportResult) -> None:
            progress.update()
            if result.outcome == services.ImportOutcome.FAILED:
                message = f"{result.path}: {result.error}"
                if show_progress:
                    progress.write(message, file=sys.stderr)
                else:
                    self.stderr.write(message)
            elif verbosity >= 2:
                self.stdout.write(f"{result.path}: {result.outcome}")

        summary = services.import_wire_files(
            files, status=status, dry_run=dry_run, on_result=report
        )
        progress.close()
        prefix = "Dry run, nothing written: " if dry_run else ""
        self.stdout.write(f"{prefix}{summary}")
        if summary.failures:
            raise CommandError(
                f"{len(summary.failures)} of {len(files)} files failed", returncode=1
            )
