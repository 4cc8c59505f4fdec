"""`?format=ninjs&version=3.1`: articles, lists and tombstones as IPTC ninjs 3.1."""

import json
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from api import ninjs_3
from articles import selectors
from articles.models import Article, ArticleStatus, CreditRole
from ingest import importer
from tests.articles.changes_helpers import publish_pending
from tests.conftest import FIXTURES, WIRE
from tests.factories import ArticleFactory, CreditedArticleFactory, photo_bytes
from tests.ingest.formats.conftest import SAMPLES

pytestmark = pytest.mark.django_db

# Unmodified copies of IPTC's files (../shared/standards/ninjs/SOURCES.md says where from).
SCHEMAS = Path(__file__).parent / "schemas"
SCHEMA = json.loads((SCHEMAS / "ninjs-schema_3.1.json").read_text())
GEOJSON = json.loads((SCHEMAS / "GeoJSON-schema.json").read_text())
# places[].geoJSON refers to GeoJSON's schema by its URL: resolved here, never fetched.
REGISTRY = Registry().with_resource(GEOJSON["$id"], Resource.from_contents(GEOJSON))
VALIDATOR = Draft202012Validator(
    SCHEMA, registry=REGISTRY, format_checker=Draft202012Validator.FORMAT_CHECKER
)
FORMATS = Path(__file__).parent.parent / "ingest" / "formats" / "files"
# Every wire file the tests hold: the plain-text ones and each standard format's samples.
WIRE_FILES = sorted(
    path
    for folder in (WIRE, FIXTURES, SAMPLES, FORMATS)
    for path in folder.iterdir()
    if path.suffix in {".txt", ".xml", ".json"} and path.name != "seed.json"
)
NINJS_3 = "format=ninjs&version=3.1"


def detail(client, slug: str, status: int = 200) -> dict:
    response = client.get(f"/api/v1/articles/{slug}/?{NINJS_3}")
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


def listing(client, query: str = "") -> dict:
    response = client.get(f"/api/v1/articles/?{NINJS_3}{query}")
    assert response.status_code == 200, response.content
    return response.json()


def assert_valid(item: dict) -> None:
    errors = [f"{list(error.path)}: {error.message}" for error in VALIDATOR.iter_errors(item)]
    assert not errors, errors


def assert_every_article_valid(client) -> None:
    """Each article as the public gets it (detail, list item, tombstone), or would once public."""
    visible = set(selectors.visible_articles().values_list("pk", flat=True))
    request = Request(APIRequestFactory().get("/"))
    for article in Article.objects.all():
        response = client.get(f"/api/v1/articles/{article.slug}/?{NINJS_3}")
        if article.pk in visible:
            assert response.status_code == 200, response.content
        elif selectors.was_withdrawn(pk=article.pk):
            assert response.status_code == 410, response.content
        else:
            # Embargoed, or withdrawn before it was ever shown: what it will be once public.
            assert response.status_code == 404, response.content
            response.data = ninjs_3.article_as_ninjs(article, request)
        assert_valid(response.data if response.status_code == 404 else response.json())
    items = listing(client, "&page_size=100")["results"]
    assert len(items) == len(visible)
    for item in items:
        assert_valid(item)


def test_the_format_checker_enforces_rfc_3339():
    # Without rfc3339-validator installed, "date-time" would not be checked at all.
    assert not VALIDATOR.is_valid({"uri": "http://host/a/", "versionCreated": "24/11/2026"})


def test_the_schema_copy_is_iptcs(settings):
    shared = Path(settings.BASE_DIR).parent / "shared" / "standards" / "ninjs"
    if (shared / "ninjs-schema_3.1.json").exists():
        assert (shared / "ninjs-schema_3.1.json").read_bytes() == (
            SCHEMAS / "ninjs-schema_3.1.json"
        ).read_bytes()


