"""Readers get renditions of the photo, never the original: sized, WebP first, without EXIF."""

import html
import re

import feedparser
import pytest
from django.urls import reverse
from PIL import Image

from articles.services import renditions
from tests.factories import GPS_IFD, ArticleFactory, photo_with_gps
from tests.photos import fetch_image, image_urls_of_page, upload

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "image_format"),
    [("phone.jpg", "JPEG"), ("scan.png", "PNG"), ("web.webp", "WEBP"), ("iphone.jpg", "MPO")],
)
def test_no_image_readers_get_says_where_the_photo_was_taken(
    client, editor, media_root, name, image_format
):
    client.force_login(editor)
    article = upload(client, ArticleFactory(), name, photo_with_gps(image_format, (1600, 900)))
    client.logout()

    content = client.get(article.get_absolute_url()).content.decode()
    urls = image_urls_of_page(content)

    # Three widths in WebP, three in JPEG, and the link-preview image.
    assert len(urls) == 7
    assert article.photo.url not in content
    for url in urls:
        assert url.startswith("/media/renditions/photos/")
        data, image = fetch_image(client, url)
        assert not image.getexif(), url
        assert not image.getexif().get_ifd(GPS_IFD)
        assert b"PhoneMaker" not in data
        assert "xmp" not in image.info
    # The original keeps the photographer's metadata, and the public cannot fetch it.
    assert client.get(article.photo.url).status_code == 404


def test_the_page_offers_webp_then_jpeg_at_three_widths(client, editor, media_root):
    client.force_login(editor)
    article = upload(client, ArticleFactory(), "wide.jpg", photo_with_gps("JPEG", (2000, 1000)))
    client.logout()

    content = client.get(article.get_absolute_url()).content.decode()

    webp = re.search(r'<source type="image/webp" srcset="([^"]+)"', content).group(1)
    assert [entry.split()[1] for entry in webp.split(", ")] == ["480w", "960w", "1440w"]
    assert all(".webp " in entry + " " for entry in webp.split(", "))
    assert 'width="960" height="480"' in content
    _, og_image = fetch_image(client, social_url(content))
    assert og_image.size == (1200, 630)


def social_url(content: str) -> str:
    match = re.search(r'<meta property="og:image" content="([^"]+)"', content)
    return html.unescape(match.group(1)).removeprefix("http://testserver")


def test_a_phone_photo_in_mpo_is_accepted_and_stored_as_a_jpeg(editor_client, media_root):
    article = upload(editor_client, ArticleFactory(), "IMG_0001.JPG", photo_with_gps("MPO"))

    assert article.photo.name.endswith(".jpg")
    assert renditions.rendition(article.photo, "feed") is not None


def test_a_sideways_phone_photo_is_stored_upright_and_its_renditions_too(editor_client, media_root):
    data = photo_with_gps("MPO", (640, 480), orientation=6)

    article = upload(editor_client, ArticleFactory(), "sideways.jpg", data)

    with Image.open(media_root / article.photo.name) as stored:
        assert (stored.format, stored.size) == ("JPEG", (480, 640))
    feed = renditions.rendition(article.photo, "feed")
    assert (feed.width, feed.height) == (480, 640)


def test_two_photos_of_the_same_name_never_share_a_rendition(editor_client, media_root):
    red = upload(editor_client, ArticleFactory(), "kyiv.jpg", photo_with_gps(colour="red"))
    blue = upload(editor_client, ArticleFactory(), "kyiv.jpg", photo_with_gps(colour="blue"))

    red_preview = renditions.rendition(red.photo, "page-480-jpeg")
    blue_preview = renditions.rendition(blue.photo, "page-480-jpeg")

    assert red.photo.name != blue.photo.name
    assert red_preview.name != blue_preview.name
    with Image.open(media_root / red_preview.name) as image:
        assert image.getpixel((10, 10))[0] > 200
    with Image.open(media_root / blue_preview.name) as image:
        assert image.getpixel((10, 10))[2] > 200


def test_a_jpeg_and_a_png_of_the_same_stem_keep_their_own_renditions(editor_client, media_root):
    jpeg = upload(editor_client, ArticleFactory(), "kyiv.jpg", photo_with_gps("JPEG"))
    png = upload(editor_client, ArticleFactory(), "kyiv.png", photo_with_gps("PNG"))

    assert renditions.rendition(jpeg.photo, "admin").name != (
        renditions.rendition(png.photo, "admin").name
    )


def test_feeds_carry_the_feed_rendition_as_enclosure(client, editor, media_root):
    client.force_login(editor)
    article = upload(client, ArticleFactory(), "fire.jpg", photo_with_gps("JPEG", (1600, 1200)))
    client.logout()

    for url in (reverse("website:feed-rss"), reverse("website:feed-atom")):
        feed = feedparser.parse(client.get(url).content)
        [enclosure] = feed.entries[0].enclosures
        assert enclosure["type"] == "image/jpeg"
        assert enclosure["href"].startswith("http://testserver/media/renditions/photos/")
        _, image = fetch_image(client, enclosure["href"].removeprefix("http://testserver"))
        assert image.size == (800, 600)
        assert int(enclosure["length"]) > 0
    assert article.photo.url not in client.get(reverse("website:feed-rss")).content.decode()


def test_the_api_gives_renditions_and_keeps_its_photo_fields(client, editor, media_root):
    client.force_login(editor)
    article = upload(client, ArticleFactory(), "fire.jpg", photo_with_gps("JPEG", (1600, 1200)))
    client.logout()

    photo = client.get(f"/api/v1/articles/{article.slug}/").json()["photo"]

    assert set(photo) == {"url", "caption", "alt_text", "renditions"}
    assert photo["alt_text"] == "A photo"
    assert photo["url"] == photo["renditions"]["page-1440-jpeg"]["url"]
    assert photo["renditions"]["page-960-webp"] == {
        "url": photo["renditions"]["page-960-webp"]["url"],
        "width": 960,
        "height": 720,
        "content_type": "image/webp",
    }
    assert photo["renditions"]["social"]["width"] == 1200
    assert "admin" not in photo["renditions"]
    assert article.photo.url not in str(photo)
