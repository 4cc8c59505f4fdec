"""`?format=ninjs`: every article as IPTC ninjs 2.2, valid against the official schema."""

import json
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from jsonschema import Draft202012Validator

from articles.models import Article, CreditRole, DatePrecision
from ingest import importer
from tests.factories import ArticleFactory, CreditedArticleFactory, photo_bytes

pytestmark = pytest.mark.django_db

# An unmodified copy of IPTC's schema (../shared/standards/ninjs/SOURCES.md says where from).
SCHEMA = json.loads((Path(__file__).parent / "schemas" / "ninjs-schema_2.2.json").read_text())
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)
WIRE_FILES = sorted((Path(__file__).parent.parent / "ingest" / "wire").glob("*.txt"))


def ninjs(client, article: Article) -> dict:
    response = client.get(f"/api/v1/articles/{article.slug}/?format=ninjs")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


def assert_valid(item: dict) -> None:
    errors = [f"{list(error.path)}: {error.message}" for error in VALIDATOR.iter_errors(item)]
    assert not errors, errors


def test_the_format_checker_enforces_rfc_3339():
    # Without rfc3339-validator installed, "date-time" would not be checked at all.
    assert not VALIDATOR.is_valid({"uri": "http://host/a/", "versioncreated": "24/11/2026"})


class TestValidity:
    def test_the_seed_is_valid_ninjs(self, client, seed_path):
        assert_valid(ninjs(client, importer.import_wire_file(seed_path).article))

    @pytest.mark.parametrize("path", WIRE_FILES, ids=[path.stem for path in WIRE_FILES])
    def test_every_test_wire_file_is_valid_ninjs(self, client, path):
        assert_valid(ninjs(client, importer.import_wire_file(path).article))

    def test_an_article_with_an_uploaded_photo_is_valid_ninjs(self, client, media_root):
        article = CreditedArticleFactory(
            photo_credit="Reuters/Manon Cruz",
            photo_caption="Firefighters at work.",
            photo_alt_text="Two firefighters in front of a burning building.",
            credits=[(CreditRole.PHOTO, "Manon Cruz"), (CreditRole.WRITING, "Anna Lee")],
        )
        article.photo.save("fire.png", ContentFile(photo_bytes("PNG", (40, 30))))

        assert_valid(ninjs(client, article))

    def test_an_article_without_dateline_or_credits_is_valid_ninjs(self, client):
        article = ArticleFactory(dateline_place="", dateline_source="", photo_credit="")

        item = ninjs(client, article)

        assert_valid(item)
        assert not {"located", "by", "people", "associations", "infosources"} & set(item)


