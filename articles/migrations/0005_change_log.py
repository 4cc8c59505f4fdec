# The change log (CONTRACT section 6): triggers on articles and credits append an event
# for every change of what the public sees, whatever wrote it. Public means status
# 'published' and published_at reached. articles_announcement marks the articles whose
# being public is announced, so that a scheduled article whose time has passed emits
# 'published' exactly once: at its next write, or from emit_due_publications().

from django.db import migrations, models

# What the public sees of an article; the lock's version, updated_at and the wire text
# are not in it.
VISIBLE_COLUMNS = [
    "source_id", "slug", "headline", "language", "date", "date_precision",
    "dateline_place", "dateline_source", "dateline_date", "photo_credit", "body",
    "photo", "photo_caption", "photo_alt_text", "published_at",
]

# PostgreSQL. Ids come from a sequence when a row is inserted, but transactions commit in
# another order: a poller could read id 6 committed before id 5 and never see 5. So the
# triggers write a transaction's events to articles_pendingchange, and a deferred
# (commit-time) trigger moves them to the log under a transaction-wide advisory lock,
# held until the commit: ids are then given in commit order, and any snapshot sees a
# prefix of the log. The lock is taken last, at commit, and only for that insert, so it
# serialises the commits of writers that changed public articles, not their work (a
# table lock taken at the first event would hold editors behind a 500-file import chunk).
# Several updates of one article in one transaction give one 'updated'.
POSTGRES_CHANGED = " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in VISIBLE_COLUMNS)

POSTGRES_FORWARD = [
    """
    CREATE FUNCTION articles_record_change(kind text, article_id bigint, source_id text, slug text)
    RETURNS void LANGUAGE sql AS $$
        INSERT INTO articles_pendingchange (kind, article_id, source_id, slug)
        VALUES ($1, $2, $3, $4)
    $$
    """,
    """
    CREATE FUNCTION articles_publish_pending_changes() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM pg_advisory_xact_lock(7406111);
        INSERT INTO articles_changeevent (at, kind, article_id, source_id, slug)
        SELECT clock_timestamp(), p.kind, p.article_id, p.source_id, p.slug
        FROM articles_pendingchange AS p
        WHERE NOT (p.kind = 'updated' AND EXISTS (
            SELECT 1 FROM articles_pendingchange AS q
            WHERE q.article_id = p.article_id AND (q.kind <> 'updated' OR q.id > p.id)))
        ORDER BY p.id;
        -- Only this transaction's rows are visible: others' are not committed yet.
        DELETE FROM articles_pendingchange;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE CONSTRAINT TRIGGER articles_pendingchange_publish
    AFTER INSERT ON articles_pendingchange DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION articles_publish_pending_changes()
    """,
    """
    CREATE FUNCTION articles_article_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
    DECLARE
        is_public boolean;
        announced boolean;
        change text;
    BEGIN
        IF TG_OP = 'DELETE' THEN
            DELETE FROM articles_announcement WHERE article_id = OLD.id;
            IF FOUND THEN
                PERFORM articles_record_change('deleted', OLD.id, OLD.source_id, OLD.slug);
            END IF;
            RETURN NULL;
        END IF;
        -- clock_timestamp, not now(): now() is the transaction's start, before the
        -- publication time an editor's action has just set.
        is_public := NEW.status = 'published' AND NEW.published_at <= clock_timestamp();
        announced := TG_OP = 'UPDATE'
            AND EXISTS (SELECT 1 FROM articles_announcement WHERE article_id = NEW.id);
        IF is_public AND NOT announced THEN
            change := 'published';
            INSERT INTO articles_announcement (article_id) VALUES (NEW.id)
            ON CONFLICT DO NOTHING;
        ELSIF is_public AND (CHANGED) THEN
            change := 'updated';
        ELSIF NOT is_public AND announced THEN
            change := CASE WHEN NEW.status = 'withdrawn' THEN 'withdrawn' ELSE 'unpublished' END;
            DELETE FROM articles_announcement WHERE article_id = NEW.id;
        END IF;
        IF change IS NOT NULL THEN
            PERFORM articles_record_change(change, NEW.id, NEW.source_id, NEW.slug);
        END IF;
        RETURN NULL;
    END
    $$
    """.replace("CHANGED", POSTGRES_CHANGED),
    """
    CREATE TRIGGER articles_article_change
    AFTER INSERT OR UPDATE OR DELETE ON articles_article
    FOR EACH ROW EXECUTE FUNCTION articles_article_change()
    """,
    # A credit is part of what the public sees of an announced, still public article.
    """
    CREATE FUNCTION articles_credited_change(article_ids bigint[]) RETURNS void
    LANGUAGE sql AS $$
        SELECT articles_record_change('updated', article.id, article.source_id, article.slug)
        FROM articles_article AS article
        JOIN articles_announcement AS marker ON marker.article_id = article.id
        WHERE article.id = ANY(article_ids)
            AND article.status = 'published' AND article.published_at <= clock_timestamp()
    $$
    """,
    """
    CREATE FUNCTION articles_credit_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            PERFORM articles_credited_change(ARRAY(SELECT DISTINCT article_id FROM new_credits));
        ELSIF TG_OP = 'DELETE' THEN
            PERFORM articles_credited_change(ARRAY(SELECT DISTINCT article_id FROM old_credits));
        ELSE
            PERFORM articles_credited_change(ARRAY(
                SELECT article_id FROM new_credits UNION SELECT article_id FROM old_credits));
        END IF;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER articles_credit_inserted_change
    AFTER INSERT ON articles_credit REFERENCING NEW TABLE AS new_credits
    FOR EACH STATEMENT EXECUTE FUNCTION articles_credit_change()
    """,
    """
    CREATE TRIGGER articles_credit_updated_change
    AFTER UPDATE ON articles_credit
    REFERENCING OLD TABLE AS old_credits NEW TABLE AS new_credits
    FOR EACH STATEMENT EXECUTE FUNCTION articles_credit_change()
    """,
    """
    CREATE TRIGGER articles_credit_deleted_change
    AFTER DELETE ON articles_credit REFERENCING OLD TABLE AS old_credits
    FOR EACH STATEMENT EXECUTE FUNCTION articles_credit_change()
    """,
]

POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS articles_credit_deleted_change ON articles_credit",
    "DROP TRIGGER IF EXISTS articles_credit_updated_change ON articles_credit",
    "DROP TRIGGER IF EXISTS articles_credit_inserted_change ON articles_credit",
    "DROP FUNCTION IF EXISTS articles_credit_change()",
    "DROP FUNCTION IF EXISTS articles_credited_change(bigint[])",
    "DROP TRIGGER IF EXISTS articles_article_change ON articles_article",
    "DROP FUNCTION IF EXISTS articles_article_change()",
    "DROP TRIGGER IF EXISTS articles_pendingchange_publish ON articles_pendingchange",
    "DROP FUNCTION IF EXISTS articles_publish_pending_changes()",
    "DROP FUNCTION IF EXISTS articles_record_change(text, bigint, text, text)",
]

# SQLite: a later migration that alters articles_article or articles_credit rebuilds the
# table, which drops these triggers: it must create them again (tests/articles/
# test_change_log.py fails otherwise).
# SQLite has one writer at a time, until it commits: ids are in commit order as given.
# 'now' is one value per statement, so a statement writing many credits gives one
# 'updated'; two statements of one transaction may give two (a consumer reads the
# article again: harmless). Django stores UTC as 'YYYY-MM-DD HH:MM:SS[.ffffff]' text;
# strftime's %f has milliseconds, so "public" allows the millisecond to come.
SQLITE_NOW = "strftime('%Y-%m-%d %H:%M:%f', 'now')"
SQLITE_SOON = "strftime('%Y-%m-%d %H:%M:%f', 'now', '+0.001 seconds')"
SQLITE_PUBLIC = f"(NEW.status = 'published' AND NEW.published_at <= {SQLITE_SOON})"
SQLITE_ANNOUNCED = "EXISTS (SELECT 1 FROM articles_announcement WHERE article_id = OLD.id)"
SQLITE_CHANGED = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in VISIBLE_COLUMNS)
SQLITE_UPDATE_KIND = f"""CASE
    WHEN {SQLITE_PUBLIC} AND NOT {SQLITE_ANNOUNCED} THEN 'published'
    WHEN {SQLITE_PUBLIC} AND ({SQLITE_CHANGED}) THEN 'updated'
    WHEN NOT {SQLITE_PUBLIC} AND {SQLITE_ANNOUNCED} THEN
        CASE WHEN NEW.status = 'withdrawn' THEN 'withdrawn' ELSE 'unpublished' END
END"""
SQLITE_INSERT_EVENT = "INSERT INTO articles_changeevent (at, kind, article_id, source_id, slug)"


def sqlite_credit_trigger(name: str, operation: str, article_ids: str) -> str:
    return f"""
    CREATE TRIGGER {name} AFTER {operation} ON articles_credit BEGIN
        {SQLITE_INSERT_EVENT}
        SELECT {SQLITE_NOW}, 'updated', article.id, article.source_id, article.slug
        FROM articles_article AS article
        JOIN articles_announcement AS marker ON marker.article_id = article.id
        WHERE article.id IN ({article_ids})
            AND article.status = 'published' AND article.published_at <= {SQLITE_SOON}
            AND NOT EXISTS (
                SELECT 1 FROM articles_changeevent AS latest
                WHERE latest.id = (SELECT max(id) FROM articles_changeevent
                                   WHERE article_id = article.id)
                    AND latest.at = {SQLITE_NOW} AND latest.kind IN ('published', 'updated'));
    END
    """


