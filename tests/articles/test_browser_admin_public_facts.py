"""An editor adds a correction and links a translation, in headless Chromium, in French."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from articles.models import Article, ArticleCorrection, Language, TranslationProposal
from articles.services import translations
from ingest import importer
from tests.articles.test_browser_admin import log_in, open_article
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CORRECTION = "Correction : une version précédente attribuait la visite au mauvais jour."
ENGLISH_HEADLINE = "Ukrainian forces 'gradually gaining ground', says Stoltenberg"


@pytest.fixture
def seed_article(seed_path) -> Article:
    return importer.import_wire_file(seed_path).article


@pytest.fixture
def english_version(seed_article) -> Article:
    return ArticleFactory(
        language=Language.ENGLISH,
        headline=ENGLISH_HEADLINE,
        slug="ukrainian-forces-gradually-gaining-ground",
        date=seed_article.date,
        date_precision=seed_article.date_precision,
    )


def test_an_editor_adds_a_correction_and_links_the_english_version(
    page: Page, seed_article, english_version, screenshots_folder
):
    log_in(page, "editor", ["Editors"])
    open_article(page, seed_article)

    page.locator("#corrections-group .add-row a").click()
    page.fill("textarea[name='corrections-0-text']", CORRECTION)
    page.locator(".field-translations .select2-selection").click()
    page.locator(".field-translations .select2-search__field").fill("Ukrainian")
    page.locator(".select2-results__option", has_text=ENGLISH_HEADLINE).click()
    page.screenshot(
        path=screenshots_folder / "admin-correction-and-translation.png", full_page=True
    )
    page.click("input[name=_continue]")

    expect(page.locator(".messagelist")).to_contain_text("modifié avec succès")
    assert ArticleCorrection.objects.get(article=seed_article).text == CORRECTION
    assert translations.translations_of(seed_article) == [english_version]
    expect(page.locator(".field-translations")).to_contain_text(ENGLISH_HEADLINE)

    page.goto(seed_article.get_absolute_url())
    expect(page.locator(".corrections")).to_contain_text(CORRECTION)
    page.get_by_role("link", name="Read in English").click()
    expect(page.locator("h1")).to_have_text(ENGLISH_HEADLINE)
    expect(page.get_by_role("link", name="Lire en français")).to_be_visible()

    # The corrections box and the translation links keep the page accessible.
    page.goto(seed_article.get_absolute_url())
    results = Axe().run(page)
    blocking = [
        violation["id"]
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]
    assert blocking == [], results.generate_report()


def test_an_editor_confirms_the_importer_proposal_from_the_article_form(
    page: Page, seed_article, english_version
):
    low, high = sorted([seed_article, english_version], key=lambda article: article.pk)
    TranslationProposal.objects.create(article=low, candidate=high)
    log_in(page, "editor", ["Editors"])
    open_article(page, seed_article)

    page.get_by_role("button", name="Confirmer cette traduction").click()

    expect(page.locator(".messagelist")).to_contain_text("sont désormais liés comme traductions")
    assert translations.translations_of(seed_article) == [english_version]
    assert not TranslationProposal.objects.exists()
