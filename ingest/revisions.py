"""Writing django-reversion revisions in bulk, the rows reversion.create_revision() would."""

from __future__ import annotations

import json

from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils.encoding import force_str
from reversion.models import Revision, Version
from reversion.revisions import _get_options as reversion_options

from articles.models import Credit


def insert_versions(
    representations: Representations, revisions_and_objects: list[tuple[Revision, list]]
) -> None:
    """Store what reversion.create_revision() would for these objects, in bulk.

    django-reversion has no bulk API; this mirrors its own Version construction (same
    fields, same JSON) so that history, comparison and revert treat these revisions
    like any other. On PostgreSQL the rows go in through COPY: versions are the
    largest rows an import writes, and building a model instance for each costs more
    than writing it.
    """
    connection = transaction.get_connection()
    pairs = [(revision, obj) for revision, objects in revisions_and_objects for obj in objects]
    by_model: dict[type, list[tuple[Revision, object]]] = {}
    for revision, obj in pairs:
        by_model.setdefault(type(obj), []).append((revision, obj))
    rows = []
    for model, model_pairs in by_model.items():
        # django-reversion keeps each model's registration (fields, format, natural keys)
        # behind this private function, with no public reader: using it keeps the
        # registration the one owner of those options. tests/ingest/test_revisions.py
        # compares these rows with reversion's own, so a change in reversion fails there.
        options = reversion_options(model)
        objects = [obj for _, obj in model_pairs]
        # reversion stores a one-object list in `format`; JSON is its default and ours.
        data = serializers.serialize(
            "python",
            objects,
            fields=options.fields,
            use_natural_foreign_keys=options.use_natural_foreign_keys,
        )
        content_type_id = ContentType.objects.get_for_model(model).pk
        for (revision, obj), entry in zip(model_pairs, data, strict=True):
            serialized = (
                json.dumps([entry], cls=DjangoJSONEncoder)
                if options.format == "json"
                else serializers.serialize(options.format, (obj,), fields=options.fields)
            )
            rows.append(
                (
                    revision.pk,
                    force_str(obj.pk),
                    content_type_id,
                    connection.alias,
                    options.format,
                    serialized,
                    representations.of(obj),
                )
            )
    columns = ["revision", "object_id", "content_type", "db", "format", "serialized_data"]
    columns.append("object_repr")
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(Version._meta.db_table)
        names = ", ".join(
            connection.ops.quote_name(Version._meta.get_field(name).column) for name in columns
        )
        with (
            connection.connection.cursor() as cursor,
            cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
    else:
        Version.objects.bulk_create(
            Version(
                **{
                    f"{column}_id" if column in {"revision", "content_type"} else column: value
                    for column, value in zip(columns, row, strict=True)
                }
            )
            for row in rows
        )


class Representations:
    """str() of each object, as reversion records it; a credit's depends on role and author only.

    Rendering a credit's role label goes through translation machinery: doing it once
    per role and author instead of once per credit is a measurable part of an import.
    """

    def __init__(self) -> None:
        self.seen: dict[tuple, str] = {}

    def of(self, obj) -> str:
        """str() of the object, computed once per role and author for a credit."""
        if not isinstance(obj, Credit):
            return force_str(obj)
        key = (obj.role, obj.author_id)
        if key not in self.seen:
            self.seen[key] = force_str(obj)
        return self.seen[key]
