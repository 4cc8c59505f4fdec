"""The credits' order in the article form: dragged where editable, read only elsewhere, merged."""

import re

import pytest
import reversion
from django.test import Client
from django.urls import reverse

from articles.models import Article
from tests.admin_forms import change_form_data
from tests.factories import CreditedArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

SEED_NAMES = ["Reuters", "Andrew Gray", "Victor Goury-Laffont", "Mariana Abreu", "Kate Entringer"]


def change_url(article: Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def credits_fieldset(page: str) -> str:
    """The opening tag of the credits' fieldset, where the drag script looks for "sortable"."""
    group = page[page.index('id="credits-group"') :]
    return re.search(r"<fieldset[^>]*>", group).group(0)


def credit_names(article: Article) -> list[str]:
    return [credit.author.name for credit in article.credits.order_by("position")]


def dragged(data: dict, order: list[int]) -> dict:
    """The form as the drag script leaves it: rows keep their place, positions count from 1."""
    return {
        **data,
        **{f"credits-{row}-position": str(place) for place, row in enumerate(order, start=1)},
    }


def logged_in(username: str, groups: list[str]) -> Client:
    client = Client()
    client.force_login(UserFactory(username=username, groups=groups))
    return client


@pytest.fixture
def article():
    with reversion.create_revision():
        article = CreditedArticleFactory()
        reversion.add_to_revision(article)
    return article


def test_an_editor_gets_credits_to_drag_with_their_positions_hidden(editor_client, article):
    page = editor_client.get(change_url(article)).content.decode()

    assert "sortable" in credits_fieldset(page)
    assert 'class="move-begin"' in page
    assert re.search(
        r'<input type="hidden" name="credits-0-position" value="0"[^>]*_reorder_', page
    )
    assert "adminsortable2/js/adminsortable2" in page


def test_a_contributor_reading_a_published_article_gets_the_credits_without_handles(
    contributor_client, article
):
    response = contributor_client.get(change_url(article))

    assert response.status_code == 200
    page = response.content.decode()
    assert "sortable" not in credits_fieldset(page)
    assert "move-begin" not in page
    assert "_reorder_" not in page
    for name in SEED_NAMES:
        assert name in page


def test_dragging_the_third_credit_first_saves_that_order(editor_client, article):
    data = change_form_data(editor_client.get(change_url(article)))

    response = editor_client.post(change_url(article), dragged(data, [2, 0, 1, 3, 4]))

    assert response.status_code == 302
    assert credit_names(article) == [
        "Victor Goury-Laffont",
        "Reuters",
        "Andrew Gray",
        "Mariana Abreu",
        "Kate Entringer",
    ]
    assert list(article.credits.values_list("position", flat=True)) == [0, 1, 2, 3, 4]


def test_a_drag_and_a_concurrent_note_both_survive_the_conflict_check(article):
    alice, bruno = logged_in("alice", ["Editors"]), logged_in("bruno", ["Editors"])
    alices_form = change_form_data(alice.get(change_url(article)))
    brunos_form = change_form_data(bruno.get(change_url(article)))
    alices_form["credits-1-note"] = "à Kyiv"
    assert alice.post(change_url(article), alices_form).status_code == 302

    refused = bruno.post(change_url(article), dragged(brunos_form, [4, 0, 1, 2, 3]))

    assert refused.status_code == 200
    assert refused.context["adminform"].form.conflict.collisions == []
    assert bruno.post(change_url(article), change_form_data(refused)).status_code == 302
    assert credit_names(article) == ["Kate Entringer", *SEED_NAMES[:4]]
    assert article.credits.get(author__name="Andrew Gray").note == "à Kyiv"


def test_two_different_drags_collide_on_the_order_and_the_second_editor_keeps_theirs(article):
    alice, bruno = logged_in("alice", ["Editors"]), logged_in("bruno", ["Editors"])
    alices_form = change_form_data(alice.get(change_url(article)))
    brunos_form = change_form_data(bruno.get(change_url(article)))
    assert alice.post(change_url(article), dragged(alices_form, [1, 0, 2, 3, 4])).status_code == 302

    refused = bruno.post(change_url(article), dragged(brunos_form, [4, 0, 1, 2, 3]))

    collisions = refused.context["adminform"].form.conflict.collisions
    assert [label for label, *_ in collisions] == ["Ordre des crédits"]
    assert bruno.post(change_url(article), change_form_data(refused)).status_code == 302
    assert credit_names(article) == ["Kate Entringer", *SEED_NAMES[:4]]
