"""The article's photo as readers get it: renditions only, never the original upload."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.utils.feedgenerator import Enclosure

from articles.models import Article
from articles.services import renditions
from articles.services.renditions import Rendition

# The query parameter of /media/ that carries a preview link's token (newsroom/media.py).
PREVIEW_TOKEN_PARAMETER = "preview"
# How wide the photo is drawn: the text column (40rem) on wide screens, the screen on phones.
PAGE_SIZES = "(min-width: 42rem) 40rem, 100vw"


@dataclass(frozen=True)
class PagePhoto:
    """What the article page's <picture> needs."""

    webp_srcset: str
    jpeg_srcset: str
    fallback: Rendition
    sizes: str = PAGE_SIZES


def open_renditions_with_preview_token(article: Article, token: str) -> None:
    """Add the preview link's token to the renditions' URLs: /media/ then lets them through."""
    query = urlencode({PREVIEW_TOKEN_PARAMETER: token})
    article.public_renditions = {
        name: dataclasses.replace(item, url=f"{item.url}{'&' if '?' in item.url else '?'}{query}")
        for name, item in renditions.article_renditions(article).items()
    }


def page_photo(article: Article) -> PagePhoto | None:
    """The page's responsive photo (WebP first, JPEG for the rest), or None without one."""
    available = renditions.article_renditions(article)
    fallback = available.get(f"page-{renditions.PAGE_WIDTHS[1]}-jpeg")
    if fallback is None:
        return None
    return PagePhoto(
        webp_srcset=renditions.srcset(available, "webp"),
        jpeg_srcset=renditions.srcset(available, "jpeg"),
        fallback=fallback,
    )


def social_image(article: Article) -> Rendition | None:
    """The og:image / twitter:image: 1200 by 630, cropped to what link previews show."""
    return renditions.article_renditions(article).get("social")


def large_image(article: Article) -> Rendition | None:
    """The largest page rendition: the image of structured data, as of the API and ninjs."""
    return renditions.main_rendition(article)


def feed_enclosure(article: Article, absolute_url: Callable[[str], str]) -> Enclosure | None:
    """The feed item's image enclosure (RSS <enclosure>, Atom rel="enclosure")."""
    image = renditions.article_renditions(article).get("feed")
    if image is None:
        return None
    try:
        length = renditions.rendition_storage().size(image.name)
    except OSError:
        # RSS wants a length; 0 is what readers accept when it is not known.
        length = 0
    return Enclosure(absolute_url(image.url), str(length), image.content_type)
