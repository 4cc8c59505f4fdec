"""The OpenAPI schema describes the API as it answers, and any input it allows is safe."""

import json
import re
from collections.abc import Iterator

import pytest
import schemathesis
from django.core import signals
from django.core.management import call_command
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from articles.models import CreditRole
from ingest import importer
from newsroom.wsgi import application
from tests.factories import ArticleFactory, CreditedArticleFactory

pytestmark = pytest.mark.django_db

SCHEMA_URL = "/api/v1/schema/"


def test_the_schema_generates_without_a_warning(tmp_path):
    # --fail-on-warn turns drf-spectacular's warnings (an undescribed field, a guessed
    # type) into a failure, so the schema never quietly drifts from the code.
    output = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(output))

    assert "/api/v1/articles/{slug}/" in output.read_text()


def test_the_schema_describes_every_filter_and_its_values(client):
    schema = client.get(SCHEMA_URL, HTTP_ACCEPT="application/vnd.oai.openapi+json").json()

    parameters = {
        parameter["name"]: parameter
        for parameter in schema["paths"]["/api/v1/articles/"]["get"]["parameters"]
    }
    assert {
        "language",
        "author",
        "role",
        "date_from",
        "date_to",
        "q",
        "ordering",
        "cursor",
        "page_size",
    } <= set(parameters)
    # Empty is accepted and means no filter, as a blank form field does.
    assert set(parameters["role"]["schema"]["enum"]) == {*CreditRole.values, ""}
    assert parameters["role"]["description"]
    [page_size, empty] = parameters["page_size"]["schema"]["oneOf"]
    assert (page_size["maximum"], empty) == (100, {"type": "string", "enum": [""]})
    assert set(parameters["format"]["schema"]["enum"]) == {"json", "ninjs", ""}


@pytest.mark.parametrize("name", ["q", "author"])
def test_free_text_parameters_say_they_cannot_hold_nul(client, name):
    # The API refuses NUL in any parameter with a 400: a client generating requests from
    # the schema must be told, or the schema promises what the API refuses.
    schema = client.get(SCHEMA_URL, HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    [parameter] = [
        parameter
        for parameter in schema["paths"]["/api/v1/articles/"]["get"]["parameters"]
        if parameter["name"] == name
    ]
    pattern = re.compile(parameter["schema"]["pattern"])

    assert pattern.search("Stoltenberg a dit")
    assert not pattern.search("a\x00b")
    assert client.get("/api/v1/articles/", {name: "a\x00b"}).status_code == 400


def test_the_documentation_page_needs_no_outside_network(client):
    response = client.get("/api/v1/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    # Every script and stylesheet comes from our own static files.
    assert "cdn" not in html.lower()
    assert "https://" not in html.replace("https://swagger.io", "")


# Property-based run of the whole API, driven by its own schema, in-process against WSGI.
schema = schemathesis.openapi.from_wsgi(SCHEMA_URL, application)


@pytest.fixture
def in_process_wsgi() -> Iterator[None]:
    """Serve through the real WSGI handler inside the test's transaction.

    After each response the handler closes "old" database connections, which would
    close the test's own; Django's test client disconnects the same handlers.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def archive(seed_path, in_process_wsgi) -> None:
    """Enough content that generated slugs, authors and filters meet real rows."""
    importer.import_wire_file(seed_path)
    CreditedArticleFactory(language="en", credits=[(CreditRole.WRITING, "Anna Lee")])
    ArticleFactory(draft=True)


@schema.parametrize()
@settings(
    max_examples=40,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_input_breaks_the_api_or_its_schema(case, archive):
    # Every check schemathesis has: no 5xx, declared status codes, content types,
    # headers and bodies, invalid input refused with a 4xx and valid input accepted.
    excluded = [positive_data_acceptance] if schema_cannot_tell_valid(case.query or {}) else []
    case.call_and_validate(excluded_checks=excluded)


def schema_cannot_tell_valid(query: dict) -> bool:
    """A forged cursor, a day past the month's end, a period ending before it begins, a ninjs
    version without format=ninjs: each a documented 400 that no pattern can foresee."""
    date_from, date_to = (str(query.get(name, "")) for name in ("date_from", "date_to"))
    # Over-cautious where one period holds the other ("2023-09-14" after "2023-09"): those
    # cases only lose the acceptance check, never the others.
    backwards = bool(date_from and date_to) and date_from > date_to
    version_alone = bool(query.get("version")) and query.get("format") != "ninjs"
    return (
        version_alone
        or bool(query.get("cursor"))
        or any(date[8:] in {"29", "30", "31"} for date in (date_from, date_to))
        or backwards
    )


def test_the_schema_carries_an_etag_and_answers_304_to_it(client):
    etag = client.get(SCHEMA_URL)["ETag"]

    assert client.get(SCHEMA_URL, headers={"if-none-match": etag}).status_code == 304


def test_the_schema_itself_is_json_openapi_3(client):
    response = client.get(SCHEMA_URL, HTTP_ACCEPT="application/vnd.oai.openapi+json")

    assert json.loads(response.content)["openapi"].startswith("3.")


@pytest.mark.parametrize("version", ["%0A", "%0D%0Ax", "%01", "2.0", "1.0.0"])
def test_a_schema_version_is_refused_with_a_message_not_a_500(client, version):
    # drf-spectacular put it in the Content-Disposition header: a line break was a 500.
    response = client.get(f"{SCHEMA_URL}?version={version}", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert response.json() == {"version": ["The API has one schema, for v1: leave version out."]}
