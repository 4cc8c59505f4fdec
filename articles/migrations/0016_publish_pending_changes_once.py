# A transaction's change events wait in articles_pendingchange and move to the log at
# commit, from a deferred trigger that fires once per pending row. The first call moves
# them all; until now every other call scanned the table again to find nothing: 500
# scans per commit of an import chunk, each over every dead row autovacuum had not yet
# removed (with autovacuum off, all of them: an import of a million files slowed from
# 25,000 to 9,000 files a minute by its 250,000th). Each call now knows the row it fires
# for: if that row was moved already (its id is at most the last id this transaction
# moved, kept in a transaction-local setting), it returns at once. Rows written after a
# move (SET CONSTRAINTS ALL IMMEDIATE, then more writes) have higher ids: their calls
# move them.

import importlib

from django.db import migrations

CHANGE_LOG = importlib.import_module("articles.migrations.0005_change_log")

# The function as migration 0005 wrote it, and the same with the early return.
SLOWER = next(
    statement
    for statement in CHANGE_LOG.POSTGRES_FORWARD
    if "CREATE FUNCTION articles_publish_pending_changes()" in statement
).replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1)
SKIP_WHAT_WAS_MOVED = """
    DECLARE
        moved_up_to bigint;
    BEGIN
        moved_up_to := coalesce(
            nullif(current_setting('newsroom.pending_moved_up_to', true), '')::bigint, 0);
        IF NEW.id <= moved_up_to THEN
            RETURN NULL;
        END IF;
"""
REMEMBER_WHAT_WAS_MOVED = """
        PERFORM set_config('newsroom.pending_moved_up_to',
            (SELECT max(id) FROM articles_pendingchange)::text, true);
        DELETE FROM articles_pendingchange;"""
FASTER = SLOWER.replace("\n    BEGIN\n", SKIP_WHAT_WAS_MOVED, 1).replace(
    "\n        DELETE FROM articles_pendingchange;", REMEMBER_WHAT_WAS_MOVED, 1
)
assert "IF NEW.id <= moved_up_to" in FASTER and "PERFORM set_config" in FASTER


def replace_function(body: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(body)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0015_search_vector_stored_inline"),
    ]

    operations = [
        migrations.RunPython(replace_function(FASTER), replace_function(SLOWER)),
    ]
