"""Translation groups: symmetric, one version per language, one group per article."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from articles.models import TranslationGroup, TranslationMember, TranslationProposal
from articles.services import translations
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def versions():
    return {
        code: ArticleFactory(language=code, headline=f"Story in {code}")
        for code in ["fr", "en", "de"]
    }


def test_a_link_is_symmetric_and_shared_by_the_whole_group(versions):
    translations.set_translations(versions["fr"], [versions["en"], versions["de"]])

    assert translations.translations_of(versions["de"]) == [versions["en"], versions["fr"]]
    assert TranslationGroup.objects.count() == 1


def test_linking_a_member_of_another_group_brings_it_over_and_dissolves_the_rest(versions):
    translations.set_translations(versions["en"], [versions["de"]])
    it = ArticleFactory(language="it")

    translations.set_translations(it, [versions["en"]])

    assert translations.translations_of(it) == [versions["en"]]
    assert translations.translations_of(versions["de"]) == []
    assert not TranslationMember.objects.filter(article=versions["de"]).exists()
    assert TranslationGroup.objects.count() == 1


def test_link_translation_joins_both_groups(versions):
    translations.set_translations(versions["fr"], [versions["en"]])
    it = ArticleFactory(language="it")
    translations.set_translations(versions["de"], [it])

    translations.link_translation(versions["fr"], versions["de"])

    assert len(translations.translations_of(it)) == 3


def test_two_versions_in_one_language_are_refused(versions):
    other_french = ArticleFactory(language="fr", headline="Autre")

    with pytest.raises(ValidationError, match="Autre"):
        translations.set_translations(versions["fr"], [versions["en"], other_french])
    assert not TranslationMember.objects.exists()


def test_linking_answers_the_importer_proposal(versions):
    low, high = sorted([versions["fr"], versions["en"]], key=lambda article: article.pk)
    TranslationProposal.objects.create(article=low, candidate=high)

    translations.set_translations(versions["fr"], [versions["en"]])

    assert not TranslationProposal.objects.exists()


def test_confirming_a_proposal_links_the_pair(versions):
    low, high = sorted([versions["fr"], versions["en"]], key=lambda article: article.pk)
    proposal = TranslationProposal.objects.create(article=low, candidate=high)

    translations.confirm_proposal(proposal)

    assert translations.translations_of(low) == [high]
    assert not TranslationProposal.objects.exists()
