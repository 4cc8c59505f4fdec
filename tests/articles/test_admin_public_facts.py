"""Corrections and translations in the admin: the inline, the field, the proposals."""

from __future__ import annotations

import pytest
from django.urls import reverse

from articles.models import (
    Article,
    ArticleCorrection,
    Language,
    TranslationMember,
    TranslationProposal,
)
from articles.services import translations
from tests.admin_forms import add_credit_row, change_form_data
from tests.factories import ArticleFactory, CreditedArticleFactory

pytestmark = pytest.mark.django_db

CORRECTION = "Correction : une version précédente se trompait sur la date de la visite."


def change_url(article: Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def errors_of(response) -> str:
    form = response.context["adminform"].form
    return " ".join(str(message) for messages in form.errors.values() for message in messages)


class TestCorrectionInline:
    def test_an_editor_adds_a_dated_correction_that_readers_then_see(self, editor_client):
        article = CreditedArticleFactory(language=Language.FRENCH)
        data = change_form_data(editor_client.get(change_url(article)))
        data = add_credit_row(
            data, prefix="corrections", at_0="2024-03-15", at_1="09:30:00", text=CORRECTION
        )

        response = editor_client.post(change_url(article), data)

        assert response.status_code == 302
        (correction,) = ArticleCorrection.objects.filter(article=article)
        assert correction.text == CORRECTION
        assert CORRECTION in editor_client.get(article.get_absolute_url()).content.decode()

    def test_the_inline_is_labelled_in_french(self, editor_client):
        page = editor_client.get(change_url(ArticleFactory())).content.decode()

        assert "corrections (montrées aux lecteurs sous l\u2019article)" in page.lower()

    def test_a_contributor_cannot_correct_a_published_article(self, contributor_client):
        article = ArticleFactory()

        response = contributor_client.get(change_url(article))

        # No empty row to add one: the inline is read-only for them.
        assert "corrections-__prefix__-text" not in response.content.decode()


class TestTranslationsField:
    def test_an_editor_links_a_translation_and_both_list_each_other(self, editor_client):
        french = ArticleFactory(language=Language.FRENCH)
        english = ArticleFactory(language=Language.ENGLISH)
        data = change_form_data(editor_client.get(change_url(french)))
        data["translations"] = [str(english.pk)]

        response = editor_client.post(change_url(french), data)

        assert response.status_code == 302
        assert translations.translations_of(english) == [french]
        form = editor_client.get(change_url(english)).context["adminform"].form
        assert list(form["translations"].value()) == [french.pk]

    def test_removing_the_translation_unlinks_both(self, editor_client):
        french = ArticleFactory(language=Language.FRENCH)
        english = ArticleFactory(language=Language.ENGLISH)
        translations.set_translations(french, [english])
        data = change_form_data(editor_client.get(change_url(french)))
        data["translations"] = []

        editor_client.post(change_url(french), data)

        assert not TranslationMember.objects.exists()

    def test_a_translation_in_the_same_language_is_refused_with_a_reason(self, editor_client):
        french = ArticleFactory(language=Language.FRENCH, headline="Premier")
        other = ArticleFactory(language=Language.FRENCH, headline="Second")
        data = change_form_data(editor_client.get(change_url(french)))
        data["translations"] = [str(other.pk)]

        response = editor_client.post(change_url(french), data)

        assert response.status_code == 200
        assert "« Premier » et « Second » sont tous deux en fr" in errors_of(response)
        assert not TranslationMember.objects.exists()

    def test_a_crafted_value_is_a_form_error_not_a_500(self, editor_client):
        article = ArticleFactory()
        data = change_form_data(editor_client.get(change_url(article)))
        data["translations"] = ["not-an-id"]

        response = editor_client.post(change_url(article), data)

        assert response.status_code == 200
        assert errors_of(response)

    def test_a_contributor_may_not_link_their_draft_to_a_published_article(
        self, contributor_client
    ):
        draft = ArticleFactory(draft=True, language=Language.FRENCH)
        published = ArticleFactory(language=Language.ENGLISH, headline="Published story")
        data = change_form_data(contributor_client.get(change_url(draft)))
        data["translations"] = [str(published.pk)]

        response = contributor_client.post(change_url(draft), data)

        assert response.status_code == 200
        assert "Published story" in errors_of(response)
        assert not TranslationMember.objects.exists()

    def test_the_autocomplete_finds_articles_by_headline(self, editor_client):
        ArticleFactory(headline="Stoltenberg in Kyiv")
        response = editor_client.get(
            reverse("admin:autocomplete"),
            {
                "app_label": "articles",
                "model_name": "translationmember",
                "field_name": "article",
                "term": "Stoltenberg",
            },
        )

        assert [result["text"] for result in response.json()["results"]] == ["Stoltenberg in Kyiv"]


class TestProposals:
    @pytest.fixture
    def proposal(self) -> TranslationProposal:
        french = ArticleFactory(language=Language.FRENCH, headline="Les forces ukrainiennes")
        english = ArticleFactory(language=Language.ENGLISH, headline="Ukrainian forces")
        low, high = sorted([french, english], key=lambda article: article.pk)
        return TranslationProposal.objects.create(article=low, candidate=high)

    def test_the_article_form_shows_the_proposal_with_a_confirm_button(
        self, editor_client, proposal
    ):
        page = editor_client.get(change_url(proposal.article)).content.decode()

        assert "Confirmer cette traduction" in page
        assert proposal.candidate.headline in page

    def test_confirming_links_the_two_and_forgets_the_proposal(self, editor_client, proposal):
        url = reverse("admin:articles_translationproposal_confirm", args=[proposal.pk])

        response = editor_client.post(url)

        assert response.status_code == 302
        assert response["Location"] == change_url(proposal.article)
        assert translations.translations_of(proposal.article) == [proposal.candidate]
        assert not TranslationProposal.objects.exists()

    def test_confirming_takes_a_post(self, editor_client, proposal):
        url = reverse("admin:articles_translationproposal_confirm", args=[proposal.pk])

        assert editor_client.get(url).status_code == 405
        assert TranslationProposal.objects.exists()

    def test_a_contributor_cannot_confirm_a_link_of_published_articles(
        self, contributor_client, proposal
    ):
        url = reverse("admin:articles_translationproposal_confirm", args=[proposal.pk])

        contributor_client.post(url)

        assert not TranslationMember.objects.exists()
        assert TranslationProposal.objects.exists()

    def test_the_list_action_confirms_the_selected_proposals(self, editor_client, proposal):
        response = editor_client.post(
            reverse("admin:articles_translationproposal_changelist"),
            {"action": "confirm_selected", "_selected_action": [proposal.pk]},
            follow=True,
        )

        assert "1 traduction liée." in response.content.decode()
        assert translations.translations_of(proposal.candidate) == [proposal.article]
