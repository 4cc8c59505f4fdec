"""Importing wire copy: the import_articles command and the services behind it."""

import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from reversion.models import Version

from articles.models import Article, ArticleStatus, Author, AuthorKind, Credit
from ingest import importer

ENGLISH_WIRE = """\
 date 2024-03-12 Hungary's parliament approves Sweden's NATO bid

Photo credit © Reuters/Bernadett Szabo

BUDAPEST, March 12 (Reuters) - Hungary's parliament on Monday ratified Sweden's bid to join \
NATO, ending months of delay that had frustrated its allies.

The vote clears the last hurdle for the Nordic country. (Reporting by Anita Komuves and \
Krisztina Than in Budapest; Additional reporting by Johan Ahlander in Stockholm; \
Writing by kate  ENTRINGER; Editing by Alex Richardson)
"""


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def run_import(*args: str) -> tuple[str, str, int]:
    """Run the command as a user would; returns (stdout, stderr, exit status)."""
    stdout, stderr = StringIO(), StringIO()
    try:
        call_command("import_articles", *args, stdout=stdout, stderr=stderr)
    except CommandError as error:
        stderr.write(str(error))
        return stdout.getvalue(), stderr.getvalue(), error.returncode
    return stdout.getvalue(), stderr.getvalue(), 0


def credits_of(article: Article) -> list[tuple[str, str, str]]:
    return [(c.role, c.author.name, c.note) for c in article.credits.select_related("author")]


@pytest.mark.django_db
class TestSeedImport:
    def test_the_seed_becomes_the_article_of_the_contract(self, seed_path):
        stdout, stderr, status = run_import(str(seed_path))

        assert (status, stderr) == (0, "")
        assert stdout.strip() == "1 created, 0 updated, 0 unchanged, 0 failed"
        article = Article.objects.get()
        assert article.source_id == "000_b7a23fd024b318f7"
        assert article.slug == (
            "les-forces-ukrainiennes-gagnent-progressivement-du-terrain-dit-stoltenberg"
        )
        assert article.headline == (
            'Les forces ukrainiennes "gagnent progressivement du terrain" dit Stoltenberg'
        )
        assert article.language == "fr"
        assert article.date == datetime.date(2023, 9, 1)
        assert article.date_text == "2023-09"
        assert (article.dateline_place, article.dateline_source) == ("KYIV", "Reuters")
        assert article.photo_credit == "Reuters"
        assert article.body.startswith("Les troupes ukrainiennes")
        assert article.body.endswith('et "déstabilisantes".')
        assert credits_of(article) == [
            ("photo", "Reuters", ""),
            ("reporting", "Andrew Gray", ""),
            ("translation", "Victor Goury-Laffont", ""),
            ("translation", "Mariana Abreu", ""),
            ("editing", "Kate Entringer", ""),
        ]

    def test_the_source_is_kept_verbatim_with_its_hash(self, seed_path):
        importer.import_wire_file(seed_path)

        article = Article.objects.get()
        assert article.source_text.encode("utf-8") == seed_path.read_bytes()
        assert len(article.source_hash) == 64

    def test_wire_copy_is_published_by_default_and_can_come_in_as_draft(self, seed_path, tmp_path):
        importer.import_wire_file(seed_path)
        assert Article.objects.visible().count() == 1

        run_import("--status", "draft", str(write(tmp_path, "other.txt", ENGLISH_WIRE)))
        draft = Article.objects.get(source_id="other")
        assert draft.status == ArticleStatus.DRAFT
        assert draft.published_at is None
        assert not Article.objects.visible().filter(pk=draft.pk).exists()

    def test_the_agency_is_an_organisation_and_people_are_people(self, seed_path):
        importer.import_wire_file(seed_path)

        assert Author.objects.get(slug="reuters").kind == AuthorKind.ORGANISATION
        assert Author.objects.get(slug="kate-entringer").kind == AuthorKind.PERSON


@pytest.mark.django_db
class TestAuthors:
    def test_the_same_person_across_articles_is_one_author(self, seed_path, tmp_path):
        importer.import_wire_file(seed_path)
        importer.import_wire_file(write(tmp_path, "en.txt", ENGLISH_WIRE))

        kate = Author.objects.get(slug="kate-entringer")
        assert kate.name == "Kate Entringer"  # the first spelling seen is kept
        assert kate.credits.count() == 2
        assert Author.objects.filter(name__iexact="kate entringer").count() == 1

    def test_place_notes_stay_out_of_names(self, tmp_path):
        importer.import_wire_file(write(tmp_path, "en.txt", ENGLISH_WIRE))

        article = Article.objects.get()
        assert credits_of(article) == [
            ("photo", "Bernadett Szabo", ""),
            ("reporting", "Anita Komuves", "in Budapest"),
            ("reporting", "Krisztina Than", "in Budapest"),
            ("additional_reporting", "Johan Ahlander", "in Stockholm"),
            # Alone, the file's own spelling is the first seen, so it is the one kept.
            ("writing", "kate ENTRINGER", ""),
            ("editing", "Alex Richardson", ""),
        ]

    def test_same_headline_gets_a_distinct_slug(self, seed_path, tmp_path):
        importer.import_wire_file(seed_path)
        importer.import_wire_file(write(tmp_path, "copy.txt", seed_path.read_bytes()))

        slugs = sorted(Article.objects.values_list("slug", flat=True))
        base = "les-forces-ukrainiennes-gagnent-progressivement-du-terrain-dit-stoltenberg"
        assert slugs == [base, f"{base}-2"]


