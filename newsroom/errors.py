"""The last-resort error page: JSON for API clients, the stand-alone 500.html for readers."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults


def server_error(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Server error; it has been logged."}, status=500)
    return defaults.server_error(request)
