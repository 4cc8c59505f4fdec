"""GET /api/v1/schema/: drf-spectacular's schema view, refusing a version it does not have."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView


class ApiSchemaView(SpectacularAPIView):
    """The one schema of API v1; ``?version=`` names nothing here and is refused.

    drf-spectacular would print any ``version`` into the schema's title and its
    Content-Disposition header, where a line break is a server error.
    """

    version_message = _("The API has one schema, for v1: leave version out.")

    @extend_schema(exclude=True)  # the schema is no endpoint of the API it describes
    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.GET.get("version"):
            # JSON like every error of the API, whatever format the schema is asked in.
            return JsonResponse({"version": [str(self.version_message)]}, status=400)
        return super().get(request, *args, **kwargs)
