"""Corrections and translation links in the change log, in updated_at and in the cache.

A correction or a translation link changes what the public sees of an article: the
database's triggers log ``updated`` for the public articles concerned and touch their
``updated_at`` (hence Last-Modified, feeds, sitemaps), whatever wrote it.
"""

from __future__ import annotations

import datetime
import time

import pytest
from django.utils import timezone

from articles.models import Article, ArticleCorrection, TranslationMember
from articles.services import translations
from articles.services.changes import emit_due_publications
from newsroom.response_cache import content_generation
from tests.articles.changes_helpers import emitted
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.now() - datetime.timedelta(days=30)


def make_old(article: Article) -> None:
    """Pretend the article was last changed a month ago."""
    Article.objects.filter(pk=article.pk).update(updated_at=LONG_AGO)


class TestCorrections:
    def test_adding_a_correction_to_a_public_article_is_an_update(self):
        article = ArticleFactory(slug="story")

        def write():
            ArticleCorrection.objects.create(article=article, text="An earlier version erred.")

        assert emitted(write) == [("updated", "story")]

    def test_changing_and_removing_a_correction_are_updates(self):
        article = ArticleFactory(slug="story")
        correction = ArticleCorrection.objects.create(article=article, text="First wording.")

        def change():
            correction.text = "Better wording."
            correction.save()

        assert emitted(change) == [("updated", "story")]
        assert emitted(correction.delete) == [("updated", "story")]

    def test_a_correction_to_a_draft_emits_nothing(self):
        draft = ArticleFactory(draft=True)

        assert emitted(lambda: ArticleCorrection.objects.create(article=draft, text="x")) == []

    def test_a_correction_touches_the_article_update_time(self):
        article = ArticleFactory()
        make_old(article)

        ArticleCorrection.objects.create(article=article, text="An earlier version erred.")

        article.refresh_from_db()
        assert article.updated_at > timezone.now() - datetime.timedelta(minutes=1)

    def test_a_queryset_update_of_corrections_is_seen_too(self):
        article = ArticleFactory(slug="story")
        ArticleCorrection.objects.create(article=article, text="First wording.")
        make_old(article)

        def write():
            ArticleCorrection.objects.filter(article=article).update(text="Second wording.")

        assert emitted(write) == [("updated", "story")]
        article.refresh_from_db()
        assert article.updated_at > LONG_AGO

    # Committed for real: one bump covers a whole transaction, so inside the test's own
    # transaction the article's creation would already have claimed it.
    @pytest.mark.django_db(transaction=True)
    def test_a_correction_empties_the_response_cache(self):
        article = ArticleFactory()
        before = content_generation()

        ArticleCorrection.objects.create(article=article, text="An earlier version erred.")

        assert content_generation() != before


class TestTranslationLinks:
    def test_linking_two_public_articles_updates_both(self):
        french = ArticleFactory(slug="fr-story", language="fr")
        english = ArticleFactory(slug="en-story", language="en")

        changes = emitted(lambda: translations.set_translations(french, [english]))

        assert sorted(changes) == [("updated", "en-story"), ("updated", "fr-story")]

    def test_unlinking_updates_both(self):
        french = ArticleFactory(slug="fr-story", language="fr")
        english = ArticleFactory(slug="en-story", language="en")
        translations.set_translations(french, [english])

        changes = emitted(lambda: translations.set_translations(french, []))

        assert sorted(set(changes)) == [("updated", "en-story"), ("updated", "fr-story")]
        assert not TranslationMember.objects.exists()

    def test_linking_a_draft_updates_only_the_public_article(self):
        french = ArticleFactory(slug="fr-story", language="fr")
        english = ArticleFactory(slug="en-story", language="en", draft=True)

        changes = emitted(lambda: translations.set_translations(french, [english]))

        assert changes == [("updated", "fr-story")]

    def test_linking_touches_the_update_time_of_both(self):
        french = ArticleFactory(language="fr")
        english = ArticleFactory(language="en")
        make_old(french)
        make_old(english)

        translations.set_translations(french, [english])

        for article in (french, english):
            article.refresh_from_db()
            assert article.updated_at > LONG_AGO

    def test_a_scheduled_translation_going_live_updates_the_version_already_public(self):
        # Its page and API answer gain a link to the new version at that moment, with no
        # write to it: the tick that announces the translation moves it too.
        english = ArticleFactory(slug="en-story", language="en")
        soon = timezone.now() + datetime.timedelta(seconds=0.3)
        french = ArticleFactory(slug="fr-story", language="fr", published_at=soon)
        translations.set_translations(english, [french])
        make_old(english)
        time.sleep(0.4)

        changes = emitted(emit_due_publications)

        assert sorted(changes) == [("published", "fr-story"), ("updated", "en-story")]
        english.refresh_from_db()
        assert english.updated_at >= french.published_at

    def test_a_tick_that_announces_an_article_without_translations_touches_no_other(self):
        other = ArticleFactory(slug="other")
        make_old(other)
        ArticleFactory(slug="later", published_at=timezone.now() + datetime.timedelta(seconds=0.3))
        time.sleep(0.4)

        assert emitted(emit_due_publications) == [("published", "later")]
        other.refresh_from_db()
        assert other.updated_at == LONG_AGO

    @pytest.mark.django_db(transaction=True)
    def test_a_link_empties_the_response_cache(self):
        french = ArticleFactory(language="fr")
        english = ArticleFactory(language="en")
        before = content_generation()

        translations.set_translations(french, [english])

        assert content_generation() != before
