"""One photo credit: the photo credit rows say who, and every output prints the same text."""

import json

import pytest
from django.core.files.base import ContentFile

from articles.models import AuthorKind, Credit, CreditRole
from articles.presentation import photo_copyright_holder, photo_credit_text
from ingest import importer
from ingest.exporter import export_file_for
from tests.factories import AuthorFactory, CreditedArticleFactory, photo_bytes

pytestmark = pytest.mark.django_db


def article_with(photo_credit: str, credits: list[tuple[str, str]]):
    return CreditedArticleFactory(photo_credit=photo_credit, credits=credits)


def test_the_agencys_text_is_printed_verbatim_while_the_rows_agree_with_it():
    article = article_with("Reuters/Manon Cruz/File Photo", [(CreditRole.PHOTO, "Manon Cruz")])
    assert photo_credit_text(article) == "Reuters/Manon Cruz/File Photo"
    agency_only = article_with("Reuters", [(CreditRole.PHOTO, "Reuters")])
    assert photo_credit_text(agency_only) == "Reuters"


def test_a_photographer_changed_in_the_credits_replaces_the_one_the_field_named():
    article = article_with("AFP/Jean Photographe", [(CreditRole.PHOTO, "Manon Cruz")])
    assert photo_credit_text(article) == "AFP/Manon Cruz"
    assert photo_copyright_holder(article) == "AFP"


def test_a_photographer_added_to_an_agency_credit_follows_the_agency():
    article = article_with(
        "Reuters", [(CreditRole.PHOTO, "Reuters"), (CreditRole.PHOTO, "Manon Cruz")]
    )
    assert photo_credit_text(article) == "Reuters/Manon Cruz"


def test_without_photo_credit_rows_the_field_is_the_credit_and_without_either_there_is_none():
    assert photo_credit_text(article_with("AFP", [(CreditRole.REPORTING, "Andrew Gray")])) == "AFP"
    assert photo_credit_text(article_with("", [(CreditRole.REPORTING, "Andrew Gray")])) == ""


def test_a_photographer_credited_without_any_agency_text_is_the_credit():
    assert photo_credit_text(article_with("", [(CreditRole.PHOTO, "Manon Cruz")])) == "Manon Cruz"


def test_an_agency_credited_in_the_rows_replaces_another_agency_in_the_field():
    article = article_with("AFP/Jean Photographe", [])
    Credit.objects.create(
        article=article,
        author=AuthorFactory(name="Reuters", kind=AuthorKind.ORGANISATION),
        role=CreditRole.PHOTO,
    )
    assert photo_credit_text(article) == "Reuters"


@pytest.fixture
def drifted(media_root):
    """An imported article whose photographer an editor changed in the credits only."""
    article = importer.import_wire_file(_write_wire(media_root)).article
    photo = article.credits.get(role=CreditRole.PHOTO)
    photo.author = AuthorFactory(name="Manon Cruz")
    photo.save()
    article.photo.save("kyiv.jpg", ContentFile(photo_bytes()), save=True)
    return article


def _write_wire(folder):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "photo_drift.txt"
    path.write_text(
        " date 2024-03-12 Kyiv under fire\n\nPhoto credit © AFP/Jean Photographe\n\n"
        "KYIV (Reuters) - Air raid sirens sounded. (Reporting by Andrew Gray)\n",
        encoding="utf-8",
    )
    return path


def test_the_api_ninjs_page_json_ld_and_export_all_print_the_credited_photographer(client, drifted):
    detail = client.get(f"/api/v1/articles/{drifted.slug}/").json()
    assert detail["photo_credit"] == "AFP/Manon Cruz"
    assert [c["author"]["name"] for c in detail["credits"] if c["role"] == "photo"] == [
        "Manon Cruz"
    ]

    ninjs = client.get(f"/api/v1/articles/{drifted.slug}/?format=ninjs").json()
    picture = ninjs["associations"][0]
    assert picture["copyrightnotice"] == "© AFP/Manon Cruz"
    assert picture["copyrightholder"] == "AFP"
    assert picture["by"] == "Manon Cruz"

    page = client.get(drifted.get_absolute_url()).content.decode()
    assert "© AFP/Manon Cruz" in page
    assert "Jean Photographe" not in page
    structured = json.loads(page.split('type="application/ld+json">')[1].split("</script>")[0])
    assert structured["image"][0]["creditText"] == "AFP/Manon Cruz"

    _, exported = export_file_for(drifted)
    assert "Photo credit © AFP/Manon Cruz" in exported.decode()
    assert "Jean Photographe" not in exported.decode()


def test_the_admin_form_shows_the_credit_as_published(editor_client, drifted):
    page = editor_client.get(f"/admin/articles/article/{drifted.pk}/change/").content.decode()
    assert "AFP/Manon Cruz" in page
