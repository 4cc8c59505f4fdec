"""Shared fixtures: wire files, browser, and the rules for skipping.

Browser tests need Debian's Chromium; PostgreSQL tests need a PostgreSQL
DATABASE_URL. On a laptop without them they skip with a notice at the end of
the run. CI sets NEWSROOM_REQUIRE_BROWSER / NEWSROOM_REQUIRE_POSTGRES, under
which they fail instead.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from hypothesis import settings as hypothesis_settings

from tests.browsers import close_quietly

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures"
WIRE = Path(__file__).resolve().parent / "ingest" / "wire"
SEED_PATH = FIXTURES / "000_b7a23fd024b318f7.txt"
CHROMIUM = os.environ.get("NEWSROOM_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"

REQUIRE_BROWSER = os.environ.get("NEWSROOM_REQUIRE_BROWSER") == "1"
REQUIRE_POSTGRES = os.environ.get("NEWSROOM_REQUIRE_POSTGRES") == "1"

hypothesis_settings.register_profile("ci", derandomize=True, deadline=None)
hypothesis_settings.register_profile("default", deadline=None)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "default")

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls
# made by the test itself are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _chromium_available() -> bool:
    return Path(CHROMIUM).is_file()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Under NEWSROOM_REQUIRE_BROWSER the tests run anyway, and fail on launching Chromium.
    if REQUIRE_BROWSER or _chromium_available():
        return
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=f"Chromium not found at {CHROMIUM}"))


@pytest.fixture(autouse=True)
def _postgres_only(request: pytest.FixtureRequest) -> None:
    if request.node.get_closest_marker("postgres") is None:
        return
    request.getfixturevalue("db")
    if connection.vendor != "postgresql":
        if REQUIRE_POSTGRES:
            pytest.fail("NEWSROOM_REQUIRE_POSTGRES=1 but the database is " + connection.vendor)
        pytest.skip("needs PostgreSQL (set DATABASE_URL to a PostgreSQL server)")


def _database_vendor() -> str | None:
    # None when Django is not set up, e.g. the pure-Python parser tests run with -p no:django.
    try:
        return connection.vendor
    except ImproperlyConfigured:
        return None


@pytest.fixture(scope="session", autouse=True)
def _database_is_the_one_required() -> None:
    if REQUIRE_POSTGRES and _database_vendor() != "postgresql":
        pytest.fail("NEWSROOM_REQUIRE_POSTGRES=1 but DATABASE_URL is not PostgreSQL")


def pytest_terminal_summary(terminalreporter) -> None:
    # Counted from the skip reports themselves, so the notice also holds under pytest-xdist,
    # whose workers run the tests in other processes.
    reasons = Counter(
        report.longrepr[2].removeprefix("Skipped: ")
        for report in terminalreporter.stats.get("skipped", [])
        if isinstance(report.longrepr, tuple)
    )
    for reason, count in sorted(reasons.items()):
        terminalreporter.write_line(
            f"NOTICE: {count} tests skipped: {reason}", yellow=True, bold=True
        )
    if vendor := _database_vendor():
        terminalreporter.write_line(f"Database under test: {vendor}")


@pytest.fixture
def seed_path() -> Path:
    return SEED_PATH


@pytest.fixture
def screenshots_folder(tmp_path: Path) -> Path:
    """Where browser tests save screenshots: docs/screenshots/ only when refreshing the docs."""
    if os.environ.get("NEWSROOM_UPDATE_SCREENSHOTS") == "1":
        return REPO / "docs" / "screenshots"
    return tmp_path


@pytest.fixture
def media_root(tmp_path: Path, settings) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(scope="session")
def object_store_url() -> Iterator[str]:
    """A real S3-compatible server (moto's standalone server) on a free loopback port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server_command = Path(sys.executable).with_name("moto_server")
    process = subprocess.Popen(
        [str(server_command), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(f"moto_server did not start on port {port}") from None
            time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server) -> Iterator:
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    page = context.new_page()
    yield page
    close_quietly(context)


# The editorial desk's users, one per group, and test clients logged in as them. Factories are
# imported inside: the pure-Python parser tests run without Django.


@pytest.fixture
def editor():
    from tests.factories import UserFactory

    return UserFactory(username="editor", groups=["Editors"])


@pytest.fixture
def contributor():
    from tests.factories import UserFactory

    return UserFactory(username="contributor", groups=["Contributors"])


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def contributor_client(client, contributor):
    client.force_login(contributor)
    return client


REDIS_URL = os.environ.get("REDIS_URL", "")


@pytest.fixture(params=["per-process", "redis"])
def response_cache(request, settings) -> Iterator[str]:
    """Turn response caching on, in a cache of its own for this test."""
    if request.param == "redis":
        if not REDIS_URL:
            pytest.skip("Redis cache tests need REDIS_URL (e.g. redis://127.0.0.1:6379/0)")
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": REDIS_URL,
                # A prefix of its own: no other test or run shares these keys.
                "KEY_PREFIX": f"newsroom-test-{uuid.uuid4().hex}",
            }
        }
    else:
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": uuid.uuid4().hex,
            }
        }
    settings.RESPONSE_CACHE_SECONDS = 300
    yield request.param
    from django.core.cache import cache

    from newsroom.response_cache import GENERATION_KEY

    cache.delete(GENERATION_KEY)
