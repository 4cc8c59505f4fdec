"""Throttling of anonymous API clients, at the rate of the API_THROTTLE_RATE setting."""

import logging

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle

logger = logging.getLogger(__name__)


class AnonymousRateThrottle(AnonRateThrottle):
    """DRF's per-address throttle, with its rate read from settings on each request.

    DRF reads DEFAULT_THROTTLE_RATES once at import; reading the setting here keeps it
    configurable from the environment and overridable in tests. None turns it off.
    """

    def get_rate(self) -> str | None:
        return settings.API_THROTTLE_RATE

    def allow_request(self, request, view) -> bool:
        # The history of requests lives in the shared cache (Redis). When it is down or
        # hung, readers are served unthrottled rather than refused: an outage of the
        # cache must not become an outage of the API.
        try:
            return super().allow_request(request, view)
        except Exception:
            logger.warning("API throttling is off: the cache is unavailable", exc_info=True)
            return True
