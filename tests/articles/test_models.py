"""Model rules: one author per person, the visibility rule, database invariants."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles import services
from articles.models import Article, ArticleStatus, Author, DatePrecision
from articles.names import normalise_name
from articles.slugs import SlugAllocator
from tests.factories import ArticleFactory


class TestNormaliseName:
    @pytest.mark.parametrize(
        "spelling", ["Kate Entringer", "kate entringer", "  Kate   Entringer ", "Katé Entringer"]
    )
    def test_spellings_of_one_person_share_a_key(self, spelling):
        assert normalise_name(spelling) == "kate entringer"


@pytest.mark.django_db
class TestAuthorFor:
    def test_matches_without_case_accents_or_spacing(self):
        first = services.author_for("Victor Goury-Laffont")

        assert services.author_for("victor  goury-laffont") == first
        assert services.author_for("Víctor Goury-Laffont") == first
        assert Author.objects.count() == 1

    def test_different_people_with_the_same_slug_get_distinct_slugs(self):
        first = services.author_for("Anne O'Neil")
        second = services.author_for("Anne ONeil")

        assert first != second
        assert (first.slug, second.slug) == ("anne-oneil", "anne-oneil-2")

    def test_many_names_at_once_give_the_authors_one_at_a_time_would(self):
        existing = services.author_for("Victor Goury-Laffont")

        authors = services.authors_for(
            [("víctor goury-laffont", "person"), ("Œdipe  Roi", "person"), ("ŒDIPE ROI", "person")],
            SlugAllocator(Author),
        )

        assert sorted(authors, key=lambda author: author.name) == [
            existing,
            Author.objects.get(name="Œdipe Roi"),
        ]
        assert Author.objects.get(name="Œdipe Roi").name_key == normalise_name("Œdipe Roi")
        assert services.author_for("œdipe roi").slug == "oedipe-roi"


@pytest.mark.django_db
class TestVisibility:
    def test_only_published_articles_whose_time_has_come_are_visible(self):
        visible = ArticleFactory()
        ArticleFactory(draft=True)
        ArticleFactory(scheduled=True)
        ArticleFactory(status=ArticleStatus.IN_REVIEW, published_at=None)

        assert list(Article.objects.visible()) == [visible]

    def test_a_scheduled_article_becomes_visible_when_its_time_comes(self):
        scheduled = ArticleFactory(scheduled=True)

        assert not Article.objects.visible().exists()
        later = timezone.now() + datetime.timedelta(days=2)
        assert list(Article.objects.visible(now=later)) == [scheduled]


@pytest.mark.django_db(transaction=True)
class TestDatabaseInvariants:
    def test_a_month_precision_date_cannot_carry_an_invented_day(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            ArticleFactory(date=datetime.date(2023, 9, 14), date_precision=DatePrecision.MONTH)

    def test_a_published_article_has_a_publication_time(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            ArticleFactory(status=ArticleStatus.PUBLISHED, published_at=None)

    @pytest.mark.parametrize("language", ["en-GB", "EN", "german", ""])
    def test_language_must_be_a_primary_subtag(self, language):
        with pytest.raises(IntegrityError), transaction.atomic():
            ArticleFactory(language=language)

    def test_a_language_with_a_final_newline_is_refused_by_validation(self):
        # Python's $ matches before a final newline; the validator must not.
        article = ArticleFactory.build(language="fr\n")

        with pytest.raises(ValidationError) as refused:
            article.full_clean(exclude=["slug", "source_id"])

        assert list(refused.value.message_dict) == ["language"]

    @pytest.mark.parametrize("language", ["de", "fil"])
    def test_any_language_is_stored(self, language):
        assert ArticleFactory(language=language).language == language

    def test_source_ids_are_unique(self):
        ArticleFactory(source_id="same")
        with pytest.raises(IntegrityError), transaction.atomic():
            ArticleFactory(source_id="same")
