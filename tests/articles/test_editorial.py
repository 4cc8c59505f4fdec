"""The editorial services: workflow and roles, no lost updates, author merging, photo rules."""

import datetime
import hashlib
import io
import threading

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone, translation
from PIL import Image
from reversion.models import Version

from articles.history_comments import render_in
from articles.models import Article, ArticleStatus, Author, Credit, CreditRole
from articles.services import editorial, photos, renditions
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CreditFactory,
    UserFactory,
    decompression_bomb_png,
    photo_bytes,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    # Outside a request the default language (French) is active; these specs read in English.
    with translation.override("en"):
        yield


class TestEditorialGroups:
    def test_the_migration_creates_editors_who_may_publish_and_merge(self):
        editors = Group.objects.get(name="Editors")
        codenames = set(editors.permissions.values_list("codename", flat=True))
        assert {"publish_article", "delete_article", "change_author", "delete_author"} <= codenames

    def test_the_migration_creates_contributors_who_may_not_publish_or_touch_authors(self):
        contributors = Group.objects.get(name="Contributors")
        codenames = set(contributors.permissions.values_list("codename", flat=True))
        assert {"add_article", "change_article", "view_author", "add_credit"} <= codenames
        assert not codenames & {"publish_article", "change_author", "delete_author"}


class TestWorkflow:
    def test_a_draft_goes_to_review_then_is_published_and_becomes_public(self, editor, contributor):
        article = ArticleFactory(draft=True)

        editorial.submit_for_review(article, user=contributor)
        assert article.status == ArticleStatus.IN_REVIEW
        assert not Article.objects.visible().filter(pk=article.pk).exists()

        editorial.publish(article, user=editor)
        assert article.status == ArticleStatus.PUBLISHED
        assert Article.objects.visible().filter(pk=article.pk).exists()

    def test_a_contributor_cannot_publish(self, contributor):
        article = ArticleFactory(draft=True)
        with pytest.raises(PermissionDenied):
            editorial.publish(article, user=contributor)
        article.refresh_from_db()
        assert article.status == ArticleStatus.DRAFT

    def test_a_contributor_cannot_unpublish(self, contributor):
        article = ArticleFactory()
        with pytest.raises(PermissionDenied):
            editorial.unpublish(article, user=contributor)
        assert Article.objects.visible().filter(pk=article.pk).exists()

    def test_a_scheduled_article_stays_invisible_until_its_time(self, editor):
        article = ArticleFactory(draft=True)
        at = timezone.now() + datetime.timedelta(hours=2)

        editorial.schedule(article, user=editor, at=at)

        assert article.status == ArticleStatus.PUBLISHED
        assert not Article.objects.visible().filter(pk=article.pk).exists()
        later = at + datetime.timedelta(seconds=1)
        assert Article.objects.visible(now=later).filter(pk=article.pk).exists()

    def test_scheduling_in_the_past_is_refused(self, editor):
        article = ArticleFactory(draft=True)
        with pytest.raises(editorial.TransitionNotAllowed):
            editorial.schedule(article, user=editor, at=timezone.now() - datetime.timedelta(1))

    def test_unpublishing_hides_the_article_and_clears_its_publication_time(self, editor):
        article = ArticleFactory()

        editorial.unpublish(article, user=editor)

        assert article.status == ArticleStatus.DRAFT
        assert article.published_at is None
        assert not Article.objects.visible().filter(pk=article.pk).exists()

    def test_unpublishing_a_draft_is_refused(self, editor):
        with pytest.raises(editorial.TransitionNotAllowed):
            editorial.unpublish(ArticleFactory(draft=True), user=editor)

    def test_a_published_article_cannot_go_to_review(self, editor):
        with pytest.raises(editorial.TransitionNotAllowed):
            editorial.check_transition(editor, ArticleStatus.PUBLISHED, ArticleStatus.IN_REVIEW)

    def test_each_step_records_a_revision_with_the_user_and_bumps_the_version(self, editor):
        article = ArticleFactory(draft=True)

        editorial.publish(article, user=editor)

        assert article.version == 2
        revision = Version.objects.get_for_object(article).first().revision
        assert revision.user == editor
        assert render_in("en", revision.comment) == "Published."
        assert render_in("fr", revision.comment) == "Publié."

    def test_only_those_who_may_publish_may_edit_or_delete_published_work(
        self, editor, contributor
    ):
        published, draft = ArticleFactory(), ArticleFactory(draft=True)
        assert editorial.can_edit(editor, published)
        assert editorial.can_delete(editor, published)
        assert not editorial.can_edit(contributor, published)
        assert not editorial.can_delete(contributor, published)
        assert editorial.can_edit(contributor, draft)
        assert editorial.can_delete(contributor, draft)


