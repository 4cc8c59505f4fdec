"""No lost updates: two editors, one article; the second save is refused and nothing is lost."""

import pytest
import reversion
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
    # Saved with its first version, as an import or the admin saves it: the base of a merge.
    with reversion.create_revision():
        article = CreditedArticleFactory(headline="Original headline", body="Original body.")
        reversion.add_to_revision(article)
    return article


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


def test_the_conflict_puts_their_change_in_the_form_and_shows_no_collision(article, alice, bruno):
    alices_form = change_form_data(alice.get(change_url(article)))
    brunos_form = change_form_data(bruno.get(change_url(article)))
    alices_form["headline"] = "Alice's headline"
    alice.post(change_url(article), alices_form)

    brunos_form["body"] = "Bruno's body."
    response = bruno.post(change_url(article), brunos_form)

    form = response.context["adminform"].form
    assert form.conflict.collisions == []
    assert form.conflict.taken == [("Titre", "Alice's headline")]
    assert form["headline"].value() == "Alice's headline"
    assert form["body"].value() == "Bruno's body."
    page = response.content.decode()
    assert 'id="edit-conflict"' in page
    assert "Aucune de vos modifications ne se heurte aux siennes." in page


def test_a_field_both_changed_is_shown_side_by_side_with_mine_in_the_form(article, alice, bruno):
    alices_form = change_form_data(alice.get(change_url(article)))
    brunos_form = change_form_data(bruno.get(change_url(article)))
    alices_form["headline"] = "Alice's headline"
    alice.post(change_url(article), alices_form)

    brunos_form["headline"] = "Bruno's headline"
    response = bruno.post(change_url(article), brunos_form)

    form = response.context["adminform"].form
    assert form.conflict.collisions == [("Titre", "Alice's headline", "Bruno's headline")]
    assert form["headline"].value() == "Bruno's headline"
    assert 'id="edit-collisions"' in response.content.decode()


def test_saving_again_after_the_conflict_keeps_both_edits_and_history_keeps_both(
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
    assert (article.headline, article.body) == ("Alice's headline", "Bruno's body.")
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


def credit_notes(article: Article) -> list[tuple[str, str]]:
    return list(article.credits.order_by("position").values_list("author__name", "note"))


def test_two_editors_changing_different_credit_notes_both_keep_their_note(article, alice, bruno):
    alices_form = change_form_data(alice.get(change_url(article)))
    brunos_form = change_form_data(bruno.get(change_url(article)))
    alices_form["credits-1-note"] = "à Kyiv"
    assert alice.post(change_url(article), alices_form).status_code == 302

    brunos_form["credits-4-note"] = "à Bruxelles"
    refused = bruno.post(change_url(article), brunos_form)

    # Refused once, and shown what Alice changed: a credit, now in his form beside his own.
    assert refused.status_code == 200
    conflict = refused.context["adminform"].form.conflict
    assert conflict.collisions == []
    [(label, their_credits)] = conflict.taken
    assert label == "Crédit"
    assert "reportage: Andrew Gray (à Kyiv)" in their_credits
    assert bruno.post(change_url(article), change_form_data(refused)).status_code == 302
    notes = dict(credit_notes(article))
    assert notes["Andrew Gray"] == "à Kyiv"
    assert notes["Kate Entringer"] == "à Bruxelles"


def test_the_same_credit_note_changed_by_both_is_a_collision(article, alice, bruno):
    alices_form = change_form_data(alice.get(change_url(article)))
    brunos_form = change_form_data(bruno.get(change_url(article)))
    alices_form["credits-1-note"] = "à Kyiv"
    alice.post(change_url(article), alices_form)

    brunos_form["credits-1-note"] = "à Kharkiv"
    refused = bruno.post(change_url(article), brunos_form)

    conflict = refused.context["adminform"].form.conflict
    assert conflict.collisions == [
        ("Crédit", "reportage: Andrew Gray (à Kyiv)", "reportage: Andrew Gray (à Kharkiv)")
    ]
    formset = refused.context["inline_admin_formsets"][0].formset
    assert formset.forms[1]["note"].value() == "à Kharkiv"


def test_a_credit_added_by_one_and_a_credit_removed_by_the_other_both_happen(article, alice, bruno):
    alices_form = change_form_data(alice.get(change_url(article)))
    brunos_form = change_form_data(bruno.get(change_url(article)))
    newcomer = AuthorFactory(name="Manon Cruz")
    alices_form = add_credit_row(
        alices_form, author=newcomer.pk, role=CreditRole.WRITING, note="", position=""
    )
    alice.post(change_url(article), alices_form)

    brunos_form["credits-3-DELETE"] = "on"
    refused = bruno.post(change_url(article), brunos_form)
    assert bruno.post(change_url(article), change_form_data(refused)).status_code == 302

    names = [name for name, _ in credit_notes(article)]
    assert names == [
        "Reuters",
        "Andrew Gray",
        "Victor Goury-Laffont",
        "Kate Entringer",
        "Manon Cruz",
    ]


def test_reordered_credits_and_an_edited_photo_caption_merge(article, alice, bruno):
    alices_form = change_form_data(alice.get(change_url(article)))
    brunos_form = change_form_data(bruno.get(change_url(article)))
    alices_form["credits-4-position"] = "0"
    alices_form["credits-0-position"] = "4"
    alice.post(change_url(article), alices_form)

    brunos_form["photo_caption"] = "Des soldats ukrainiens près de Bakhmout."
    brunos_form["photo_alt_text"] = "Trois soldats dans une tranchée."
    refused = bruno.post(change_url(article), brunos_form)
    assert bruno.post(change_url(article), change_form_data(refused)).status_code == 302

    article.refresh_from_db()
    assert article.photo_caption == "Des soldats ukrainiens près de Bakhmout."
    assert article.photo_alt_text == "Trois soldats dans une tranchée."
    assert credit_notes(article)[0][0] == "Kate Entringer"


def test_without_the_starting_version_in_the_history_every_difference_is_shown(alice, bruno):
    # Loaded by loaddata, say: no history to merge against, so nothing merges unseen.
    article = CreditedArticleFactory(headline="Original headline", body="Original body.")
    alices_form = change_form_data(alice.get(change_url(article)))
    brunos_form = change_form_data(bruno.get(change_url(article)))
    alices_form["headline"] = "Alice's headline"
    alice.post(change_url(article), alices_form)

    brunos_form["body"] = "Bruno's body."
    refused = bruno.post(change_url(article), brunos_form)

    conflict = refused.context["adminform"].form.conflict
    assert ("Titre", "Alice's headline", "Original headline") in conflict.collisions
    assert ("Texte", "Original body.", "Bruno's body.") in conflict.collisions
