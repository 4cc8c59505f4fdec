"""A merged author stays merged: imports credit the merged name to the author kept."""

import pytest
from django.urls import reverse

from articles.models import Author, AuthorAlias, Credit
from ingest import importer
from tests.factories import AuthorFactory
from tests.ingest.test_import_batches import import_folder, wire_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def merged(editor_client) -> Author:
    """ "K. Entringer" merged into "Kate Entringer" from the author admin."""
    kate = AuthorFactory(name="Kate Entringer")
    short = AuthorFactory(name="K. Entringer")
    editor_client.post(
        reverse("admin:articles_author_changelist"),
        {
            "action": "merge_selected",
            "_selected_action": [kate.pk, short.pk],
            "confirm": "yes",
            "kept": kate.pk,
        },
    )
    assert not Author.objects.filter(name="K. Entringer").exists()
    return kate


def credited(author: Author) -> list[str]:
    return list(Credit.objects.filter(author=author).values_list("article__source_id", flat=True))


def test_the_one_file_import_credits_the_merged_name_to_the_author_kept(merged, tmp_path):
    importer.import_wire_file(wire_file(tmp_path, "story", reporter="K. Entringer"))

    assert credited(merged) == ["story"]
    assert not Author.objects.filter(name_key="k. entringer").exists()


def test_the_batch_import_credits_the_merged_name_to_the_author_kept(merged, tmp_path):
    for day, reporter in [(1, "K. Entringer"), (2, "k.  entringer"), (3, "Anita Komuves")]:
        wire_file(tmp_path, f"story_{day}", day=day, reporter=reporter)

    summary = import_folder(tmp_path, chunk_size=2)

    assert summary.failures == []
    assert sorted(credited(merged)) == ["story_1", "story_2"]
    assert not Author.objects.filter(name_key="k. entringer").exists()


def test_the_alias_is_shown_and_removable_in_the_author_admin(merged, editor_client, tmp_path):
    change = reverse("admin:articles_author_change", args=[merged.pk])
    assert "K. Entringer" in editor_client.get(change).content.decode()

    AuthorAlias.objects.get(name="K. Entringer").delete()
    importer.import_wire_file(wire_file(tmp_path, "story", reporter="K. Entringer"))

    assert Author.objects.filter(name="K. Entringer").exists()
