"""Rotating SECRET_KEY: with the old key as a fallback, links and sessions live on."""

import subprocess
import sys

import pytest

from articles.models import ArticleStatus
from articles.previews import preview_url
from tests.conftest import REPO
from tests.factories import ArticleFactory
from tests.newsroom.test_settings import production_environment

pytestmark = pytest.mark.django_db

OLD_KEY = "the-old-key-" + "o" * 40
NEW_KEY = "the-new-key-" + "n" * 40


@pytest.fixture
def signed_with_the_old_key(settings, client, editor):
    """A draft's preview link and an editor's session, both signed with the old key."""
    settings.SECRET_KEY = OLD_KEY
    settings.SECRET_KEY_FALLBACKS = []
    draft = ArticleFactory(status=ArticleStatus.DRAFT, headline="Le brouillon du soir")
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
    return preview_url(draft), client


def test_after_rotation_with_the_old_key_as_fallback_links_and_sessions_still_work(
    settings, signed_with_the_old_key
):
    link, editor_client = signed_with_the_old_key
    settings.SECRET_KEY = NEW_KEY
    settings.SECRET_KEY_FALLBACKS = [OLD_KEY]

    assert "Le brouillon du soir" in editor_client.get(link).content.decode()
    assert editor_client.get("/admin/").status_code == 200


def test_after_rotation_without_the_fallback_links_and_sessions_are_revoked(
    settings, signed_with_the_old_key
):
    link, editor_client = signed_with_the_old_key
    settings.SECRET_KEY = NEW_KEY
    settings.SECRET_KEY_FALLBACKS = []

    assert editor_client.get(link).status_code == 404
    assert editor_client.get("/admin/").status_code == 302


def test_the_fallbacks_are_read_from_the_environment_comma_separated():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings;"
            " print(settings.SECRET_KEY_FALLBACKS)",
        ],
        cwd=REPO,
        env=production_environment(DJANGO_SECRET_KEY_FALLBACKS=" older-key-1 , older-key-2 "),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['older-key-1', 'older-key-2']"
