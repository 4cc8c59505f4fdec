"""Agency updates to review in the admin: flagged in list and form, reviewed field by field."""

# The French catalogue writes the typographic apostrophe (U+2019), and so do these tests.
# ruff: noqa: RUF001

from __future__ import annotations

import pytest
from django.urls import reverse
from reversion.models import Version

from articles.agency_updates import AgencyUpdateToReview
from articles.services import agency_updates
from tests.factories import CreditedArticleFactory

pytestmark = pytest.mark.django_db

AGENCY_SOURCE = "The agency's file, version 2."


@pytest.fixture
def flagged():
    article = CreditedArticleFactory(headline="Le titre de la rédaction", body="Le texte.")
    agency_updates.record(
        article,
        {
            "headline": {"agency": "Le titre de l'agence", "desk": "Le titre de la rédaction"},
            "body": {"agency": "Le texte de l'agence.", "desk": "Le texte."},
        },
        AGENCY_SOURCE,
    )
    return article


def review_url(article) -> str:
    return reverse("admin:articles_article_agency_update", args=[article.pk])


def test_the_list_flags_the_article_and_filters_on_it(flagged, editor_client):
    CreditedArticleFactory(headline="Sans mise à jour")
    changelist = reverse("admin:articles_article_changelist")

    page = editor_client.get(changelist).content.decode()
    assert "Mise à jour d’agence" in page
    assert f'href="{review_url(flagged)}"' in page
    assert "à revoir" in page

    filtered = editor_client.get(changelist, {"agency_update": "to_review"})
    assert [article.pk for article in filtered.context["cl"].result_list] == [flagged.pk]


def test_the_form_says_which_fields_wait_and_links_to_the_agency_text(flagged, editor_client):
    page = editor_client.get(reverse("admin:articles_article_change", args=[flagged.pk]))

    notice = page.content.decode()
    assert 'id="agency-update-notice"' in notice
    assert "l’agence a modifié Titre, Texte" in notice
    assert f'href="{review_url(flagged)}"' in notice


def test_the_review_shows_the_desk_text_against_the_agency_text(flagged, editor_client):
    page = editor_client.get(review_url(flagged)).content.decode()

    assert "<del" in page and "rédaction</del>" in page
    assert "agence</ins>" in page or "l&#x27;agence</ins>" in page
    assert "prendre le texte de l’agence" in page
    assert AGENCY_SOURCE.replace("'", "&#x27;") in page


def test_taking_one_field_and_keeping_another_resolves_the_update_in_the_history(
    flagged, editor_client
):
    response = editor_client.post(review_url(flagged), {"headline": "agency", "body": "desk"})

    assert response.status_code == 302
    flagged.refresh_from_db()
    assert (flagged.headline, flagged.body) == ("Le titre de l'agence", "Le texte.")
    assert not AgencyUpdateToReview.objects.pending().exists()
    comment = Version.objects.get_for_object(flagged).first().revision.comment
    assert comment == (
        "Mise à jour de l’agence revue. Repris de l’agence : Titre. Gardé de la rédaction : Texte."
    )
    page = editor_client.get(reverse("admin:articles_article_change", args=[flagged.pk]))
    assert 'id="agency-update-notice"' not in page.content.decode()


def test_a_form_opened_before_the_review_cannot_save_over_it(flagged, editor_client):
    from tests.admin_forms import change_form_data

    change_url = reverse("admin:articles_article_change", args=[flagged.pk])
    stale = change_form_data(editor_client.get(change_url))
    editor_client.post(review_url(flagged), {"headline": "agency"})

    stale["body"] = "Un texte d'un onglet resté ouvert."
    assert editor_client.post(change_url, stale).status_code == 200
    flagged.refresh_from_db()
    assert flagged.headline == "Le titre de l'agence"


def test_who_may_not_change_the_article_may_not_resolve(flagged, contributor_client):
    flagged.status = "published"
    flagged.save()

    response = contributor_client.post(review_url(flagged), {"headline": "agency"})

    assert response.status_code == 403
    assert AgencyUpdateToReview.objects.pending().exists()
