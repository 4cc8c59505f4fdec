"""The desk's dashboard on the admin index: what waits for editors."""

import datetime

import pytest
import reversion
from django.utils import timezone

from articles.import_failures import ImportFailure
from articles.models import ArticleStatus
from articles.services import import_failures
from ingest import importer
from ingest.watching import DropFolder
from tests.conftest import WIRE
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


def panel_html(page: str, key: str) -> str:
    start = page.index(f'id="panel-{key}"')
    return page[start : page.index("</section>", start)]


def test_each_panel_lists_what_waits(editor_client):
    ArticleFactory(headline="Relisez-moi", status=ArticleStatus.IN_REVIEW, published_at=None)
    ArticleFactory(
        headline="Plus tard",
        published_at=timezone.now() + datetime.timedelta(days=1),
    )
    ArticleFactory(headline="Retirée", status=ArticleStatus.WITHDRAWN)
    import_failures.record_failure(WIRE / "bad" / "empty.txt", "empty file")

    page = editor_client.get("/admin/").content.decode()

    assert "Relisez-moi" in panel_html(page, "in-review")
    assert "Plus tard" in panel_html(page, "scheduled")
    assert "programmé pour le" in panel_html(page, "scheduled")
    assert "Retirée" in panel_html(page, "withdrawn")
    assert "Plus tard" in panel_html(page, "recently-changed")
    failed = panel_html(page, "failed-imports")
    assert "empty.txt" in failed and "empty file" in failed
    assert "Aucune mise à jour" in panel_html(page, "agency-updates")


def test_an_agency_update_over_a_desk_edit_is_listed_for_review(editor_client, tmp_path, editor):
    path = tmp_path / "kyiv.txt"
    path.write_text(" date 2024-03-12 Kyiv\n\nKYIV (Reuters) - Sirens.\n", encoding="utf-8")
    article = importer.import_wire_file(path).article
    # A desk edit: a revision with its editor, as every admin save makes.
    with reversion.create_revision():
        article.headline = "Kyiv, corrected"
        article.save()
        reversion.set_user(editor)
    # The agency changes the headline too: both changed it, so the agency's text waits.
    path.write_text(
        " date 2024-03-12 Kyiv at night\n\nKYIV (Reuters) - Sirens.\n", encoding="utf-8"
    )
    importer.import_wire_file(path)

    panel = panel_html(editor_client.get("/admin/").content.decode(), "agency-updates")
    assert "Kyiv, corrected" in panel


def test_an_agency_update_that_collides_with_no_desk_edit_waits_for_no_one(
    editor_client, tmp_path, editor
):
    path = tmp_path / "kyiv.txt"
    path.write_text(" date 2024-03-12 Kyiv\n\nKYIV (Reuters) - Sirens.\n", encoding="utf-8")
    article = importer.import_wire_file(path).article
    with reversion.create_revision():
        article.headline = "Kyiv, corrected"
        article.save()
        reversion.set_user(editor)
    path.write_text(" date 2024-03-12 Kyiv\n\nKYIV (Reuters) - Sirens again.\n", encoding="utf-8")
    importer.import_wire_file(path)

    panel = panel_html(editor_client.get("/admin/").content.decode(), "agency-updates")
    assert "Kyiv, corrected" not in panel


# The watcher closes stale connections between files, as a long-lived process must: outside a
# test transaction, as in production.
@pytest.mark.django_db(transaction=True)
def test_the_drop_folder_records_a_failed_file_and_forgets_it_once_it_imports(tmp_path):
    folder = DropFolder(tmp_path, status=ArticleStatus.PUBLISHED, stable_seconds=0)
    folder.prepare()
    dropped = tmp_path / "story.txt"
    dropped.write_bytes(b"")
    folder.import_file(dropped)
    (failure,) = ImportFailure.objects.all()
    assert (failure.file_name, failure.reason) == ("story.txt", "empty file")

    dropped.write_bytes((WIRE / "fr_place_notes.txt").read_bytes())
    folder.import_file(dropped)
    assert not ImportFailure.objects.exists()


def test_a_user_without_articles_sees_no_dashboard(client):
    client.force_login(UserFactory(username="visitor"))
    assert 'id="desk-dashboard"' not in client.get("/admin/").content.decode()
