"""Login lockout (django-axes): five wrong passwords lock one user at one address for a while."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.hashers import MD5PasswordHasher
from django.test import Client
from playwright.sync_api import expect

from tests.factories import USER_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN_URL = "/admin/login/?next=/admin/"
FRENCH_LOCKOUT = "Trop de tentatives de connexion"


def log_in(client, password: str, address: str = "203.0.113.7", username: str = "desk"):
    return client.post(
        LOGIN_URL,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE="fr",
    )


def fail_five_times(client, address: str = "203.0.113.7") -> None:
    """Five wrong passwords: the fifth failure is the one that locks out."""
    for _attempt in range(4):
        assert log_in(client, "wrong password", address).status_code == 200
    assert log_in(client, "wrong password", address).status_code == 429


@pytest.fixture
def desk_user():
    return UserFactory(username="desk", groups=["Contributors"])


def test_the_sixth_attempt_with_the_right_password_is_refused_in_french(client, desk_user):
    fail_five_times(client)

    response = log_in(client, USER_PASSWORD)

    assert response.status_code == 429
    text = response.content.decode()
    assert FRENCH_LOCKOUT in text
    assert "réessayez dans 15 minutes" in text
    assert response["Retry-After"] == "900"
    assert "_auth_user_id" not in client.session


def test_a_locked_out_login_is_refused_before_the_password_is_hashed(client, desk_user, settings):
    settings.PASSWORD_HASHERS = ["tests.newsroom.test_login_lockout.CountingHasher"]
    CountingHasher.calls.clear()
    fail_five_times(client)
    assert CountingHasher.calls == ["verify"] * 5

    assert log_in(client, USER_PASSWORD).status_code == 429
    assert CountingHasher.calls == ["verify"] * 5


def test_the_same_user_from_another_address_is_not_locked_out(client, desk_user):
    fail_five_times(client, address="203.0.113.7")

    response = log_in(client, USER_PASSWORD, address="198.51.100.20")

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(desk_user.pk)


def test_behind_a_trusted_proxy_the_forwarded_address_is_the_one_locked_out(
    client, desk_user, settings
):
    settings.API_TRUSTED_PROXIES = 1
    for _attempt in range(5):
        client.post(
            LOGIN_URL,
            {"username": "desk", "password": "wrong"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.7",
        )

    attempt = AccessAttempt.objects.get()
    assert attempt.ip_address == "203.0.113.7"
    other_client = client.post(
        LOGIN_URL,
        {"username": "desk", "password": USER_PASSWORD, "next": "/admin/"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.20",
    )
    assert other_client.status_code == 302


def test_an_editor_unlocks_the_user_who_then_logs_in(client, desk_user, editor_client):
    fail_five_times(client)
    attempt = AccessAttempt.objects.get(username="desk")

    listing = editor_client.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200
    assert "desk" in listing.content.decode()
    unlocked = editor_client.post(
        "/admin/axes/accessattempt/",
        {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
    )
    assert unlocked.status_code == 302
    assert not AccessAttempt.objects.exists()

    response = log_in(Client(), USER_PASSWORD)
    assert response.status_code == 302


def test_contributors_cannot_see_lockouts(contributor_client):
    assert contributor_client.get("/admin/axes/accessattempt/").status_code == 403


def test_a_successful_login_clears_earlier_failures(client, desk_user):
    for _attempt in range(4):
        log_in(client, "wrong password")
    assert log_in(client, USER_PASSWORD).status_code == 302
    client.logout()

    for _attempt in range(4):
        log_in(client, "wrong password")
    assert log_in(client, USER_PASSWORD).status_code == 302


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_lockout_page_in_chromium(page, screenshots_folder):
    UserFactory(username="desk", groups=["Contributors"])
    page.set_default_timeout(10_000)
    for password in ["wrong 1", "wrong 2", "wrong 3", "wrong 4", "wrong 5", USER_PASSWORD]:
        page.goto(LOGIN_URL)
        page.fill("#id_username", "desk")
        page.fill("#id_password", password)
        page.click("input[type=submit]")

    alert = page.get_by_role("alert")
    expect(alert).to_contain_text(FRENCH_LOCKOUT)
    expect(alert).to_contain_text("réessayez dans 15 minutes")
    expect(page.locator("#id_password")).to_have_count(0)
    page.screenshot(path=screenshots_folder / "admin-lockout.png", full_page=True)


class CountingHasher(MD5PasswordHasher):
    """The test hasher, counting its uses: a locked-out login must never reach it."""

    calls: list[str] = []

    def verify(self, password: str, encoded: str) -> bool:
        self.calls.append("verify")
        return super().verify(password, encoded)
