"""A real webhook receiver on loopback, and real `run_worker` processes on the test database."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import redis
from django.db import connection

from tests.conftest import REPO

# The broker the worker tests use: the one CI and developers set, else a local default.
BROKER_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
# Short enough for the tests to be quick, long enough for a loaded machine.
WORKER_SETTINGS = {
    "WORKER_POLL_SECONDS": "0.2",
    "WEBHOOK_TIMEOUT_SECONDS": "1",
    "WEBHOOK_RETRY_FIRST_DELAY_SECONDS": "0.2",
    "WEBHOOK_RETRY_MAX_DELAY_SECONDS": "0.5",
    "WEBHOOK_RETRY_FOR_SECONDS": "60",
    "WEBHOOK_CLAIM_MARGIN_SECONDS": "0.5",
}
# What a "slow" answer takes: longer than the worker's time-out above.
SLOW_SECONDS = 3


def wait_for(condition: Callable[[], object], timeout: float = 15, message: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting: {message}")
        time.sleep(0.05)


@dataclass(frozen=True)
class Received:
    path: str
    event_id: int
    signature: str
    body: bytes

    @property
    def json(self) -> dict:
        return json.loads(self.body)


class Receiver:
    """An HTTP server on 127.0.0.1 that records every POST and answers as each path is told.

    Answers: "ok" (204), "500", "slow" (200 after longer than the worker's time-out), and
    "hold" (answers only once ``release()`` is called).
    """

    def __init__(self) -> None:
        self.requests: list[Received] = []
        self.plans: dict[str, list[str]] = {}
        self.defaults: dict[str, str] = {}
        self.lock = threading.Lock()
        self.released = threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                answer = receiver.record(
                    Received(
                        self.path,
                        int(self.headers["X-Newsroom-Event-Id"]),
                        self.headers["X-Newsroom-Signature"],
                        body,
                    )
                )
                if answer == "slow":
                    time.sleep(SLOW_SECONDS)
                elif answer == "hold":
                    receiver.released.wait(30)
                self.send_response(500 if answer == "500" else 204)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def answer(self, path: str, *first: str, then: str = "ok") -> None:
        with self.lock:
            self.plans[path] = list(first)
            self.defaults[path] = then

    def record(self, request: Received) -> str:
        with self.lock:
            self.requests.append(request)
            plan = self.plans.get(request.path, [])
            return plan.pop(0) if plan else self.defaults.get(request.path, "ok")

    def event_ids(self, path: str) -> list[int]:
        with self.lock:
            return [request.event_id for request in self.requests if request.path == path]

    def received(self, path: str) -> list[Received]:
        with self.lock:
            return [request for request in self.requests if request.path == path]

    def release(self) -> None:
        self.released.set()

    def close(self) -> None:
        self.release()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    receiver = Receiver()
    yield receiver
    receiver.close()


def database_url() -> str:
    """The test database, as DATABASE_URL, for a process of its own."""
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{database['NAME']}"
    credentials = database["USER"] + (f":{database['PASSWORD']}" if database["PASSWORD"] else "")
    port = f":{database['PORT']}" if database["PORT"] else ""
    return f"postgres://{credentials}@{database['HOST'] or 'localhost'}{port}/{database['NAME']}"


@pytest.fixture
def broker() -> Iterator[str]:
    """Redis as the worker's broker, with a queue of this test's own; fails if Redis is down."""
    client = redis.Redis.from_url(BROKER_URL, socket_timeout=5)
    try:
        client.ping()
    except redis.RedisError as error:
        pytest.fail(f"The worker tests need Redis at {BROKER_URL} (set REDIS_URL): {error}")
    queue = f"newsroom-test-{uuid.uuid4().hex}"
    yield queue
    for key in client.scan_iter(match=f"*{queue}*"):
        client.delete(key)


@dataclass
class Workers:
    environment: dict[str, str]
    logs: Path
    started: list[subprocess.Popen]

    def start(self, **settings: str) -> subprocess.Popen:
        """A `manage.py run_worker` process; settings override WORKER_SETTINGS."""
        log = (self.logs / f"worker-{len(self.started)}.log").open("w")
        process = subprocess.Popen(
            [sys.executable, "manage.py", "run_worker", "--concurrency", "4"],
            cwd=REPO,
            env=self.environment | settings,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.started.append(process)
        return process

    def kill(self, process: subprocess.Popen) -> None:
        """SIGKILL: the worker dies at once, wherever it is, as on a power cut."""
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)

    def stop(self, process: subprocess.Popen) -> int:
        """SIGTERM: the worker finishes what it is sending, then exits."""
        process.send_signal(signal.SIGTERM)
        try:
            return process.wait(10)
        except subprocess.TimeoutExpired:
            self.kill(process)
            raise

    def log_text(self) -> str:
        return "\n".join(path.read_text() for path in sorted(self.logs.glob("worker-*.log")))


@pytest.fixture
def workers(transactional_db, broker, tmp_path) -> Iterator[Workers]:
    """Start workers on the test database (committed rows: transactional_db) and the broker."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "CELERY_", "WEBHOOK_", "WORKER_"))
    }
    environment |= WORKER_SETTINGS | {
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DJANGO_ENV_FILE": "",
        "DJANGO_SECRET_KEY": "worker-test-secret-key-not-for-production-0123456789",
        "DJANGO_LOG_FORMAT": "json",
        "DATABASE_URL": database_url(),
        "REDIS_URL": BROKER_URL,
        "CELERY_QUEUE": broker,
        "NEWSROOM_PUBLIC_URL": "http://testserver",
    }
    workers = Workers(environment, tmp_path, [])
    yield workers
    for process in workers.started:
        if process.poll() is None:
            workers.kill(process)