class TestNoLostUpdates:
    def test_the_second_of_two_saves_from_the_same_version_is_refused(self, editor):
        article = ArticleFactory(headline="Original")
        first = Article.objects.get(pk=article.pk)
        second = Article.objects.get(pk=article.pk)

        first.headline = "First editor's headline"
        editorial.save_article(first, user=editor, expected_version=1)
        second.headline = "Second editor's headline"
        with pytest.raises(editorial.EditConflict):
            editorial.save_article(second, user=editor, expected_version=1)

        article.refresh_from_db()
        assert article.headline == "First editor's headline"
        assert article.version == 2

    def test_a_save_from_the_current_version_goes_through_and_bumps_it(self, editor):
        article = ArticleFactory()
        article.headline = "Corrected"

        editorial.save_article(article, user=editor, expected_version=1)
        editorial.save_article(article, user=editor, expected_version=2)

        article.refresh_from_db()
        assert (article.headline, article.version) == ("Corrected", 3)

    def test_a_workflow_step_makes_an_older_edit_conflict(self, editor):
        article = ArticleFactory(draft=True)
        stale = Article.objects.get(pk=article.pk)
        editorial.publish(article, user=editor)

        stale.headline = "Edited from before publication"
        with pytest.raises(editorial.EditConflict):
            editorial.save_article(stale, user=editor, expected_version=1)
        assert Article.objects.get(pk=article.pk).status == ArticleStatus.PUBLISHED

    def test_saving_a_contributors_edit_of_published_work_is_refused(self, contributor):
        article = ArticleFactory()
        article.headline = "Sneaky"
        with pytest.raises(PermissionDenied):
            editorial.save_article(article, user=contributor, expected_version=1)
        assert Article.objects.get(pk=article.pk).headline != "Sneaky"

    def test_publishing_by_saving_fills_in_the_publication_time(self, editor):
        article = ArticleFactory(draft=True)
        article.status = ArticleStatus.PUBLISHED

        editorial.save_article(article, user=editor, expected_version=1)

        assert Article.objects.visible().filter(pk=article.pk).exists()

    def test_credit_positions_are_renumbered_in_order(self):
        article = ArticleFactory()
        third = CreditFactory(article=article, position=30)
        first = CreditFactory(article=article, position=5)
        second = CreditFactory(article=article, position=12)

        editorial.renumber_credits(article)

        assert list(article.credits.values_list("pk", "position")) == [
            (first.pk, 0),
            (second.pk, 1),
            (third.pk, 2),
        ]


class TestMergeAuthors:
    def test_every_credit_moves_to_the_kept_author_and_the_duplicate_goes(self, editor):
        kept = AuthorFactory(name="Kate Entringer")
        duplicate = AuthorFactory(name="K. Entringer")
        edited = CreditFactory(author=duplicate, role=CreditRole.EDITING).article
        reported = CreditFactory(author=duplicate, role=CreditRole.REPORTING).article

        moved = editorial.merge_authors(kept, duplicate, user=editor)

        assert moved == 2
        assert not Author.objects.filter(pk=duplicate.pk).exists()
        assert set(Credit.objects.filter(author=kept).values_list("article", flat=True)) == {
            edited.pk,
            reported.pk,
        }

    def test_the_articles_history_records_the_merge(self, editor):
        kept = AuthorFactory(name="Kate Entringer")
        duplicate = AuthorFactory(name="K. Entringer")
        article = CreditFactory(author=duplicate).article

        editorial.merge_authors(kept, duplicate, user=editor)

        revision = Version.objects.get_for_object(article).first().revision
        assert revision.user == editor
        assert render_in("fr", revision.comment) == (
            "Auteur « K. Entringer » fusionné dans « Kate Entringer »."
        )
        # An admin form opened before the merge would otherwise save the old author back.
        assert Article.objects.get(pk=article.pk).version == 2

    def test_the_same_credit_twice_becomes_one(self, editor):
        kept = AuthorFactory(name="Kate Entringer")
        duplicate = AuthorFactory(name="Kate Entringer (Reuters)")
        article = ArticleFactory()
        CreditFactory(article=article, author=kept, role=CreditRole.EDITING)
        CreditFactory(article=article, author=duplicate, role=CreditRole.EDITING)

        editorial.merge_authors(kept, duplicate, user=editor)

        assert article.credits.count() == 1

    def test_an_author_cannot_be_merged_into_itself(self, editor):
        author = AuthorFactory()
        with pytest.raises(ValueError):
            editorial.merge_authors(author, author, user=editor)
        assert Author.objects.filter(pk=author.pk).exists()


