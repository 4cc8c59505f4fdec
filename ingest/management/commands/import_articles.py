"""Import wire-copy files (or folders of them) as articles."""

import signal
import sys
import threading
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from articles.models import ArticleStatus
from ingest import importer, statistics, watching

# Below this many files a progress bar is noise; above it the summary comes late.
PROGRESS_BAR_THRESHOLD = 50


class Command(BaseCommand):
    help = (
        "Import wire-copy files as articles. PATH is a .txt file or a folder "
        "(every *.txt below it). Each file is all or nothing: a bad one never "
        "undoes the good ones. With --watch DIR, keeps running and imports each "
        "file dropped into DIR."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="*", type=Path, metavar="PATH")
        parser.add_argument(
            "--watch",
            type=Path,
            metavar="DIR",
            help="Keep running: import each file that appears in DIR once complete, "
            "then move it to DIR/processed/ or DIR/failed/ (with NAME.error).",
        )
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

    def handle(
        self,
        *args,
        paths: list[Path],
        dry_run: bool,
        status: str,
        watch: Path | None,
        **options,
    ) -> None:
        if watch is not None:
            if paths or dry_run:
                raise CommandError("--watch takes no PATH and no --dry-run")
            if not watch.is_dir():
                raise CommandError(f"{watch}: not a folder")
            watching.watch_folder(watch, status=status)
            return
        if not paths:
            raise CommandError("give a PATH to import, or --watch DIR")
        verbosity = options["verbosity"]
        # Counted first, then found again as the import goes: a million paths held in a list
        # would make the run's memory grow with the archive it imports.
        total = sum(1 for _ in importer.find_wire_files(paths))
        files = importer.find_wire_files(paths)
        show_progress = verbosity >= 1 and total >= PROGRESS_BAR_THRESHOLD and sys.stdout.isatty()
        progress = tqdm(total=total, unit="file", disable=not show_progress)

        def report(result: importer.ImportResult) -> None:
            progress.update()
            if result.outcome == importer.ImportOutcome.FAILED:
                message = f"{result.path}: {result.error}"
                if show_progress:
                    progress.write(message, file=sys.stderr)
                else:
                    self.stderr.write(message)
            elif verbosity >= 2:
                self.stdout.write(f"{result.path}: {result.outcome}")

        # SIGTERM finishes the chunk in hand, then the run ends with its summary.
        # Only the main thread may handle signals: called from another (call_command in a
        # worker thread), the run simply has no SIGTERM handler of its own.
        stop = threading.Event()
        in_main_thread = threading.current_thread() is threading.main_thread()
        if in_main_thread:
            previous_handler = signal.signal(signal.SIGTERM, lambda *_: stop.set())
        try:
            summary = importer.import_wire_files(
                files,
                status=status,
                dry_run=dry_run,
                on_result=report,
                stop=stop,
                keep_results=False,
            )
        finally:
            if in_main_thread:
                signal.signal(signal.SIGTERM, previous_handler)
        progress.close()
        if not dry_run and statistics.analyze_after_import(summary) and verbosity >= 2:
            self.stdout.write("Planner statistics refreshed (ANALYZE) after the import.")
        prefix = "Dry run, nothing written: " if dry_run else ""
        self.stdout.write(f"{prefix}{summary}")
        if stop.is_set():
            raise CommandError(
                f"stopped by SIGTERM after {summary.files} of {total} files",
                returncode=1,
            )
        if summary.failures:
            raise CommandError(f"{len(summary.failures)} of {total} files failed", returncode=1)
