"""The author admin: article counts without N+1, no duplicate names, merging duplicates."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Author, CreditRole
from tests.factories import AuthorFactory, CreditedArticleFactory, CreditFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_author_changelist")


def merge(client, *authors, **extra):
    data = {"action": "merge_selected", "_selected_action": [a.pk for a in authors], **extra}
    return client.post(CHANGELIST, data, follow=True)


def test_the_list_counts_each_authors_articles(editor_client):
    CreditedArticleFactory()
    CreditedArticleFactory(credits=[(CreditRole.EDITING, "Kate Entringer")])

    response = editor_client.get(CHANGELIST)

    counts = {author.name: author.article_count for author in response.context["cl"].result_list}
    assert counts["Kate Entringer"] == 2
    assert counts["Andrew Gray"] == 1


def test_the_list_costs_the_same_number_of_queries_for_few_or_many_authors(
    editor_client, django_assert_num_queries
):
    CreditedArticleFactory(credits=[(CreditRole.REPORTING, "Solo Reporter")])
    with CaptureQueriesContext(connection) as few:
        editor_client.get(CHANGELIST)
    CreditedArticleFactory()
    CreditedArticleFactory(credits=[(CreditRole.REPORTING, f"R{n}") for n in range(8)])

    with django_assert_num_queries(len(few)):
        editor_client.get(CHANGELIST)


def test_renaming_an_author_to_an_existing_name_is_refused_with_a_hint_to_merge(editor_client):
    AuthorFactory(name="Kate Entringer")
    duplicate = AuthorFactory(name="K. Entringer")

    response = editor_client.post(
        reverse("admin:articles_author_change", args=[duplicate.pk]),
        {"name": "kate  entringer", "slug": duplicate.slug, "kind": duplicate.kind},
    )

    assert response.status_code == 200
    assert "fusion" in " ".join(response.context["adminform"].form.errors["name"])
    assert Author.objects.get(pk=duplicate.pk).name == "K. Entringer"


def test_merging_asks_which_author_to_keep_then_moves_every_credit(editor_client):
    kept = AuthorFactory(name="Kate Entringer")
    duplicate = AuthorFactory(name="K. Entringer")
    CreditFactory(author=kept, role=CreditRole.EDITING)
    CreditFactory(author=duplicate, role=CreditRole.EDITING)
    CreditFactory(author=duplicate, role=CreditRole.WRITING)

    confirmation = merge(editor_client, kept, duplicate)
    assert confirmation.templates[0].name == "admin/articles/author/merge_authors.html"
    assert Author.objects.filter(pk=duplicate.pk).exists()

    done = merge(editor_client, kept, duplicate, confirm="yes", kept=kept.pk)

    assert "2 crédits déplacés" in done.content.decode()
    assert not Author.objects.filter(pk=duplicate.pk).exists()
    assert kept.credits.count() == 3


def test_merging_needs_exactly_two_authors(editor_client):
    authors = AuthorFactory.create_batch(3)

    response = merge(editor_client, *authors, confirm="yes", kept=authors[0].pk)

    assert "exactement deux auteurs" in response.content.decode()
    assert Author.objects.count() == 3


def test_merging_keeps_one_of_the_two_selected_authors_only(editor_client):
    first, second, outsider = AuthorFactory.create_batch(3)

    merge(editor_client, first, second, confirm="yes", kept=outsider.pk)

    assert Author.objects.count() == 3


def test_contributors_cannot_merge_authors(client):
    client.force_login(UserFactory(username="contributor", groups=["Contributors"]))
    first, second = AuthorFactory.create_batch(2)

    merge(client, first, second, confirm="yes", kept=first.pk)

    assert Author.objects.count() == 2
