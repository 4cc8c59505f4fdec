"""Error pages: JSON for API clients, the site's own pages for readers."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext
from django.views import defaults


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    # Any path under /api/, even one that names no version or endpoint, answers JSON.
    # Resolved here rather than by a catch-all URL, so APPEND_SLASH still redirects.
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": gettext("Not found.")}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": gettext("Server error; it has been logged.")}, status=500)
    return defaults.server_error(request)
