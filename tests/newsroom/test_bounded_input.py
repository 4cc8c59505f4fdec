"""Addresses no database can be asked about (NUL, a lone surrogate) are a 400, everywhere.

PostgreSQL refuses NUL in text: before the middleware, each of these was a 500 there.
"""

import pytest
from django.test import RequestFactory

from newsroom.bounded_input import has_unusable_characters
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db

MESSAGE_EN = "The address holds a character that nothing can be looked up with"
ADMIN_ADDRESSES = [
    "/admin/articles/article/?status=%00",
    "/admin/articles/article/?language=%00",
    "/admin/articles/article/?slug=a%00",
    "/admin/articles/article/?q=%00",
    "/admin/articles/article/?%00=1",
    "/admin/articles/author/?kind=%00",
    "/admin/autocomplete/?term=%00&app_label=articles&model_name=credit&field_name=author",
]
# Nothing is stored at an address holding NUL: not found, without asking the database.
NOT_FOUND_ADDRESSES = [
    "/admin/articles/article/%00/history/",
    "/admin/articles/article/%00/change/",
    "/admin/articles/article/%00/delete/",
    "/admin/articles/author/%00/change/",
    "/admin/auth/user/%00/change/",
    "/%00/",
    "/authors/%00/",
    "/preview/%00/",
]
PUBLIC_ADDRESSES = [
    "/search/?q=%00",
    "/feeds/rss/?x=%00",
]


@pytest.fixture(autouse=True)
def content() -> None:
    """Rows for the lookups to meet."""
    ArticleFactory()
    AuthorFactory()


@pytest.mark.parametrize("address", ADMIN_ADDRESSES)
def test_nul_in_an_admin_address_is_a_400_with_a_message(editor_client, address):
    response = editor_client.get(address, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert MESSAGE_EN in response.content.decode()


@pytest.mark.parametrize("address", PUBLIC_ADDRESSES)
def test_nul_in_a_public_address_is_the_sites_400_page(client, address):
    response = client.get(address, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    html = response.content.decode()
    assert "<h1>Bad request</h1>" in html
    assert MESSAGE_EN in html


@pytest.mark.parametrize("address", NOT_FOUND_ADDRESSES)
def test_nul_in_a_path_is_not_found(editor_client, address):
    assert editor_client.get(address).status_code == 404


def test_the_page_is_in_french_by_default(client):
    response = client.get("/search/?q=%00")

    assert response.status_code == 400
    assert "Requête incorrecte" in response.content.decode()


def test_the_api_answers_json(client):
    response = client.get("/api/v1/articles/?q=%00", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    [message] = response.json()["q"]
    assert message.startswith(MESSAGE_EN)


@pytest.mark.parametrize(
    "path, name, value",
    [("/a\x00b/", "", ""), ("/", "q", "\x00"), ("/", "\x00", "1"), ("/", "q", "\ud800")],
)
def test_nul_and_lone_surrogates_are_unusable(path, name, value):
    # A lone surrogate never comes from percent-decoding (Django replaces bad UTF-8);
    # checked all the same, for any code that builds a query of its own.
    request = RequestFactory().get(path)
    request.GET = request.GET.copy()
    if name:
        request.GET.appendlist(name, value)

    assert has_unusable_characters(request)


def test_ordinary_text_is_usable():
    request = RequestFactory().get("/search/", {"q": "Zelensky «Kyiv» 東京 \t"})

    assert not has_unusable_characters(request)
