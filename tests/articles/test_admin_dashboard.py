"""The desk's dashboard on the admin index: what waits for editors."""

import dataclasses
import datetime

import pytest
import reversion
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from articles.admin import dashboard
from articles.agency_updates import AgencyUpdateToReview
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


def dashboard_queries(editor_client) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert editor_client.get("/admin/").status_code == 200
    return [query["sql"] for query in queries]


def test_past_the_bound_a_panel_says_ten_thousand_plus_in_french(editor_client, monkeypatch):
    # A bound of 3 stands for 10,000: four articles are "more than the bound".
    monkeypatch.setattr("articles.admin.dashboard.COUNT_BOUND", 3)
    for _ in range(4):
        ArticleFactory(status=ArticleStatus.WITHDRAWN)
    ArticleFactory(status=ArticleStatus.IN_REVIEW, published_at=None)

    page = editor_client.get("/admin/").content.decode()

    # French grouping: a no-break space between thousands ("10 000+" at the real bound).
    assert '<span class="count">(3+)</span>' in panel_html(page, "withdrawn")
    assert '<span class="count">(1)</span>' in panel_html(page, "in-review")


def test_the_bound_is_shown_with_french_thousands():
    panel = dashboard.Panel("withdrawn", "Retirés", [], dashboard.COUNT_BOUND + 1, "")
    with translation.override("fr"):
        assert panel.count_text == "10\xa0000+"
    with translation.override("en"):
        assert panel.count_text == "10,000+"
    exact = dataclasses.replace(panel, count=1234)
    with translation.override("fr"):
        assert exact.count_text == "1\xa0234"


def test_the_panels_count_no_further_than_the_bound(editor_client):
    ArticleFactory(status=ArticleStatus.WITHDRAWN)

    counts = [sql for sql in dashboard_queries(editor_client) if "COUNT(" in sql.upper()]
    assert counts and all("LIMIT" in sql.upper() for sql in counts)


def fill_every_panel(count: int) -> None:
    """``count`` more rows in each panel (the recently changed one gets them all)."""
    for _ in range(count):
        ArticleFactory(status=ArticleStatus.IN_REVIEW, published_at=None)
        ArticleFactory(published_at=timezone.now() + datetime.timedelta(days=1))
        withdrawn = ArticleFactory(status=ArticleStatus.WITHDRAWN)
        AgencyUpdateToReview.objects.create(article=withdrawn, source_text="the agency's file")
        import_failures.record_failure(WIRE / "bad" / f"{withdrawn.slug}.txt", "empty file")


def test_the_dashboard_costs_the_same_queries_for_3_or_30_articles_a_panel(editor_client):
    fill_every_panel(3)
    few = len(dashboard_queries(editor_client))
    fill_every_panel(27)
    assert len(dashboard_queries(editor_client)) == few


def test_the_panels_never_read_an_article_body(editor_client):
    fill_every_panel(2)
    body = connection.ops.quote_name("body")
    source = connection.ops.quote_name("source_text")

    reads = [sql for sql in dashboard_queries(editor_client) if "articles_article" in sql]

    assert reads
    assert not [sql for sql in reads if body in sql or source in sql]
