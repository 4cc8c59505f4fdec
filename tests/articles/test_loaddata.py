"""loaddata is for an empty database: over a working one it refuses to reset editors' work."""

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, ArticleStatus, Credit
from articles.services import editorial
from tests.factories import ArticleFactory, AuthorFactory, UserFactory

pytestmark = pytest.mark.django_db

SEED_SOURCE_ID = "000_b7a23fd024b318f7"


def load_seed(*options: str) -> None:
    call_command("loaddata", "seed", *options, verbosity=0)


@pytest.fixture
def seeded() -> Article:
    load_seed()
    return Article.objects.get(source_id=SEED_SOURCE_ID)


def test_loading_the_seed_twice_changes_nothing_and_is_allowed(seeded):
    load_seed()

    assert Article.objects.get(pk=seeded.pk).version == seeded.version


def test_an_edited_article_is_not_reset_and_is_named(seeded):
    seeded.headline = "Corrigé par le desk"
    editorial.save_article(
        seeded, user=UserFactory(groups=["Editors"]), expected_version=seeded.version
    )

    with pytest.raises(CommandError) as refused:
        load_seed()

    message = str(refused.value)
    assert "Nothing was loaded" in message
    assert "article “Corrigé par le desk” (source id 000_b7a23fd024b318f7)" in message
    assert "headline" in message and "--overwrite" in message
    assert Article.objects.get(pk=seeded.pk).headline == "Corrigé par le desk"


def test_an_unpublished_article_is_not_published_again(seeded):
    editorial.unpublish(seeded, user=UserFactory(groups=["Editors"]))

    with pytest.raises(CommandError, match="status"):
        load_seed()

    assert Article.objects.get(pk=seeded.pk).status == ArticleStatus.DRAFT
    assert not Article.objects.visible().exists()


def test_another_articles_credit_in_the_fixtures_place_is_not_replaced():
    other = ArticleFactory(headline="Autre article", source_id="other")
    taken = Credit.objects.create(
        pk=1, article=other, author=AuthorFactory(name="Someone Else"), role="editing"
    )

    with pytest.raises(CommandError, match=r"credit #1 of article “Autre article” \(other\)"):
        load_seed()

    assert Credit.objects.get(pk=1).article_id == taken.article_id
    # All or nothing: not even the rows that did not clash were loaded.
    assert not Article.objects.filter(source_id=SEED_SOURCE_ID).exists()


def test_overwrite_puts_the_fixture_back_when_asked(seeded):
    editorial.unpublish(seeded, user=UserFactory(groups=["Editors"]))

    load_seed("--overwrite")

    assert Article.objects.get(pk=seeded.pk).status == ArticleStatus.PUBLISHED
