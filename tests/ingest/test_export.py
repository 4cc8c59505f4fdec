"""Exporting articles as wire copy: the export_articles command and the services behind it."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, Credit, CreditRole
from ingest import importer
from tests.conftest import FIXTURES, WIRE
from tests.ingest.test_import import ENGLISH_WIRE, write

WIRE_FILES = sorted(FIXTURES.glob("*.txt")) + sorted(WIRE.glob("*.txt"))


def snapshot() -> list[dict]:
    """Everything an article says, without database identity or timestamps."""
    return [
        {
            "source_id": article.source_id,
            "headline": article.headline,
            "language": article.language,
            "date": article.date_text,
            "dateline": (article.dateline_place, article.dateline_source, article.dateline_date),
            "photo_credit": article.photo_credit,
            "body": article.body,
            "credits": [
                (credit.role, credit.author.name, credit.author.kind, credit.note)
                for credit in article.credits.all()
            ],
        }
        for article in Article.objects.with_credits().order_by("source_id")
    ]


def export(directory: Path) -> str:
    stdout = StringIO()
    call_command("export_articles", str(directory), stdout=stdout)
    return stdout.getvalue()


@pytest.mark.django_db
class TestExport:
    @pytest.mark.parametrize("source", WIRE_FILES, ids=lambda path: path.name)
    def test_an_article_not_edited_since_import_is_exported_byte_for_byte(self, source, tmp_path):
        importer.import_wire_file(source)

        export(tmp_path / "out")

        assert (tmp_path / "out" / source.name).read_bytes() == source.read_bytes()

    def test_a_byte_order_mark_and_windows_line_breaks_come_back_too(self, tmp_path):
        original = b"\xef\xbb\xbf" + ENGLISH_WIRE.replace("\n", "\r\n").encode("utf-8")
        importer.import_wire_file(write(tmp_path / "in", "windows.txt", original))

        export(tmp_path / "out")

        assert (tmp_path / "out" / "windows.txt").read_bytes() == original

    def test_reports_how_many_files_it_wrote(self, seed_path, tmp_path):
        importer.import_wire_file(seed_path)

        assert export(tmp_path).strip() == f"1 articles exported to {tmp_path}"

    def test_an_edited_article_is_exported_as_edited(self, seed_path, tmp_path):
        importer.import_wire_file(seed_path)
        article = Article.objects.get()
        article.headline = "Stoltenberg : les forces ukrainiennes avancent"
        article.save()
        Credit.objects.filter(role=CreditRole.EDITING).update(note="à Bruxelles")

        export(tmp_path)

        exported = (tmp_path / seed_path.name).read_text(encoding="utf-8")
        assert exported.startswith(" date 2023-09 Stoltenberg : les forces ukrainiennes avancent\n")
        assert "Kate Entringer à Bruxelles" in exported

    def test_importing_an_export_gives_back_the_same_articles(self, seed_path, tmp_path):
        for source in [seed_path, write(tmp_path / "in", "english.txt", ENGLISH_WIRE)]:
            importer.import_wire_file(source)
        article = Article.objects.get(source_id="english")
        article.body += "\n\nA third paragraph added by an editor."
        article.save()
        before = snapshot()
        export(tmp_path / "out")
        Article.objects.all().delete()

        summary = importer.import_wire_files(importer.find_wire_files([tmp_path / "out"]))

        assert str(summary) == "2 created, 0 updated, 0 unchanged, 0 failed"
        assert snapshot() == before


@pytest.mark.django_db
def test_an_unwritable_destination_is_a_clear_error(seed_path, tmp_path):
    importer.import_wire_file(seed_path)
    not_a_folder = write(tmp_path, "file.txt", "I am a file")

    with pytest.raises(CommandError, match=f"^{not_a_folder}: "):
        export(not_a_folder)
