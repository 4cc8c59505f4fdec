"""/media/ with DEBUG off: renditions of public photos served safely; nothing else leaks."""

import html
import re

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.utils.http import http_date

from articles.previews import preview_url
from articles.services import renditions
from tests.factories import ArticleFactory, photo_with_gps

pytestmark = pytest.mark.django_db


@pytest.fixture
def published_rendition(media_root):
    article = ArticleFactory()
    article.photo.save("kyiv.jpg", ContentFile(photo_with_gps("JPEG", (800, 600))))
    return article, renditions.rendition(article.photo, "page-480-webp")


def test_a_rendition_of_a_public_article_is_served_with_safe_headers(
    client, settings, published_rendition
):
    assert settings.DEBUG is False
    _, rendition = published_rendition

    response = client.get(f"/media/{rendition.name}")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "public, max-age=3600"
    assert "sandbox" in response["Content-Security-Policy"]
    assert int(response["Content-Length"]) == len(b"".join(response.streaming_content))


def test_an_unchanged_rendition_is_not_sent_again(client, published_rendition, media_root):
    _, rendition = published_rendition
    modified = (media_root / rendition.name).stat().st_mtime

    response = client.get(f"/media/{rendition.name}", HTTP_IF_MODIFIED_SINCE=http_date(modified))

    assert response.status_code == 304


def test_the_original_is_for_editors_only(editor_client, published_rendition):
    article, _ = published_rendition

    assert Client().get(article.photo.url).status_code == 404
    response = editor_client.get(article.photo.url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-cache"


def test_renditions_of_an_unpublished_article_are_for_editors_only(
    editor_client, published_rendition
):
    article, rendition = published_rendition
    article.status = "draft"
    article.published_at = None
    article.save()

    assert Client().get(f"/media/{rendition.name}").status_code == 404
    assert editor_client.get(f"/media/{rendition.name}").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/media/renditions/",
        "/media/renditions/photos",
        "/media/../newsroom/settings.py",
        "/media/%2e%2e/newsroom/settings.py",
        "/media/renditions/..%2f..%2fmanage.py",
        "/media/renditions//photos/x.jpg",
        "/media/renditions/photos/..%5c..%5cmanage.py",
        "/media/.hidden.jpg",
        "/media/renditions/missing.jpg",
    ],
)
def test_no_listing_and_no_way_out_of_the_media_folder(editor_client, published_rendition, path):
    assert editor_client.get(path).status_code == 404


def test_only_image_types_are_served_even_to_editors(editor_client, media_root):
    (media_root / "renditions").mkdir(parents=True)
    (media_root / "renditions" / "page.html").write_text("<script>alert(1)</script>")
    (media_root / "renditions" / "page.svg").write_text("<svg onload='alert(1)'/>")

    assert editor_client.get("/media/renditions/page.html").status_code == 404
    assert editor_client.get("/media/renditions/page.svg").status_code == 404


def test_media_is_read_only(client, published_rendition):
    _, rendition = published_rendition

    assert client.post(f"/media/{rendition.name}").status_code == 405


def test_a_preview_link_shows_the_photo_of_the_article_it_opens_and_no_other(media_root):
    draft = ArticleFactory(draft=True)
    draft.photo.save("draft.jpg", ContentFile(photo_with_gps("JPEG", (800, 600))))
    other = ArticleFactory(draft=True)
    other.photo.save("other.jpg", ContentFile(photo_with_gps("JPEG", (800, 600))))
    reader = Client()

    page = reader.get(preview_url(draft)).content.decode()

    [source] = re.findall(r'<img src="([^"]+)"', page)
    source = html.unescape(source)
    assert "?preview=" in source
    assert reader.get(source).status_code == 200
    rendition_path = source.split("?")[0]
    assert reader.get(rendition_path).status_code == 404
    other_rendition = renditions.rendition(other.photo, "page-960-jpeg")
    token = source.split("?preview=")[1]
    assert reader.get(f"/media/{other_rendition.name}?preview={token}").status_code == 404
    assert reader.get(f"{rendition_path}?preview=forged").status_code == 404
