"""The credits in the article form, in headless Chromium: dragged into order, a new author made
in place, and read only (no handle) for those who may not change the article.

Each test also fails on a script error or a console error, which is how a script the
Content-Security-Policy refused would show.
"""

# The French catalogue writes the typographic apostrophe (U+2019), and so do these tests.
# ruff: noqa: RUF001

import re

import pytest
from playwright.sync_api import Page, expect

from articles.models import Article, Author
from ingest import importer
from tests.articles.test_browser_admin import log_in, open_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEED_NAMES = ["Reuters", "Andrew Gray", "Victor Goury-Laffont", "Mariana Abreu", "Kate Entringer"]


@pytest.fixture
def seed_article(seed_path) -> Article:
    return importer.import_wire_file(seed_path).article


@pytest.fixture
def page_errors(page: Page) -> list[str]:
    """The page's script errors and console errors (CSP refusals, failed loads included)."""
    errors: list[str] = []

    def console(message) -> None:
        # The browser's own request for /favicon.ico, which the project does not serve.
        if message.type == "error" and not message.location["url"].endswith("/favicon.ico"):
            errors.append(f"{message.text} {message.location['url']}")

    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", console)
    return errors


def row_names(page: Page) -> list[str]:
    """The authors of the credits' rows, top to bottom, as the editor sees them."""
    rows = page.locator("#credits-group tr.has_original td.field-author")
    return [text.strip() for text in rows.all_inner_texts()]


def drag_row(page: Page, row: int, onto: int) -> None:
    handle = page.locator(f"#credits-{row} td.original p")
    handle.drag_to(
        page.locator(f"#credits-{onto} td.original p"), target_position={"x": 20, "y": 2}
    )


def test_an_editor_drags_the_third_credit_to_the_top_and_the_site_and_api_follow(
    page, page_errors, seed_article
):
    log_in(page, "editor", ["Editors"])
    open_article(page, seed_article)
    expect(page.locator("#credits-group fieldset.sortable")).to_be_visible()

    drag_row(page, 2, onto=0)

    first_row = page.locator("#credits-group tbody tr.has_original").first
    expect(first_row).to_have_id("credits-2")
    expect(page.locator("input[name='credits-2-position']")).to_have_value("1")
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text("modifié avec succès")

    moved = ["Victor Goury-Laffont", "Reuters", "Andrew Gray", "Mariana Abreu", "Kate Entringer"]
    assert [credit.author.name for credit in seed_article.credits.all()] == moved
    assert page_errors == []
    page.goto(seed_article.get_absolute_url())
    credits_line = page.locator(".credits").inner_text()
    assert credits_line.index("Victor Goury-Laffont") < credits_line.index("Andrew Gray")
    api = page.request.get(f"/api/v1/articles/{seed_article.slug}/").json()
    assert [credit["author"]["name"] for credit in api["credits"]] == moved


def test_an_editor_creates_a_new_author_from_a_credits_search(page, page_errors, seed_article):
    log_in(page, "editor", ["Editors"])
    open_article(page, seed_article)

    page.locator("#credits-group .add-row a").click()
    new_row = page.locator("#credits-5")
    new_row.locator(".select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill("Zoé Nouvelle")
    page.locator(".select2-results__option", has_text="Créer l’auteur « Zoé Nouvelle »").click()
    # The create choice is replaced by the new author, an id like any other.
    expect(new_row.locator("select[name='credits-5-author']")).to_have_value(re.compile(r"^\d+$"))
    expect(new_row.locator(".select2-selection__rendered")).to_have_text(
        re.compile("^Zoé Nouvelle")
    )
    new_row.locator("select[name='credits-5-role']").select_option("writing")
    page.click("input[name=_continue]")

    expect(page.locator(".messagelist")).to_contain_text("modifié avec succès")
    author = Author.objects.get(name="Zoé Nouvelle")
    credit = seed_article.credits.get(author=author)
    assert (credit.role, list(seed_article.credits.all()).index(credit)) == ("writing", 5)
    assert page_errors == []


def test_a_contributor_reading_a_published_article_sees_the_credits_without_a_handle(
    page, page_errors, seed_article
):
    log_in(page, "contributor", ["Contributors"])
    open_article(page, seed_article)

    credits = page.locator("#credits-group")
    expect(credits).to_contain_text("Victor Goury-Laffont")
    expect(credits.locator("fieldset.sortable")).to_have_count(0)
    expect(credits.locator(".sort, .move-begin, input._reorder_, select")).to_have_count(0)
    assert row_names(page) == SEED_NAMES
    # Trying anyway moves nothing.
    drag_row(page, 2, onto=0)
    assert row_names(page) == SEED_NAMES
    assert page_errors == []
