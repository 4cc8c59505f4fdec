"""The locking service: every write moves the version up; an edit from an older one is refused."""

import pytest
from django.db import transaction

from articles.models import Article
from articles.services import locking
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def stored_version(article: Article) -> int:
    return Article.objects.values_list("version", flat=True).get(pk=article.pk)


def test_claiming_the_current_version_moves_it_up_in_the_database_and_in_memory():
    article = ArticleFactory()

    locking.claim_version(article, 1)

    assert (article.version, stored_version(article)) == (2, 2)


def test_claiming_an_older_version_is_refused_and_changes_nothing():
    article = ArticleFactory()
    locking.claim_version(Article.objects.get(pk=article.pk), 1)

    with pytest.raises(locking.EditConflict) as refused:
        locking.claim_version(article, 1)

    assert (refused.value.article_id, refused.value.expected_version) == (article.pk, 1)
    assert stored_version(article) == 2


def test_saved_since_returns_the_current_article_only_when_someone_saved_after():
    article = ArticleFactory()

    assert locking.saved_since(article.pk, 1) is None
    locking.bump_versions([article.pk])
    current = locking.saved_since(article.pk, 1)

    assert current is not None and current.version == 2


def test_saved_since_has_nothing_to_say_about_a_deleted_article():
    article = ArticleFactory()
    pk = article.pk
    article.delete()

    assert locking.saved_since(pk, 1) is None


def test_bump_versions_writes_the_changes_and_moves_each_version_up():
    first, second = ArticleFactory(), ArticleFactory()
    before = Article.objects.get(pk=first.pk).updated_at

    count = locking.bump_versions([first.pk, second.pk], headline="Both")

    assert count == 2
    for article in (first, second):
        article.refresh_from_db()
        assert (article.headline, article.version) == ("Both", 2)
    assert first.updated_at >= before


def test_bump_version_moves_an_article_about_to_be_saved_to_its_next_version():
    article = ArticleFactory()

    with transaction.atomic():
        locking.bump_version(article)
        article.save()

    assert stored_version(article) == 2


def test_bump_version_counts_from_the_stored_version_not_a_stale_copy():
    article = ArticleFactory()
    stale = Article.objects.get(pk=article.pk)
    locking.bump_versions([article.pk])  # an editor saved after the copy was loaded

    with transaction.atomic():
        locking.bump_version(stale)

    assert stale.version == 3


def test_keep_version_rising_puts_back_the_number_a_restore_overwrote():
    article = ArticleFactory()
    locking.bump_versions([article.pk])
    Article.objects.filter(pk=article.pk).update(version=1)  # what restoring version 1 writes

    locking.keep_version_rising(article.pk, 2)

    assert stored_version(article) == 2


def test_lock_for_edit_works_inside_a_transaction_and_is_harmless_outside():
    article = ArticleFactory()

    locking.lock_for_edit(article.pk)
    with transaction.atomic():
        locking.lock_for_edit(article.pk)
        locking.claim_version(article, 1)

    assert stored_version(article) == 2
