"""Content-Security-Policy on every page, the violation report endpoint, and cookie flags."""

import json
import logging
import sys

import pytest

from tests.factories import ArticleFactory
from tests.newsroom.test_settings import production_environment, run

pytestmark = pytest.mark.django_db


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = [part.strip().split() for part in header.split(";") if part.strip()]
    return {name: values for name, *values in directives}


STRICT_PUBLIC_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'none'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "report-uri": ["/csp-report/"],
}


@pytest.mark.parametrize("url", ["/", "/articles/{slug}/", "/feeds/rss/", "/search/?q=kyiv"])
def test_public_pages_run_no_script_at_all(client, url):
    article = ArticleFactory()

    response = client.get(url.format(slug=article.slug))

    assert response.status_code == 200
    assert policy(response).items() >= STRICT_PUBLIC_POLICY.items()


def test_the_admin_and_the_api_docs_allow_their_own_and_nonced_scripts_only(editor_client):
    for url in ["/admin/", "/api/v1/docs/"]:
        script_src = policy(editor_client.get(url))["script-src"]
        assert script_src[0] == "'self'"
        assert all(source.startswith("'nonce-") for source in script_src[1:])
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src


def test_the_api_docs_inline_script_carries_the_nonce_of_the_header(client):
    response = client.get("/api/v1/docs/")

    nonce = policy(response)["script-src"][1].removeprefix("'nonce-").removesuffix("'")
    assert f'<script nonce="{nonce}">' in response.content.decode()
    # A nonce is for one response only: the page is never stored by a shared cache.
    assert "no-store" in response["Cache-Control"]


def test_anonymous_readers_of_the_api_docs_get_no_csrf_cookie(client):
    response = client.get("/api/v1/docs/")

    assert response.status_code == 200
    assert "csrftoken" not in response.cookies


def test_a_violation_report_is_logged_as_one_json_line_and_answered_204(client, caplog):
    report = {
        "csp-report": {
            "document-uri": "https://example.com/articles/x/",
            "violated-directive": "script-src-elem",
            "blocked-uri": "inline",
        }
    }
    with caplog.at_level(logging.WARNING, logger="newsroom.csp"):
        response = client.post(
            "/csp-report/", json.dumps(report), content_type="application/csp-report"
        )

    assert response.status_code == 204
    [record] = [record for record in caplog.records if record.name == "newsroom.csp"]
    assert record.csp_report["violated-directive"] == "script-src-elem"


def test_a_report_too_large_or_not_json_is_refused_with_a_message(client):
    too_large = client.post("/csp-report/", "x" * 20_000, content_type="application/csp-report")
    not_json = client.post("/csp-report/", "{oops", content_type="application/csp-report")

    assert too_large.status_code == 413
    assert not_json.status_code == 400
    assert "JSON" in not_json.json()["detail"]
    assert client.get("/csp-report/").status_code == 405


PRODUCTION_COOKIES = """
import django
django.setup()
from django.test import Client
response = Client().post(
    "/i18n/setlang/", {"language": "en", "next": "/"}, secure=True, HTTP_HOST="example.com"
)
cookie = response.cookies["django_language"]
print(bool(cookie["secure"]), bool(cookie["httponly"]), cookie["samesite"])
"""


def test_the_language_cookie_is_secure_http_only_and_lax_in_production():
    result = run(sys.executable, "-c", PRODUCTION_COOKIES, environment=production_environment())

    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-3:] == ["True", "True", "Lax"]


def test_the_deploy_check_stays_clean_with_the_policy():
    result = run(
        sys.executable,
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        environment=production_environment(),
    )
    assert result.returncode == 0, result.stdout + result.stderr