SQLITE_FORWARD = [
    f"""
    CREATE TRIGGER articles_article_change_inserted AFTER INSERT ON articles_article
    WHEN {SQLITE_PUBLIC} BEGIN
        {SQLITE_INSERT_EVENT}
        VALUES ({SQLITE_NOW}, 'published', NEW.id, NEW.source_id, NEW.slug);
        INSERT OR IGNORE INTO articles_announcement (article_id) VALUES (NEW.id);
    END
    """,
    f"""
    CREATE TRIGGER articles_article_change_updated AFTER UPDATE ON articles_article BEGIN
        {SQLITE_INSERT_EVENT}
        SELECT {SQLITE_NOW}, {SQLITE_UPDATE_KIND}, NEW.id, NEW.source_id, NEW.slug
        WHERE ({SQLITE_UPDATE_KIND}) IS NOT NULL;
        DELETE FROM articles_announcement WHERE article_id = OLD.id AND NOT {SQLITE_PUBLIC};
        INSERT OR IGNORE INTO articles_announcement (article_id)
        SELECT NEW.id WHERE {SQLITE_PUBLIC};
    END
    """,
    f"""
    CREATE TRIGGER articles_article_change_deleted AFTER DELETE ON articles_article BEGIN
        {SQLITE_INSERT_EVENT}
        SELECT {SQLITE_NOW}, 'deleted', OLD.id, OLD.source_id, OLD.slug
        WHERE {SQLITE_ANNOUNCED};
        DELETE FROM articles_announcement WHERE article_id = OLD.id;
    END
    """,
    sqlite_credit_trigger("articles_credit_change_inserted", "INSERT", "NEW.article_id"),
    sqlite_credit_trigger(
        "articles_credit_change_updated", "UPDATE", "NEW.article_id, OLD.article_id"
    ),
    sqlite_credit_trigger("articles_credit_change_deleted", "DELETE", "OLD.article_id"),
]

SQLITE_BACKWARD = [
    f"DROP TRIGGER IF EXISTS {name}"
    for name in [
        "articles_credit_change_deleted",
        "articles_credit_change_updated",
        "articles_credit_change_inserted",
        "articles_article_change_deleted",
        "articles_article_change_updated",
        "articles_article_change_inserted",
    ]
]

# Articles public already when the log starts are its first events, so that reading the
# feed from the start gives the whole public archive.
PUBLIC_NOW = "FROM articles_article WHERE status = 'published' AND published_at <= %s"
ANNOUNCE_EXISTING = [
    "INSERT INTO articles_changeevent (at, kind, article_id, source_id, slug)"
    f" SELECT %s, 'published', id, source_id, slug {PUBLIC_NOW} ORDER BY published_at, id",
    f"INSERT INTO articles_announcement (article_id) SELECT id {PUBLIC_NOW}",
]


def per_vendor(postgresql: list[str], sqlite: list[str], *, announce: bool = False):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        statements = {"postgresql": postgresql, "sqlite": sqlite}.get(vendor, [])
        for statement in statements:
            schema_editor.execute(statement, params=None)
        if announce:
            from django.utils import timezone

            now = schema_editor.connection.ops.adapt_datetimefield_value(timezone.now())
            schema_editor.execute(ANNOUNCE_EXISTING[0], params=[now, now])
            schema_editor.execute(ANNOUNCE_EXISTING[1], params=[now])

    return run


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0004_wire_items'),
    ]

    operations = [
        migrations.CreateModel(
            name='Announcement',
            fields=[
                ('article_id', models.BigIntegerField(primary_key=True, serialize=False)),
            ],
            options={
                'verbose_name': 'announcement',
                'verbose_name_plural': 'announcements',
            },
        ),
        migrations.CreateModel(
            name='ChangeEvent',
            fields=[
                ('id', models.BigAutoField(primary_key=True, serialize=False)),
                ('at', models.DateTimeField(verbose_name='time')),
                ('kind', models.CharField(choices=[('published', 'published'), ('updated', 'updated'), ('unpublished', 'unpublished'), ('withdrawn', 'withdrawn'), ('deleted', 'deleted')], max_length=16, verbose_name='kind')),
                ('article_id', models.BigIntegerField(null=True, verbose_name='article id')),
                ('source_id', models.CharField(max_length=200, verbose_name='source identifier')),
                ('slug', models.CharField(max_length=255, verbose_name='slug')),
            ],
            options={
                'verbose_name': 'change event',
                'verbose_name_plural': 'change events',
                'ordering': ['id'],
            },
        ),
        migrations.CreateModel(
            name='PendingChange',
            fields=[
                ('id', models.BigAutoField(primary_key=True, serialize=False)),
                ('kind', models.CharField(max_length=16)),
                ('article_id', models.BigIntegerField(null=True)),
                ('source_id', models.CharField(max_length=200)),
                ('slug', models.CharField(max_length=255)),
            ],
            options={
                'verbose_name': 'pending change',
                'verbose_name_plural': 'pending changes',
            },
        ),
        migrations.AddIndex(
            model_name='changeevent',
            index=models.Index(fields=['article_id', 'id'], name='change_event_article'),
        ),
        migrations.AddConstraint(
            model_name='changeevent',
            constraint=models.CheckConstraint(condition=models.Q(('kind__in', ['published', 'updated', 'unpublished', 'withdrawn', 'deleted'])), name='change_event_kind_valid'),
        ),
        migrations.RunPython(
            per_vendor(POSTGRES_FORWARD, SQLITE_FORWARD, announce=True),
            per_vendor(POSTGRES_BACKWARD, SQLITE_BACKWARD),
        ),
    ]
