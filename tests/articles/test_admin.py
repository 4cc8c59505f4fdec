"""The article admin: the list editors work from, the change form, roles, languages."""

import datetime
import re

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles import history
from articles.models import Article, ArticleStatus, CreditRole, DatePrecision
from tests.admin_forms import change_form_data
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CreditedArticleFactory,
    CreditFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")


def change_url(article: Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def test_the_change_form_lays_out_every_field_the_form_edits():
    laid_out = set(flatten_fieldsets(admin.site.get_model_admin(Article).fieldsets))
    assert set(history.EDITED_FIELDS) <= laid_out


class TestArticleList:
    def test_shows_headline_language_date_status_and_credits(self, editor_client):
        CreditedArticleFactory(headline="Stoltenberg speaks")

        page = editor_client.get(CHANGELIST).content.decode()

        assert "Stoltenberg speaks" in page
        assert "Andrew Gray" in page
        assert "Kate Entringer" in page

    def test_languages_are_named_in_the_editors_language_in_the_list_and_its_filter(
        self, editor_client
    ):
        ArticleFactory(language="de")
        ArticleFactory(language="fil")  # a subtag Django has no name for

        french = editor_client.get(CHANGELIST).content.decode()
        english = editor_client.get(CHANGELIST, headers={"accept-language": "en"}).content.decode()

        assert french.count("Allemand") == 2  # the row and the filter
        assert english.count("German") == 2
        assert 'href="?language=fil"' in french
        filtered = editor_client.get(CHANGELIST, {"language": "de"}).context["cl"].result_count
        assert filtered == 1

    def test_a_month_precision_date_reads_as_the_month_in_french(self, editor_client):
        ArticleFactory(date=datetime.date(2023, 9, 1), date_precision=DatePrecision.MONTH)

        page = editor_client.get(CHANGELIST).content.decode()

        assert "septembre 2023" in page
        assert "1 septembre 2023" not in page

    def test_a_month_precision_date_reads_as_the_month_in_english(self, editor_client):
        ArticleFactory(date=datetime.date(2023, 9, 1), date_precision=DatePrecision.MONTH)

        page = editor_client.get(CHANGELIST, headers={"accept-language": "en"}).content.decode()

        assert "September 2023" in page

    def test_a_day_precision_date_shows_the_day(self, editor_client):
        ArticleFactory(date=datetime.date(2024, 3, 12), date_precision=DatePrecision.DAY)

        assert "12 mars 2024" in editor_client.get(CHANGELIST).content.decode()

    def test_a_scheduled_article_says_when_it_will_be_published(self, editor_client):
        ArticleFactory(scheduled=True)

        assert "programmé pour" in editor_client.get(CHANGELIST).content.decode()

    def test_costs_the_same_number_of_queries_for_one_article_or_many(
        self, editor_client, django_assert_num_queries
    ):
        CreditedArticleFactory()
        with CaptureQueriesContext(connection) as one_article:
            editor_client.get(CHANGELIST)
        for number in range(6):
            CreditedArticleFactory(
                credits=[(CreditRole.REPORTING, f"Reporter {number}"), (CreditRole.EDITING, "Ed")]
            )

        with django_assert_num_queries(len(one_article)):
            response = editor_client.get(CHANGELIST)
        assert response.context["cl"].result_count == 7

    def test_search_finds_articles_by_author_name_and_by_body(self, editor_client):
        CreditedArticleFactory(headline="Credited to Kate")
        ArticleFactory(headline="About tanks", body="Leopard tanks arrived.")
        ArticleFactory(headline="Unrelated")

        by_author = editor_client.get(CHANGELIST, {"q": "Entringer"})
        by_body = editor_client.get(CHANGELIST, {"q": "Leopard"})

        assert [a.headline for a in by_author.context["cl"].result_list] == ["Credited to Kate"]
        assert [a.headline for a in by_body.context["cl"].result_list] == ["About tanks"]

    def test_search_lists_every_match_newest_first_accents_ignored(self, editor_client):
        ArticleFactory(headline="Old security", date=datetime.date(2001, 1, 1))
        ArticleFactory(headline="Nouvelle sécurité", date=datetime.date(2024, 1, 1))
        ArticleFactory(headline="Unrelated")

        found = editor_client.get(CHANGELIST, {"q": "securite"}).context["cl"].result_list

        assert [a.headline for a in found] == ["Nouvelle sécurité"]
        found = editor_client.get(CHANGELIST, {"q": "security"}).context["cl"].result_list
        assert [a.headline for a in found] == ["Old security"]

    def test_a_list_longer_than_the_count_bound_says_more_than_and_counts_no_further(
        self, editor_client, monkeypatch
    ):
        monkeypatch.setattr("articles.admin.pagination.COUNT_BOUND", 3)
        for _ in range(5):
            ArticleFactory()

        with CaptureQueriesContext(connection) as queries:
            page = editor_client.get(CHANGELIST, headers={"accept-language": "en"})

        text = page.content.decode()
        assert "More than 3 articles: narrow the list" in text
        assert "Select all matching articles (more than 3)" in text
        counts = [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]
        assert counts and all("LIMIT" in sql.upper() for sql in counts)

    def test_a_list_within_the_bound_gives_its_exact_count(self, editor_client, monkeypatch):
        monkeypatch.setattr("articles.admin.pagination.COUNT_BOUND", 3)
        for _ in range(3):
            ArticleFactory()

        text = editor_client.get(CHANGELIST, headers={"accept-language": "en"}).content.decode()

        assert "3 articles" in text
        assert "More than" not in text

    def test_the_author_filter_offers_the_most_credited_lately_and_the_chosen_one(
        self, editor_client, monkeypatch
    ):
        monkeypatch.setattr("articles.admin.filters.CreditAuthorFilter.SHOWN", 2)
        busy, also_busy = AuthorFactory(name="Busy Reporter"), AuthorFactory(name="Also Busy")
        rare = AuthorFactory(name="Rare Contributor")
        for _ in range(3):
            article = ArticleFactory()
            CreditFactory(article=article, author=busy)
            CreditFactory(article=article, author=also_busy)
        CreditFactory(article=ArticleFactory(date=datetime.date(2001, 1, 1)), author=rare)

        def author_filter(response) -> str:
            page = response.content.decode()
            return page[page.index('data-filter-title="auteur"') :].split("</details>")[0]

        offered = author_filter(editor_client.get(CHANGELIST))
        chosen = editor_client.get(CHANGELIST, {"author": str(rare.pk)})

        assert "Busy Reporter" in offered and "Also Busy" in offered
        assert "Rare Contributor" not in offered
        assert "Tout autre auteur…" in offered
        assert re.search(r'class="selected">\s*<a [^>]*>Rare Contributor<', author_filter(chosen))
        assert chosen.context["cl"].result_count == 1

    def test_the_authors_list_links_each_author_to_their_articles(self, editor_client):
        author = CreditFactory().author

        page = editor_client.get(reverse("admin:articles_author_changelist")).content.decode()

        assert f'href="{CHANGELIST}?author={author.pk}"' in page

    def test_role_and_author_filters_match_the_same_credit(self, editor_client):
        kate, andrew = AuthorFactory(name="Kate Entringer"), AuthorFactory(name="Andrew Gray")
        edited_by_kate = ArticleFactory(headline="Edited by Kate")
        CreditFactory(article=edited_by_kate, author=kate, role=CreditRole.EDITING)
        reported_by_kate = ArticleFactory(headline="Reported by Kate, edited by Andrew")
        CreditFactory(article=reported_by_kate, author=kate, role=CreditRole.REPORTING)
        CreditFactory(article=reported_by_kate, author=andrew, role=CreditRole.EDITING)

        response = editor_client.get(CHANGELIST, {"role": "editing", "author": str(kate.pk)})

        assert [a.headline for a in response.context["cl"].result_list] == ["Edited by Kate"]

    def test_the_status_filter_tells_scheduled_from_public(self, editor_client):
        ArticleFactory(headline="Live")
        ArticleFactory(headline="Tomorrow", scheduled=True)
        ArticleFactory(headline="Draft", draft=True)

        def headlines(publication):
            response = editor_client.get(CHANGELIST, {"publication": publication})
            return [article.headline for article in response.context["cl"].result_list]

        assert headlines("public") == ["Live"]
        assert headlines("scheduled") == ["Tomorrow"]
        assert headlines("draft") == ["Draft"]

    @pytest.mark.parametrize(
        "query", [{"role": "chef"}, {"author": "kate"}, {"publication": "someday"}]
    )
    def test_a_bad_filter_value_gets_the_lists_error_page_not_a_crash(self, editor_client, query):
        CreditedArticleFactory()

        response = editor_client.get(CHANGELIST, query)

        assert response.status_code == 302
        assert response.url.endswith("?e=1")


class TestChangeForm:
    def test_groups_content_credits_publication_and_provenance(self, editor_client):
        article = CreditedArticleFactory()

        response = editor_client.get(change_url(article))

        fieldsets = [fieldset.name for fieldset in response.context["adminform"]]
        assert [str(name) for name in fieldsets] == [
            "Contenu",
            "Traductions",
            "Photo",
            "Publication",
            "Provenance",
        ]
        page = response.content.decode()
        assert page.index('id="credits-group"') < page.index("Publication</h2>")

    def test_shows_the_verbatim_source_and_its_hash_read_only(self, editor_client):
        article = ArticleFactory(source_text="KYIV (Reuters) - <b>verbatim</b>", source_hash="ab12")

        response = editor_client.get(change_url(article))

        page = response.content.decode()
        assert "KYIV (Reuters) - &lt;b&gt;verbatim&lt;/b&gt;" in page
        assert "ab12" in page
        assert "source_text" not in response.context["adminform"].form.fields

    def test_credits_are_edited_in_an_ordered_inline_with_author_autocomplete(self, editor_client):
        article = CreditedArticleFactory()

        response = editor_client.get(change_url(article))

        formset = response.context["inline_admin_formsets"][0].formset
        assert [form.instance.author.name for form in formset.forms][:2] == [
            "Reuters",
            "Andrew Gray",
        ]
        assert "admin-autocomplete" in str(formset.forms[0]["author"])
        assert "position" in formset.forms[0].fields

    def test_the_author_autocomplete_finds_authors_by_name(self, editor_client):
        AuthorFactory(name="Kate Entringer")

        response = editor_client.get(
            reverse("admin:autocomplete"),
            {
                "term": "Entr",
                "app_label": "articles",
                "model_name": "credit",
                "field_name": "author",
            },
        )

        assert [result["text"] for result in response.json()["results"]] == ["Kate Entringer"]

    def test_saving_a_correction_bumps_the_version_and_keeps_the_credits_in_order(
        self, editor_client
    ):
        article = CreditedArticleFactory(headline="Stoltenbreg speaks")
        data = change_form_data(editor_client.get(change_url(article)))
        data["headline"] = "Stoltenberg speaks"

        response = editor_client.post(change_url(article), data)

        assert response.status_code == 302
        article.refresh_from_db()
        assert article.headline == "Stoltenberg speaks"
        assert article.version == 2
        assert article.credits.first().author.name == "Reuters"

    def test_line_breaks_sent_by_a_browser_are_stored_as_in_the_wire_format(self, editor_client):
        article = ArticleFactory(body="First paragraph.\n\nSecond paragraph.")
        data = change_form_data(editor_client.get(change_url(article)))
        data["body"] = "First paragraph.\r\n\r\nSecond paragraph, corrected."

        editor_client.post(change_url(article), data)

        article.refresh_from_db()
        assert article.body == "First paragraph.\n\nSecond paragraph, corrected."

    def test_view_on_site_opens_the_public_page_of_a_public_article(self, editor_client):
        article = ArticleFactory()

        response = editor_client.get(change_url(article))

        assert response.context["absolute_url"] == article.get_absolute_url()

    def test_view_on_site_opens_the_signed_preview_of_a_draft(self, editor_client, client):
        article = ArticleFactory(draft=True, headline="Not public yet")

        url = editor_client.get(change_url(article)).context["absolute_url"]

        assert url != article.get_absolute_url()
        client.logout()
        assert client.get(article.get_absolute_url()).status_code == 404
        preview = client.get(url)
        assert preview.status_code == 200
        assert "Not public yet" in preview.content.decode()


class TestRoles:
    def test_contributors_are_not_offered_publishing_actions(self, contributor_client):
        ArticleFactory(draft=True)

        response = contributor_client.get(CHANGELIST)

        actions = dict(response.context["action_form"].fields["action"].choices)
        assert "submit_for_review_selected" in actions
        assert "publish_selected" not in actions
        assert "unpublish_selected" not in actions

    def test_a_contributor_posting_the_publish_action_publishes_nothing(self, contributor_client):
        article = ArticleFactory(draft=True)

        contributor_client.post(
            CHANGELIST, {"action": "publish_selected", "_selected_action": [article.pk]}
        )

        article.refresh_from_db()
        assert article.status == ArticleStatus.DRAFT

    def test_a_contributor_cannot_publish_through_the_form(self, contributor_client):
        article = ArticleFactory(draft=True)
        data = change_form_data(contributor_client.get(change_url(article)))
        data["status"] = ArticleStatus.PUBLISHED

        response = contributor_client.post(change_url(article), data)

        assert response.status_code == 200
        assert response.context["adminform"].form.errors["status"]
        article.refresh_from_db()
        assert article.status == ArticleStatus.DRAFT

    def test_a_contributor_is_offered_draft_and_review_only(self, contributor_client):
        article = ArticleFactory(draft=True)

        form = contributor_client.get(change_url(article)).context["adminform"].form

        assert [value for value, _label in form.fields["status"].widget.choices] == [
            ArticleStatus.DRAFT,
            ArticleStatus.IN_REVIEW,
        ]

    def test_a_contributor_submits_drafts_for_review(self, contributor_client):
        article = ArticleFactory(draft=True)

        contributor_client.post(
            CHANGELIST,
            {"action": "submit_for_review_selected", "_selected_action": [article.pk]},
        )

        article.refresh_from_db()
        assert article.status == ArticleStatus.IN_REVIEW

    def test_a_contributor_sees_published_work_read_only_and_cannot_post_to_it(
        self, contributor_client
    ):
        article = ArticleFactory(headline="Published")

        page = contributor_client.get(change_url(article))
        assert page.status_code == 200
        assert not page.context["has_change_permission"]

        data = {"headline": "Defaced", "status": ArticleStatus.PUBLISHED}
        assert contributor_client.post(change_url(article), data).status_code == 403
        article.refresh_from_db()
        assert article.headline == "Published"

    def test_a_contributor_cannot_delete_published_work(self, contributor_client):
        article = ArticleFactory()
        delete_url = reverse("admin:articles_article_delete", args=[article.pk])

        assert contributor_client.post(delete_url, {"post": "yes"}).status_code == 403
        contributor_client.post(
            CHANGELIST,
            {"action": "delete_selected", "_selected_action": [article.pk], "post": "yes"},
        )
        assert Article.objects.filter(pk=article.pk).exists()

    def test_a_contributor_may_delete_a_draft(self, contributor_client):
        article = ArticleFactory(draft=True)
        delete_url = reverse("admin:articles_article_delete", args=[article.pk])

        contributor_client.post(delete_url, {"post": "yes"})

        assert not Article.objects.filter(pk=article.pk).exists()

    def test_an_editor_publishes_a_selection_and_it_becomes_public(self, editor_client):
        drafts = [ArticleFactory(draft=True), ArticleFactory(draft=True, status="in_review")]
        already_public = ArticleFactory()

        editor_client.post(
            CHANGELIST,
            {
                "action": "publish_selected",
                "_selected_action": [a.pk for a in [*drafts, already_public]],
            },
        )

        assert Article.objects.visible().count() == 3
        assert Article.objects.get(pk=already_public.pk).version == 1

    def test_an_editor_unpublishes_a_selection(self, editor_client):
        article = ArticleFactory()

        editor_client.post(
            CHANGELIST, {"action": "unpublish_selected", "_selected_action": [article.pk]}
        )

        assert not Article.objects.visible().exists()

    def test_an_editor_schedules_by_setting_a_future_publication_time(self, editor_client):
        article = ArticleFactory(draft=True)
        data = change_form_data(editor_client.get(change_url(article)))
        tomorrow = timezone.localtime() + datetime.timedelta(days=1)
        data.update(
            status=ArticleStatus.PUBLISHED,
            published_at_0=tomorrow.date().isoformat(),
            published_at_1=tomorrow.strftime("%H:%M:%S"),
        )

        editor_client.post(change_url(article), data)

        article.refresh_from_db()
        assert article.status == ArticleStatus.PUBLISHED
        assert not article.is_visible


class TestWritingAtTheDesk:
    def test_a_contributor_writes_a_new_draft_with_its_credits(self, contributor_client):
        author = AuthorFactory(name="Manon Cruz")
        add_url = reverse("admin:articles_article_add")
        data = change_form_data(contributor_client.get(add_url))
        data.update(
            headline="Un article écrit au desk",
            slug="un-article-ecrit-au-desk",
            body="KYIV - Premier paragraphe.\n\nSecond paragraphe.",
            **{
                "credits-TOTAL_FORMS": "1",
                "credits-0-author": author.pk,
                "credits-0-role": "writing",
            },
        )

        response = contributor_client.post(add_url, data)

        assert response.status_code == 302
        article = Article.objects.get(slug="un-article-ecrit-au-desk")
        assert article.status == ArticleStatus.DRAFT
        assert article.source_id.startswith("desk_")
        assert article.date_precision == DatePrecision.DAY
        assert [(c.role, c.author.name) for c in article.credits.all()] == [
            ("writing", "Manon Cruz")
        ]
        assert Version.objects.get_for_object(article).count() == 1


class TestLanguages:
    def test_the_admin_speaks_french_by_default(self, editor_client):
        ArticleFactory()

        response = editor_client.get(CHANGELIST)

        actions = dict(response.context["action_form"].fields["action"].choices)
        assert actions["publish_selected"] == "Publier maintenant les articles sélectionnés"
        assert "Newsroom — le desk de la rédaction" in response.content.decode()

    def test_the_admin_speaks_english_to_an_english_browser(self, editor_client):
        ArticleFactory()

        response = editor_client.get(CHANGELIST, headers={"accept-language": "en"})

        actions = dict(response.context["action_form"].fields["action"].choices)
        assert actions["publish_selected"] == "Publish the selected articles now"

    def test_an_editor_switches_the_admin_to_english_and_back(self, editor_client):
        ArticleFactory()
        page = editor_client.get(CHANGELIST).content.decode()
        assert 'name="language" value="en"' in page

        response = editor_client.post(
            reverse("set_language"), {"language": "en", "next": CHANGELIST}, follow=True
        )

        assert response.redirect_chain[-1][0] == CHANGELIST
        actions = dict(response.context["action_form"].fields["action"].choices)
        assert actions["publish_selected"] == "Publish the selected articles now"
        assert 'name="language" value="fr"' in response.content.decode()

        response = editor_client.post(
            reverse("set_language"), {"language": "fr", "next": CHANGELIST}, follow=True
        )
        actions = dict(response.context["action_form"].fields["action"].choices)
        assert actions["publish_selected"] == "Publier maintenant les articles sélectionnés"

    def test_every_string_of_the_french_catalogue_is_translated(self):
        catalogue = (settings.BASE_DIR / "locale/fr/LC_MESSAGES/django.po").read_text()
        entries = [entry for entry in catalogue.split("\n\n")[1:] if "msgid" in entry]
        untranslated = [
            entry
            for entry in entries
            if re.search(r'^msgstr(\[\d\])? ""\n(?!")', entry + "\n", re.MULTILINE)
        ]
        assert entries
        assert untranslated == []


def test_an_out_of_range_credit_position_is_a_form_error_not_a_crash(client):
    client.force_login(UserFactory(username="editor", groups=["Editors"]))
    article = CreditedArticleFactory()
    data = change_form_data(client.get(change_url(article)))
    data["credits-0-position"] = "99999"

    response = client.post(change_url(article), data)

    assert response.status_code == 200
    assert response.context["inline_admin_formsets"][0].formset.errors[0]["position"]


def test_publishing_from_the_form_without_a_time_publishes_now(client):
    client.force_login(UserFactory(username="editor", groups=["Editors"]))
    article = ArticleFactory(draft=True)
    data = change_form_data(client.get(change_url(article)))
    data.update(status=ArticleStatus.PUBLISHED, published_at_0="", published_at_1="")

    assert client.post(change_url(article), data).status_code == 302

    assert Article.objects.visible().filter(pk=article.pk).exists()
