"""One photo, the same renditions in every output: the API's JSON, ninjs 2.2 and 3.1, the page.

Readers get renditions, re-encoded without EXIF, never the original upload; and the photo
leaves every output with its article.
"""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from articles.models import Article, ArticleStatus, CreditRole
from articles.services import editorial
from tests.api import test_api_ninjs, test_api_ninjs_3
from tests.articles.changes_helpers import publish_pending
from tests.factories import GPS_IFD, CreditedArticleFactory, photo_with_gps
from tests.photos import fetch_image, image_urls_of_page, upload
from tests.website.test_pages import structured_data

pytestmark = pytest.mark.django_db

ARTICLES = "/api/v1/articles/"
NINJS_3 = "format=ninjs&version=3.1"
SERVER = "http://testserver"


@pytest.fixture
def article(client, editor, media_root) -> Article:
    client.force_login(editor)
    article = upload(
        client,
        CreditedArticleFactory(
            photo_credit="Reuters/Manon Cruz", credits=[(CreditRole.PHOTO, "Manon Cruz")]
        ),
        "fire.jpg",
        photo_with_gps("JPEG", (1600, 1200)),
    )
    client.logout()
    return article


def answers(client, article: Article) -> dict[str, dict]:
    """What the public gets of the article from each output of the API."""
    return {
        "json": client.get(f"{ARTICLES}{article.slug}/").json(),
        "json list": client.get(ARTICLES).json()["results"][0],
        "ninjs 2.2": client.get(f"{ARTICLES}{article.slug}/?format=ninjs").json(),
        "ninjs 3.1": client.get(f"{ARTICLES}{article.slug}/?{NINJS_3}").json(),
        "ninjs 3.1 list": client.get(f"{ARTICLES}?{NINJS_3}").json()["results"][0],
    }


def rendition_urls(answer: dict) -> dict[str, str]:
    """The photo's renditions by name in one answer, JSON or ninjs, as paths on the server."""
    if "photo" in answer:
        found = {name: item["url"] for name, item in answer["photo"]["renditions"].items()}
    else:
        [picture] = [item for item in answer["associations"] if item["type"] == "picture"]
        found = {item["name"]: item["href"] for item in picture["renditions"]}
    return {name: url.removeprefix(SERVER) for name, url in found.items()}


def main_url(answer: dict) -> str:
    """The one image an answer names: the JSON's photo url, ninjs's picture uri."""
    if "photo" in answer:
        return answer["photo"]["url"]
    [picture] = [item for item in answer["associations"] if item["type"] == "picture"]
    return picture["uri"]


def test_every_output_gives_the_same_renditions(client, article):
    outputs = answers(client, article)
    page = client.get(article.get_absolute_url())

    by_output = {name: rendition_urls(answer) for name, answer in outputs.items()}
    expected = by_output["json"]
    assert len(expected) == 8
    assert all(found == expected for found in by_output.values()), by_output
    assert {main_url(answer) for answer in outputs.values()} == {
        SERVER + expected["page-1440-jpeg"]
    }
    # The page's srcset, fallback and link previews are the same files.
    page_urls = image_urls_of_page(page.content.decode())
    assert page_urls == {url for name, url in expected.items() if name != "feed"}
    [image] = structured_data(page)["image"]
    assert image["url"] == SERVER + expected["page-1440-jpeg"]


def test_no_output_links_the_original_or_says_where_the_photo_was_taken(client, article):
    outputs = answers(client, article)

    for name, answer in outputs.items():
        assert article.photo.url not in json.dumps(answer), name
    test_api_ninjs.assert_valid(outputs["ninjs 2.2"])
    test_api_ninjs_3.assert_valid(outputs["ninjs 3.1"])
    test_api_ninjs_3.assert_valid(outputs["ninjs 3.1 list"])
    for url in {url for answer in outputs.values() for url in rendition_urls(answer).values()}:
        assert url.startswith("/media/renditions/photos/")
        data, image = fetch_image(client, url)
        assert not image.getexif().get_ifd(GPS_IFD), url
        assert not image.getexif(), url
        assert b"PhoneMaker" not in data
    assert client.get(article.photo.url).status_code == 404


@pytest.mark.parametrize("state", ["unpublished", "withdrawn"])
def test_a_photo_leaves_every_output_with_its_article(client, editor, article, state):
    urls = rendition_urls(answers(client, article)["json"]).values()
    if state == "unpublished":
        editorial.unpublish(article, user=editor)
        status = 404
    else:
        publish_pending()
        article.status = ArticleStatus.WITHDRAWN
        article.save()
        publish_pending()
        status = 410

    for query in ("", "?format=ninjs"):
        assert client.get(f"{ARTICLES}{article.slug}/{query}").status_code == status
    tombstone = client.get(f"{ARTICLES}{article.slug}/?{NINJS_3}")
    assert tombstone.status_code == status
    assert "associations" not in tombstone.json()
    assert client.get(ARTICLES).json()["results"] == []
    assert client.get(f"{ARTICLES}?{NINJS_3}").json()["results"] == []
    assert client.get(article.get_absolute_url()).status_code == status
    feed = client.get(reverse("website:feed-rss")).content.decode()
    for url in urls:
        assert url not in feed
        assert client.get(url).status_code == 404, url
