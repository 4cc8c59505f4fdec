"""Top-level URLs: the admin, the read API, the public site."""

import re

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from newsroom import errors
from newsroom.content_security import csp_report
from newsroom.health import healthz
from newsroom.media import serve_media
from newsroom.media_storage import FILESYSTEM

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

if settings.MEDIA_STORAGE == FILESYSTEM:
    # In production too: without it, uploaded photos would 404 (docs/production.md#photos).
    media_pattern = rf"^{re.escape(settings.MEDIA_URL.strip('/'))}/(?P<path>.+)$"
    urlpatterns.insert(0, re_path(media_pattern, serve_media, name="media"))
