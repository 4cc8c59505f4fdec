"""Contributors own their drafts, in headless Chromium, in French as the desk uses it.

A contributor edits their own draft; another contributor's draft opens read-only, says
whose it is and why, and offers no delete.
"""

# The French catalogue writes the typographic apostrophe (U+2019), and so do these tests.
# ruff: noqa: RUF001

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from articles.models import Article, ArticleOwnership
from tests.articles.test_browser_admin import log_in, open_article
from tests.factories import ArticleFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOT_YOURS = (
    "Cet article appartient à un autre contributeur : demandez-lui de le partager avec vous."
)


def draft_of(user, headline: str) -> Article:
    article = ArticleFactory(draft=True, headline=headline)
    ArticleOwnership.objects.create(article=article, created_by=user)
    return article


def test_a_contributor_edits_their_draft_and_only_reads_a_colleagues(page):
    colleague = UserFactory(username="colleague", groups=["Contributors"])
    theirs = draft_of(colleague, "Le brouillon de la collègue")
    log_in(page, "camille", ["Contributors"])
    mine = draft_of(get_user_model().objects.get(username="camille"), "Mon brouillon")

    page.reload()
    row = page.locator("#result_list tbody tr", has_text="Le brouillon de la collègue")
    expect(row).to_contain_text("lecture seule")
    expect(page.locator("#result_list tbody tr", has_text="Mon brouillon")).not_to_contain_text(
        "lecture seule"
    )

    open_article(page, mine)
    expect(page.locator("#desk-notice")).to_have_count(0)
    page.fill("#id_headline", "Mon brouillon, relu")
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text("modifié avec succès")
    mine.refresh_from_db()
    assert mine.headline == "Mon brouillon, relu"

    open_article(page, theirs)
    expect(page.locator("h1")).to_have_text("Lire l’article")
    expect(page.locator("#id_headline")).to_have_count(0)
    expect(page.locator(".field-headline")).to_contain_text("Le brouillon de la collègue")
    notice = page.locator("#desk-notice")
    expect(notice.locator(".read-only-reason")).to_have_text(NOT_YOURS)
    expect(notice.locator(".cannot-delete-reason")).to_have_text(NOT_YOURS)
    expect(page.locator(".deletelink")).to_have_count(0)
    expect(page.locator("input[name=_save]")).to_have_count(0)

    # The delete page, reached by its address, refuses too.
    response = page.goto(f"/admin/articles/article/{theirs.pk}/delete/")
    assert response.status == 403
    assert Article.objects.filter(pk=theirs.pk, headline="Le brouillon de la collègue").exists()
