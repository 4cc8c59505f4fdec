"""Typed readers of environment variables, so settings fail loudly on bad values."""

import os

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


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


def env_list(name: str, *, default: list[str]) -> list[str]:
    if name not in os.environ:
        return default
    return [item.strip() for item in env_str(name).split(",") if item.strip()]
