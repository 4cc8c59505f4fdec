"""French throughout: history comments read in the viewer's language, groups and permissions
named in French, titles that are sentences, public dates in the page's language."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone, translation
from reversion.models import Version

from articles import history_comments
from articles.admin.people import group_label, permission_label
from articles.history_comments import render_in
from articles.services import editorial
from ingest import importer
from tests.admin_forms import add_credit_row, change_form_data
from tests.factories import ArticleFactory, AuthorFactory, CreditedArticleFactory

pytestmark = pytest.mark.django_db


def change_url(article) -> str:
    return f"/admin/articles/article/{article.pk}/change/"


def newest_comment(article) -> str:
    return Version.objects.get_for_object(article).first().revision.comment


class TestHistoryComments:
    def test_an_import_reads_in_french_for_french_editors_and_in_english_for_english_ones(
        self, seed_path
    ):
        article = importer.import_wire_file(seed_path).article
        stored = newest_comment(article)

        assert render_in("fr", stored) == "Importé de 000_b7a23fd024b318f7.txt"
        assert render_in("en", stored) == "Imported from 000_b7a23fd024b318f7.txt"

    def test_a_scheduled_publication_says_when_in_the_viewers_language(self, editor):
        article = ArticleFactory(draft=True)
        at = timezone.make_aware(datetime.datetime(2031, 12, 2, 8, 0))
        editorial.schedule(article, user=editor, at=at)

        stored = newest_comment(article)
        assert render_in("fr", stored) == "Programmé pour publication le 2 décembre à 08:00."
        assert render_in("en", stored).startswith("Scheduled for publication on December 2 at")

    def test_comments_written_before_keys_are_translated_too(self):
        assert render_in("fr", "Imported from a.xml (version 3)") == "Importé de a.xml (version 3)"
        assert render_in("fr", "Submitted for review.") == "Soumis à relecture."
        assert render_in("fr", "Someone's own words.") == "Someone's own words."

    def test_a_credit_added_in_the_admin_names_its_role_in_each_viewers_language(
        self, editor_client
    ):
        article = CreditedArticleFactory(credits=[])
        author = AuthorFactory(name="Claire Martin")
        data = change_form_data(editor_client.get(change_url(article)))
        data = add_credit_row(data, author=author.pk, role="translation", note="")
        # An editor whose admin is in English saves; a French editor reads the history.
        with translation.override("en"):
            assert editor_client.post(change_url(article), data).status_code == 302

        stored = newest_comment(article)
        assert render_in("fr", stored) == "Ajout de crédit «\xa0traduction: Claire Martin\xa0»."
        assert render_in("en", stored) == "Added credit “translation: Claire Martin”."

    def test_an_unknown_key_is_refused_when_written(self):
        with pytest.raises(KeyError):
            history_comments.comment("no_such_message")


class TestGroupsAndPermissions:
    def test_the_editorial_groups_are_named_in_the_admins_language(self, editor):
        editors = Group.objects.get(name="Editors")
        with translation.override("fr"):
            assert group_label(editors) == "Éditeurs"
        with translation.override("en"):
            assert group_label(editors) == "Editors"

    def test_permissions_read_in_french(self, editor):
        add = Permission.objects.get(codename="add_article")
        publish = Permission.objects.get(codename="publish_article")
        with translation.override("fr"):
            assert permission_label(add).endswith("| Peut ajouter : article")
            assert permission_label(publish).endswith(
                "| Peut publier, programmer et dépublier des articles"
            )

    def test_the_group_form_lists_permissions_in_french(self, client, django_user_model):
        admin_user = django_user_model.objects.create_superuser("root", "root@example.com", "x")
        client.force_login(admin_user)
        editors = Group.objects.get_or_create(name="Editors")[0]
        page = client.get(f"/admin/auth/group/{editors.pk}/change/").content.decode()
        assert "Peut ajouter : article" in page
        assert "Éditeurs" in client.get("/admin/auth/group/").content.decode()


class TestTitles:
    def test_the_change_form_says_modifier_l_article(self, editor_client):
        article = ArticleFactory(draft=True)
        page = editor_client.get(change_url(article)).content.decode()
        assert "<h1>Modifier l\N{RIGHT SINGLE QUOTATION MARK}article</h1>" in page
        assert "Modification de article" not in page

    def test_the_add_form_and_the_list(self, editor_client):
        assert "<h1>Ajouter un article</h1>" in (
            editor_client.get("/admin/articles/article/add/").content.decode()
        )
        assert "<h1>Articles</h1>" in editor_client.get("/admin/articles/article/").content.decode()


class TestPublicDates:
    def test_the_french_home_page_writes_every_date_in_french(self, client):
        ArticleFactory(language="en", headline="In English", date=datetime.date(2024, 4, 1))
        ArticleFactory(language="fr", headline="En français", date=datetime.date(2024, 3, 15))

        page = client.get("/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()

        assert "1 avril 2024" in page
        assert "15 mars 2024" in page
        assert "April 1, 2024" not in page

    def test_an_article_page_gives_its_publication_and_update_times(self, client):
        published = timezone.make_aware(datetime.datetime(2024, 3, 15, 8, 0))
        article = ArticleFactory(language="fr", published_at=published)

        page = client.get(article.get_absolute_url()).content.decode()

        assert "Publié le 15 mars 2024 à 08:00" in page
        # Saved (updated_at) long after publication: the update is shown too.
        assert "Mis à jour le " in page
