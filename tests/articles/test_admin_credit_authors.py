"""A credit's new author, created from its author search: the one author rule, the permission."""

# The French catalogue writes the typographic apostrophe (U+2019), and so do these tests.
# ruff: noqa: RUF001

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from reversion.models import Version

from articles.models import Author, AuthorAlias
from tests.admin_forms import change_form_data
from tests.factories import AuthorFactory, CreditedArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

CREATE = reverse("admin:articles_author_create_for_credit")
SEARCH = reverse("admin:articles_author_credit_autocomplete")


@pytest.fixture
def reader_client(client):
    """A staff user who may work on articles and see authors, but not create them."""
    user = UserFactory(username="reader")
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_article", "change_article", "view_author", "view_credit"]
        )
    )
    client.force_login(user)
    return client


def create(client, name: str):
    return client.post(CREATE, {"name": name})


def search(client, term: str) -> list[dict]:
    query = {"term": term, "app_label": "articles", "model_name": "credit", "field_name": "author"}
    response = client.get(SEARCH, query)
    assert response.status_code == 200
    return response.json()["results"]


def test_a_contributor_creates_an_author_with_its_revision(contributor_client):
    response = create(contributor_client, "  Zoé   Nouvelle ")

    assert response.status_code == 201
    author = Author.objects.get(name="Zoé Nouvelle")
    assert response.json() == {"id": str(author.pk), "text": "Zoé Nouvelle", "created": True}
    assert author.slug == "zoe-nouvelle"
    version = Version.objects.get_for_object(author).get()
    assert version.revision.user.username == "contributor"


def test_without_the_add_author_permission_nothing_is_created(reader_client):
    response = create(reader_client, "Zoé Nouvelle")

    assert response.status_code == 403
    assert response.json()["error"] == "Vous n’avez pas le droit de créer des auteurs."
    assert not Author.objects.filter(name="Zoé Nouvelle").exists()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Ce champ est obligatoire."),
        ("   ", "Ce champ est obligatoire."),
        (
            "x" * 201,
            "Assurez-vous que cette valeur comporte au plus 200 caractères (actuellement 201).",
        ),
        ("Zoé\x00Nouvelle", "Le caractère nul n’est pas autorisé."),
        ("\u0301\u0301", "Le nom d’un auteur doit contenir des lettres ou des chiffres."),
        ("ﬃ" * 100, "Ce nom est trop long."),
    ],
    ids=["empty", "blank", "overlong", "nul", "accents-only", "long-once-spread"],
)
def test_a_name_that_cannot_be_an_author_is_refused_with_a_message(
    contributor_client, name, message
):
    count = Author.objects.count()

    response = create(contributor_client, name)

    assert response.status_code == 400
    assert response.json()["error"] == message
    assert Author.objects.count() == count


def test_a_name_already_taken_in_another_spelling_is_that_author(editor_client):
    kate = AuthorFactory(name="Kate Entringer")

    response = create(editor_client, "kate  ENTRINGER")

    assert response.status_code == 200
    assert response.json() == {"id": str(kate.pk), "text": "Kate Entringer", "created": False}
    assert Author.objects.count() == 1


def test_a_merged_name_is_the_author_it_was_merged_into(editor_client):
    kate = AuthorFactory(name="Kate Entringer")
    AuthorAlias.objects.create(name="K. Entringer", author=kate)

    response = create(editor_client, "K. Entringer")

    assert response.json()["id"] == str(kate.pk)
    assert Author.objects.count() == 1


def test_creating_takes_a_post_only(editor_client):
    assert editor_client.get(CREATE, {"name": "Zoé Nouvelle"}).status_code == 405
    assert not Author.objects.exists()


def test_the_search_ends_with_the_choice_to_create_a_new_name(editor_client):
    AuthorFactory(name="Zoé Ancienne")

    results = search(editor_client, "Zoé  Nouvelle")

    assert [result["text"] for result in results] == ["Créer l’auteur « Zoé Nouvelle »"]
    assert results[0]["name"] == "Zoé Nouvelle"
    assert results[0]["create_url"] == CREATE


def test_the_search_offers_no_creation_for_a_name_already_an_author_or_merged(editor_client):
    kate = AuthorFactory(name="Kate Entringer")
    AuthorAlias.objects.create(name="K. Entringer", author=kate)

    assert [result["text"] for result in search(editor_client, "kate entringer")] == [
        "Kate Entringer"
    ]
    assert search(editor_client, "K. Entringer") == []
    assert search(editor_client, "") == [{"id": str(kate.pk), "text": "Kate Entringer"}]


def test_the_search_offers_no_creation_to_those_who_may_not_create(reader_client):
    assert search(reader_client, "Zoé Nouvelle") == []


def test_the_create_choice_saved_before_its_author_exists_is_a_form_error(editor_client):
    article = CreditedArticleFactory()
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = change_form_data(editor_client.get(url))

    response = editor_client.post(url, {**data, "credits-0-author": "new-author"})

    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][0].formset.errors[0]
    assert errors["author"] == [
        "Sélectionnez un choix valide. Ce choix ne fait pas partie de ceux disponibles."
    ]
