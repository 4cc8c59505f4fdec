"""Article photos in the admin: real images stored upright with a preview; bad files refused."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from articles.models import Article
from articles.services import renditions
from tests.admin_forms import change_form_data
from tests.factories import ArticleFactory, decompression_bomb_png, photo_bytes

pytestmark = pytest.mark.django_db


def change_url(article: Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def upload_photo(client, article: Article, name: str, data: bytes, **fields):
    form = change_form_data(client.get(change_url(article)))
    form.update(fields, photo=SimpleUploadedFile(name, data))
    return client.post(change_url(article), form)


def test_a_sideways_camera_photo_is_stored_upright_with_caption_and_thumbnail(
    editor_client, media_root
):
    article = ArticleFactory()

    response = upload_photo(
        editor_client,
        article,
        "kyiv.jpg",
        photo_bytes("JPEG", (640, 480), orientation=6),
        photo_caption="Jens Stoltenberg in Kyiv",
        photo_alt_text="A man at a lectern",
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.photo.name.startswith("photos/")
    with Image.open(media_root / article.photo.name) as stored:
        assert stored.size == (480, 640)
    preview = renditions.rendition(article.photo, "admin")
    assert (media_root / preview.name).is_file()
    assert preview.name.startswith("renditions/photos/")
    assert article.photo_caption == "Jens Stoltenberg in Kyiv"


def test_the_list_shows_the_thumbnail(editor_client, media_root):
    article = ArticleFactory()
    upload_photo(
        editor_client, article, "kyiv.png", photo_bytes("PNG"), photo_alt_text="Stoltenberg"
    )
    article.refresh_from_db()

    page = editor_client.get(reverse("admin:articles_article_changelist")).content.decode()

    preview = renditions.rendition(article.photo, "admin")
    assert f'src="/media/{preview.name}"' in page
    assert preview.name.endswith(".webp")
    assert 'alt="Stoltenberg"' in page


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("bomb.png", decompression_bomb_png(), "bombe de décompression"),
        ("huge.png", decompression_bomb_png(8000, 6000), "la limite est de 40 mégapixels"),
        ("notes.jpg", b"Reportage Andrew Gray; version francaise", "pas une image"),
        ("animation.gif", photo_bytes("GIF"), "Les images GIF ne sont pas acceptées"),
    ],
)
def test_a_bad_upload_gets_a_clear_form_error_and_changes_nothing(
    editor_client, media_root, name, data, message
):
    article = ArticleFactory(headline="Before")

    response = upload_photo(editor_client, article, name, data, headline="After")

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["photo"]
    assert message in " ".join(errors)
    article.refresh_from_db()
    assert (article.headline, article.photo.name, article.version) == ("Before", "", 1)
    assert not media_root.exists() or not any(media_root.rglob("*.*"))


def test_the_form_previews_the_current_photo_as_a_rendition(editor_client, media_root):
    article = ArticleFactory()
    upload_photo(editor_client, article, "kyiv.jpg", photo_bytes("JPEG", (640, 480)))
    article.refresh_from_db()

    page = editor_client.get(change_url(article)).content.decode()

    preview = renditions.rendition(article.photo, "page-480-jpeg")
    assert f'<img src="/media/{preview.name}" width="480" height="360"' in page
    assert 'data-photo-preview="id_photo_preview"' in page
    assert "admin-newsroom/photo-preview.js" in page
    assert editor_client.get(f"/media/{preview.name}").status_code == 200


def test_the_list_reads_its_photo_previews_in_one_query_however_many_rows(
    editor_client, media_root
):
    def with_photo(number: int) -> Article:
        article = ArticleFactory()
        article.photo.save(f"photo{number}.jpg", ContentFile(photo_bytes("JPEG")))
        renditions.rendition(article.photo, "admin")
        return article

    with_photo(0)
    changelist = reverse("admin:articles_article_changelist")
    with CaptureQueriesContext(connection) as one_photo:
        editor_client.get(changelist)
    for number in range(1, 6):
        with_photo(number)

    with CaptureQueriesContext(connection) as six_photos:
        page = editor_client.get(changelist).content.decode()

    assert len(six_photos) == len(one_photo)
    assert page.count('class="article-thumbnail"') == 6
