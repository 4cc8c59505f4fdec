"""Content-Security-Policy: strict everywhere, scripts with a nonce where the admin needs them."""

import json
import logging

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

logger = logging.getLogger("newsroom.csp")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with script-src opened to 'self' and a nonce on scripted paths."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(settings.CSP_SCRIPTED_PATH_PREFIXES):
            parts.replace = {
                "script-src": settings.CSP_SCRIPTED_SCRIPT_SRC,
                **(parts.replace or {}),
            }
        return parts


@csrf_exempt  # Browsers send reports without a CSRF token; the view only writes a log line.
@require_POST
def csp_report(request: HttpRequest) -> HttpResponse:
    """Log one browser's CSP violation report as one JSON log line; 204."""
    length = request.headers.get("Content-Length", "")
    if not length.isdigit() or int(length) > settings.CSP_REPORT_MAX_BYTES:
        return JsonResponse({"detail": _("The report is missing or too large.")}, status=413)
    try:
        report = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        return JsonResponse({"detail": _("The report is not JSON.")}, status=400)
    if isinstance(report, dict):
        report = report.get("csp-report", report)
    logger.warning("Content-Security-Policy violation", extra={"csp_report": report})
    return HttpResponse(status=204)
