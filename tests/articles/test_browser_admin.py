"""The editorial admin end to end, in headless Chromium, in French as editors use it.

Screenshots of the key screens go to docs/screenshots/ when NEWSROOM_UPDATE_SCREENSHOTS=1
(how the README's pictures are refreshed), to a temporary folder otherwise.
"""

import datetime
import re

import pytest
from playwright.sync_api import Page, expect

from articles.models import Article, ArticleStatus
from ingest import importer
from tests.browsers import close_quietly
from tests.factories import (
    USER_PASSWORD,
    ArticleFactory,
    AuthorFactory,
    UserFactory,
    decompression_bomb_png,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEED_HEADLINE = 'Les forces ukrainiennes "gagnent progressivement du terrain" dit Stoltenberg'
CORRECTED_HEADLINE = "Les forces ukrainiennes gagnent du terrain, dit Stoltenberg"


@pytest.fixture
def screenshot(screenshots_folder):
    def take(page: Page, name: str) -> None:
        page.screenshot(path=screenshots_folder / f"admin-{name}.png", full_page=True)

    return take


@pytest.fixture
def seed_article(seed_path) -> Article:
    return importer.import_wire_file(seed_path).article


def log_in(page: Page, username: str, groups: list[str]) -> None:
    UserFactory(username=username, first_name=username.capitalize(), last_name="", groups=groups)
    page.set_default_timeout(10_000)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/admin/login/?next=/admin/articles/article/")
    page.fill("#id_username", username)
    page.fill("#id_password", USER_PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#changelist")).to_be_visible()


def open_article(page: Page, article: Article) -> None:
    page.goto(f"/admin/articles/article/{article.pk}/change/")


def test_an_editor_corrects_the_seed_adds_a_credit_and_restores_the_previous_version(
    page, seed_article, screenshot
):
    AuthorFactory(name="Manon Cruz")
    log_in(page, "editor", ["Editors"])
    screenshot(page, "changelist")
    expect(page.locator("#result_list")).to_contain_text("septembre 2023")

    page.get_by_role("link", name=SEED_HEADLINE).click()
    page.fill("#id_headline", CORRECTED_HEADLINE)
    page.locator("#credits-group .add-row a").click()
    new_row = page.locator("#credits-5")
    new_row.locator(".select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill("Manon")
    page.locator(".select2-results__option", has_text="Manon Cruz").click()
    new_row.locator("select[name='credits-5-role']").select_option("writing")
    screenshot(page, "change-form")
    page.click("input[name=_continue]")

    expect(page.locator(".messagelist")).to_contain_text("modifié avec succès")
    expect(page.locator("#id_headline")).to_have_value(CORRECTED_HEADLINE)
    body_before = seed_article.body
    seed_article.refresh_from_db()
    assert seed_article.headline == CORRECTED_HEADLINE
    # The browser sent the untouched body back with CRLF line breaks: still the same text.
    assert seed_article.body == body_before
    # Added last, it stays last: the order of the source is kept.
    assert [(credit.role, credit.author.name) for credit in seed_article.credits.all()][-1] == (
        "writing",
        "Manon Cruz",
    )

    page.get_by_role("link", name="Historique").click()
    history = page.locator("#change-history")
    expect(history).to_contain_text("editor")
    expect(history).to_contain_text("Modification de titre")
    page.get_by_role("button", name="Comparer les deux versions").click()
    expect(page.locator("ins", has_text="Manon Cruz")).to_be_visible()
    expect(page.locator("del", has_text='"gagnent')).to_be_visible()
    screenshot(page, "compare")
    page.go_back()
    screenshot(page, "history")

    page.locator("#change-history tbody tr").nth(1).locator("th a").click()
    expect(page.locator("#id_headline")).to_have_value(SEED_HEADLINE)
    page.click("input[name=_save]")

    expect(page.locator(".messagelist")).to_contain_text("modifié avec succès")
    seed_article.refresh_from_db()
    assert seed_article.headline == SEED_HEADLINE
    # The imported version comes back whole: its five credits, and not the one added since.
    assert [credit.author.name for credit in seed_article.credits.all()] == [
        "Reuters",
        "Andrew Gray",
        "Victor Goury-Laffont",
        "Mariana Abreu",
        "Kate Entringer",
    ]


def test_a_contributor_cannot_publish(page):
    article = ArticleFactory(draft=True, headline="Brouillon de Kyiv")
    log_in(page, "contributor", ["Contributors"])

    actions = page.locator("select[name=action] option").all_inner_texts()
    assert "Soumettre les brouillons sélectionnés à relecture" in actions
    assert not [action for action in actions if action.startswith("Publier")]

    open_article(page, article)
    status = page.locator("#id_status")
    assert status.locator("option").all_inner_texts() == ["brouillon", "en relecture"]
    # Put "published" back into the list, as a crafted request would: the server still refuses.
    status.evaluate(
        "select => { select.add(new Option('publié', 'published')); select.value = 'published'; }"
    )
    page.click("input[name=_save]")

    expect(page.locator(".field-status .errorlist")).to_contain_text("Seuls les éditeurs")
    article.refresh_from_db()
    assert article.status == ArticleStatus.DRAFT


def test_two_editors_saving_the_same_article_get_a_conflict_and_both_texts_survive(
    page, browser, live_server, seed_article, screenshot
):
    log_in(page, "alice", ["Editors"])
    other_context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    try:
        other = other_context.new_page()
        log_in(other, "bruno", ["Editors"])
        open_article(page, seed_article)
        open_article(other, seed_article)

        page.fill("#id_headline", "Le titre selon Alice")
        page.click("input[name=_continue]")
        expect(page.locator(".messagelist")).to_contain_text("modifié avec succès")

        brunos_body = "KYIV - Le texte réécrit par Bruno, qui ne doit pas se perdre."
        other.fill("#id_body", brunos_body)
        other.click("input[name=_continue]")

        expect(other.locator(".errornote")).to_be_visible()
        expect(other.locator(".errorlist.nonfield")).to_contain_text("Alice a enregistré")
        expect(other.locator("#edit-conflict")).to_contain_text("Le titre selon Alice")
        expect(other.locator("#id_body")).to_have_value(brunos_body)
        screenshot(other, "conflict")
        seed_article.refresh_from_db()
        assert seed_article.headline == "Le titre selon Alice"

        # The link opens the current version, Alice's, beside Bruno's unsaved form.
        with other_context.expect_page() as current_version:
            other.locator(".errorlist.nonfield a").click()
        expect(current_version.value.locator("#id_headline")).to_have_value("Le titre selon Alice")

        other.click("input[name=_continue]")
        expect(other.locator(".messagelist")).to_contain_text("modifié avec succès")
        seed_article.refresh_from_db()
        assert seed_article.body == brunos_body
    finally:
        close_quietly(other_context)
    page.goto(f"/admin/articles/article/{seed_article.pk}/history/")
    expect(page.locator("#change-history tbody tr")).to_have_count(3)


def test_two_editors_changing_different_credit_notes_both_keep_their_note_and_a_collision_shows(
    page, browser, live_server, seed_article, screenshot
):
    log_in(page, "alice", ["Editors"])
    other_context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    try:
        other = other_context.new_page()
        log_in(other, "bruno", ["Editors"])
        open_article(page, seed_article)
        open_article(other, seed_article)

        page.fill("input[name='credits-1-note']", "à Kyiv")
        page.click("input[name=_continue]")
        expect(page.locator(".messagelist")).to_contain_text("modifié avec succès")

        other.fill("input[name='credits-4-note']", "à Bruxelles")
        other.click("input[name=_continue]")
        # Refused once: Bruno sees Alice's note, now in his form beside his own.
        expect(other.locator("#edit-no-collision")).to_be_visible()
        expect(other.locator("#edit-taken")).to_contain_text("Andrew Gray (à Kyiv)")
        expect(other.locator("input[name='credits-1-note']")).to_have_value("à Kyiv")
        expect(other.locator("input[name='credits-4-note']")).to_have_value("à Bruxelles")
        screenshot(other, "conflict-merged")
        other.click("input[name=_continue]")
        expect(other.locator(".messagelist")).to_contain_text("modifié avec succès")
        notes = dict(seed_article.credits.values_list("author__name", "note"))
        assert (notes["Andrew Gray"], notes["Kate Entringer"]) == ("à Kyiv", "à Bruxelles")

        # Now both change the headline: the one collision, side by side.
        open_article(page, seed_article)
        page.fill("#id_headline", "Le titre selon Alice")
        page.click("input[name=_continue]")
        expect(page.locator(".messagelist")).to_contain_text("modifié avec succès")
        other.fill("#id_headline", "Le titre selon Bruno")
        other.click("input[name=_continue]")

        collisions = other.locator("#edit-collisions tbody tr")
        expect(collisions).to_have_count(1)
        expect(collisions.locator("th")).to_have_text("Titre")
        expect(collisions.locator("td.theirs")).to_have_text("Le titre selon Alice")
        expect(collisions.locator("td.mine")).to_have_text("Le titre selon Bruno")
        expect(other.locator("#id_headline")).to_have_value("Le titre selon Bruno")
        screenshot(other, "conflict-collision")
        seed_article.refresh_from_db()
        assert seed_article.headline == "Le titre selon Alice"
    finally:
        close_quietly(other_context)


def test_an_invalid_photo_upload_shows_the_form_error(page, seed_article, media_root):
    log_in(page, "editor", ["Editors"])
    open_article(page, seed_article)

    page.set_input_files(
        "#id_photo",
        files=[{"name": "kyiv.png", "mimeType": "image/png", "buffer": decompression_bomb_png()}],
    )
    page.fill("#id_photo_caption", "Légende à ne pas perdre")
    page.click("input[name=_save]")

    expect(page.locator(".field-photo .errorlist")).to_contain_text(
        re.compile("bombe de décompression")
    )
    expect(page.locator("#id_photo_caption")).to_have_value("Légende à ne pas perdre")
    seed_article.refresh_from_db()
    assert not seed_article.photo


def test_a_month_only_date_is_never_given_a_day(page):
    ArticleFactory(
        headline="Septembre seulement",
        date=datetime.date(2023, 9, 1),
        date_precision="month",
    )
    article = ArticleFactory(headline="Le 15 octobre", date=datetime.date(2023, 10, 15))
    log_in(page, "editor", ["Editors"])

    page.goto("/admin/articles/article/?date__year=2023&date__month=9")
    expect(page.locator(".toplinks")).to_contain_text("Septembre 2023 (mois seulement)")
    expect(page.locator(".toplinks")).not_to_contain_text("1 septembre")
    expect(page.locator("#result_list")).to_contain_text("septembre 2023")

    open_article(page, article)
    page.fill("#id_date", "15/10/2023")
    page.select_option("#id_date_precision", label="mois")
    page.click("input[name=_continue]")

    expect(page.locator(".errorlist")).to_contain_text(
        "Avec la précision « mois », la date doit être le 1er du mois : saisissez 01/10/2023"
    )
    expect(page.locator("#id_date")).to_have_value("15/10/2023")
    article.refresh_from_db()
    assert article.date_precision == "day"
