"""Export every article as a wire-copy file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ingest import importer


class Command(BaseCommand):
    help = (
        "Write each article to DIR/<source_id>.txt in the wire format. An article not "
        "edited since its import is written byte for byte as its source."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path, metavar="DIR")

    def handle(self, *args, directory: Path, **options) -> None:
        try:
            written = importer.export_articles(directory)
        except OSError as error:
            raise CommandError(
                f"{error.filename or directory}: {error.strerror or error}"
            ) from None
        if options["verbosity"] >= 2:
            for path in written:
                self.stdout.write(str(path))
        self.stdout.write(f"{len(written)} articles exported to {directory}")
