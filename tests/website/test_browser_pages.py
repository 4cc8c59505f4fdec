"""The public site in headless Chromium: seed article, accessibility, phone layout, screenshots.

Screenshots go to docs/screenshots/ when NEWSROOM_UPDATE_SCREENSHOTS=1,
else to a temporary folder.
"""

import datetime
import json

import pytest
from axe_playwright_python.sync_playwright import Axe
from PIL import Image

from articles.models import CreditRole, DatePrecision, Language
from ingest import importer
from tests.factories import CreditedArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
FRENCH_CREDITS_LINE = (
    "Reportage : Andrew Gray · Version française : Victor Goury-Laffont et Mariana Abreu"
    " · Édité par : Kate Entringer"
)
BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture
def seed_article(seed_path):
    article = importer.import_wire_file(seed_path).article
    assert article is not None, "the seed did not import"
    return article


@pytest.fixture
def front_page(seed_article):
    """The seed and two English stories, so the home page shows both languages."""
    CreditedArticleFactory(
        headline="Hungary's parliament approves Sweden's NATO membership",
        slug="hungary-approves-sweden-nato",
        language=Language.ENGLISH,
        date=datetime.date(2024, 2, 26),
        date_precision=DatePrecision.DAY,
        dateline_place="BUDAPEST",
        body=(
            "Hungary's parliament voted on Monday to approve Sweden's application to join "
            "NATO, removing the last hurdle to the Nordic country's membership.\n\n"
            "The vote ended more than 18 months of delays."
        ),
        credits=[
            (CreditRole.REPORTING, "Anita Komuves"),
            (CreditRole.WRITING, "Krisztina Than"),
            (CreditRole.EDITING, "Kim Coghill"),
        ],
    )
    CreditedArticleFactory(
        headline="EU agrees to start membership talks with Ukraine",
        slug="eu-membership-talks-ukraine",
        language=Language.ENGLISH,
        date=datetime.date(2023, 12, 1),
        date_precision=DatePrecision.MONTH,
        dateline_place="BRUSSELS",
        body="European Union leaders agreed to open accession negotiations with Ukraine.",
        credits=[(CreditRole.REPORTING, "Andrew Gray"), (CreditRole.EDITING, "Kate Entringer")],
    )
    return seed_article


def test_the_seed_article_page_shows_its_credits_and_structured_data(page, seed_article):
    page.goto(seed_article.get_absolute_url())

    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("h1").inner_text() == seed_article.headline
    assert page.locator("article time").inner_text() == "septembre 2023"
    assert page.locator(".credits").inner_text().strip() == FRENCH_CREDITS_LINE
    data = json.loads(page.locator('script[type="application/ld+json"]').text_content())
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == seed_article.headline
    assert data["datePublished"] == "2023-09"
    assert [person["name"] for person in data["author"]] == ["Andrew Gray"]
    assert [person["name"] for person in data["editor"]] == ["Kate Entringer"]


def test_a_credited_name_leads_to_the_author_page(page, seed_article):
    page.goto(seed_article.get_absolute_url())

    page.get_by_role("link", name="Kate Entringer").click()

    assert page.locator("h1").inner_text() == "Kate Entringer"
    assert page.get_by_role("link", name=seed_article.headline).is_visible()


@pytest.mark.parametrize("page_name", ["home", "article", "author"])
def test_no_serious_or_critical_accessibility_violations(page, front_page, page_name):
    paths = {
        "home": "/",
        "article": front_page.get_absolute_url(),
        "author": "/authors/andrew-gray/",
    }
    page.goto(paths[page_name])

    results = Axe().run(page)

    blocking = [
        violation["id"]
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]
    assert blocking == [], results.generate_report()


@pytest.mark.parametrize("viewport_name", list(VIEWPORTS))
def test_pages_fit_the_screen_and_are_photographed_for_the_docs(
    page, front_page, viewport_name, screenshots_folder
):
    viewport = VIEWPORTS[viewport_name]
    page.set_viewport_size(viewport)

    for page_name, path in (("home", "/"), ("article", front_page.get_absolute_url())):
        page.goto(path)
        # Readable on a phone: nothing wider than the screen, no sideways scrolling.
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        font_size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
        assert font_size >= 16
        screenshot = screenshots_folder / f"site-{page_name}-{viewport_name}.png"
        page.screenshot(path=screenshot, full_page=True)
        assert Image.open(screenshot).width == viewport["width"]


def test_a_reader_clicks_older_then_newer_through_the_home_page(page):
    for day in range(25):
        CreditedArticleFactory(
            headline=f"Story of day {day + 1}",
            language=Language.ENGLISH,
            date=datetime.date(2024, 1, 1) + datetime.timedelta(days=day),
        )
    page.goto("/?language=en")
    first = page.locator("article.summary h2").all_inner_texts()

    page.get_by_role("link", name="Plus anciens").click()
    older = page.locator("article.summary h2").all_inner_texts()
    assert "language=en" in page.url and "after=" in page.url
    assert first[0] == "Story of day 25" and len(first) == 20
    assert older == [f"Story of day {day}" for day in range(5, 0, -1)]
    assert page.get_by_role("link", name="Plus anciens").count() == 0

    page.get_by_role("link", name="Plus récents").click()
    assert page.locator("article.summary h2").all_inner_texts() == first
