"""The bulk revision writer writes the Version rows reversion.create_revision() would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import reversion
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from reversion.models import Revision, Version
from reversion.revisions import _get_options as reversion_options

from articles import history_comments
from articles.models import Article
from ingest import importer
from ingest.revisions import Representations, insert_versions, python_entries

pytestmark = pytest.mark.django_db

WIRE = """\
 date 2024-03-12 Les vœux du président {number}

Crédit photo © Reuters/Gleb Garanich

KYIV, 12 mars (Reuters) - Le président a présenté ses vœux.

Un second paragraphe. (Reportage Anna Dupont et Tom Balmforth à Kyiv ; \
édité par Kate Entringer)
"""


def wire_file(folder: Path, number: int) -> Path:
    path = folder / f"item_{number}.txt"
    path.write_text(WIRE.format(number=number), encoding="utf-8")
    return path


def version_rows(revision: Revision) -> list[tuple]:
    """What history, comparison and revert read from a revision's versions."""
    rows = [
        (
            version.content_type_id,
            version.object_id,
            version.format,
            json.loads(version.serialized_data),
            version.object_repr,
            version.db,
        )
        for version in Version.objects.filter(revision=revision)
    ]
    return sorted(rows, key=lambda row: row[:2])


def reversion_rows(article: Article) -> list[tuple]:
    """The rows reversion itself writes for the article as it stands, credits followed."""
    with reversion.create_revision():
        reversion.add_to_revision(Article.objects.get(pk=article.pk))
    return version_rows(Revision.objects.latest("pk"))


def test_the_batch_path_writes_the_rows_reversion_would_for_the_same_article(tmp_path):
    summary = importer.import_wire_files([wire_file(tmp_path, 1), wire_file(tmp_path, 2)])
    assert str(summary) == "2 created, 0 updated, 0 unchanged, 0 failed"

    for article in Article.objects.order_by("source_id"):
        bulk = Revision.objects.get(
            comment=history_comments.comment("imported", file=f"{article.source_id}.txt")
        )
        bulk_rows = version_rows(bulk)

        assert len(bulk_rows) == 1 + 4  # the article and its four credits
        assert bulk_rows == reversion_rows(article)


def test_insert_versions_writes_the_rows_reversion_would_for_loaded_objects(tmp_path):
    article = importer.import_wire_file(wire_file(tmp_path, 1)).article
    article = Article.objects.get(pk=article.pk)
    credits = list(article.credits.order_by("position"))
    revision = Revision.objects.create(date_created=timezone.now(), comment="bulk")

    insert_versions(Representations(), [(revision, [article, *credits])])

    assert version_rows(revision) == reversion_rows(article)


def test_version_json_is_the_serializers_byte_for_byte(tmp_path):
    # An import builds each version's JSON without Django's serializer loop: the same
    # fields, in the same order, with the same values, so every stored text is the same.
    article = importer.import_wire_file(wire_file(tmp_path, 1)).article
    article = Article.objects.get(pk=article.pk)
    article.photo = "photos/a.jpg"  # a file field's value goes through value_to_string
    credits = list(article.credits.order_by("position"))

    for objects in ([article], credits):
        options = reversion_options(type(objects[0]))
        expected = serializers.serialize("python", objects, fields=options.fields)

        entries = python_entries(type(objects[0]), objects, options)

        assert entries == expected
        assert [json.dumps([entry], cls=DjangoJSONEncoder) for entry in entries] == [
            json.dumps([entry], cls=DjangoJSONEncoder) for entry in expected
        ]
