"""Where a webhook may point: HTTPS anywhere, plain HTTP only to this machine (for tests)."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

SECRET_MIN_LENGTH = 16


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def validate_endpoint_url(url: str) -> None:
    """Refuse anything but an HTTPS URL, or an HTTP one to a loopback address."""
    URLValidator(
        schemes=["http", "https"], message=_("Enter a full URL, such as https://example.com/hook.")
    )(url)
    parts = urlsplit(url)
    if parts.username or parts.password:
        raise ValidationError(
            _("A webhook URL may not carry a user name or password: use the secret."),
            code="credentials",
        )
    if parts.scheme == "http" and not is_loopback(parts.hostname or ""):
        raise ValidationError(
            _("Webhooks are sent over HTTPS only: plain HTTP is allowed only to this machine."),
            code="https_only",
        )


def validate_secret(secret: str) -> None:
    if len(secret) < SECRET_MIN_LENGTH:
        raise ValidationError(
            _("The secret must be at least %(count)d characters long."),
            code="secret_too_short",
            params={"count": SECRET_MIN_LENGTH},
        )