class TestValidity:
    def test_every_wire_file_imported_is_valid_ninjs_3(self, client):
        results = [importer.import_wire_file(path) for path in WIRE_FILES]

        # IPTC's listing example is a news item without body text: refused, as it must be.
        assert [result.path.name for result in results if result.error] == [
            "newsmlg2_iptc_listing1.xml"
        ]
        assert Article.objects.count() > 20
        assert_every_article_valid(client)

    def test_the_fixture_seed_is_valid_ninjs_3(self, client):
        call_command("loaddata", "seed", verbosity=0)

        assert Article.objects.exists()
        assert_every_article_valid(client)

    def test_an_article_with_an_uploaded_photo_is_valid_ninjs_3(self, client, media_root):
        article = CreditedArticleFactory(
            photo_credit="Reuters/Manon Cruz",
            photo_caption="Firefighters at work.",
            photo_alt_text="Two firefighters in front of a burning building.",
            credits=[(CreditRole.PHOTO, "Manon Cruz"), (CreditRole.WRITING, "Anna Lee")],
        )
        article.photo.save("fire.png", ContentFile(photo_bytes("PNG", (40, 30))))

        assert_valid(detail(client, article.slug))
        assert_valid(listing(client)["results"][0])

    def test_an_article_without_dateline_or_credits_is_valid_ninjs_3(self, client):
        article = ArticleFactory(dateline_place="", dateline_source="", photo_credit="")

        item = detail(client, article.slug)

        assert_valid(item)
        assert not {"located", "by", "people", "organisations", "associations"} & set(item)


class TestMapping:
    """docs/ninjs.md, "ninjs 3.1", property by property, on the seed article."""

    @pytest.fixture
    def item(self, client, seed_path) -> dict:
        self.article = importer.import_wire_file(seed_path).article
        return detail(client, self.article.slug)

    def test_it_says_which_standard_it_follows(self, item):
        assert item["standard"] == {
            "name": "ninjs",
            "version": "3.1",
            "schema": "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#",
        }
        assert item["representationType"] == "full"

    def test_identity_and_version_in_camel_case(self, item):
        assert item["uri"] == f"http://testserver/api/v1/articles/{self.article.slug}/"
        assert item["version"] == "1"
        assert item["pubStatus"] == "usable"
        assert item["altIds"] == [{"role": "source_id", "value": self.article.source_id}]
        assert item["firstCreated"].endswith("Z")
        assert item["versionCreated"].endswith("Z")
        assert "contentCreated" not in item

    def test_headline_and_verbatim_body(self, item):
        assert item["headlines"] == [
            {"role": "main", "contentType": "text/plain", "value": self.article.headline}
        ]
        [body] = item["bodies"]
        assert body["value"] == self.article.body
        assert body["charCount"] == len(self.article.body)
        assert body["wordCount"] == len(self.article.body.split())

    def test_the_credits_are_people_with_their_roles_and_agencies_organisations(self, item):
        assert [(person["name"], person["rel"]) for person in item["people"]] == [
            ("Andrew Gray", "reporting"),
            ("Victor Goury-Laffont", "translation"),
            ("Mariana Abreu", "translation"),
            ("Kate Entringer", "editing"),
        ]
        assert item["people"][0] == {
            "name": "Andrew Gray",
            "rel": "reporting",
            "uri": "http://testserver/api/v1/authors/andrew-gray/",
            "literal": "andrew-gray",
        }
        assert item["organisations"] == [
            {
                "name": "Reuters",
                "rel": "photo",
                "uri": "http://testserver/api/v1/authors/reuters/",
                "literal": "reuters",
            }
        ]

    def test_the_agency_originates_the_story_and_holds_its_copyright(self, item):
        assert item["infoSources"] == [{"name": "Reuters", "role": "originator"}]
        assert item["copyrightHolder"] == "Reuters"
        assert item["located"] == "KYIV"
        assert item["by"] == "Andrew Gray"

    def test_the_photo_credit_travels_with_the_picture(self, item):
        [picture] = item["associations"]
        assert picture["name"] == "featureimage"
        assert picture["type"] == "picture"
        assert picture["copyrightNotice"] == "© Reuters"
        assert picture["copyrightHolder"] == "Reuters"
        assert picture["uri"] == f"{item['uri']}#photo"


