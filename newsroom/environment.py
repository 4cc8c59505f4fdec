"""Typed readers of environment variables, so settings fail loudly on bad values."""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def load_local_env_file(path: Path) -> None:
    """Read KEY=VALUE lines of the local run's .env into the environment, if the file exists.

    The real environment always wins, so nothing in the file can override what a server
    sets. Blank lines and # comments are skipped; values are taken as written.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return
    for number, line in enumerate(lines, start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, equals, value = line.partition("=")
        if not equals or not name.strip().isidentifier():
            raise ImproperlyConfigured(f"{path}, line {number}: expected NAME=VALUE, got {line!r}.")
        os.environ.setdefault(name.strip(), value.strip())


def env_str(name: str) -> str:
    return os.environ.get(name, "").strip()


def env_bool(name: str, *, default: bool) -> bool:
    if name not in os.environ:
        return default
    value = env_str(name).lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off; got {value!r}."
    )


def env_int(name: str, *, default: int) -> int:
    value = env_str(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {value!r}.") from None


def env_float(name: str, *, default: float) -> float:
    value = env_str(name)
    if not value:
        return default
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0 < number < float("inf"):
        raise ImproperlyConfigured(f"{name} must be a positive number of seconds; got {value!r}.")
    return number


def env_list(name: str, *, default: list[str]) -> list[str]:
    if name not in os.environ:
        return default
    return [item.strip() for item in env_str(name).split(",") if item.strip()]


def redis_cache(location: str, *, timeout: float) -> dict:
    """A CACHES entry for Redis whose every connect and read gives up after ``timeout``."""
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": location,
        "KEY_PREFIX": "newsroom",
        # A hung Redis costs each request at most this, then the request goes on without
        # the cache (docs/production.md, "When Redis fails").
        "OPTIONS": {"socket_connect_timeout": timeout, "socket_timeout": timeout},
    }
