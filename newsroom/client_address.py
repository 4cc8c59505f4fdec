"""The client's address, read as the API throttle reads it (API_TRUSTED_PROXIES)."""

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The address of the client behind API_TRUSTED_PROXIES proxies, like DRF's NUM_PROXIES."""
    remote_addr = request.META.get("REMOTE_ADDR", "")
    trusted_proxies = settings.API_TRUSTED_PROXIES
    forwarded_for = request.META.get("HTTP_X_FORWARDED_FOR")
    # With no trusted proxy, a forged X-Forwarded-For must not choose whose lockout counts.
    if not trusted_proxies or not forwarded_for:
        return remote_addr
    addresses = [address.strip() for address in forwarded_for.split(",") if address.strip()]
    if not addresses:
        return remote_addr
    return addresses[-min(trusted_proxies, len(addresses))]
