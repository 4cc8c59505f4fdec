"""When Redis fails, readers get fresh answers, never stale visibility, never a 500 or a hang.

Each test starts a redis-server of its own on a free port, then fills, freezes or
stops it, as production's Redis may be.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import redis

from articles.models import ArticleStatus
from newsroom.environment import redis_cache
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)

ARTICLE_URLS = ["/articles/ceasefire-talks-resume/", "/api/v1/articles/ceasefire-talks-resume/"]


@dataclass
class RedisServer:
    process: subprocess.Popen
    url: str
    client: redis.Redis


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_server() -> Iterator[RedisServer]:
    """A redis-server for this test alone, keeping nothing on disk."""
    executable = shutil.which("redis-server")
    assert executable, "these tests need redis-server (apt-get install redis-server)"
    port = free_port()
    process = subprocess.Popen(
        [
            executable,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
    )
    client = redis.Redis(port=port, socket_timeout=5)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    yield RedisServer(process, f"redis://127.0.0.1:{port}/0", client)
    with_signal(process, signal.SIGCONT)
    process.kill()
    process.wait()


def with_signal(process: subprocess.Popen, number: int) -> None:
    if process.poll() is None:
        os.kill(process.pid, number)


@pytest.fixture
def cached_through(settings):
    """Point the project's cache at a server, as settings.py would, with caching on."""

    def use(server: RedisServer) -> None:
        settings.CACHES = {
            "default": redis_cache(server.url, timeout=settings.REDIS_TIMEOUT_SECONDS)
        }
        settings.RESPONSE_CACHE_SECONDS = 300
        settings.API_THROTTLE_RATE = "600/minute"

    return use


@pytest.fixture
def article():
    return ArticleFactory(headline="Ceasefire talks resume", slug="ceasefire-talks-resume")


def test_an_unpublished_article_is_not_served_from_a_full_cache(
    client, redis_server, cached_through, article
):
    cached_through(redis_server)
    for url in ARTICLE_URLS:
        assert client.get(url).status_code == 200  # now cached
    # Full, and refusing writes: reads and deletes still work, INCR and SET do not.
    redis_server.client.config_set("maxmemory-policy", "noeviction")
    redis_server.client.config_set("maxmemory", 1)
    with pytest.raises(redis.ResponseError, match="maxmemory"):
        redis_server.client.set("probe", "x")

    article.status = ArticleStatus.DRAFT
    article.save()

    for url in ARTICLE_URLS:
        assert client.get(url).status_code == 404, url


def test_the_cache_serves_again_once_redis_takes_writes(
    client, redis_server, cached_through, article, django_assert_num_queries
):
    cached_through(redis_server)
    redis_server.client.config_set("maxmemory-policy", "noeviction")
    redis_server.client.config_set("maxmemory", 1)
    article.save()
    redis_server.client.config_set("maxmemory", 0)

    client.get(ARTICLE_URLS[0])
    with django_assert_num_queries(0):
        assert client.get(ARTICLE_URLS[0]).status_code == 200


def test_every_reader_is_served_while_redis_is_down(client, redis_server, cached_through, article):
    cached_through(redis_server)
    redis_server.process.kill()
    redis_server.process.wait()

    for url in [*ARTICLE_URLS, "/", "/api/v1/articles/", "/api/v1/authors/", "/feeds/rss/"]:
        assert client.get(url).status_code == 200, url


def test_a_hung_redis_costs_a_request_a_fraction_of_a_second(
    client, redis_server, cached_through, article, settings
):
    cached_through(redis_server)
    client.get(ARTICLE_URLS[1])  # connected, cached
    os.kill(redis_server.process.pid, signal.SIGSTOP)
    answers: list[int] = []

    def read() -> None:
        answers.extend(client.get(url).status_code for url in ARTICLE_URLS)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    # Each request meets a few timed-out Redis calls (the throttle, the generation, the
    # page); without timeouts it would wait for as long as Redis is frozen.
    reader.join(timeout=10)
    os.kill(redis_server.process.pid, signal.SIGCONT)
    reader.join(timeout=30)

    assert answers == [200, 200]
    assert settings.REDIS_TIMEOUT_SECONDS < 1
