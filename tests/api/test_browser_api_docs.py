"""/api/v1/docs/ in headless Chromium: a consumer can read the API and try it, offline."""

import pytest

from ingest import importer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def requested_urls(page) -> list[str]:
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    return urls


def test_the_documentation_lists_every_endpoint_without_outside_requests(
    page, live_server, requested_urls, screenshots_folder
):
    page.goto("/api/v1/docs/")
    page.wait_for_selector(".opblock")

    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert {
        "/api/v1/articles/",
        "/api/v1/articles/{slug}/",
        "/api/v1/authors/",
        "/api/v1/authors/{slug}/",
    } <= {path.replace("\u200b", "").strip() for path in paths}
    outside = [url for url in requested_urls if not url.startswith(live_server.url)]
    assert outside == []
    page.screenshot(path=screenshots_folder / "api-docs.png", full_page=False)


def test_a_consumer_can_try_the_article_list_from_the_page(page, seed_path):
    importer.import_wire_file(seed_path)
    page.goto("/api/v1/docs/")
    operation = page.locator(".opblock-get", has=page.locator('[data-path="/api/v1/articles/"]'))

    operation.locator(".opblock-summary").click()
    operation.get_by_role("button", name="Try it out").click()
    operation.locator("tr[data-param-name='language'] input").fill("fr")
    operation.get_by_role("button", name="Execute").click()

    response = operation.locator(".live-responses-table .response").first
    assert response.locator(".response-col_status").inner_text().strip() == "200"
    assert "les-forces-ukrainiennes" in response.locator(".response-col_description").inner_text()
