"""Errors to Sentry: off without SENTRY_DSN; with one, a 500 reaches it without PII."""

import gzip
import http.server
import subprocess
import sys
import threading
from collections.abc import Iterator

import pytest

from tests.conftest import REPO
from tests.newsroom.test_settings import production_environment

# In a fresh process with production settings: one request to a view that raises.
REQUEST_A_FAILING_VIEW = """
import django, sentry_sdk
django.setup()
from django.test import Client
from django.test.utils import override_settings
with override_settings(ROOT_URLCONF="tests.newsroom.raising_urls"):
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "a-session-that-must-not-leave"
    response = client.get("/failing/", secure=True, HTTP_HOST="example.com")
print(response.status_code, sentry_sdk.get_client().is_active())
sentry_sdk.flush(timeout=5)
"""


class Receiver(http.server.BaseHTTPRequestHandler):
    """A loopback Sentry: keeps each envelope it is sent."""

    received: list[bytes] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        self.received.append(body)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def sentry_receiver() -> Iterator[tuple[str, list[bytes]]]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    Receiver.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://publickey@127.0.0.1:{server.server_address[1]}/1", Receiver.received
    server.shutdown()
    server.server_close()


def request_a_failing_view(environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", REQUEST_A_FAILING_VIEW],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_without_a_dsn_settings_start_and_nothing_is_sent():
    result = request_a_failing_view(production_environment())

    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["500", "False"]


def test_with_a_dsn_a_views_500_reaches_the_receiver_without_personal_data(sentry_receiver):
    dsn, received = sentry_receiver

    result = request_a_failing_view(production_environment(SENTRY_DSN=dsn))

    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["500", "True"]
    events = b"".join(received).decode()
    assert "an editor's 500 that must reach someone" in events
    assert "RuntimeError" in events
    assert "a-session-that-must-not-leave" not in events
