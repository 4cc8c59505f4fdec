"""/media/ on one machine (MEDIA_STORAGE=filesystem): renditions of public photos, safely.

What anyone may fetch: a rendition of the photo of an article the public can see, or of the
article a preview link opens (its token in ``?preview=``). Editors (staff) may also fetch
originals and renditions of unpublished articles, for the admin. Anything else is a 404: no
directory listing, no path outside the media folder, no other file type.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils._os import safe_join
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from django.views.static import was_modified_since
from easy_thumbnails.models import Thumbnail

from articles.models import Article
from articles.previews import article_for_preview_token
from articles.services.renditions import CONTENT_TYPES, is_rendition_name
from website.photos import PREVIEW_TOKEN_PARAMETER

# Media is data, never a page: no script may run in it even if a browser were to try.
MEDIA_CONTENT_SECURITY_POLICY = "default-src 'none'; img-src 'self'; sandbox"


def source_names_of(name: str) -> list[str]:
    """The originals a rendition was made from (one, unless two storages share names)."""
    if not is_rendition_name(name):
        return []
    return list(Thumbnail.objects.filter(name=name).values_list("source__name", flat=True))


def is_public_rendition(name: str) -> bool:
    """Whether ``name`` is a rendition of the photo of an article the public can see."""
    sources = source_names_of(name)
    return bool(sources) and Article.objects.visible().filter(photo__in=sources).exists()


def is_previewed_rendition(name: str, token: str) -> bool:
    """Whether ``name`` is a rendition of the photo of the article this preview token opens."""
    if not token:
        return False
    try:
        article = article_for_preview_token(token)
    except Http404:
        return False
    return bool(article.photo) and article.photo.name in source_names_of(name)


def clean_media_name(path: str) -> str:
    """The storage name asked for, or Http404 when it tries to leave the media folder."""
    if not path or "\\" in path or "\x00" in path or path.startswith("/"):
        raise Http404
    normalised = posixpath.normpath(path)
    if normalised != path or normalised.startswith(("..", ".")) or "/." in normalised:
        # "..", "./", "//" and hidden files: a real storage name has none of them.
        raise Http404
    return normalised


@require_safe
def serve_media(request: HttpRequest, path: str) -> HttpResponse:
    """Serve one file of the media folder, if this visitor may see it."""
    name = clean_media_name(path)
    # Only image types, from this table: a guessed type could make a file served as HTML.
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in CONTENT_TYPES:
        raise Http404
    try:
        full_path = Path(safe_join(settings.MEDIA_ROOT, name))
    except SuspiciousFileOperation as error:
        raise Http404 from error
    if not full_path.is_file():
        raise Http404
    is_editor = request.user.is_active and request.user.is_staff
    public = is_public_rendition(name)
    token = request.GET.get(PREVIEW_TOKEN_PARAMETER, "")
    previewed = not public and is_previewed_rendition(name, token)
    if not (public or previewed or is_editor):
        raise Http404
    stat = full_path.stat()
    if was_modified_since(request.headers.get("If-Modified-Since"), stat.st_mtime):
        response: HttpResponse = FileResponse(
            full_path.open("rb"), content_type=CONTENT_TYPES[extension]
        )
        response["Content-Length"] = str(stat.st_size)
    else:
        response = HttpResponseNotModified()
    response["Last-Modified"] = http_date(stat.st_mtime)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = MEDIA_CONTENT_SECURITY_POLICY
    if public:
        response["Cache-Control"] = f"public, max-age={settings.MEDIA_CACHE_SECONDS}"
    else:
        # An original, or a photo not yet public: for this editor's (or preview's) browser only.
        response["Cache-Control"] = "private, no-cache"
    return response