class TestPicture:
    """The picture is ninjs 2.2's, in camel case: renditions, caption, alt text, one credit."""

    @pytest.fixture
    def article(self, media_root) -> Article:
        article = CreditedArticleFactory(
            photo_credit="Reuters/Manon Cruz",
            photo_caption="Firefighters at work.",
            photo_alt_text="Two firefighters in front of a burning building.",
            credits=[(CreditRole.PHOTO, "Manon Cruz")],
        )
        article.photo.save("fire.png", ContentFile(photo_bytes("PNG", (40, 30))))
        return article

    def test_it_links_the_renditions_with_their_sizes_never_the_original(self, client, article):
        [picture] = detail(client, article.slug)["associations"]

        names = [rendition["name"] for rendition in picture["renditions"]]
        webp = ["page-480-webp", "page-960-webp", "page-1440-webp"]
        jpeg = ["page-480-jpeg", "page-960-jpeg", "page-1440-jpeg"]
        assert names == [*webp, *jpeg, "feed", "social"]
        by_name = {rendition["name"]: rendition for rendition in picture["renditions"]}
        assert picture["uri"] == by_name["page-1440-jpeg"]["href"]
        assert by_name["page-480-webp"] == {
            "name": "page-480-webp",
            "href": by_name["page-480-webp"]["href"],
            "contentType": "image/webp",
            "width": 40,
            "height": 30,
        }
        assert all(
            rendition["href"].startswith("http://testserver/media/renditions/photos/")
            for rendition in picture["renditions"]
        )
        assert article.photo.url not in json.dumps(picture)

    def test_caption_alt_text_and_the_photo_credit_in_camel_case(self, client, article):
        [picture] = detail(client, article.slug)["associations"]

        assert picture["descriptions"] == [_text("caption", "Firefighters at work.")]
        assert picture["headlines"] == [
            _text("alternative", "Two firefighters in front of a burning building.")
        ]
        assert picture["copyrightNotice"] == "© Reuters/Manon Cruz"
        assert picture["copyrightHolder"] == "Reuters"
        assert picture["by"] == "Manon Cruz"

    def test_it_says_what_ninjs_2_2_says_under_3_1s_names(self, client, article):
        [picture] = detail(client, article.slug)["associations"]
        older = client.get(f"/api/v1/articles/{article.slug}/?format=ninjs").json()

        renamed = json.dumps(older["associations"][0])
        for name in ("contentType", "copyrightNotice", "copyrightHolder"):
            renamed = renamed.replace(f'"{name.lower()}":', f'"{name}":')
        assert picture == json.loads(renamed)

    def test_a_list_item_has_the_same_picture_as_the_detail(self, client, article):
        [picture] = detail(client, article.slug)["associations"]

        [in_list] = listing(client)["results"][0]["associations"]

        assert in_list == picture

    def test_the_credit_is_the_one_every_output_prints(self, client):
        # The agency's text names Reuters; the editors credited the photographer since.
        article = CreditedArticleFactory(
            photo_credit="Reuters", credits=[(CreditRole.PHOTO, "Manon Cruz")]
        )

        [picture] = detail(client, article.slug)["associations"]
        photo_credit = client.get(f"/api/v1/articles/{article.slug}/").json()["photo_credit"]
        [older] = client.get(f"/api/v1/articles/{article.slug}/?format=ninjs").json()[
            "associations"
        ]

        assert photo_credit == "Reuters/Manon Cruz"
        assert picture["copyrightNotice"] == older["copyrightnotice"] == "© Reuters/Manon Cruz"
        assert picture["copyrightHolder"] == "Reuters"
        assert picture["uri"].endswith("#photo")
        assert "renditions" not in picture


def _text(role: str, value: str) -> dict[str, str]:
    return {"role": role, "contentType": "text/plain", "value": value}


class TestList:
    def test_a_page_of_partial_items_in_the_lists_envelope_and_order(self, client):
        older = ArticleFactory(date="2024-01-01")
        newer = ArticleFactory(date="2024-02-01")

        page = listing(client)

        assert set(page) == {"next", "previous", "results"}
        assert [item["uri"].split("/")[-2] for item in page["results"]] == [
            newer.slug,
            older.slug,
        ]
        assert all(item["representationType"] == "partial" for item in page["results"])
        assert all("bodies" not in item for item in page["results"])

    def test_filters_and_cursors_work_as_on_the_json_list(self, client):
        ArticleFactory.create_batch(3, language="en")
        ArticleFactory(language="fr")

        first = listing(client, "&language=en&page_size=2")
        second = client.get(first["next"]).json()

        assert len(first["results"]) == 2
        assert len(second["results"]) == 1
        assert "version=3.1" in first["next"]
        assert all(item["language"] == "en" for item in first["results"] + second["results"])

    def test_drafts_and_scheduled_articles_are_not_listed(self, client):
        ArticleFactory(draft=True)
        ArticleFactory(scheduled=True)

        assert listing(client)["results"] == []

    def test_ninjs_2_2_is_still_only_offered_for_one_article(self, client):
        response = client.get("/api/v1/articles/?format=ninjs")

        assert response.status_code == 404
        assert "version=3.1" in response.json()["detail"]


