"""What export then import keeps and loses, as docs/commands.md says: wire copy, not a backup."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.models import Article, ArticleStatus, Author
from articles.services import editorial
from ingest import importer
from tests.conftest import FIXTURES
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SEED = FIXTURES / "000_b7a23fd024b318f7.txt"


@pytest.fixture
def edited_draft() -> Article:
    """The seed, unpublished, its headline corrected and a photo added by the desk."""
    editor = UserFactory(groups=["Editors"])
    article = editorial.unpublish(importer.import_wire_file(SEED).article, user=editor)
    article.headline = "Corrigé par le desk"
    article.photo = "photos/2024/03/kyiv.webp"
    article.photo_caption = "Kyiv, en mars"
    editorial.save_article(article, user=editor, expected_version=article.version)
    return article


def export_and_import(directory: Path, *, empty_first: bool) -> None:
    call_command("export_articles", str(directory), stdout=StringIO())
    if empty_first:
        Article.objects.all().delete()
        Author.objects.all().delete()
    call_command("import_articles", str(directory), stdout=StringIO())


def test_into_an_empty_database_a_draft_comes_back_published_without_its_photo(
    edited_draft, tmp_path
):
    export_and_import(tmp_path / "export", empty_first=True)

    article = Article.objects.get(source_id=edited_draft.source_id)
    assert article.headline == "Corrigé par le desk"  # the text travels
    assert article.status == ArticleStatus.PUBLISHED  # the workflow does not
    assert (article.photo.name, article.photo_caption) == ("", "")  # nor the photo
    assert article.pk != edited_draft.pk


def test_into_the_same_database_the_article_keeps_its_status_and_photo(edited_draft, tmp_path):
    export_and_import(tmp_path / "export", empty_first=False)

    article = Article.objects.get(pk=edited_draft.pk)
    assert article.headline == "Corrigé par le desk"
    assert article.status == ArticleStatus.DRAFT
    assert (article.photo.name, article.photo_caption) == (
        "photos/2024/03/kyiv.webp",
        "Kyiv, en mars",
    )
