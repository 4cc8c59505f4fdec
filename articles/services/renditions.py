"""What readers get instead of the original photo: resized, re-encoded copies without metadata.

The renditions are made by easy-thumbnails and stored under ``renditions/`` of the rendition
storage (the media folder, or the object store's public prefix). Their names keep the whole
name of the original (``kyiv-3f2a9c01b4d7.jpg.960x0_q82.webp``), and originals are named after
their content (``articles/services/photos.py``), so two photos never share a rendition.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.files.storage import Storage, default_storage, storages
from django.db.models.fields.files import FieldFile
from easy_thumbnails.exceptions import EasyThumbnailsError
from easy_thumbnails.files import ThumbnailerFieldFile
from easy_thumbnails.models import Thumbnail
from PIL import Image

if TYPE_CHECKING:
    from articles.models import Article

logger = logging.getLogger(__name__)

RENDITIONS_FOLDER = "renditions"
# The storage alias used for renditions when settings define it (MEDIA_STORAGE=s3).
RENDITION_STORAGE_ALIAS = "renditions"
# Metadata that may say where and when a photo was taken, or by which device: never public.
# The colour profile stays (it is how the colours look), and so does transparency.
PRIVATE_METADATA_KEYS = ("exif", "xmp", "XML:com.adobe.xmp", "comment", "photoshop", "iptc")


@dataclass(frozen=True)
class RenditionSpec:
    """One size of a photo: its bounding box, whether it is cropped to it, and its format."""

    width: int
    height: int = 0
    crop: bool = False
    extension: str = "jpg"
    quality: int = 82

    @property
    def options(self) -> dict:
        options: dict = {"size": (self.width, self.height), "quality": self.quality}
        if self.crop:
            options["crop"] = "smart"
        return options


# Widths of the article page's srcset, each in WebP and in JPEG for older readers.
PAGE_WIDTHS = (480, 960, 1440)
RENDITIONS: dict[str, RenditionSpec] = {
    **{f"page-{width}-webp": RenditionSpec(width, extension="webp") for width in PAGE_WIDTHS},
    **{f"page-{width}-jpeg": RenditionSpec(width) for width in PAGE_WIDTHS},
    # Feed readers want one image of a reasonable size, in a format all of them read.
    "feed": RenditionSpec(800),
    # Link previews (og:image, twitter:image): 1.91:1, the size their documentation asks for.
    "social": RenditionSpec(1200, 630, crop=True),
    # The editors' list and form.
    "admin": RenditionSpec(160, 160, extension="webp", quality=80),
}
# What the API and ninjs list (the admin's preview is for editors only).
PUBLIC_RENDITIONS = tuple(name for name in RENDITIONS if name != "admin")
# The API's and ninjs's main "url": the largest page rendition, never the original.
LARGE = f"page-{PAGE_WIDTHS[-1]}-jpeg"


@dataclass(frozen=True)
class Rendition:
    """A stored rendition: where readers fetch it and its real size in pixels."""

    name: str
    url: str
    width: int
    height: int
    content_type: str


def strip_private_metadata(image: Image.Image, **kwargs) -> Image.Image:
    """easy-thumbnails processor: drop EXIF (GPS above all), XMP and comments before saving."""
    for key in PRIVATE_METADATA_KEYS:
        image.info.pop(key, None)
    return image


def rendition_storage() -> Storage:
    """Where renditions are written: their own storage when configured, else the media one."""
    if RENDITION_STORAGE_ALIAS in settings.STORAGES:
        return storages[RENDITION_STORAGE_ALIAS]
    return default_storage


def _thumbnailer(photo: FieldFile, spec: RenditionSpec) -> ThumbnailerFieldFile:
    thumbnailer = ThumbnailerFieldFile(photo.instance, photo.field, photo.name)
    thumbnailer.thumbnail_storage = rendition_storage()
    thumbnailer.thumbnail_extension = spec.extension
    # A transparent photo stays transparent: WebP keeps the alpha channel, JPEG cannot.
    thumbnailer.thumbnail_transparency_extension = "webp" if spec.extension == "webp" else "png"
    thumbnailer.thumbnail_preserve_extensions = ()
    return thumbnailer


def rendition(photo: FieldFile, name: str) -> Rendition | None:
    """The rendition called ``name`` of the photo, made on first use; None without a photo."""
    if not photo:
        return None
    spec = RENDITIONS[name]
    try:
        thumbnail = _thumbnailer(photo, spec).get_thumbnail(spec.options)
        width, height = thumbnail.width, thumbnail.height
    except (EasyThumbnailsError, OSError, Image.DecompressionBombError):
        # A missing or unreadable original must not break the page that shows it.
        logger.warning("No rendition %s of %s", name, photo.name, exc_info=True)
        return None
    return Rendition(
        name=thumbnail.name,
        url=thumbnail.url,
        width=width,
        height=height,
        content_type=content_type_of(thumbnail.name),
    )


def content_type_of(name: str) -> str:
    """The image type of a rendition, from its extension (renditions are only these types)."""
    return CONTENT_TYPES.get(name.rsplit(".", 1)[-1].lower(), "application/octet-stream")


CONTENT_TYPES = {
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
}


def renditions_of_many(
    photos: list[FieldFile], names: tuple[str, ...]
) -> dict[str, dict[str, Rendition]]:
    """The renditions ``names`` of each photo, by photo name then rendition name.

    One query finds those already made (with their sizes), whatever the number of photos;
    only missing ones are made. Renditions that cannot be made are left out.
    """
    photos = [photo for photo in photos if photo]
    if not photos:
        return {}
    storage = rendition_storage()
    expected: dict[tuple[str, str], str] = {}
    for photo in photos:
        for name in names:
            spec = RENDITIONS[name]
            thumbnailer = _thumbnailer(photo, spec)
            options = thumbnailer.get_options(spec.options)
            for transparent in (False, True):
                stored_name = thumbnailer.get_thumbnail_name(options, transparent=transparent)
                expected[(photo.name, stored_name)] = name
    stored = Thumbnail.objects.filter(
        source__name__in={photo.name for photo in photos},
        name__in={stored_name for _, stored_name in expected},
    ).values_list("source__name", "name", "dimensions__width", "dimensions__height")
    found: dict[tuple[str, str], Rendition] = {}
    for source_name, stored_name, width, height in stored:
        name = expected.get((source_name, stored_name))
        if name and width and height:
            found[(source_name, name)] = Rendition(
                name=stored_name,
                url=storage.url(stored_name),
                width=width,
                height=height,
                content_type=content_type_of(stored_name),
            )
    result: dict[str, dict[str, Rendition]] = {}
    for photo in photos:
        of_photo = result.setdefault(photo.name, {})
        for name in names:
            item = found.get((photo.name, name)) or rendition(photo, name)
            if item is not None:
                of_photo[name] = item
    return result


def attach_public_renditions(articles: Iterable[Article]) -> list[Article]:
    """Give each article of a page its public renditions (``article.public_renditions``).

    Every output of the photo (page, feeds, API, both ninjs) reads them from there, so a
    page of articles costs one query whatever its size, and they all show the same files.
    """
    articles = list(articles)
    found = public_renditions_of([article.photo for article in articles])
    for article in articles:
        article.public_renditions = found.get(article.photo.name, {}) if article.photo else {}
    return articles


def public_renditions_of(photos: list[FieldFile]) -> dict[str, dict[str, Rendition]]:
    """The public renditions of several stored photos, by photo name, in one query."""
    return renditions_of_many(photos, PUBLIC_RENDITIONS)


def article_renditions(article: Article) -> dict[str, Rendition]:
    """The article's public renditions by name: those attached to it, else looked up now."""
    if getattr(article, "public_renditions", None) is None:
        attach_public_renditions([article])
    return article.public_renditions


def main_rendition(article: Article) -> Rendition | None:
    """The one image an output names (API ``url``, ninjs ``uri``, structured data): the largest."""
    return main_of(article_renditions(article))


def main_of(available: dict[str, Rendition]) -> Rendition | None:
    """The largest of the renditions: the one image an output names."""
    return available.get(LARGE) or next(iter(available.values()), None)


def make_renditions(photo: FieldFile) -> list[Rendition]:
    """Make every rendition now (after an upload), so no reader waits for one to be made."""
    made = [rendition(photo, name) for name in RENDITIONS]
    return [item for item in made if item is not None]


def srcset(available: dict[str, Rendition], extension: str) -> str:
    """The ``srcset`` of the page's renditions in one format, each width listed once."""
    entries: dict[int, str] = {}
    for width in PAGE_WIDTHS:
        item = available.get(f"page-{width}-{extension}")
        if item is not None:
            entries.setdefault(item.width, item.url)
    return ", ".join(f"{url} {width}w" for width, url in sorted(entries.items()))


def is_rendition_name(name: str) -> bool:
    """Whether a storage name is that of a rendition (rather than an original)."""
    return name.startswith(f"{RENDITIONS_FOLDER}/")
