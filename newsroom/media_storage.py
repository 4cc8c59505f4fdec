"""Where uploaded photos and their renditions are stored: the media folder or an object store."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

FILESYSTEM = "filesystem"
S3 = "s3"
S3_BACKEND = "storages.backends.s3.S3Storage"
# Renditions never change under one name (the original's name carries its content hash).
RENDITION_CACHE_CONTROL = "public, max-age=31536000, immutable"


def media_storages(environment: Mapping[str, str]) -> dict[str, dict]:
    """The STORAGES entries for media (``default``, and ``renditions`` on S3) by MEDIA_STORAGE."""
    kind = (environment.get("MEDIA_STORAGE") or FILESYSTEM).strip().lower()
    if kind == FILESYSTEM:
        return {"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    if kind != S3:
        raise ImproperlyConfigured(
            f"MEDIA_STORAGE must be {FILESYSTEM!r} or {S3!r}, not {kind!r} (docs/configuration.md)."
        )
    bucket = environment.get("AWS_STORAGE_BUCKET_NAME", "").strip()
    if not bucket:
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME.")
    common = {
        "bucket_name": bucket,
        "endpoint_url": environment.get("AWS_S3_ENDPOINT_URL") or None,
        "region_name": environment.get("AWS_S3_REGION_NAME") or None,
        "access_key": environment.get("AWS_ACCESS_KEY_ID") or None,
        "secret_key": environment.get("AWS_SECRET_ACCESS_KEY") or None,
        "addressing_style": environment.get("AWS_S3_ADDRESSING_STYLE") or None,
        # An uploaded name that exists already gets a suffix: one photo never replaces another.
        "file_overwrite": False,
        "default_acl": None,
    }
    return {
        # Originals (with the photographer's EXIF) stay private: links to them are signed and
        # expire, and only the admin shows them.
        "default": {
            "BACKEND": S3_BACKEND,
            "OPTIONS": {
                **common,
                "location": environment.get("AWS_MEDIA_PREFIX", "originals").strip("/"),
                "querystring_auth": True,
                "querystring_expire": 3600,
            },
        },
        # Renditions are public (the bucket policy of docs/production.md lets anyone read
        # renditions/*), long cached, possibly behind a CDN domain.
        "renditions": {
            "BACKEND": S3_BACKEND,
            "OPTIONS": {
                **common,
                "location": "",
                "querystring_auth": False,
                "custom_domain": environment.get("AWS_S3_CUSTOM_DOMAIN") or None,
                "url_protocol": environment.get("AWS_S3_URL_PROTOCOL") or "https:",
                "object_parameters": {"CacheControl": RENDITION_CACHE_CONTROL},
            },
        },
    }
