"""Preview links: editors read unpublished articles through a signed, expiring link; nobody else."""

import time

import pytest
from django.core import signing
from django.urls import reverse
from django.utils.html import strip_tags

from articles.models import ArticleStatus
from articles.previews import PREVIEW_SALT, preview_max_age, preview_token, preview_url
from tests.factories import ArticleFactory, CreditedArticleFactory


def preview_path(token: str) -> str:
    return reverse("website:article-preview", kwargs={"token": token})


class SignerFromThePast(signing.TimestampSigner):
    """Signs as the real signer would have, some seconds ago: what an old link looks like."""

    def __init__(self, seconds_ago: float, **kwargs):
        super().__init__(**kwargs)
        self.seconds_ago = seconds_ago

    def timestamp(self) -> str:
        return signing.b62_encode(int(time.time() - self.seconds_ago))


@pytest.mark.django_db
class TestPreviewLink:
    @pytest.mark.parametrize(
        "traits",
        [
            {"draft": True},
            {"scheduled": True},
            {"status": ArticleStatus.IN_REVIEW, "published_at": None},
        ],
        ids=["draft", "scheduled", "in review"],
    )
    def test_opens_an_unpublished_article_for_anyone_holding_it(self, client, traits):
        article = CreditedArticleFactory(headline="Unpublished scoop", **traits)

        response = client.get(preview_url(article))

        assert response.status_code == 200
        text = " ".join(strip_tags(response.content.decode()).split())
        assert "Unpublished scoop" in text
        assert "Andrew Gray" in text

    def test_the_public_url_of_the_same_article_stays_not_found(self, client):
        article = ArticleFactory(draft=True)

        assert client.get(preview_url(article)).status_code == 200
        assert client.get(article.get_absolute_url()).status_code == 404

    def test_says_it_is_a_preview_in_the_article_language(self, client):
        french = ArticleFactory(draft=True, language="fr")
        english = ArticleFactory(draft=True, language="en")

        assert "Aperçu" in client.get(preview_url(french)).content.decode()
        assert "Preview" in client.get(preview_url(english)).content.decode()

    def test_is_kept_out_of_caches_indexes_and_referrers(self, client):
        response = client.get(preview_url(ArticleFactory(draft=True)))

        assert "no-store" in response.headers["Cache-Control"]
        assert "private" in response.headers["Cache-Control"]
        assert "noindex" in response.headers["X-Robots-Tag"]
        assert response.headers["Referrer-Policy"] == "no-referrer"
        content = response.content.decode()
        assert '<meta name="robots" content="noindex, nofollow">' in content
        assert 'rel="canonical"' not in content

    def test_shows_the_article_as_it_stands_now(self, client):
        article = ArticleFactory(draft=True, headline="First draft")
        url = preview_url(article)
        article.headline = "Second draft"
        article.save()

        assert "Second draft" in client.get(url).content.decode()

    def test_runs_four_queries(self, client, django_assert_num_queries):
        url = preview_url(CreditedArticleFactory(draft=True))

        # The article, its credits, its corrections, its translation link.
        with django_assert_num_queries(4):
            client.get(url)


@pytest.mark.django_db
class TestBadTokens:
    def test_an_expired_link_is_not_found(self, client):
        article = ArticleFactory(draft=True)
        signer = SignerFromThePast(preview_max_age().total_seconds() + 60, salt=PREVIEW_SALT)

        assert client.get(preview_path(signer.sign(str(article.pk)))).status_code == 404

    def test_a_value_signed_with_the_key_but_no_timestamp_is_not_found(self, client):
        article = ArticleFactory(draft=True)
        untimed = signing.Signer(salt=PREVIEW_SALT).sign(str(article.pk))

        assert client.get(preview_path(untimed)).status_code == 404

    def test_a_link_just_inside_its_lifetime_still_works(self, client):
        article = ArticleFactory(draft=True)
        signer = SignerFromThePast(preview_max_age().total_seconds() - 60, salt=PREVIEW_SALT)

        assert client.get(preview_path(signer.sign(str(article.pk)))).status_code == 200

    def test_a_forged_signature_is_not_found(self, client):
        article = ArticleFactory(draft=True)
        value, timestamp, signature = preview_token(article).split(":")
        forged = "A" if signature[0] != "A" else "B"

        token = f"{value}:{timestamp}:{forged}{signature[1:]}"

        assert client.get(preview_path(token)).status_code == 404

    def test_a_token_moved_to_another_article_is_not_found(self, client):
        signed_for = ArticleFactory(draft=True)
        other = ArticleFactory(draft=True)
        _, timestamp, signature = preview_token(signed_for).split(":")

        token = f"{other.pk}:{timestamp}:{signature}"

        assert client.get(preview_path(token)).status_code == 404

    def test_a_value_signed_for_another_purpose_is_not_found(self, client):
        article = ArticleFactory(draft=True)

        unsalted = signing.TimestampSigner().sign(str(article.pk))

        assert client.get(preview_path(unsalted)).status_code == 404

    def test_a_properly_signed_token_that_is_not_an_article_id_is_not_found(self, client):
        token = signing.TimestampSigner(salt=PREVIEW_SALT).sign("not-a-number")

        assert client.get(preview_path(token)).status_code == 404

    def test_a_deleted_article_is_not_found(self, client):
        article = ArticleFactory(draft=True)
        url = preview_url(article)
        article.delete()

        assert client.get(url).status_code == 404

    @pytest.mark.parametrize("token", ["", "nonsense", "1:2:3:4", "%00", "1::"])
    def test_garbage_is_not_found_and_never_an_error(self, client, token):
        response = client.get(f"/preview/{token}/")

        assert response.status_code == 404
