"""Writing django-reversion revisions in bulk, the rows reversion.create_revision() would."""

from __future__ import annotations

import json

from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import CompositePrimaryKey
from django.utils.encoding import force_str, is_protected_type
from reversion.models import Revision, Version
from reversion.revisions import _get_options as reversion_options

from articles.models import Credit
from ingest.copying import copy_rows

VERSION_COLUMNS = (
    "revision", "object_id", "content_type", "db", "format", "serialized_data", "object_repr",
)  # fmt: skip


def insert_versions(
    representations: Representations, revisions_and_objects: list[tuple[Revision, list]]
) -> None:
    """Store what reversion.create_revision() would for these objects, in bulk.

    django-reversion has no bulk API; this mirrors its own Version construction (same
    fields, same JSON) so that history, comparison and revert treat these revisions
    like any other.
    """
    write_version_rows(version_rows(representations, revisions_and_objects))


def version_rows(
    representations: Representations, revisions_and_objects: list[tuple[Revision, list]]
) -> list[tuple]:
    """The Version rows of these objects, in VERSION_COLUMNS order; the revisions need pks."""
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
        data = python_entries(model, objects, options)
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
    return rows


def python_entries(model: type[models.Model], objects: list, options) -> list[dict]:
    """What Django's "python" serializer gives for these objects, as reversion asks for it.

    The serializer's own loop (which fields, per object) is most of its cost in an
    import; here the fields are chosen once and each value is read by the same rule.
    Natural keys and many-to-many fields are left to the serializer itself.
    """
    fields = _plain_serialized_fields(model, options)
    if fields is None:
        return serializers.serialize(
            "python",
            objects,
            fields=options.fields,
            use_natural_foreign_keys=options.use_natural_foreign_keys,
        )
    label, primary_key = str(model._meta), model._meta.pk
    return [
        {
            "model": label,
            "pk": _serialized_value(obj, primary_key),
            "fields": {field.name: _serialized_value(obj, field) for field in fields},
        }
        for obj in objects
    ]


def _plain_serialized_fields(model: type[models.Model], options) -> list | None:
    """The fields the serializer would write, in its order; None where it does more."""
    meta = model._meta.concrete_model._meta
    selected = options.fields
    if (
        options.use_natural_foreign_keys
        or meta.local_many_to_many
        or isinstance(meta.pk, CompositePrimaryKey)
    ):
        return None
    return [
        field
        for field in meta.local_fields
        if field.serialize
        and (
            selected is None
            or (field.attname if field.remote_field is None else field.attname[:-3]) in selected
        )
    ]


def _serialized_value(obj, field):
    # The python serializer's rule: None, numbers and dates as they are, the rest as text.
    value = field.value_from_object(obj)
    return value if is_protected_type(value) else field.value_to_string(obj)


def write_version_rows(rows: list[tuple]) -> None:
    """Insert rows made by version_rows.

    On PostgreSQL they go in through COPY: versions are the largest rows an import
    writes, and building a model instance for each costs more than writing it.
    """
    columns = VERSION_COLUMNS
    if transaction.get_connection().vendor == "postgresql":
        copy_rows(Version, [Version._meta.get_field(name) for name in columns], rows)
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
