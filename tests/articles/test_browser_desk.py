"""The desk in Chromium, in French: restoring with a preview, the dashboard, and what the admin
tells editors and contributors."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import ArticleStatus
from articles.services import editorial, import_failures
from tests.articles.test_browser_admin import log_in, open_article, seed_article  # noqa: F401
from tests.conftest import WIRE
from tests.factories import ArticleFactory, AuthorFactory, UserFactory, photo_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_restoring_shows_what_it_will_change_warns_that_the_article_is_public_and_asks_to_confirm(
    page,
    seed_article,  # noqa: F811
    media_root,
):
    log_in(page, "editor", ["Editors"])
    # Since the import: a photo and a credit, which restoring the imported version would drop.
    open_article(page, seed_article)
    page.set_input_files(
        "#id_photo",
        files=[{"name": "kyiv.jpg", "mimeType": "image/jpeg", "buffer": photo_bytes()}],
    )
    AuthorFactory(name="Manon Cruz")
    page.locator("#credits-group .add-row a").click()
    new_row = page.locator("#credits-5")
    new_row.locator(".select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill("Manon")
    page.locator(".select2-results__option", has_text="Manon Cruz").click()
    new_row.locator("select[name='credits-5-role']").select_option("writing")
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text("modifié avec succès")

    page.goto(f"/admin/articles/article/{seed_article.pk}/history/")
    expect(page.locator("#change-history")).to_contain_text("Importé de 000_b7a23fd024b318f7.txt")
    page.locator("#change-history tbody tr").nth(1).locator("th a").click()

    preview = page.locator("#restore-preview")
    expect(preview).to_contain_text("Ce que changera la restauration")
    expect(page.locator(".restore-public-warning")).to_contain_text("Cet article est public")
    expect(preview.locator("del", has_text="Manon Cruz")).to_be_visible()
    expect(preview.locator("del", has_text="kyiv")).to_be_visible()
    # Nothing is written before the editor confirms.
    seed_article.refresh_from_db()
    assert seed_article.photo
    assert seed_article.credits.count() == 6

    page.get_by_role("button", name="Confirmer : restaurer cette version").click()
    expect(page.locator(".messagelist")).to_contain_text("modifié avec succès")
    seed_article.refresh_from_db()
    assert not seed_article.photo
    assert seed_article.credits.count() == 5
    page.goto(f"/admin/articles/article/{seed_article.pk}/history/")
    expect(page.locator("#change-history tbody tr").first).to_contain_text("restaurée")


def test_the_dashboard_shows_what_waits_for_the_desk(page):
    ArticleFactory(headline="Relisez-moi", status=ArticleStatus.IN_REVIEW, published_at=None)
    ArticleFactory(
        headline="À paraître",
        published_at=timezone.make_aware(datetime.datetime(2031, 12, 2, 8, 0)),
    )
    ArticleFactory(headline="Retirée par l'agence", status=ArticleStatus.WITHDRAWN)
    import_failures.record_failure(WIRE / "bad" / "empty.txt", "empty file")
    log_in(page, "editor", ["Editors"])

    page.goto("/admin/")
    dashboard = page.locator("#desk-dashboard")
    expect(dashboard.locator("#panel-in-review")).to_contain_text("Relisez-moi")
    expect(dashboard.locator("#panel-scheduled")).to_contain_text(
        "programmé pour le 2 décembre à 08:00"
    )
    expect(dashboard.locator("#panel-recently-changed")).to_contain_text("À paraître")
    expect(dashboard.locator("#panel-agency-updates")).to_contain_text("Aucune mise à jour")
    expect(dashboard.locator("#panel-withdrawn")).to_contain_text("Retirée par l'agence")
    expect(dashboard.locator("#panel-failed-imports")).to_contain_text("empty.txt")
    expect(dashboard.locator("#panel-failed-imports")).to_contain_text("empty file")

    dashboard.locator("#panel-in-review").get_by_role("link", name="Relisez-moi").click()
    expect(page.locator("#id_headline")).to_have_value("Relisez-moi")


def test_scheduling_says_when_and_the_preview_banner_says_scheduled_not_published(page):
    article = ArticleFactory(headline="Brouillon du matin", draft=True, language="fr")
    log_in(page, "editor", ["Editors"])
    open_article(page, article)
    page.select_option("#id_status", "published")
    page.fill("#id_published_at_0", "02/12/2031")
    page.fill("#id_published_at_1", "08:00:00")
    page.click("input[name=_continue]")

    expect(page.locator(".messagelist")).to_contain_text("Programmé pour le 2 décembre à 08:00.")
    page.get_by_role("link", name="Voir sur le site").click()
    banner = page.locator(".preview-banner")
    expect(banner).to_contain_text("programmé pour le 2 décembre à 08:00")
    expect(banner).not_to_contain_text("publié")


def test_a_contributor_is_told_why_an_article_is_read_only_and_offered_no_restore(page):
    editor = UserFactory(username="chief", groups=["Editors"])
    article = ArticleFactory(headline="Déjà en ligne", draft=True)
    editorial.publish(article, user=editor)
    log_in(page, "contributor", ["Contributors"])

    open_article(page, article)
    notice = page.locator("#desk-notice")
    expect(notice).to_contain_text(
        "Cet article est publié : seuls les éditeurs peuvent le modifier"
    )
    expect(notice).to_contain_text("Seuls les éditeurs peuvent supprimer un article publié")
    expect(page.locator(".deletelink")).to_have_count(0)

    page.goto(f"/admin/articles/article/{article.pk}/history/")
    expect(page.locator("#change-history")).to_contain_text("Seuls les éditeurs peuvent restaurer")
    expect(page.locator("#change-history tbody th a")).to_have_count(0)
