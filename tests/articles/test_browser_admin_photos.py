"""The photo in the article form, in headless Chromium: previewed before and after saving."""

import re

import pytest
from playwright.sync_api import expect

from tests.articles.test_browser_admin import log_in
from tests.factories import ArticleFactory, photo_with_gps

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_sees_the_chosen_photo_before_saving_and_the_stored_one_after(
    page, media_root, screenshots_folder
):
    article = ArticleFactory(headline="Kyiv under snow")
    log_in(page, "editor", ["Editors"])
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    chosen = page.locator("#id_photo_preview")
    expect(chosen).to_be_hidden()

    page.set_input_files(
        "#id_photo",
        files=[{"name": "kyiv.jpg", "mimeType": "image/jpeg", "buffer": photo_with_gps()}],
    )

    # Shown from the browser's own copy: nothing has been uploaded yet.
    expect(chosen).to_be_visible()
    expect(chosen.locator("img")).to_have_attribute("src", re.compile(r"^data:image/jpeg;base64,"))
    page.screenshot(path=screenshots_folder / "admin-photo-preview.png", full_page=True)
    page.fill("#id_photo_alt_text", "Snow on a square")
    page.click("input[name=_continue]")

    current = page.locator(".photo-preview-current img")
    expect(current).to_be_visible()
    expect(current).to_have_attribute("src", re.compile(r"^/media/renditions/photos/"))
    # The rendition really loads for the editor (served by /media/, not a broken image).
    assert current.evaluate("image => image.complete && image.naturalWidth") == 64
