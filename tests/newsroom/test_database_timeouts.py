"""A database that hangs never hangs the site: /healthz answers 503 in time, web statements end.

A "frozen" PostgreSQL is played by a socket that accepts connections and never
answers, which is what a stopped server looks like from the client.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
from collections.abc import Iterator

import pytest
from django.db import connection

from tests.conftest import REPO

HEALTH_CHECK = """
import time, django
django.setup()
from django.test import Client
from django.urls import resolve
resolve("/healthz")  # a running server has its URLs loaded: time the answer, not the imports
started = time.monotonic()
response = Client().get("/healthz", secure=True)
print(response.status_code, time.monotonic() - started)
"""

STATEMENT = """
import django
django.setup()
{entry_point}
from django.db import connection, OperationalError
with connection.cursor() as cursor:
    cursor.execute("SHOW statement_timeout")
    print(cursor.fetchone()[0])
    try:
        cursor.execute("SELECT pg_sleep(3)")
        print("finished")
    except OperationalError as error:
        print("cancelled:", str(error).splitlines()[0])
"""


@pytest.fixture
def frozen_database() -> Iterator[str]:
    """The URL of a database server that accepts connections and never says a word."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        yield f"postgres://postgres@127.0.0.1:{listener.getsockname()[1]}/newsroom"


def run_python(code: str, database_url: str, **environment: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env={
            **{key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")},
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "testserver",
            "DATABASE_URL": database_url,
            **environment,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_healthz_answers_503_within_two_seconds_when_the_database_is_frozen(frozen_database):
    status, seconds = run_python(HEALTH_CHECK, frozen_database).split()

    assert status == "503"
    assert float(seconds) < 2


def test_healthz_answers_503_when_nothing_listens(frozen_database):
    status, _seconds = run_python(HEALTH_CHECK, "postgres://postgres@127.0.0.1:1/newsroom").split()

    assert status == "503"


def test_settings_put_a_connect_timeout_on_postgresql(frozen_database):
    code = "import django; django.setup(); from django.conf import settings; "
    code += "print(settings.DATABASES['default']['OPTIONS']['connect_timeout'])"

    assert run_python(code, frozen_database, DATABASE_CONNECT_TIMEOUT="3") == "3"


def database_url_of_this_run() -> str:
    settings = connection.settings_dict
    return f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_web_request_statement_is_cancelled_after_the_web_timeout():
    output = run_python(
        STATEMENT.format(entry_point="import newsroom.wsgi"),
        database_url_of_this_run(),
        DATABASE_WEB_STATEMENT_TIMEOUT="1",
    )

    assert output.splitlines() == [
        "1s",
        "cancelled: canceling statement due to statement timeout",
    ]


@pytest.mark.postgres
@pytest.mark.django_db
def test_commands_such_as_the_import_have_no_statement_timeout():
    output = run_python(
        STATEMENT.format(entry_point=""),
        database_url_of_this_run(),
        DATABASE_WEB_STATEMENT_TIMEOUT="1",
    )

    assert output.splitlines() == ["0", "finished"]