@pytest.mark.django_db
class TestReimport:
    def test_an_unchanged_file_changes_nothing(self, seed_path):
        importer.import_wire_file(seed_path)
        before = Article.objects.values().get()

        stdout, _, status = run_import(str(seed_path))

        assert status == 0
        assert stdout.strip() == "0 created, 0 updated, 1 unchanged, 0 failed"
        assert Article.objects.values().get() == before
        assert Version.objects.get_for_model(Article).count() == 1

    def test_a_changed_file_updates_the_article_and_keeps_the_previous_version(
        self, seed_path, tmp_path
    ):
        source = write(tmp_path, seed_path.name, seed_path.read_bytes())
        importer.import_wire_file(source)
        original = Article.objects.get()
        write(
            tmp_path,
            seed_path.name,
            source.read_text(encoding="utf-8").replace("Stoltenberg", "Jens Stoltenberg", 1),
        )

        stdout, _, _ = run_import(str(source))

        assert stdout.strip() == "0 created, 1 updated, 0 unchanged, 0 failed"
        updated = Article.objects.get()
        assert updated.pk == original.pk
        assert updated.slug == original.slug  # URLs stay put
        assert updated.headline.endswith("dit Jens Stoltenberg")
        versions = Version.objects.get_for_object(updated)
        assert versions.count() == 2
        previous = versions[1]  # newest first
        assert previous.field_dict["headline"] == original.headline
        previous.revision.revert(delete=True)
        assert Article.objects.get().headline == original.headline
        assert Credit.objects.filter(article=original).count() == 5

    def test_a_reimport_keeps_the_editors_workflow_state(self, seed_path, tmp_path):
        source = write(tmp_path, seed_path.name, seed_path.read_bytes())
        importer.import_wire_file(source)
        Article.objects.update(status=ArticleStatus.DRAFT, published_at=None)
        write(tmp_path, seed_path.name, source.read_bytes() + b"\n")

        importer.import_wire_file(source)

        assert Article.objects.get().status == ArticleStatus.DRAFT


BAD_INPUTS = {
    "empty": (b"", "empty"),
    "no date line": (b"Un titre sans date\n\nKYIV (Reuters) - Du texte.\n", "date"),
    "impossible date": (b" date 2023-02-30 Un titre\n\nKYIV (Reuters) - Du texte.\n", "2023-02-30"),
    "latin-1 bytes": (
        " date 2023-09 Un été chaud\n\nPARIS (Reuters) - Il a fait très chaud.\n".encode("latin-1"),
        "UTF-8",
    ),
    "binary": (bytes(range(256)) * 4, "binary"),
    "headline without body": (b" date 2023-09 Un titre tout seul\n", "body"),
}


@pytest.mark.django_db
class TestBadInput:
    @pytest.mark.parametrize("content, expected_word", BAD_INPUTS.values(), ids=BAD_INPUTS.keys())
    def test_gets_a_one_line_error_naming_the_file_and_writes_nothing(
        self, tmp_path, content, expected_word
    ):
        path = write(tmp_path, "bad.txt", content)

        stdout, stderr, status = run_import(str(path))

        assert status == 1
        error_line = stderr.splitlines()[0]
        assert error_line.startswith(f"{path}: ")
        assert expected_word.lower() in error_line.lower()
        assert "Traceback" not in stderr
        assert stdout.strip() == "0 created, 0 updated, 0 unchanged, 1 failed"
        assert (Article.objects.count(), Author.objects.count(), Credit.objects.count()) == (
            0,
            0,
            0,
        )

    def test_a_missing_path_is_named(self, tmp_path):
        missing = tmp_path / "nowhere.txt"

        _, stderr, status = run_import(str(missing))

        assert status == 1
        assert stderr.startswith(f"{missing}: ")

    def test_a_batch_lands_the_good_files_and_exits_1(self, seed_path, tmp_path):
        write(tmp_path, "a/good.txt", seed_path.read_bytes())
        write(tmp_path, "b/bad.txt", b"")
        write(tmp_path, "c/english.txt", ENGLISH_WIRE)
        write(tmp_path, "c/not-wire.md", b"ignored: not a .txt file")

        stdout, stderr, status = run_import(str(tmp_path))

        assert status == 1
        assert stderr.splitlines()[0].startswith(f"{tmp_path / 'b/bad.txt'}: ")
        assert stdout.strip() == "2 created, 0 updated, 0 unchanged, 1 failed"
        assert set(Article.objects.values_list("source_id", flat=True)) == {"good", "english"}


@pytest.mark.django_db
class TestDryRun:
    def test_reports_what_would_happen_and_writes_nothing(self, seed_path, tmp_path):
        write(tmp_path, "bad.txt", b"")

        stdout, stderr, status = run_import("--dry-run", str(seed_path), str(tmp_path))

        assert status == 1
        assert "bad.txt: " in stderr
        assert (
            stdout.strip()
            == "Dry run, nothing written: 1 created, 0 updated, 0 unchanged, 1 failed"
        )
        assert Article.objects.count() == 0
        assert Author.objects.count() == 0


def test_a_folder_is_read_in_the_order_of_its_sorted_paths_links_to_folders_left_out(tmp_path):
    # Found one folder at a time (a million paths are never held at once), in the order
    # sorting them all would give, so that two runs over the same tree repeat.
    for name in ["b.txt", "a/x.txt", "a.txt", "a/b/c.xml", "A.txt", "a b/q.txt", "a-b/r.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    (tmp_path / "notes.md").write_text("not wire copy")
    (tmp_path / "linked").symlink_to(tmp_path / "a")

    found = [path.relative_to(tmp_path).as_posix() for path in importer.find_wire_files([tmp_path])]

    expected = ["A.txt", "a/b/c.xml", "a/x.txt", "a b/q.txt", "a-b/r.txt", "a.txt", "b.txt"]
    assert found == expected
