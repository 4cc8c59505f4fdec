"""The Django fixture in fixtures/ says exactly what the wire files in fixtures/ say."""

import pytest
from django.core.management import call_command

from articles.models import Article, Author
from ingest import importer
from tests.conftest import FIXTURES
from tests.ingest.test_export import snapshot


@pytest.mark.django_db
def test_loaddata_seed_equals_importing_the_wire_files():
    importer.import_wire_files(importer.find_wire_files([FIXTURES]))
    imported = snapshot()
    imported_authors = list(Author.objects.values_list("slug", "name", "kind"))
    Article.objects.all().delete()
    Author.objects.all().delete()

    call_command("loaddata", "seed", verbosity=0)

    assert snapshot() == imported, "fixtures/seed.json drifted: run `make fixtures`"
    assert list(Author.objects.values_list("slug", "name", "kind")) == imported_authors
    assert Article.objects.visible().count() == len(imported)


@pytest.mark.django_db
def test_the_fixture_keeps_the_verbatim_sources():
    call_command("loaddata", "seed", verbosity=0)

    for article in Article.objects.all():
        source = FIXTURES / f"{article.source_id}.txt"
        assert article.source_text.encode("utf-8") == source.read_bytes()
