"""New rows written through PostgreSQL's COPY: a large import's articles, credits, versions."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

from django.db import connections, models, router


@dataclasses.dataclass(frozen=True)
class NewRows:
    """Unsaved objects and the rows an INSERT of them would write, in field order."""

    model: type[models.Model]
    objects: Sequence[models.Model]
    rows: list[list]


def new_rows(model: type[models.Model], objects: Sequence[models.Model]) -> NewRows:
    """The rows of unsaved objects whose primary keys are set; auto_now fields filled in.

    Built apart from the COPY, so that what is derived from the objects (a revision's
    JSON) is made from the very values written, and can be made before they are sent.
    """
    if any(obj.pk is None for obj in objects):
        raise ValueError(f"new_rows needs the primary keys of {model.__name__} rows set")
    connection = connections[router.db_for_write(model)]
    fields = model._meta.concrete_fields
    # pre_save fills auto_now fields on the object, as an ORM INSERT does.
    rows = [
        [field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields]
        for obj in objects
    ]
    return NewRows(model, objects, rows)


def copy_new_rows(new: NewRows) -> None:
    """Insert rows made by new_rows, as bulk_create would; the objects are saved from then on.

    PostgreSQL only. bulk_create builds one statement holding every value, and for
    articles, whose bodies run to kilobytes, building and parsing that statement cost
    the import more than PostgreSQL took to run it. COPY fires the same triggers
    (search vector, change log) and checks the same constraints.
    """
    if not new.objects:
        return
    connection = connections[router.db_for_write(new.model)]
    copy_rows(new.model, new.model._meta.concrete_fields, new.rows)
    for obj in new.objects:
        obj._state.adding = False
        obj._state.db = connection.alias


def copy_rows(
    model: type[models.Model], fields: Sequence[models.Field], rows: Iterable[Sequence]
) -> None:
    """COPY rows of database values, in the order of ``fields``, into the model's table.

    PostgreSQL only. Sent from the calling thread: an import writes from a thread of
    its own already, and a second thread passing blocks on would contend with the one
    building the next chunk for Python's interpreter lock (its COPY took twice as long).
    """
    # Asked like any ORM write, so the routers see it (the response cache's bump among them).
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    statement = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
    # The raw cursor's errors are psycopg's: wrapped, a refused row is a DatabaseError, which
    # the import catches to retry the chunk file by file.
    with connection.wrap_database_errors, connection.cursor() as django_cursor:
        cursor = django_cursor.cursor
        with cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)
