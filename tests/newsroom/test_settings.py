"""Production settings: the deploy check, JSON logs, gunicorn's sizing and static files."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client, override_settings

from tests.conftest import REPO


def production_environment(**overrides: str) -> dict[str, str]:
    """The environment of a production server: a real secret, DEBUG unset, one host."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "GUNICORN_")) and key != "DATABASE_URL"
    }
    environment |= {
        # A server has no .env of the local run, even where a developer's checkout does.
        "DJANGO_ENV_FILE": "",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "example.com",
    }
    environment |= overrides
    return environment


def run(*command: str, environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=REPO, env=environment, capture_output=True, text=True, timeout=120
    )


def test_production_settings_pass_the_deploy_check_without_warnings():
    result = run(
        sys.executable,
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        environment=production_environment(),
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    environment = production_environment()
    del environment["DJANGO_SECRET_KEY"]

    result = run(sys.executable, "manage.py", "check", environment=environment)

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_logs_are_one_json_object_per_line():
    script = (
        "import logging, django; django.setup(); "
        "logging.getLogger('articles').warning('imported %s files', 3, extra={'failed': 1})"
    )

    result = run(sys.executable, "-c", script, environment=production_environment())

    assert result.returncode == 0, result.stderr
    entry = json.loads(result.stderr.strip().splitlines()[-1])
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "articles"
    assert entry["message"] == "imported 3 files"
    assert entry["failed"] == 1
    assert entry["time"].endswith("+00:00")


def test_a_bad_log_format_stops_the_app_with_a_message_naming_the_variable():
    environment = production_environment(DJANGO_LOG_FORMAT="xml")

    result = run(sys.executable, "manage.py", "check", environment=environment)

    assert result.returncode != 0
    assert "DJANGO_LOG_FORMAT must be plain or json" in result.stderr


@pytest.mark.parametrize("rate", ["abc", "10/fortnight", "0/minute"])
def test_a_bad_throttle_rate_stops_the_app_with_a_message_naming_the_variable(rate):
    environment = production_environment(API_THROTTLE_RATE=rate)

    result = run(sys.executable, "manage.py", "check", environment=environment)

    assert result.returncode != 0
    assert "API_THROTTLE_RATE must be like" in result.stderr


def gunicorn_settings(**overrides: str) -> dict[str, str]:
    # The interpreter running the tests, in whichever virtualenv: never a path fixed in the repo.
    result = run(
        sys.executable,
        "-m",
        "gunicorn",
        "--print-config",
        environment=production_environment(**overrides),
    )
    assert result.returncode == 0, result.stderr
    return dict(
        (part.strip() for part in line.split("=", 1))
        for line in result.stdout.splitlines()
        if "=" in line
    )


def test_gunicorn_serves_with_threaded_workers_sized_from_the_environment():
    defaults = gunicorn_settings()
    assert defaults["worker_class"] == "gthread"
    assert defaults["workers"] == str(os.cpu_count())
    assert defaults["threads"] == "4"

    sized = gunicorn_settings(GUNICORN_WORKERS="3", GUNICORN_THREADS="8", PORT="9000")
    assert (sized["workers"], sized["threads"]) == ("3", "8")
    assert sized["bind"] == "['0.0.0.0:9000']"


@pytest.mark.django_db
def test_whitenoise_serves_collected_static_files_with_far_future_caching(tmp_path):
    manifest_storage = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=tmp_path / "static", STORAGES=manifest_storage):
        call_command("collectstatic", "--noinput", verbosity=0)
        url = static("admin/css/base.css")

        response = Client().get(url, headers={"accept-encoding": "gzip"})

    assert url != "/static/admin/css/base.css", "the file name carries its content hash"
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert "immutable" in response.headers["Cache-Control"]


@pytest.mark.parametrize("timeout", ["soon", "0", "-1", "inf"])
def test_a_bad_redis_timeout_stops_the_app_with_a_message_naming_the_variable(timeout):
    environment = production_environment(REDIS_TIMEOUT_SECONDS=timeout)

    result = run(sys.executable, "manage.py", "check", environment=environment)

    assert result.returncode != 0
    assert "REDIS_TIMEOUT_SECONDS must be a positive number of seconds" in result.stderr


def test_a_missing_secret_key_is_one_line_naming_the_variable_not_a_traceback():
    environment = production_environment()
    del environment["DJANGO_SECRET_KEY"]

    result = run(sys.executable, "manage.py", "check", environment=environment)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("Error: DJANGO_SECRET_KEY must be set")


def test_the_local_env_file_of_make_run_lets_every_command_run_as_written(tmp_path):
    # `make .env` is what `make run` does first; the file then serves every manage.py command.
    made = subprocess.run(
        ["make", "-f", str(REPO / "Makefile"), ".env", f"PYTHON={sys.executable}"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert made.returncode == 0, made.stderr
    environment = production_environment(DJANGO_ENV_FILE=str(tmp_path / ".env"))
    for name in ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"):
        del environment[name]

    result = run(
        sys.executable,
        "manage.py",
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.DEBUG, len(settings.SECRET_KEY))",
        environment=environment,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "67"]


def test_the_real_environment_wins_over_the_local_env_file(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("# local\n\nDJANGO_DEBUG=1\nDJANGO_SECRET_KEY=from-the-file\n")
    environment = production_environment(DJANGO_ENV_FILE=str(env_file), DJANGO_DEBUG="0")

    result = run(
        sys.executable,
        "manage.py",
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; print(s.DEBUG, s.SECRET_KEY == 'from-the-file')",
        environment=environment,
    )

    assert result.stdout.split() == ["False", "False"]


def test_a_malformed_local_env_file_names_its_line(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("DJANGO_DEBUG=1\nthis is not a setting\n")

    result = run(
        sys.executable,
        "manage.py",
        "check",
        environment=production_environment(DJANGO_ENV_FILE=str(env_file)),
    )

    assert result.returncode == 1
    assert f"{env_file}, line 2: expected NAME=VALUE" in result.stderr
