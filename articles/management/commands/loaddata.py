"""Django's loaddata, refusing to overwrite rows that differ from the fixture (edited work).

A fixture is for an empty database: loaded over a working one, Django's loaddata silently puts
the fixture's rows back over the editors' (a corrected headline reset, an unpublished article
published again, another article's credit replaced). This one loads nothing and names them,
unless --overwrite is given.
"""

from __future__ import annotations

from django.core.management.base import CommandError, CommandParser
from django.core.management.commands import loaddata
from django.db import models

from articles.models import Article, Author, Credit

# Fields the database keeps itself: never a difference an editor made.
IGNORED_FIELDS = frozenset({"search_vector"})


def _differences(existing: models.Model, loaded: models.Model) -> list[str]:
    """The names of the fields whose stored value the fixture's would replace."""
    return [
        field.name
        for field in loaded._meta.concrete_fields
        if field.name not in IGNORED_FIELDS
        and field.value_from_object(existing) != field.value_from_object(loaded)
    ]


def _describe(row: models.Model) -> str:
    if isinstance(row, Article):
        return f"article “{row.headline}” (source id {row.source_id})"
    if isinstance(row, Author):
        return f"author “{row.name}”"
    if isinstance(row, Credit):
        return f"credit #{row.pk} of article “{row.article.headline}” ({row.article.source_id})"
    return f"{row._meta.label} #{row.pk}"


class Command(loaddata.Command):
    help = (
        "Loads a fixture into an empty database. Refuses (loading nothing) when it would "
        "overwrite rows that differ from the fixture, unless --overwrite is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Put the fixture's rows over existing ones that differ (editors' work is lost).",
        )

    def handle(self, *fixture_labels, **options) -> None:
        self.overwrite = options["overwrite"]
        self.overwritten: list[str] = []
        super().handle(*fixture_labels, **options)

    def load_label(self, fixture_label) -> None:
        super().load_label(fixture_label)
        if self.overwritten:
            # Raised inside loaddata's transaction, before its "Installed N objects" line:
            # everything loaded so far is rolled back.
            listed = "\n".join(f"  - {line}" for line in self.overwritten)
            raise CommandError(
                f"Nothing was loaded: the fixture would overwrite {len(self.overwritten)} "
                f"row(s) that differ from it (edited since, or other content):\n{listed}\n"
                "A fixture is for an empty database. To restore a database, see docs/backup.md; "
                "to replace these rows anyway, run again with --overwrite."
            )

    def save_obj(self, obj) -> bool:
        loaded = obj.object
        if not self.overwrite and loaded.pk is not None:
            model = type(loaded)
            existing = model._base_manager.using(self.using).filter(pk=loaded.pk).first()
            if existing is not None:
                changed = _differences(existing, loaded)
                if changed:
                    self.overwritten.append(f"{_describe(existing)}: {', '.join(changed)}")
                    return False
        return super().save_obj(obj)
