"""An agency update over the desk's edit, in headless Chromium, in French as editors use it.

The editor imports a file from the admin, rewrites its headline, then imports the agency's
next version, which changes the headline and the body: the body comes in, the desk's
headline stays, and the agency's waits one click away until the editor reviews it.
"""

# The French catalogue writes the typographic apostrophe (U+2019), and so do these tests.
# ruff: noqa: RUF001

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect

from articles.models import Article
from tests.articles.test_browser_admin import log_in, open_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AGENCY_HEADLINE = "Le gouvernement tombe"
DESK_HEADLINE = "Le gouvernement tombe après le vote de défiance"
AGENCY_NEW_HEADLINE = "Le gouvernement tombe, le Premier ministre démissionne"
BODY = "Le gouvernement a perdu le vote de défiance."
NEW_BODY = (
    "Le gouvernement a perdu le vote de défiance par 12 voix. Le Premier ministre démissionne."
)


def wire_file(version: int, *, headline: str, body: str) -> dict:
    """The agency's ninjs file, as the upload field takes it."""
    item = {
        "uri": "urn:example:test:government-falls",
        "type": "text",
        "version": str(version),
        "language": "fr",
        "firstcreated": "2024-11-07T08:00:00Z",
        "headline": headline,
        "body_html": f"<p>BERNE (AFP) - {body}</p>",
    }
    return {
        "name": "government-falls.json",
        "mimeType": "application/json",
        "buffer": json.dumps(item).encode(),
    }


def upload(page: Page, file: dict) -> None:
    page.goto("/admin/articles/article/")
    page.click("text=Importer des dépêches")
    page.set_input_files("#id_files", files=[file])
    page.click("input[type=submit]")


def test_the_agencys_update_keeps_the_desks_headline_brings_the_body_and_waits_for_review(
    page,
):
    log_in(page, "editor", ["Editors"])
    upload(page, wire_file(1, headline=AGENCY_HEADLINE, body=BODY))
    expect(page.locator(".import-summary")).to_have_text(
        "1 créés, 0 mis à jour, 0 inchangés, 0 en échec"
    )
    article = Article.objects.get(headline=AGENCY_HEADLINE)

    open_article(page, article)
    expect(page.locator("#agency-update-notice")).to_have_count(0)
    page.fill("#id_headline", DESK_HEADLINE)
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text("modifié avec succès")

    upload(page, wire_file(2, headline=AGENCY_NEW_HEADLINE, body=NEW_BODY))
    expect(page.locator(".import-summary")).to_have_text(
        "0 créés, 1 mis à jour, 0 inchangés, 0 en échec"
    )
    expect(page.locator(".import-report tr.import-updated")).to_contain_text(
        "government-falls.json"
    )

    # The list flags it, and so does the dashboard.
    page.goto("/admin/articles/article/")
    row = page.locator("#result_list tbody tr", has_text=DESK_HEADLINE)
    expect(row.locator("a.agency-update-to-review")).to_have_text("à revoir")
    page.goto("/admin/")
    expect(page.locator("#panel-agency-updates")).to_contain_text(DESK_HEADLINE)

    # The form: the desk's headline kept, the agency's body in, the headline waiting.
    open_article(page, article)
    expect(page.locator("#id_headline")).to_have_value(DESK_HEADLINE)
    expect(page.locator("#id_body")).to_have_value(NEW_BODY)
    notice = page.locator("#agency-update-notice")
    expect(notice).to_contain_text("l’agence a modifié Titre, que la rédaction avait modifié")
    expect(notice).not_to_contain_text("Texte")

    notice.get_by_role("link", name="Voir le texte de l’agence").click()
    differences = page.locator(".article-differences")
    expect(differences.locator("dt")).to_have_text(["Titre"])
    # The desk's words struck through, the agency's underlined.
    expect(differences.locator("del", has_text="vote de défiance")).to_be_visible()
    expect(differences.locator("ins", has_text="Premier ministre démissionne")).to_be_visible()
    review = page.locator("#agency-update-review")
    expect(review.locator("input[name=headline][value=desk]")).to_be_checked()
    expect(review.locator("input[name=body]")).to_have_count(0)

    review.get_by_label("prendre le texte de l’agence").check()
    review.get_by_role("button", name="Marquer comme revue").click()
    expect(page.locator(".messagelist")).to_contain_text(
        "La mise à jour de l’agence est marquée comme revue."
    )
    open_article(page, article)
    expect(page.locator("#id_headline")).to_have_value(AGENCY_NEW_HEADLINE)
    expect(page.locator("#agency-update-notice")).to_have_count(0)
    page.goto("/admin/articles/article/")
    expect(page.locator("a.agency-update-to-review")).to_have_count(0)


def test_keeping_the_desks_headline_dismisses_the_update(page):
    log_in(page, "editor", ["Editors"])
    upload(page, wire_file(1, headline=AGENCY_HEADLINE, body=BODY))
    article = Article.objects.get(headline=AGENCY_HEADLINE)
    open_article(page, article)
    page.fill("#id_headline", DESK_HEADLINE)
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text("modifié avec succès")
    upload(page, wire_file(2, headline=AGENCY_NEW_HEADLINE, body=NEW_BODY))

    open_article(page, article)
    page.locator("#agency-update-notice a").click()
    page.get_by_role("button", name="Marquer comme revue").click()

    expect(page.locator(".messagelist")).to_contain_text("marquée comme revue")
    open_article(page, article)
    expect(page.locator("#id_headline")).to_have_value(DESK_HEADLINE)
    expect(page.locator("#id_body")).to_have_value(NEW_BODY)
    expect(page.locator("#agency-update-notice")).to_have_count(0)
    page.goto(f"/admin/articles/article/{article.pk}/history/")
    expect(page.locator("#change-history tbody tr").first).to_contain_text(
        "Gardé de la rédaction : Titre"
    )