class TestVersions:
    def test_2_2_stays_the_default(self, client):
        article = ArticleFactory()

        default = client.get(f"/api/v1/articles/{article.slug}/?format=ninjs").json()
        explicit = client.get(f"/api/v1/articles/{article.slug}/?format=ninjs&version=2.2")

        assert "versioncreated" in default
        assert "standard" not in default
        assert explicit.json().keys() == default.keys()

    @pytest.mark.parametrize("url", ["/api/v1/articles/", "/api/v1/articles/some-slug/"])
    def test_an_unknown_version_is_refused_by_name(self, client, url):
        response = client.get(f"{url}?format=ninjs&version=3.2")

        assert response.status_code == 400
        [message] = response.json()["version"]
        assert "3.2" in message
        assert "2.2, 3.1" in message

    def test_a_version_without_ninjs_is_refused(self, client):
        response = client.get("/api/v1/articles/?version=3.1")

        assert response.status_code == 400
        assert "format=ninjs" in response.json()["version"][0]

    def test_the_versions_are_cached_apart(self, client):
        article = ArticleFactory()
        url = f"/api/v1/articles/{article.slug}/?format=ninjs"

        assert "versioncreated" in client.get(url).json()
        assert "versionCreated" in client.get(f"{url}&version=3.1").json()


class TestTombstones:
    """A withdrawn article's detail in ninjs 3.1: 410, with an item that cancels it."""

    @pytest.fixture
    def withdrawn(self) -> Article:
        article = ArticleFactory(slug="story", source_id="reuters_1", headline="Libel")
        publish_pending()
        article.status = ArticleStatus.WITHDRAWN
        article.save()
        publish_pending()
        return article

    def test_the_change_feeds_takedown_leads_to_a_canceled_ninjs_item(self, client, withdrawn):
        [*_, takedown] = client.get("/api/v1/changes/").json()["results"]
        assert takedown["kind"] == "withdrawn"

        response = client.get(f"{takedown['article']['url']}?{NINJS_3}")

        assert response.status_code == 410
        item = response.json()
        assert_valid(item)
        assert item["pubStatus"] == "canceled"
        assert item["uri"] == takedown["article"]["url"]
        assert item["altIds"] == [{"role": "source_id", "value": "reuters_1"}]
        assert item["version"] == str(withdrawn.version)

    def test_the_tombstone_says_which_item_not_what_it_said(self, client, withdrawn):
        item = detail(client, withdrawn.slug, status=410)

        assert item["representationType"] == "partial"
        assert not {"headlines", "bodies", "people", "by", "associations"} & set(item)
        assert "Libel" not in json.dumps(item)

    def test_json_and_ninjs_2_2_keep_their_plain_410(self, client, withdrawn):
        for query in ("", "?format=ninjs"):
            response = client.get(f"/api/v1/articles/{withdrawn.slug}/{query}")
            assert response.status_code == 410
            assert set(response.json()) == {"detail"}

    def test_an_article_that_never_was_public_has_no_tombstone(self, client):
        article = ArticleFactory(draft=True)
        Article.objects.filter(pk=article.pk).update(status=ArticleStatus.WITHDRAWN)

        assert client.get(f"/api/v1/articles/{article.slug}/?{NINJS_3}").status_code == 404


def test_the_schema_documents_ninjs_3_on_the_list_and_the_detail(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()

    for path in ("/api/v1/articles/", "/api/v1/articles/{slug}/"):
        parameters = {p["name"]: p for p in schema["paths"][path]["get"]["parameters"]}
        assert set(parameters["version"]["schema"]["enum"]) == {"2.2", "3.1", ""}
    assert "Ninjs3Item" in schema["components"]["schemas"]
    assert "Ninjs3Canceled" in schema["components"]["schemas"]


def test_a_french_reader_is_told_in_french(client):
    response = client.get("/api/v1/articles/?format=ninjs&version=9", HTTP_ACCEPT_LANGUAGE="fr")

    assert response.json() == {
        "version": ["Version de ninjs inconnue : 9. Cette API propose : 2.2, 3.1."]
    }
