"""Presence and autosave in Chromium: who else is in the form, and no text lost to a closed tab."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from articles.models import Article
from articles.services import editorial
from tests.articles.test_browser_admin import log_in, open_article
from tests.browsers import close_quietly
from tests.factories import ArticleFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TYPED = "Un titre tapé puis perdu avec l'onglet"


@pytest.fixture
def article() -> Article:
    return ArticleFactory(headline="Titre d'origine", language="fr")


@pytest.fixture
def second_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    yield context.new_page()
    close_quietly(context)


def test_an_editor_sees_a_colleague_in_the_form_live_and_sees_them_leave(
    page: Page, second_page: Page, article, settings
):
    settings.PRESENCE_HEARTBEAT_SECONDS = 1
    log_in(page, "marie", ["Editors"])
    log_in(second_page, "paul", ["Editors"])
    open_article(page, article)
    open_article(second_page, article)

    banner = second_page.locator("#editing-presence")
    expect(banner).to_contain_text("Marie (depuis")
    expect(banner).to_contain_text("modifie aussi cet article")
    # Marie sees Paul at her next heartbeat, without reloading.
    expect(page.locator("#editing-presence")).to_contain_text("Paul (depuis")

    page.goto("/admin/articles/article/")
    expect(banner).to_be_hidden()


def test_text_typed_before_the_tab_closed_is_offered_back_and_restored(page: Page, article):
    log_in(page, "marie", ["Editors"])
    open_article(page, article)
    page.fill("#id_headline", TYPED)
    page.wait_for_timeout(800)  # autosave writes half a second after the last key

    open_article(page, article)  # the tab closed and opened again
    offer = page.locator("#autosave-offer")
    expect(offer).to_contain_text("pas été enregistrées")
    expect(page.locator("#id_headline")).to_have_value("Titre d'origine")
    offer.get_by_role("button", name="Remettre mes modifications").click()

    expect(page.locator("#id_headline")).to_have_value(TYPED)
    expect(offer).to_be_hidden()
    article.refresh_from_db()
    assert article.headline == "Titre d'origine"  # restored into the form, not saved


def test_unsaved_text_from_before_a_colleagues_save_is_shown_not_filled_in(page: Page, article):
    log_in(page, "marie", ["Editors"])
    open_article(page, article)
    page.fill("#id_headline", TYPED)
    page.wait_for_timeout(800)
    article.headline = "Corrigé par Paul"
    paul = UserFactory(username="paul", groups=["Editors"])
    editorial.save_article(article, user=paul, expected_version=article.version)

    open_article(page, article)

    offer = page.locator("#autosave-offer")
    expect(offer).to_contain_text("article a été enregistré depuis")
    expect(offer.locator("pre")).to_contain_text(TYPED)
    expect(offer.get_by_role("button", name="Remettre mes modifications")).to_have_count(0)
    expect(page.locator("#id_headline")).to_have_value("Corrigé par Paul")


def test_a_saved_form_leaves_nothing_to_offer(page: Page, article):
    log_in(page, "marie", ["Editors"])
    open_article(page, article)
    page.fill("#id_headline", "Titre enregistré")
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text("modifié avec succès")

    open_article(page, article)

    expect(page.locator("#autosave-offer")).to_be_hidden()
    key = f"newsroom:article:{article.pk}"
    assert page.evaluate("key => localStorage.getItem(key)", key) is None
