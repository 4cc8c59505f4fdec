"""Registering an endpoint: the one writer used by the command and the admin."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser

from api.models import WebhookEndpoint
from api.webhooks.deliveries import latest_event_id


def start_from_now(endpoint: WebhookEndpoint) -> None:
    """A new endpoint gets what changes from now on; GET /api/v1/changes/ has the past."""
    endpoint.last_event_id = latest_event_id()


def register(url: str, secret: str, created_by: AbstractBaseUser | None = None) -> WebhookEndpoint:
    """Validate and save a new endpoint; ValidationError names what is wrong."""
    endpoint = WebhookEndpoint(url=url, secret=secret, created_by=created_by)
    start_from_now(endpoint)
    endpoint.full_clean()
    endpoint.save()
    return endpoint