def upload(data: bytes, name: str = "photo.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


class TestPhotoRules:
    @pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
    def test_jpeg_png_and_webp_photos_are_accepted(self, image_format):
        photos.validate_photo(upload(photo_bytes(image_format)))

    def test_a_gif_is_refused_by_name(self):
        with pytest.raises(ValidationError, match="GIF images are not accepted"):
            photos.validate_photo(upload(photo_bytes("GIF"), "photo.gif"))

    def test_a_text_file_named_jpg_is_refused(self):
        with pytest.raises(ValidationError, match="not an image"):
            photos.validate_photo(upload(b"KYIV (Reuters) - not a photo at all"))

    def test_a_truncated_jpeg_is_refused(self):
        data = photo_bytes("JPEG", (400, 300))
        with pytest.raises(ValidationError) as error:
            photos.validate_photo(upload(data[: len(data) // 2]))
        assert error.value.code in {"photo_damaged", "not_an_image"}

    def test_a_photo_over_20_megabytes_is_refused(self):
        padded = photo_bytes() + b"\0" * (20 * 1024 * 1024)
        with pytest.raises(ValidationError, match="the limit is 20 MB"):
            photos.validate_photo(upload(padded))

    def test_a_photo_over_40_megapixels_is_refused(self):
        with pytest.raises(ValidationError, match="40 megapixels") as error:
            photos.validate_photo(upload(decompression_bomb_png(8000, 6000), "big.png"))
        assert error.value.code == "photo_too_many_pixels"

    @pytest.mark.parametrize("side", [10_000, 100_000])
    def test_a_decompression_bomb_is_refused_without_decoding_it(self, side):
        with pytest.raises(ValidationError, match="decompression bomb") as error:
            photos.validate_photo(upload(decompression_bomb_png(side, side), "bomb.png"))
        assert error.value.code == "decompression_bomb"

    def test_a_sideways_camera_photo_is_stored_upright(self):
        # 64x48 pixels, tagged "rotate 90° clockwise to display": upright it is 48 wide, 64 high.
        prepared = photos.prepare_photo(upload(photo_bytes("JPEG", (64, 48), orientation=6)))
        with Image.open(io.BytesIO(prepared.read())) as image:
            assert image.size == (48, 64)
            assert image.getexif().get(photos.EXIF_ORIENTATION, 1) == 1

    def test_an_upright_photo_keeps_its_bytes_and_gets_its_real_extension(self):
        data = photo_bytes("PNG")
        prepared = photos.prepare_photo(upload(data, "holiday.jpg"))
        # Named after its content too: another holiday.jpg never takes this one's name.
        digest = hashlib.sha256(data).hexdigest()[:12]
        assert prepared.name == f"holiday-{digest}.png"
        assert prepared.read() == data

    def test_saving_a_photo_stores_it_and_makes_every_rendition_once_committed(
        self, media_root, editor, django_capture_on_commit_callbacks
    ):
        article = ArticleFactory()
        article.photo = upload(photo_bytes("JPEG", (1200, 800)), "kyiv.jpg")

        with django_capture_on_commit_callbacks(execute=True):
            editorial.save_article(article, user=editor, expected_version=1)

        assert (media_root / article.photo.name).is_file()
        made = sorted(path.name for path in (media_root / "renditions").rglob("*.*"))
        assert len(made) == len(renditions.RENDITIONS)
        with Image.open(media_root / renditions.rendition(article.photo, "admin").name) as image:
            assert image.format == "WEBP"
            assert max(image.size) == 160


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_saves_racing_from_the_same_version_cannot_both_win():
    editor = UserFactory(username="editor", groups=["Editors"])
    article = ArticleFactory(headline="Original")
    both_loaded = threading.Barrier(2)
    outcomes = []

    def save(headline: str) -> None:
        try:
            mine = Article.objects.get(pk=article.pk)
            mine.headline = headline
            both_loaded.wait(timeout=10)
            editorial.save_article(mine, user=editor, expected_version=1)
            outcomes.append(("saved", headline))
        except editorial.EditConflict:
            outcomes.append(("refused", headline))
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(name,)) for name in ("Alice's", "Bruno's")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcome for outcome, _headline in outcomes) == ["refused", "saved"]
    [winner] = [headline for outcome, headline in outcomes if outcome == "saved"]
    article.refresh_from_db()
    assert (article.headline, article.version) == (winner, 2)


def test_a_photo_whose_file_went_missing_does_not_fail_the_save(
    media_root, django_capture_on_commit_callbacks
):
    editor = UserFactory(username="editor", groups=["Editors"])
    article = ArticleFactory(photo="photos/2023/09/gone.jpg")
    article.headline = "Still saved"

    with django_capture_on_commit_callbacks(execute=True):
        editorial.save_article(article, user=editor, expected_version=1)

    assert Article.objects.get(pk=article.pk).headline == "Still saved"
    assert renditions.rendition(article.photo, "admin") is None
