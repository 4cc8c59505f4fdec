"""The JSON of the article list and detail, byte for byte, as consumers have received it.

The list and the detail are built by hand for speed (docs/performance.md): these tests
hold every byte of both for articles that have everything an article can carry, so a
faster way of building them cannot change a key's order, an escape or a null.
"""

from __future__ import annotations

import base64
import datetime
import json
from pathlib import Path
from string import Template

import pytest
from django.core.files.base import ContentFile

from articles.models import (
    Article,
    ArticleCorrection,
    Author,
    AuthorKind,
    Credit,
    CreditRole,
    DatePrecision,
    Language,
)
from articles.services import renditions, translations
from tests.factories import ArticleFactory, CreditedArticleFactory, photo_bytes

pytestmark = pytest.mark.django_db

ARTICLES = "/api/v1/articles/"
PINNED = Path(__file__).parent / "pinned"
PUBLISHED = datetime.datetime(2024, 3, 12, 8, 0, tzinfo=datetime.UTC)
UPDATED = datetime.datetime(2024, 3, 14, 17, 45, 30, 123456, tzinfo=datetime.UTC)


@pytest.fixture
def articles(media_root) -> dict[str, Article]:
    """A French story with everything, its English translation, and two plain ones."""
    french = CreditedArticleFactory(
        slug="les-forces-ukrainiennes",
        source_id="000_b7a23fd024b318f7",
        headline='Les forces ukrainiennes "gagnent du terrain" — à l\u2019est',
        language=Language.FRENCH,
        date=datetime.date(2023, 9, 1),
        date_precision=DatePrecision.MONTH,
        dateline_date="7 novembre",
        photo_credit="Reuters",
        photo_caption="Des soldats près de Bakhmout.",
        photo_alt_text="Trois soldats dans une tranchée.",
        agency_version=3,
        published_at=PUBLISHED,
    )
    french.photo.save("kyiv.png", ContentFile(photo_bytes("PNG", (96, 64))))
    renditions.make_renditions(french.photo)
    english = CreditedArticleFactory(
        slug="ukrainian-forces",
        source_id="urn:newsml:reuters.com:20240312:nL1N3F0",
        headline="Ukrainian forces <gain> ground & hold, NATO's chief says 🇺🇦",
        date=datetime.date(2024, 3, 12),
        dateline_place="",
        dateline_source="",
        photo_credit="Reuters/Someone Else/File Photo",
        published_at=PUBLISHED + datetime.timedelta(minutes=5),
        credits=[(CreditRole.REPORTING, "Andrew Gray")],
    )
    Credit.objects.create(
        article=english,
        author=Author.objects.create(name="Manon Cruz", slug="manon-cruz", kind=AuthorKind.PERSON),
        role=CreditRole.PHOTO,
        note="in Budapest",
        position=1,
    )
    german = ArticleFactory(slug="ukrainische-truppen", language="de", scheduled=True)
    translations.set_translations(french, [english, german])
    ArticleCorrection.objects.create(
        article=french, at=PUBLISHED + datetime.timedelta(days=1), text="Correction : une date."
    )
    ArticleCorrection.objects.create(
        article=french, at=PUBLISHED + datetime.timedelta(hours=2), text="Correction\u00a0: un nom."
    )
    plain = ArticleFactory(
        slug="plain",
        source_id="plain.txt",
        headline="A plain story",
        date=datetime.date(2022, 1, 31),
        published_at=PUBLISHED,
        body="Only.",
    )
    month = CreditedArticleFactory(
        slug="month",
        source_id="month.txt",
        headline="A story of a month",
        date=datetime.date(2022, 1, 1),
        date_precision=DatePrecision.MONTH,
        dateline_source="",
        published_at=PUBLISHED,
        credits=[(CreditRole.WRITING, "Reuters")],
    )
    # Last, since corrections and translation links touch updated_at (migration 0008).
    Article.objects.update(updated_at=UPDATED)
    return {"french": french, "english": english, "plain": plain, "month": month}


def cursor(article: Article, *, backwards: bool) -> str:
    """The cursor of a link to the page after (or before) the article, as the API writes it."""
    payload = {"v": [{"date": article.date.isoformat()}, article.pk], "b": backwards}
    text = json.dumps(payload, separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def expected(name: str, articles: dict[str, Article]) -> bytes:
    """The pinned bytes, with the ids, cursors and photo's stored name of this test run."""
    values = {f"{key}_id": article.pk for key, article in articles.items()}
    values["photo"] = articles["french"].photo.name.removesuffix(".png")
    values["before_plain"] = cursor(articles["plain"], backwards=True)
    return Template((PINNED / name).read_text()).substitute(values).strip().encode()


def test_the_list_is_byte_for_byte_what_it_was(client, articles):
    response = client.get(f"{ARTICLES}?page_size=100")

    assert response.status_code == 200
    assert response.content == expected("article_list.json", articles)


def test_a_page_with_links_both_ways_is_byte_for_byte_what_it_was(client, articles):
    second = client.get(ARTICLES, {"page_size": 2}).json()["next"]

    response = client.get(second)

    assert response.status_code == 200
    assert response.content == expected("article_page.json", articles)


@pytest.mark.parametrize("key", ["french", "english", "plain", "month"])
def test_the_detail_is_byte_for_byte_what_it_was(client, articles, key):
    response = client.get(f"{ARTICLES}{articles[key].slug}/")

    assert response.status_code == 200
    assert response.content == expected(f"article_{key}.json", articles)
