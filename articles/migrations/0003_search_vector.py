# Full-text search on PostgreSQL: a weighted, language-aware, accent-insensitive search
# vector per article, kept by triggers so no write path (ORM, admin, bulk import, raw SQL)
# can leave it stale. On SQLite only the (always empty) column is added.
#
# Document: headline (weight A), body (C), then the credited authors' names (B). Names
# come last so that a credit change can keep the headline and body lexemes as they are
# (ts_filter on A and C) and only append fresh names: the result is exactly what a full
# rebuild gives, without parsing the body again.

import django.contrib.postgres.search
from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

FORWARD_SQL = [
    # Stemming of each language, with accents folded before stemming: "securite" finds
    # "sécurité" and the other way round.
    "CREATE TEXT SEARCH CONFIGURATION newsroom_french (COPY = pg_catalog.french)",
    "ALTER TEXT SEARCH CONFIGURATION newsroom_french"
    " ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem",
    "CREATE TEXT SEARCH CONFIGURATION newsroom_english (COPY = pg_catalog.english)",
    "ALTER TEXT SEARCH CONFIGURATION newsroom_english"
    " ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem",
    """
    CREATE FUNCTION articles_search_config(language text) RETURNS regconfig
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE language
            WHEN 'en' THEN 'newsroom_english'::regconfig
            ELSE 'newsroom_french'::regconfig
        END
    $$
    """,
    """
    CREATE FUNCTION articles_credit_names(article_id bigint) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT coalesce(string_agg(author.name, ' ' ORDER BY credit.position, credit.id), '')
        FROM articles_credit AS credit
        JOIN articles_author AS author ON author.id = credit.author_id
        WHERE credit.article_id = $1
    $$
    """,
    """
    CREATE FUNCTION articles_search_document(
        headline text, body text, names text, language text
    ) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT setweight(to_tsvector(articles_search_config(language), coalesce(headline, '')), 'A')
            || setweight(to_tsvector(articles_search_config(language), coalesce(body, '')), 'C')
            || setweight(to_tsvector(articles_search_config(language), coalesce(names, '')), 'B')
    $$
    """,
    # Headline, body or language changed (or the vector was cleared): rebuild. Else keep it.
    """
    CREATE FUNCTION articles_article_search_vector() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            NEW.search_vector := articles_search_document(
                NEW.headline, NEW.body, articles_credit_names(NEW.id), NEW.language);
        ELSIF NEW.headline IS DISTINCT FROM OLD.headline
            OR NEW.body IS DISTINCT FROM OLD.body
            OR NEW.language IS DISTINCT FROM OLD.language
            OR NEW.search_vector IS NULL THEN
            NEW.search_vector := articles_search_document(
                NEW.headline, NEW.body, articles_credit_names(NEW.id), NEW.language);
        END IF;
        RETURN NEW;
    END
    $$
    """,
    """
    CREATE TRIGGER articles_article_search_vector
    BEFORE INSERT OR UPDATE ON articles_article
    FOR EACH ROW EXECUTE FUNCTION articles_article_search_vector()
    """,
    # Credits or names changed: keep headline and body lexemes, append the names again.
    """
    CREATE FUNCTION articles_refresh_credit_names(article_ids bigint[]) RETURNS void
    LANGUAGE sql AS $$
        UPDATE articles_article SET search_vector = CASE
            WHEN search_vector IS NULL THEN
                articles_search_document(headline, body, articles_credit_names(id), language)
            ELSE ts_filter(search_vector, '{a,c}')
                || setweight(
                    to_tsvector(articles_search_config(language), articles_credit_names(id)), 'B')
        END
        WHERE id = ANY(article_ids)
    $$
    """,
    # Statement-level with transition tables: one bulk insert of credits is one update.
    """
    CREATE FUNCTION articles_credit_search_vector() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            PERFORM articles_refresh_credit_names(
                ARRAY(SELECT DISTINCT article_id FROM new_credits));
        ELSIF TG_OP = 'DELETE' THEN
            PERFORM articles_refresh_credit_names(
                ARRAY(SELECT DISTINCT article_id FROM old_credits));
        ELSE
            PERFORM articles_refresh_credit_names(ARRAY(
                SELECT article_id FROM new_credits UNION SELECT article_id FROM old_credits));
        END IF;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER articles_credit_inserted_search_vector
    AFTER INSERT ON articles_credit REFERENCING NEW TABLE AS new_credits
    FOR EACH STATEMENT EXECUTE FUNCTION articles_credit_search_vector()
    """,
    """
    CREATE TRIGGER articles_credit_updated_search_vector
    AFTER UPDATE ON articles_credit
    REFERENCING OLD TABLE AS old_credits NEW TABLE AS new_credits
    FOR EACH STATEMENT EXECUTE FUNCTION articles_credit_search_vector()
    """,
    """
    CREATE TRIGGER articles_credit_deleted_search_vector
    AFTER DELETE ON articles_credit REFERENCING OLD TABLE AS old_credits
    FOR EACH STATEMENT EXECUTE FUNCTION articles_credit_search_vector()
    """,
    """
    CREATE FUNCTION articles_author_search_vector() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM articles_refresh_credit_names(ARRAY(
            SELECT DISTINCT credit.article_id
            FROM new_authors
            JOIN old_authors ON old_authors.id = new_authors.id
            JOIN articles_credit AS credit ON credit.author_id = new_authors.id
            WHERE new_authors.name IS DISTINCT FROM old_authors.name));
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER articles_author_renamed_search_vector
    AFTER UPDATE ON articles_author
    REFERENCING OLD TABLE AS old_authors NEW TABLE AS new_authors
    FOR EACH STATEMENT EXECUTE FUNCTION articles_author_search_vector()
    """,
    # Articles that exist already.
    """
    UPDATE articles_article SET search_vector =
        articles_search_document(headline, body, articles_credit_names(id), language)
    """,
    "CREATE INDEX article_search_vector ON articles_article USING gin (search_vector)",
]

BACKWARD_SQL = [
    "DROP INDEX IF EXISTS article_search_vector",
    "DROP TRIGGER IF EXISTS articles_author_renamed_search_vector ON articles_author",
    "DROP TRIGGER IF EXISTS articles_credit_deleted_search_vector ON articles_credit",
    "DROP TRIGGER IF EXISTS articles_credit_updated_search_vector ON articles_credit",
    "DROP TRIGGER IF EXISTS articles_credit_inserted_search_vector ON articles_credit",
    "DROP TRIGGER IF EXISTS articles_article_search_vector ON articles_article",
    "DROP FUNCTION IF EXISTS articles_author_search_vector()",
    "DROP FUNCTION IF EXISTS articles_credit_search_vector()",
    "DROP FUNCTION IF EXISTS articles_refresh_credit_names(bigint[])",
    "DROP FUNCTION IF EXISTS articles_article_search_vector()",
    "DROP FUNCTION IF EXISTS articles_search_document(text, text, text, text)",
    "DROP FUNCTION IF EXISTS articles_credit_names(bigint)",
    "DROP FUNCTION IF EXISTS articles_search_config(text)",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS newsroom_english",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS newsroom_french",
]


def on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0002_editorial_groups'),
    ]

    operations = [
        UnaccentExtension(),
        migrations.AddField(
            model_name='article',
            name='search_vector',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True, verbose_name='search vector'),
        ),
        migrations.RunPython(on_postgresql(FORWARD_SQL), on_postgresql(BACKWARD_SQL)),
    ]
