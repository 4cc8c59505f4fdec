"""History in the admin: every save is a revision; compare two, restore one, recover the deleted."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from reversion.models import Version

from articles import history
from articles.history_comments import render_in
from articles.models import Article, ArticleStatus, Credit
from articles.services import editorial
from ingest import importer
from tests.admin_forms import change_form_data
from tests.factories import ArticleFactory, CreditedArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


def change_url(article: Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def history_url(article: Article) -> str:
    return reverse("admin:articles_article_history", args=[article.pk])


def compare_url(article: Article) -> str:
    return reverse("admin:articles_article_compare", args=[article.pk])


def revision_url(article: Article, version: Version) -> str:
    return reverse("admin:articles_article_revision", args=[article.pk, version.pk])


def save_headline(client, article: Article, headline: str) -> None:
    data = change_form_data(client.get(change_url(article)))
    data["headline"] = headline
    assert client.post(change_url(article), data).status_code == 302


@pytest.fixture
def corrected_article(editor_client):
    """The seed-like article, saved twice in the admin: a typo, then its correction."""
    article = CreditedArticleFactory(headline="Stoltenberg speaks in Kyiv")
    save_headline(editor_client, article, "Stoltenberg speeks in Kyiv")
    save_headline(editor_client, article, "Stoltenberg speaks in Kyiv today")
    return article


def test_every_admin_save_is_a_revision_with_its_user_and_comment(corrected_article, editor):
    versions = Version.objects.get_for_object(corrected_article)

    assert versions.count() == 2
    newest = versions.first()
    assert newest.revision.user == editor
    assert newest.revision.get_comment() == "Modification de titre."
    credit_versions = newest.revision.version_set.filter(
        content_type=ContentType.objects.get_for_model(Credit)
    )
    assert credit_versions.count() == corrected_article.credits.count()


def test_the_history_lists_versions_newest_first_with_a_compare_form(
    corrected_article, editor_client
):
    response = editor_client.get(history_url(corrected_article))

    versions = list(response.context["versions"])
    assert [v.field_dict["headline"] for v in versions] == [
        "Stoltenberg speaks in Kyiv today",
        "Stoltenberg speeks in Kyiv",
    ]
    page = response.content.decode()
    assert f'action="{compare_url(corrected_article)}"' in page
    assert revision_url(corrected_article, versions[1]) in page


def test_comparing_two_versions_shows_the_changed_words(corrected_article, editor_client):
    newer, older = Version.objects.get_for_object(corrected_article)

    response = editor_client.get(compare_url(corrected_article), {"from": older.pk, "to": newer.pk})

    differences = {d.name: d for d in response.context["differences"]}
    assert set(differences) == {"headline"}
    page = response.content.decode()
    assert "<del" in page
    assert ">speeks</del>" in page
    assert ">speaks</ins>" in page
    assert "today</ins>" in page


def test_comparing_shows_credit_changes(editor_client):
    article = CreditedArticleFactory()
    save_headline(editor_client, article, article.headline)
    data = change_form_data(editor_client.get(change_url(article)))
    data["credits-4-DELETE"] = "on"
    editor_client.post(change_url(article), data)
    newer, older = Version.objects.get_for_object(article)

    response = editor_client.get(compare_url(article), {"from": older.pk, "to": newer.pk})

    [credits] = [d for d in response.context["differences"] if d.name == "credits"]
    assert [s.text for s in credits.segments if s.change == "removed"] == [
        "\nédition: Kate Entringer"
    ]


@pytest.mark.parametrize("query", [{}, {"from": "x", "to": "1"}, {"from": "999999", "to": "1"}])
def test_comparing_without_two_versions_of_this_article_says_so(
    corrected_article, editor_client, query
):
    response = editor_client.get(compare_url(corrected_article), query, follow=True)

    assert response.redirect_chain[-1][0] == history_url(corrected_article)
    assert "Choisissez deux versions" in response.content.decode()


def test_restoring_a_previous_version_brings_its_text_back(corrected_article, editor_client):
    typo_version = Version.objects.get_for_object(corrected_article)[1]
    version_before = Article.objects.get(pk=corrected_article.pk).version

    form_page = editor_client.get(revision_url(corrected_article, typo_version))
    assert form_page.context["adminform"].form["headline"].value() == "Stoltenberg speeks in Kyiv"
    response = editor_client.post(
        revision_url(corrected_article, typo_version), change_form_data(form_page)
    )

    assert response.status_code == 302
    corrected_article.refresh_from_db()
    assert corrected_article.headline == "Stoltenberg speeks in Kyiv"
    # Version numbers only go up, or a form opened at the old number could overwrite this.
    assert corrected_article.version == version_before + 1
    comment = Version.objects.get_for_object(corrected_article)[0].revision.comment
    assert render_in("fr", comment).startswith("Version du ")
    assert render_in("en", comment).startswith("Restored the version saved on ")


def test_a_form_opened_before_a_restore_cannot_save_over_it(corrected_article, editor_client):
    stale_form = change_form_data(editor_client.get(change_url(corrected_article)))
    typo_version = Version.objects.get_for_object(corrected_article)[1]
    form_page = editor_client.get(revision_url(corrected_article, typo_version))
    editor_client.post(revision_url(corrected_article, typo_version), change_form_data(form_page))

    stale_form["body"] = "Written before the restore."
    response = editor_client.post(change_url(corrected_article), stale_form)

    assert response.status_code == 200
    assert Article.objects.get(pk=corrected_article.pk).body != "Written before the restore."


def test_a_contributor_cannot_restore_a_published_version(client, editor):
    article = ArticleFactory(draft=True)
    editorial.publish(article, user=editor)
    editorial.unpublish(article, user=editor)
    [published_version] = [
        version
        for version in Version.objects.get_for_object(article)
        if version.field_dict["status"] == ArticleStatus.PUBLISHED
    ]
    client.force_login(UserFactory(username="contributor", groups=["Contributors"]))

    response = client.post(revision_url(article, published_version), {}, follow=True)

    assert "Seuls les éditeurs" in response.content.decode()
    article.refresh_from_db()
    assert article.status == ArticleStatus.DRAFT


def test_a_deleted_article_can_be_recovered_with_its_credits(editor_client):
    article = CreditedArticleFactory(headline="Deleted by mistake")
    save_headline(editor_client, article, "Deleted by mistake")
    credit_count = article.credits.count()
    editor_client.post(reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"})
    assert not Article.objects.filter(pk=article.pk).exists()

    recover_list = editor_client.get(reverse("admin:articles_article_recoverlist"))
    [deleted] = recover_list.context["deleted"]
    recover_url = reverse("admin:articles_article_recover", args=[deleted.pk])
    form_page = editor_client.get(recover_url)
    # It was public: recovering it publishes it again, and the page says so first.
    assert "Cette version est publiée" in form_page.content.decode()
    response = editor_client.post(recover_url, change_form_data(form_page))

    assert response.status_code == 302
    recovered = Article.objects.get(pk=article.pk)
    assert recovered.headline == "Deleted by mistake"
    assert recovered.credits.count() == credit_count


def test_a_diff_keeps_a_run_of_changed_words_together():
    segments = history.word_diff("Le titre selon Alice, hier", "Les forces avancent, hier")

    assert [(s.change, s.text) for s in segments] == [
        ("removed", "Le titre selon Alice,"),
        ("added", "Les forces avancent,"),
        ("equal", " hier"),
    ]


def test_a_diff_keeps_paragraph_breaks():
    segments = history.word_diff("One.\n\nTwo.", "One.\n\nTwo, three.")

    assert "".join(s.text for s in segments if s.change != "removed") == "One.\n\nTwo, three."


def test_a_change_of_whitespace_only_keeps_the_newer_layout_unmarked():
    segments = history.word_diff("One. Two.", "One.\n\nTwo.")

    assert [(s.change, s.text) for s in segments] == [
        ("equal", "One."),
        ("equal", "\n\n"),
        ("equal", "Two."),
    ]


def test_restoring_the_imported_version_brings_back_the_seed_with_its_credits(
    editor_client, seed_path
):
    article = importer.import_wire_file(seed_path).article
    seed_credits = list(article.credits.values_list("author__name", "role"))
    data = change_form_data(editor_client.get(change_url(article)))
    data["headline"] = "Corrected"
    data["credits-0-DELETE"] = "on"
    editor_client.post(change_url(article), data)
    imported = Version.objects.get_for_object(article).last()

    form_page = editor_client.get(revision_url(article, imported))
    editor_client.post(revision_url(article, imported), change_form_data(form_page))

    article.refresh_from_db()
    assert article.headline.startswith("Les forces ukrainiennes")
    assert list(article.credits.values_list("author__name", "role")) == seed_credits
