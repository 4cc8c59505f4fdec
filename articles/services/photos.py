"""Article photos: what an upload must be and how its original is stored."""

from __future__ import annotations

import hashlib
import io
import warnings
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

# Pillow format name -> the extension the stored file gets, whatever the upload was called.
# MPO is what phones write (a JPEG with a second, depth or preview, frame): a JPEG to readers.
ALLOWED_FORMATS = {"JPEG": ".jpg", "MPO": ".jpg", "PNG": ".png", "WEBP": ".webp"}
# How many hex digits of the content's SHA-256 the stored name carries.
NAME_HASH_DIGITS = 12
STEM_CHARACTERS = 40
MAX_PHOTO_BYTES = 20 * 1024 * 1024
MAX_PHOTO_PIXELS = 40_000_000
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
    """The photo upright (EXIF orientation applied), named after its content and real format.

    The name carries a hash of the bytes (``kyiv-3f2a9c01b4d7.jpg``): two photos uploaded
    under one name never share a name, hence never a rendition.
    """
    file.seek(0)
    data = file.read()
    with Image.open(io.BytesIO(data)) as image:
        extension = ALLOWED_FORMATS[image.format]
        if image.getexif().get(EXIF_ORIENTATION, 1) != 1:
            upright = ImageOps.exif_transpose(image)
            output = io.BytesIO()
            # An MPO's extra frames are previews: the upright photo is saved as a plain JPEG.
            save_format = "JPEG" if image.format == "MPO" else image.format
            options = {"quality": 92} if save_format in {"JPEG", "WEBP"} else {}
            upright.save(output, format=save_format, **options)
            data = output.getvalue()
        # Otherwise already upright: the photographer's bytes are kept untouched.
    # Short enough that the field's 100 characters never cut the hash off.
    stem = PurePosixPath(PurePosixPath(file.name or "photo").name).stem[:STEM_CHARACTERS] or "photo"
    digest = hashlib.sha256(data).hexdigest()[:NAME_HASH_DIGITS]
    return ContentFile(data, name=f"{stem}-{digest}{extension}")
