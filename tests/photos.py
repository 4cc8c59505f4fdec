"""Upload a photo as an editor does, and read the images a public page offers."""

from __future__ import annotations

import html
import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from articles.models import Article
from tests.admin_forms import change_form_data


def upload(client, article: Article, name: str, data: bytes) -> Article:
    """The photo uploaded through the admin's article form, by the logged-in editor."""
    url = reverse("admin:articles_article_change", args=[article.pk])
    form = change_form_data(client.get(url))
    form.update(photo=SimpleUploadedFile(name, data), photo_alt_text="A photo")
    response = client.post(url, form)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    return article


def image_urls_of_page(content: str) -> set[str]:
    """Every image URL the page gives readers: src, srcset entries, og:image, twitter:image."""
    urls = set(re.findall(r'<img src="([^"]+)"', content))
    for srcset in re.findall(r'srcset="([^"]+)"', content):
        urls.update(entry.split()[0] for entry in srcset.split(", "))
    urls.update(
        re.findall(r'<meta (?:property|name)="(?:og|twitter):image" content="([^"]+)"', content)
    )
    return {html.unescape(url).removeprefix("http://testserver") for url in urls}


def fetch_image(client, url: str) -> tuple[bytes, Image.Image]:
    """The image at ``url`` as the public gets it, read by Pillow."""
    response = client.get(url)
    assert response.status_code == 200, url
    data = b"".join(response.streaming_content)
    return data, Image.open(io.BytesIO(data))