class TestMapping:
    """docs/ninjs.md, property by property, on the seed article."""

    @pytest.fixture
    def item(self, client, seed_path) -> dict:
        self.article = importer.import_wire_file(seed_path).article
        return ninjs(client, self.article)

    def test_identity_and_version(self, item):
        assert item["uri"] == f"http://testserver/api/v1/articles/{self.article.slug}/"
        assert item["type"] == "text"
        assert item["version"] == "1"
        assert item["pubstatus"] == "usable"
        assert item["altids"] == [{"role": "source_id", "value": self.article.source_id}]

    def test_language_headline_and_verbatim_body(self, item):
        assert item["language"] == "fr"
        assert item["headlines"] == [
            {"role": "main", "contenttype": "text/plain", "value": self.article.headline}
        ]
        [body] = item["bodies"]
        assert body["value"] == self.article.body
        assert body["contenttype"] == "text/plain"
        assert body["charcount"] == len(self.article.body)
        assert body["wordcount"] == len(self.article.body.split())

    def test_the_byline_and_every_contributor_with_their_role(self, item):
        assert item["by"] == "Andrew Gray"
        assert [(source["name"], source["role"]) for source in item["infosources"]] == [
            ("Reuters", "originator"),
            ("Reuters", "photo"),
            ("Andrew Gray", "reporting"),
            ("Victor Goury-Laffont", "translation"),
            ("Mariana Abreu", "translation"),
            ("Kate Entringer", "editing"),
        ]
        assert item["infosources"][2] == {
            "name": "Andrew Gray",
            "role": "reporting",
            "uri": "http://testserver/api/v1/authors/andrew-gray/",
            "literal": "andrew-gray",
        }

    def test_contributors_are_not_presented_as_what_the_story_is_about(self, item):
        assert "people" not in item
        assert "organisations" not in item

    def test_the_agency_holds_the_copyright_and_the_dateline_is_the_location(self, item):
        assert item["copyrightholder"] == "Reuters"
        assert item["located"] == "KYIV"

    def test_the_photo_credit_travels_with_the_picture(self, item):
        [picture] = item["associations"]
        assert picture["type"] == "picture"
        assert picture["copyrightnotice"] == "© Reuters"
        assert picture["copyrightholder"] == "Reuters"
        assert picture["by"] == "Reuters"
        # The wire sent no image file: the picture is named within the article.
        assert picture["uri"] == f"{item['uri']}#photo"

    def test_item_times_are_utc_and_a_month_date_invents_no_day(self, item):
        assert self.article.date_precision == DatePrecision.MONTH
        assert item["firstcreated"].endswith("Z")
        assert item["versioncreated"].endswith("Z")
        assert "contentcreated" not in item


def test_an_uploaded_photo_is_a_rendition_with_its_size_caption_and_credit(client, media_root):
    article = CreditedArticleFactory(
        photo_credit="Reuters/Manon Cruz",
        photo_caption="Firefighters at work.",
        credits=[(CreditRole.PHOTO, "Manon Cruz")],
    )
    article.photo.save("fire.png", ContentFile(photo_bytes("PNG", (40, 30))))

    [picture] = ninjs(client, article)["associations"]

    # Renditions only, the largest first in "uri": the original upload is never linked.
    assert picture["uri"].startswith("http://testserver/media/renditions/photos/")
    names = [rendition["name"] for rendition in picture["renditions"]]
    webp = ["page-480-webp", "page-960-webp", "page-1440-webp"]
    jpeg = ["page-480-jpeg", "page-960-jpeg", "page-1440-jpeg"]
    assert names == [*webp, *jpeg, "feed", "social"]
    by_name = {rendition["name"]: rendition for rendition in picture["renditions"]}
    assert by_name["page-1440-jpeg"]["href"] == picture["uri"]
    assert by_name["page-480-webp"]["contenttype"] == "image/webp"
    assert (by_name["page-480-jpeg"]["width"], by_name["page-480-jpeg"]["height"]) == (40, 30)
    assert article.photo.url not in str(picture)
    assert picture["descriptions"][0]["value"] == "Firefighters at work."
    assert picture["copyrightnotice"] == "© Reuters/Manon Cruz"
    assert picture["copyrightholder"] == "Reuters"
    assert picture["by"] == "Manon Cruz"


def test_a_new_version_is_a_new_ninjs_version(client):
    article = ArticleFactory(version=3)

    assert ninjs(client, article)["version"] == "3"


def test_the_accept_header_does_not_turn_json_into_ninjs(client):
    article = ArticleFactory()

    data = client.get(f"/api/v1/articles/{article.slug}/", HTTP_ACCEPT="application/json").json()

    assert data["slug"] == article.slug
    assert "uri" not in data


def test_an_unpublished_article_has_no_ninjs_either(client):
    draft = ArticleFactory(draft=True)

    response = client.get(f"/api/v1/articles/{draft.slug}/?format=ninjs")

    assert response.status_code == 404


def test_ninjs_is_only_offered_for_one_article(client):
    response = client.get("/api/v1/articles/?format=ninjs")

    assert response.status_code == 404
    assert "detail" in response.json()
