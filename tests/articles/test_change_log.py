"""The change log: every change of what the public sees, whatever path wrote it.

CONTRACT section 6: published, updated, unpublished, withdrawn, deleted, in the order
they became visible; drafts and edits of unpublished work emit nothing; a scheduled
article emits ``published`` when its time comes, not before.
"""

from __future__ import annotations

import datetime
import io
import time

import pytest
from django.core import serializers
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from articles.changes import PendingChange
from articles.models import Article, ArticleStatus
from articles.services.changes import emit_due_publications
from ingest import importer
from tests.admin_forms import change_form_data
from tests.articles.changes_helpers import emitted, log, publish_pending
from tests.factories import ArticleFactory, AuthorFactory, CreditFactory
from tests.ingest.test_import_batches import wire_file

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")


def change_url(article: Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


class TestModelWrites:
    def test_creating_a_public_article_publishes_it(self):
        assert emitted(lambda: ArticleFactory(slug="new")) == [("published", "new")]

    def test_drafts_and_their_edits_emit_nothing(self):
        def write():
            article = ArticleFactory(draft=True)
            article.headline = "Still a draft"
            article.save()
            article.status = ArticleStatus.IN_REVIEW
            article.save()

        assert emitted(write) == []

    def test_an_edit_of_a_public_article_is_an_update(self):
        article = ArticleFactory(slug="story")
        article.headline = "Corrected"

        assert emitted(article.save) == [("updated", "story")]

    def test_a_save_that_changes_nothing_public_emits_nothing(self):
        article = ArticleFactory()
        article.version += 1
        article.source_text = "the wire text again"

        assert emitted(article.save) == []

    def test_a_queryset_update_is_seen_too(self):
        ArticleFactory(slug="story")

        def write():
            Article.objects.filter(slug="story").update(body="New body.")

        assert emitted(write) == [("updated", "story")]

    def test_unpublishing_withdrawing_and_deleting_leave_tombstones(self):
        one, two, three = (ArticleFactory(slug=slug) for slug in ["one", "two", "three"])

        def write():
            Article.objects.filter(pk=one.pk).update(status=ArticleStatus.DRAFT)
            Article.objects.filter(pk=two.pk).update(status=ArticleStatus.WITHDRAWN)
            three.delete()

        assert emitted(write) == [
            ("unpublished", "one"),
            ("withdrawn", "two"),
            ("deleted", "three"),
        ]

    def test_deleting_or_withdrawing_work_never_public_emits_nothing(self):
        def write():
            ArticleFactory(draft=True).delete()
            ArticleFactory(draft=True, status=ArticleStatus.WITHDRAWN)
            ArticleFactory(scheduled=True).delete()

        assert emitted(write) == []

    def test_a_credit_change_of_a_public_article_is_an_update(self):
        article = ArticleFactory(slug="story")

        assert emitted(lambda: CreditFactory(article=article)) == [("updated", "story")]

    def test_a_credit_change_of_a_draft_emits_nothing(self):
        article = ArticleFactory(draft=True)

        assert emitted(lambda: CreditFactory(article=article, author=AuthorFactory())) == []

    def test_republishing_publishes_again(self):
        article = ArticleFactory(slug="story")
        Article.objects.filter(pk=article.pk).update(status=ArticleStatus.DRAFT)

        def write():
            Article.objects.filter(pk=article.pk).update(status=ArticleStatus.PUBLISHED)

        assert emitted(write) == [("published", "story")]

    def test_ids_grow_in_the_order_of_the_changes(self):
        # Three writes, each committed (on PostgreSQL one transaction folds its updates).
        article = ArticleFactory(slug="story")
        publish_pending()
        article.headline = "Second version"
        article.save()
        publish_pending()
        article.delete()

        assert log() == [("published", "story"), ("updated", "story"), ("deleted", "story")]


class TestSchedule:
    def test_a_scheduled_article_emits_nothing_until_its_time_then_published_once(self):
        soon = timezone.now() + datetime.timedelta(seconds=1)
        assert emitted(lambda: ArticleFactory(slug="later", published_at=soon)) == []
        assert emitted(emit_due_publications) == []

        time.sleep(1.1)

        assert emitted(emit_due_publications) == [("published", "later")]
        assert emitted(emit_due_publications) == []

    def test_the_command_announces_them(self):
        soon = timezone.now() + datetime.timedelta(seconds=1)
        ArticleFactory(slug="later", published_at=soon)
        time.sleep(1.1)
        out = io.StringIO()

        assert emitted(lambda: call_command("emit_due_publications", stdout=out)) == [
            ("published", "later")
        ]
        assert out.getvalue() == "1 scheduled articles announced\n"

    def test_a_write_after_its_time_but_before_the_worker_publishes_it_once(self):
        soon = timezone.now() + datetime.timedelta(seconds=1)
        article = ArticleFactory(slug="later", published_at=soon)
        time.sleep(1.1)
        article.headline = "Edited after its time"

        assert emitted(article.save) == [("published", "later")]
        assert emitted(emit_due_publications) == []

    def test_moving_a_public_article_into_the_future_unpublishes_it(self):
        article = ArticleFactory(slug="story")

        def write():
            later = timezone.now() + datetime.timedelta(days=1)
            Article.objects.filter(pk=article.pk).update(published_at=later)

        assert emitted(write) == [("unpublished", "story")]


class TestAdmin:
    def test_saving_the_change_form_of_a_public_article(self, editor_client):
        article = ArticleFactory(slug="story")
        data = change_form_data(editor_client.get(change_url(article)))
        data["headline"] = "Stoltenberg speaks"

        def write():
            assert editor_client.post(change_url(article), data).status_code == 302

        assert emitted(write) == [("updated", "story")]

    def test_saving_the_change_form_unchanged_emits_nothing(self, editor_client):
        # To the second, as the form's time input gives it back.
        an_hour_ago = (timezone.now() - datetime.timedelta(hours=1)).replace(microsecond=0)
        article = ArticleFactory(slug="story", published_at=an_hour_ago)
        data = change_form_data(editor_client.get(change_url(article)))

        assert emitted(lambda: editor_client.post(change_url(article), data)) == []

    def test_the_publish_and_unpublish_actions(self, editor_client):
        draft = ArticleFactory(slug="draft", draft=True)

        def action(name: str):
            return lambda: editor_client.post(
                CHANGELIST, {"action": name, "_selected_action": [draft.pk]}
            )

        assert emitted(action("publish_selected")) == [("published", "draft")]
        assert emitted(action("unpublish_selected")) == [("unpublished", "draft")]

    def test_deleting_from_the_admin(self, editor_client):
        article = ArticleFactory(slug="story")
        url = reverse("admin:articles_article_delete", args=[article.pk])

        assert emitted(lambda: editor_client.post(url, {"post": "yes"})) == [("deleted", "story")]


class TestImportAndFixtures:
    def test_the_one_file_import_publishes_then_updates(self, tmp_path):
        path = wire_file(tmp_path, "reuters_1", headline="First headline")
        assert emitted(lambda: importer.import_wire_file(path)) == [("published", "first-headline")]

        wire_file(tmp_path, "reuters_1", headline="Second headline")
        assert emitted(lambda: importer.import_wire_file(path)) == [("updated", "first-headline")]
        assert emitted(lambda: importer.import_wire_file(path)) == []

    def test_the_batch_import_publishes_each_file_once(self, tmp_path):
        for day in (1, 2, 3):
            wire_file(tmp_path, f"reuters_{day}", day=day, headline=f"Story {day}")

        def write():
            importer.import_wire_files(importer.find_wire_files([tmp_path]), chunk_size=2)

        assert emitted(write) == [("published", f"story-{day}") for day in (1, 2, 3)]

    def test_the_import_command_as_drafts_emits_nothing(self, tmp_path):
        wire_file(tmp_path, "reuters_1")

        def write():
            call_command("import_articles", str(tmp_path), "--status", "draft", verbosity=0)

        assert emitted(write) == []

    def test_loaddata_publishes(self, tmp_path):
        article = ArticleFactory(slug="story")
        fixture = tmp_path / "story.json"
        fixture.write_text(serializers.serialize("json", [article]))
        article.delete()

        assert emitted(lambda: call_command("loaddata", str(fixture), verbosity=0)) == [
            ("published", "story")
        ]


@pytest.mark.postgres
def test_writes_after_the_log_was_moved_mid_transaction_are_moved_too():
    # At commit each pending event's trigger first asks whether its row was moved already
    # (migration 0016): those written after an earlier move must still reach the log.
    with transaction.atomic():
        ArticleFactory(slug="first")
        publish_pending()  # SET CONSTRAINTS ALL IMMEDIATE: the first move
        ArticleFactory(slug="second")
        ArticleFactory(slug="third")
        publish_pending()
        ArticleFactory(slug="fourth")

    assert log() == [
        ("published", "first"), ("published", "second"),
        ("published", "third"), ("published", "fourth"),
    ]  # fmt: skip
    assert not PendingChange.objects.exists()
