"""Article photos: what an upload must be, how it is stored, and its list thumbnail."""

from __future__ import annotations

import io
import warnings
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.db.models.fields.files import FieldFile
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

# Pillow format name -> the extension the stored file gets, whatever the upload was called.
ALLOWED_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
MAX_PHOTO_BYTES = 20 * 1024 * 1024
MAX_PHOTO_PIXELS = 40_000_000
THUMBNAIL_SIZE = (160, 160)
THUMBNAIL_SUFFIX = ".thumbnail.webp"
EXIF_ORIENTATION = 0x0112


def validate_photo(file: File) -> None:
    """Raise a ValidationError naming the problem unless the upload is an acceptable photo."""
    if file.size is not None and file.size > MAX_PHOTO_BYTES:
        raise ValidationError(
            _("The photo is %(size)s MB; the limit is 20 MB."),
            code="photo_too_large",
            params={"size": number_format(file.size / 1024 / 1024, 1)},
        )
    file.seek(0)
    try:
        # A bomb's header alone announces it: refuse before decoding a single pixel.
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(file)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(
            _(
                "This image claims to be enormous (a “decompression bomb”) and was refused. "
                "Upload a photo of at most 40 megapixels."
            ),
            code="decompression_bomb",
        ) from error
    except Exception as error:
        raise ValidationError(
            _("This file is not an image (or it is damaged). Upload a JPEG, PNG or WebP photo."),
            code="not_an_image",
        ) from error
    if image.format not in ALLOWED_FORMATS:
        raise ValidationError(
            _("%(format)s images are not accepted. Upload a JPEG, PNG or WebP photo."),
            code="photo_format",
            params={"format": image.format},
        )
    width, height = image.size
    if width * height > MAX_PHOTO_PIXELS:
        raise ValidationError(
            _("The photo is %(width)s by %(height)s pixels; the limit is 40 megapixels."),
            code="photo_too_many_pixels",
            params={"width": width, "height": height},
        )
    try:
        image.verify()
        # verify() checks the structure only; decoding proves the pixels are really there.
        file.seek(0)
        with Image.open(file) as decoded:
            decoded.load()
    except Exception as error:
        raise ValidationError(
            _("This image is damaged and cannot be read. Upload the photo again."),
            code="photo_damaged",
        ) from error
    finally:
        file.seek(0)


def prepare_photo(file: File) -> ContentFile:
    """The photo upright (EXIF orientation applied) under a name with its real extension."""
    file.seek(0)
    data = file.read()
    with Image.open(io.BytesIO(data)) as image:
        extension = ALLOWED_FORMATS[image.format]
        name = str(PurePosixPath(PurePosixPath(file.name or "photo").name).with_suffix(extension))
        if image.getexif().get(EXIF_ORIENTATION, 1) == 1:
            # Already upright: keep the photographer's bytes untouched.
            return ContentFile(data, name=name)
        upright = ImageOps.exif_transpose(image)
        output = io.BytesIO()
        options = {"quality": 92} if image.format in {"JPEG", "WEBP"} else {}
        upright.save(output, format=image.format, **options)
    return ContentFile(output.getvalue(), name=name)


def thumbnail_name(photo_name: str) -> str:
    """Where a photo's thumbnail lives: next to it, e.g. photos/2026/11/kyiv.thumbnail.webp."""
    return str(PurePosixPath(photo_name).with_suffix(THUMBNAIL_SUFFIX))


def save_thumbnail(photo: FieldFile) -> str | None:
    """Write (or rewrite) the small WebP shown in the admin list; returns its storage name."""
    if not photo:
        return None
    name = thumbnail_name(photo.name)
    if photo.storage.exists(name):
        return name
    try:
        with photo.open("rb") as source, Image.open(source) as image:
            image.thumbnail(THUMBNAIL_SIZE)
            if image.mode not in {"RGB", "RGBA"}:
                # WebP knows only RGB(A): CMYK JPEGs and palette PNGs are converted for it.
                image = image.convert("RGBA" if image.has_transparency_data else "RGB")
            output = io.BytesIO()
            image.save(output, format="WEBP", quality=80)
    except (OSError, Image.DecompressionBombError):
        # The thumbnail is a convenience: a photo file gone missing must not fail the save.
        return None
    return photo.storage.save(name, ContentFile(output.getvalue()))


def thumbnail_url(photo: FieldFile) -> str | None:
    """URL of the photo's thumbnail, or None when there is no photo or no thumbnail yet."""
    if not photo:
        return None
    name = thumbnail_name(photo.name)
    if not photo.storage.exists(name):
        return None
    return photo.storage.url(name)
