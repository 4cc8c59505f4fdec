"""No lost updates: two editors, one article; the second save is refused and nothing is lost."""

import pytest
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from articles.models import Article, CreditRole
from tests.admin_forms import add_credit_row, change_form_data
from tests.factories import AuthorFactory, CreditedArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


def change_url(article: Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def logged_in(username: str) -> Client:
    client = Client()
    client.force_login(UserFactory(username=username, groups=["Editors"]))
    return client


@pytest.fixture
def article():
    return CreditedArticleFactory(headline="Original headline", body="Original body.")


@pytest.fixture
def alice():
    return logged_in("alice")


@pytest.fixture
def bruno():
    return logged_in("bruno")


def test_the_second_save_from_the_same_version_is_refused_and_both_texts_survive(
    article, alice, bruno
):
    alices_form = change_form_data(alice.get(change_url(article)))
    brunos_form = change_form_data(bruno.get(change_url(article)))

    alices_form["headline"] = "Alice's headline"
    assert alice.post(change_url(article), alices_form).status_code == 302
    brunos_form["body"] = "Bruno's carefully rewritten body."
    response = bruno.post(change_url(article), brunos_form)

    assert response.status_code == 200
    page = response.content.decode()
    assert "après que vous" in page
    assert f'href="{change_url(article)}"' in page
    # Bruno's text is still in the form he is looking at...
    assert response.context["adminform"].form["body"].value() == (
        "Bruno's carefully rewritten body."
    )
    # ...and Alice's is what was saved.
    article.refresh_from_db()
    assert (article.headline, article.body) == ("Alice's headline", "Original body.")


def test_the_conflict_lists_what_saving_again_would_change(article, alice, bruno):
    alices_form = change_form_data(alice.get(change_url(article)))
    brunos_form = change_form_data(bruno.get(change_url(article)))
    alices_form["headline"] = "Alice's headline"
    alice.post(change_url(article), alices_form)

    brunos_form["body"] = "Bruno's body."
    response = bruno.post(change_url(article), brunos_form)

    form = response.context["adminform"].form
    differences = {difference.name: difference for difference in form.conflict_differences}
    assert set(differences) == {"headline", "body"}
    assert ("Alice's", "removed") in {
        (segment.text, segment.change) for segment in differences["headline"].segments
    }
    assert 'id="edit-conflict"' in response.content.decode()


def test_saving_again_after_the_conflict_is_a_deliberate_choice_and_history_keeps_both(
    article, alice, bruno
):
    alices_form = change_form_data(alice.get(change_url(article)))
    brunos_form = change_form_data(bruno.get(change_url(article)))
    alices_form["headline"] = "Alice's headline"
    alice.post(change_url(article), alices_form)
    brunos_form["body"] = "Bruno's body."
    refused = bruno.post(change_url(article), brunos_form)

    saved = bruno.post(change_url(article), change_form_data(refused))

    assert saved.status_code == 302
    article.refresh_from_db()
    assert article.body == "Bruno's body."
    saved_headlines = {
        version.field_dict["headline"] for version in Version.objects.get_for_object(article)
    }
    assert "Alice's headline" in saved_headlines


def test_credits_edited_in_the_inline_are_covered_too(article, alice, bruno):
    alices_form = change_form_data(alice.get(change_url(article)))
    brunos_form = change_form_data(bruno.get(change_url(article)))
    newcomer = AuthorFactory(name="Manon Cruz")

    alices_form = add_credit_row(
        alices_form, author=newcomer.pk, role=CreditRole.WRITING, note="", position=9
    )
    assert alice.post(change_url(article), alices_form).status_code == 302
    brunos_form["credits-1-note"] = "à Bruxelles"
    response = bruno.post(change_url(article), brunos_form)

    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.forms[1]["note"].value() == "à Bruxelles"
    credits = list(article.credits.values_list("author__name", "note"))
    assert ("Manon Cruz", "") in credits
    assert ("Andrew Gray", "") in credits


def test_a_post_without_its_version_is_refused_rather_than_trusted(article, alice):
    data = change_form_data(alice.get(change_url(article)))
    del data["base_version"]
    data["headline"] = "From a stale tab"

    response = alice.post(change_url(article), data)

    assert response.status_code == 200
    assert Article.objects.get(pk=article.pk).headline == "Original headline"


def test_a_workflow_action_between_open_and_save_makes_the_save_conflict(article, alice, bruno):
    alices_form = change_form_data(alice.get(change_url(article)))

    bruno.post(
        reverse("admin:articles_article_changelist"),
        {"action": "unpublish_selected", "_selected_action": [article.pk]},
    )
    response = alice.post(change_url(article), alices_form)

    assert response.status_code == 200
    assert not Article.objects.get(pk=article.pk).is_visible
