"""Importing wire files from the admin, in headless Chromium: upload, then read the report."""

import io
import zipfile

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.articles.test_browser_admin import log_in
from tests.conftest import SEED_PATH, WIRE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_uploads_wire_files_and_reads_the_per_file_report(page, screenshots_folder):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("monday/fr_place_notes.txt", (WIRE / "fr_place_notes.txt").read_bytes())
    log_in(page, "editor", ["Editors"])

    page.click("text=Importer des dépêches")
    expect(page.locator("h1")).to_have_text("Importer des dépêches")
    page.set_input_files(
        "#id_files",
        files=[
            {"name": SEED_PATH.name, "mimeType": "text/plain", "buffer": SEED_PATH.read_bytes()},
            {
                "name": "no_date_line.txt",
                "mimeType": "text/plain",
                "buffer": (WIRE / "bad" / "no_date_line.txt").read_bytes(),
            },
            {"name": "monday.zip", "mimeType": "application/zip", "buffer": archive.getvalue()},
        ],
    )
    page.click("input[type=submit]")

    report = page.locator(".import-report")
    expect(report.locator(".import-summary")).to_have_text(
        "2 créés, 0 mis à jour, 0 inchangés, 1 en échec"
    )
    expect(report.locator("tr.import-created")).to_have_count(2)
    expect(report.locator("tr.import-failed td").first).to_have_text("no_date_line.txt")
    expect(report.locator("tr.import-created").last).to_contain_text("monday.zip/monday/")
    page.screenshot(path=screenshots_folder / "admin-import-report.png", full_page=True)
    assert Article.objects.filter(source_id="000_b7a23fd024b318f7", status="draft").exists()
