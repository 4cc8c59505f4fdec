# The search vector kept in the article's row (compressed if need be) rather than moved
# out to the TOAST table, where PostgreSQL puts the widest values of a row over 2 kB.
# Finding the newest matches of a word tests rows one by one along the (date, id) index,
# and each test read the vector from TOAST: three pages a row instead of one. Inline,
# a search for a word in one article in thirteen went from 148 to 48 ms at 100,000
# articles (docs/performance.md). The body and the wire text, read once per page shown,
# go out to TOAST instead.
#
# ALTER ... SET STORAGE changes how rows are written from now on; rows already stored
# keep their layout until rewritten: `VACUUM FULL articles_article` (an exclusive lock
# for minutes at a million articles) or pg_repack applies it to an existing archive.

from django.db import migrations


def set_storage(storage: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(
                f"ALTER TABLE articles_article ALTER COLUMN search_vector SET STORAGE {storage}"
            )

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0014_article_day_and_place"),
    ]

    operations = [
        migrations.RunPython(set_storage("MAIN"), set_storage("EXTENDED")),
    ]
