"""Top-level URLs: the admin, the read API, the public site."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from newsroom import errors
from newsroom.content_security import csp_report
from newsroom.health import healthz

urlpatterns = [
    path("admin/", admin.site.urls),
    # Django's set_language view, for the admin's language switch.
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("api.urls")),
    path("healthz", healthz, name="healthz"),
    path("csp-report/", csp_report, name="csp-report"),
    path("", include("website.urls")),
]

handler404 = errors.page_not_found
handler500 = errors.server_error

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
