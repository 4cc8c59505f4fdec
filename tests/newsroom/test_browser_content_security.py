"""The policy in Chromium: the admin and the API docs work under it, and violations are reported."""

import logging
import time

import pytest
from playwright.sync_api import Page, expect

from ingest import importer
from tests.factories import USER_PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Playwright's own init scripts run whatever the page's policy says: this one records violations.
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


@pytest.fixture
def watched_page(page: Page) -> tuple[Page, list[str]]:
    """The page, and every CSP complaint of its console."""
    console: list[str] = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.add_init_script(RECORD_VIOLATIONS)
    page.set_default_timeout(10_000)
    return page, console


def violations(page: Page, console: list[str]) -> list[str]:
    return page.evaluate("window.cspViolations") + console


def test_the_admin_works_with_no_violation(watched_page, seed_path):
    page, console = watched_page
    article = importer.import_wire_file(seed_path).article
    UserFactory(username="editor", groups=["Editors"])

    page.goto("/admin/login/?next=/admin/articles/article/")
    assert violations(page, console) == []
    page.fill("#id_username", "editor")
    page.fill("#id_password", USER_PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#changelist")).to_be_visible()
    assert violations(page, console) == []

    page.goto(f"/admin/articles/article/{article.pk}/change/")
    # The credit autocomplete is script: it only opens if the admin's scripts ran.
    page.locator("#credits-group .add-row a").click()
    page.locator("#credits-group .select2-selection").last.click()
    expect(page.locator(".select2-container--open .select2-search__field")).to_be_visible()
    assert violations(page, console) == []


def test_the_api_docs_work_with_no_violation(watched_page):
    page, console = watched_page

    page.goto("/api/v1/docs/")
    page.wait_for_selector(".opblock")

    assert violations(page, console) == []


def test_a_script_slipped_into_a_public_page_is_blocked_and_reported(watched_page, caplog):
    page, _console = watched_page
    page.goto("/")

    with caplog.at_level(logging.WARNING, logger="newsroom.csp"):
        page.evaluate(
            """() => {
              const script = document.createElement("script");
              script.textContent = "window.ran = true";
              document.body.append(script);
            }"""
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not any(
            record.name == "newsroom.csp" for record in caplog.records
        ):
            time.sleep(0.1)

    assert page.evaluate("window.ran") is None
    assert any("script-src" in violation for violation in page.evaluate("window.cspViolations"))
    [report] = [record.csp_report for record in caplog.records if record.name == "newsroom.csp"]
    assert report["violated-directive"].startswith("script-src")
