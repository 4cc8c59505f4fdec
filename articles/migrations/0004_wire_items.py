# Standard wire formats: agency identity, version, withdrawal, embargo, any language.

import django.core.validators
from django.db import migrations, models

# Full-text search in every language PostgreSQL stems, accents folded as in 0003; any other
# language is searched word for word ("simple"). Existing vectors are fr/en and unchanged.
# A frozen copy: articles.search.SEARCH_CONFIGURATIONS must agree (a test checks it).
STEMMED_LANGUAGES = {
    "ar": "arabic", "ca": "catalan", "da": "danish", "de": "german", "el": "greek",
    "es": "spanish", "eu": "basque", "fi": "finnish", "ga": "irish", "hi": "hindi",
    "hu": "hungarian", "hy": "armenian", "id": "indonesian", "it": "italian",
    "lt": "lithuanian", "nb": "norwegian", "ne": "nepali", "nl": "dutch", "nn": "norwegian",
    "no": "norwegian", "pt": "portuguese", "ro": "romanian", "ru": "russian", "sr": "serbian",
    "sv": "swedish", "ta": "tamil", "tr": "turkish", "yi": "yiddish",
}  # fmt: skip


def _configuration_sql() -> list[str]:
    statements = []
    for name in sorted(set(STEMMED_LANGUAGES.values())):
        statements += [
            f"CREATE TEXT SEARCH CONFIGURATION newsroom_{name} (COPY = pg_catalog.{name})",
            f"ALTER TEXT SEARCH CONFIGURATION newsroom_{name}"
            f" ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {name}_stem",
        ]
    statements += [
        "CREATE TEXT SEARCH CONFIGURATION newsroom_simple (COPY = pg_catalog.simple)",
        "ALTER TEXT SEARCH CONFIGURATION newsroom_simple"
        " ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple",
    ]
    cases = "\n".join(
        f"            WHEN '{code}' THEN 'newsroom_{name}'::regconfig"
        for code, name in sorted({**STEMMED_LANGUAGES, "fr": "french", "en": "english"}.items())
    )
    statements.append(
        "CREATE OR REPLACE FUNCTION articles_search_config(language text) RETURNS regconfig\n"
        "    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$\n"
        f"        SELECT CASE language\n{cases}\n"
        "            ELSE 'newsroom_simple'::regconfig\n        END\n    $$"
    )
    return statements


FORWARD_SQL = _configuration_sql()
BACKWARD_SQL = [
    """
    CREATE OR REPLACE FUNCTION articles_search_config(language text) RETURNS regconfig
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE language
            WHEN 'en' THEN 'newsroom_english'::regconfig
            ELSE 'newsroom_french'::regconfig
        END
    $$
    """,
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS newsroom_simple",
    *(
        f"DROP TEXT SEARCH CONFIGURATION IF EXISTS newsroom_{name}"
        for name in sorted(set(STEMMED_LANGUAGES.values()))
    ),
]


def on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_search_vector"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="article",
            name="article_language_valid",
        ),
        migrations.RemoveConstraint(
            model_name="article",
            name="article_status_valid",
        ),
        migrations.AddField(
            model_name="article",
            name="agency_version",
            field=models.PositiveBigIntegerField(
                default=1,
                help_text="The agency's version of the item; a lower or equal one is never imported.",
                verbose_name="agency version",
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="embargoed_until",
            field=models.DateTimeField(
                blank=True,
                help_text="The agency's embargo: the article may not appear before this time.",
                null=True,
                verbose_name="embargoed until",
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="source_encoding",
            field=models.CharField(blank=True, max_length=32, verbose_name="source encoding"),
        ),
        migrations.AddField(
            model_name="article",
            name="source_format",
            field=models.CharField(
                choices=[
                    ("wire_copy", "plain wire copy"),
                    ("newsml_g2", "NewsML-G2"),
                    ("newsml_1", "NewsML 1.2"),
                    ("nitf", "NITF"),
                    ("ninjs", "ninjs"),
                ],
                default="wire_copy",
                max_length=16,
                verbose_name="source format",
            ),
        ),
        migrations.AlterField(
            model_name="article",
            name="language",
            field=models.CharField(
                help_text="The BCP 47 primary language subtag: fr, en, de, it…",
                max_length=8,
                validators=[
                    django.core.validators.RegexValidator(
                        "^[a-z]{2,3}$", "A language code such as fr, en or de."
                    )
                ],
                verbose_name="language",
            ),
        ),
        migrations.AlterField(
            model_name="article",
            name="source_id",
            field=models.CharField(
                help_text="The agency's identifier of the item; for plain wire copy, the file's name.",
                max_length=200,
                unique=True,
                verbose_name="source identifier",
            ),
        ),
        migrations.AlterField(
            model_name="article",
            name="status",
            field=models.CharField(
                choices=[
                    ("draft", "draft"),
                    ("in_review", "in review"),
                    ("published", "published"),
                    ("withdrawn", "withdrawn"),
                ],
                default="draft",
                max_length=16,
                verbose_name="status",
            ),
        ),
        migrations.AddConstraint(
            model_name="article",
            constraint=models.CheckConstraint(
                condition=models.Q(("language__regex", "^[a-z]{2,3}$")),
                name="article_language_subtag",
            ),
        ),
        migrations.AddConstraint(
            model_name="article",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("status__in", ["draft", "in_review", "published", "withdrawn"])
                ),
                name="article_status_valid",
            ),
        ),
        migrations.AlterField(
            model_name="article",
            name="source_hash",
            field=models.CharField(
                blank=True,
                db_index=True,
                help_text="SHA-256 of the source file.",
                max_length=64,
                verbose_name="source hash",
            ),
        ),
        migrations.RunPython(on_postgresql(FORWARD_SQL), on_postgresql(BACKWARD_SQL)),
    ]
