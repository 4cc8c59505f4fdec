"""Throttling of anonymous API clients, at the rate of the API_THROTTLE_RATE setting."""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle


class AnonymousRateThrottle(AnonRateThrottle):
    """DRF's per-address throttle, with its rate read from settings on each request.

    DRF reads DEFAULT_THROTTLE_RATES once at import; reading the setting here keeps it
    configurable from the environment and overridable in tests. None turns it off.
    """

    def get_rate(self) -> str | None:
        return settings.API_THROTTLE_RATE
