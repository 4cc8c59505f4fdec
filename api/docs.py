"""The Swagger UI of /api/v1/docs/, with a CSP nonce on its inline script and no CSRF cookie."""

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularSwaggerView


class ApiDocsView(SpectacularSwaggerView):
    """drf-spectacular's Swagger UI: its inline script gets the request's nonce.

    The API is read-only and anonymous, so the page's script sends no CSRF token and
    readers get no CSRF cookie. Each page has its own nonce: it is never shared-cached.
    """

    template_name = "api/swagger_ui.html"
    template_name_js = "api/swagger_ui.js"

    @extend_schema(exclude=True)  # the page itself is no endpoint of the API
    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = super().get(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_store=True)
        return response
