"""Wire files uploaded in the admin go through import_articles' importer, with its report."""

import io
import stat
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article, ArticleStatus
from ingest import uploads
from tests.conftest import SEED_PATH, WIRE

pytestmark = pytest.mark.django_db

IMPORT_URL = "admin:ingest_import_wire_files"


def upload(client, *files, status=ArticleStatus.DRAFT, dry_run=False):
    data = {"files": list(files), "status": status}
    if dry_run:
        data["dry_run"] = "on"
    return client.post(reverse(IMPORT_URL), data)


def wire(name: str) -> SimpleUploadedFile:
    path = WIRE / name
    return SimpleUploadedFile(path.name, path.read_bytes())


def zip_of(members: dict[str, bytes], **options) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def report_rows(response) -> list[tuple[str, str, str]]:
    report = response.context["report"]
    return [(row["name"], row["outcome"], row["error"]) for row in report["rows"]]


def test_the_article_list_links_to_the_import_page(editor_client):
    page = editor_client.get(reverse("admin:articles_article_changelist")).content.decode()

    assert f'href="{reverse(IMPORT_URL)}"' in page
    assert "Importer des dépêches" in page


def test_files_uploaded_together_are_imported_each_with_its_outcome(editor_client):
    response = upload(
        editor_client,
        SimpleUploadedFile(SEED_PATH.name, SEED_PATH.read_bytes()),
        wire("fr_place_notes.txt"),
        wire("bad/no_date_line.txt"),
    )

    assert response.status_code == 200
    rows = report_rows(response)
    assert [(name, outcome) for name, outcome, _ in rows] == [
        ("000_b7a23fd024b318f7.txt", "created"),
        ("fr_place_notes.txt", "created"),
        ("no_date_line.txt", "failed"),
    ]
    assert rows[2][2]
    page = response.content.decode()
    assert "2 créés, 0 mis à jour, 0 inchangés, 1 en échec" in page
    seed = Article.objects.get(source_id="000_b7a23fd024b318f7")
    assert seed.status == ArticleStatus.DRAFT
    assert seed.credits.count() == 5

    again = upload(editor_client, SimpleUploadedFile(SEED_PATH.name, SEED_PATH.read_bytes()))
    assert report_rows(again) == [("000_b7a23fd024b318f7.txt", "unchanged", "")]


def test_a_zip_is_unpacked_and_its_files_reported_by_their_place_in_it(editor_client):
    archive = zip_of(
        {
            "monday/000_b7a23fd024b318f7.txt": SEED_PATH.read_bytes(),
            "monday/notes.pdf": b"%PDF-1.4",
            "__MACOSX/monday/._000_b7a23fd024b318f7.txt": b"junk",
        }
    )

    response = upload(editor_client, SimpleUploadedFile("wire.zip", archive))

    assert sorted(report_rows(response)) == [
        ("wire.zip/monday/000_b7a23fd024b318f7.txt", "created", ""),
        ("wire.zip/monday/notes.pdf", "failed", "pas une dépêche (.txt, .xml, .json)"),
    ]


def test_a_dry_run_reports_and_writes_nothing(editor_client):
    response = upload(
        editor_client, SimpleUploadedFile(SEED_PATH.name, SEED_PATH.read_bytes()), dry_run=True
    )

    assert report_rows(response) == [("000_b7a23fd024b318f7.txt", "created", "")]
    assert "Essai : rien n\u2019a été écrit" in response.content.decode()
    assert not Article.objects.exists()


def zip_with_link() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        link = zipfile.ZipInfo("wire/link.txt")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("archive", "message"),
    [
        (zip_of({"../../evil.txt": b"x"}), "pointe hors de celui-ci"),
        (zip_of({"/etc/cron.d/evil.txt": b"x"}), "pointe hors de celui-ci"),
        (zip_with_link(), "pointe hors de celui-ci"),
        (zip_of({f"{n}.txt": b"x" for n in range(uploads.MAX_ZIP_FILES + 1)}), "la limite est de"),
        (zip_of({"bomb.txt": b"\0" * (uploads.MAX_ZIP_TOTAL_BYTES + 1)}), "plus de 50 Mo"),
    ],
    ids=["parent-folder", "absolute", "symbolic-link", "too-many-files", "zip-bomb"],
)
def test_a_hostile_zip_is_refused_whole_with_a_clear_message(editor_client, archive, message):
    response = upload(
        editor_client,
        SimpleUploadedFile(SEED_PATH.name, SEED_PATH.read_bytes()),
        SimpleUploadedFile("wire.zip", archive),
    )

    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["files"])
    assert message in errors
    assert "Rien n\u2019a été importé" in errors
    assert not Article.objects.exists()


def test_a_damaged_zip_and_a_hostile_name_get_their_own_lines(editor_client):
    response = upload(
        editor_client,
        SimpleUploadedFile("broken.zip", b"PK\x03\x04 not really a zip"),
        SimpleUploadedFile(".hidden.txt", SEED_PATH.read_bytes()),
    )

    rows = report_rows(response)
    assert rows == [
        ("broken.zip", "failed", "pas un fichier zip, ou un zip abîmé : rien n\u2019a été importé"),
        (".hidden.txt", "failed", "ce nom de fichier est refusé"),
    ]


def test_a_contributor_imports_drafts_only(contributor_client):
    response = upload(
        contributor_client,
        SimpleUploadedFile(SEED_PATH.name, SEED_PATH.read_bytes()),
        status=ArticleStatus.PUBLISHED,
    )

    assert "Seuls les éditeurs peuvent publier" in " ".join(
        response.context["form"].errors["status"]
    )
    assert not Article.objects.exists()


def test_someone_without_the_right_to_add_articles_cannot_import(client, django_user_model):
    staff = django_user_model.objects.create_user("visitor", password="x", is_staff=True)
    client.force_login(staff)

    assert upload(client, wire("fr_place_notes.txt")).status_code == 403
    assert not Article.objects.exists()
