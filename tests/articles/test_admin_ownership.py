"""Contributors own their drafts: they edit their own and those shared with them; editors all."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from articles.models import Article, ArticleOwnership, ArticleStatus
from articles.services import editorial, ownership
from tests.admin_forms import change_form_data
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")


def change_url(article: Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def draft_of(user, **fields) -> Article:
    article = ArticleFactory(draft=True, **fields)
    ArticleOwnership.objects.create(article=article, created_by=user)
    return article


@pytest.fixture
def colleague():
    return UserFactory(username="colleague", groups=["Contributors"])


@pytest.fixture
def colleagues_draft(colleague) -> Article:
    return draft_of(colleague, headline="Draft of the colleague")


def test_an_article_written_at_the_desk_belongs_to_its_writer(contributor_client, contributor):
    response = contributor_client.get(reverse("admin:articles_article_add"))
    data = change_form_data(response)
    data.update(headline="Mine", slug="mine", body="Text.", status=ArticleStatus.DRAFT)
    data.update({"credits-TOTAL-FORMS": "0", "credits-INITIAL-FORMS": "0"})

    assert contributor_client.post(reverse("admin:articles_article_add"), data).status_code == 302

    assert Article.objects.get(slug="mine").ownership.created_by == contributor


class TestAnotherContributorsDraft:
    def test_opens_read_only_and_a_post_is_refused(self, contributor_client, colleagues_draft):
        page = contributor_client.get(change_url(colleagues_draft)).content.decode()

        assert 'name="headline"' not in page
        data = {"headline": "Overwritten", "base_version": str(colleagues_draft.version)}
        assert contributor_client.post(change_url(colleagues_draft), data).status_code == 403
        colleagues_draft.refresh_from_db()
        assert colleagues_draft.headline == "Draft of the colleague"

    def test_cannot_be_deleted(self, contributor_client, colleagues_draft):
        delete_url = reverse("admin:articles_article_delete", args=[colleagues_draft.pk])

        assert contributor_client.post(delete_url, {"post": "yes"}).status_code == 403
        assert Article.objects.filter(pk=colleagues_draft.pk).exists()

    def test_cannot_be_deleted_in_bulk_either(self, contributor_client, colleagues_draft):
        response = contributor_client.post(
            CHANGELIST,
            {"action": "delete_selected", "_selected_action": [colleagues_draft.pk], "post": "yes"},
        )

        assert response.status_code == 403
        assert Article.objects.filter(pk=colleagues_draft.pk).exists()

    def test_cannot_be_submitted_for_review_for_them(self, contributor, colleagues_draft):
        with pytest.raises(PermissionDenied):
            editorial.submit_for_review(colleagues_draft, user=contributor)

    def test_is_marked_read_only_in_the_list(
        self, contributor_client, contributor, colleagues_draft
    ):
        draft_of(contributor, headline="My own draft")

        page = contributor_client.get(CHANGELIST).content.decode()

        assert "Draft of the colleague" in page
        assert page.count("lecture seule") == 1


class TestSharing:
    def test_a_shared_draft_is_editable_by_whom_it_is_shared_with(
        self, contributor_client, contributor, colleague, colleagues_draft
    ):
        ownership.share(colleagues_draft, [contributor], user=colleague)
        data = change_form_data(contributor_client.get(change_url(colleagues_draft)))
        data["headline"] = "Improved together"

        assert contributor_client.post(change_url(colleagues_draft), data).status_code == 302
        colleagues_draft.refresh_from_db()
        assert colleagues_draft.headline == "Improved together"

    def test_the_owner_shares_from_the_form(self, client, contributor, colleague):
        client.force_login(colleague)
        article = draft_of(colleague)
        data = change_form_data(client.get(change_url(article)))
        data["shared_with"] = [str(contributor.pk)]

        assert client.post(change_url(article), data).status_code == 302
        assert list(article.ownership.shared_with.all()) == [contributor]

    def test_only_the_owner_and_editors_see_the_sharing_field(
        self, contributor_client, contributor, colleague, colleagues_draft, editor
    ):
        ownership.share(colleagues_draft, [contributor], user=colleague)

        assert (
            'name="shared_with"'
            not in contributor_client.get(change_url(colleagues_draft)).content.decode()
        )
        contributor_client.force_login(editor)
        assert (
            'name="shared_with"'
            in contributor_client.get(change_url(colleagues_draft)).content.decode()
        )

    def test_someone_it_is_shared_with_cannot_share_it_further(
        self, contributor, colleague, colleagues_draft
    ):
        ownership.share(colleagues_draft, [contributor], user=colleague)

        with pytest.raises(PermissionDenied):
            ownership.share(colleagues_draft, [contributor, colleague], user=contributor)


def test_editors_edit_and_delete_every_draft(editor_client, colleagues_draft):
    data = change_form_data(editor_client.get(change_url(colleagues_draft)))
    data["headline"] = "Edited by the desk"

    assert editor_client.post(change_url(colleagues_draft), data).status_code == 302
    delete_url = reverse("admin:articles_article_delete", args=[colleagues_draft.pk])
    assert editor_client.post(delete_url, {"post": "yes"}).status_code == 302
    assert not Article.objects.filter(pk=colleagues_draft.pk).exists()


def test_wire_copy_belongs_to_the_whole_desk(contributor_client):
    imported = ArticleFactory(draft=True)  # no owner: it came in from the wire
    data = change_form_data(contributor_client.get(change_url(imported)))
    data["headline"] = "Subbed"

    assert contributor_client.post(change_url(imported), data).status_code == 302
