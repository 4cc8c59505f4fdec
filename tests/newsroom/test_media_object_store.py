"""MEDIA_STORAGE=s3: photos in an S3-compatible object store (moto's server), shared by machines."""

import io
import urllib.error
import urllib.request
import uuid

import boto3
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from newsroom.media_storage import RENDITION_CACHE_CONTROL, media_storages
from tests.admin_forms import change_form_data
from tests.factories import GPS_IFD, ArticleFactory, photo_with_gps

pytestmark = pytest.mark.django_db

PUBLIC_RENDITIONS_POLICY = """{
  "Version": "2012-10-17",
  "Statement": [{
    "Sid": "PublicRenditions",
    "Effect": "Allow",
    "Principal": "*",
    "Action": "s3:GetObject",
    "Resource": "arn:aws:s3:::BUCKET/renditions/*"
  }]
}"""


@pytest.fixture
def bucket(object_store_url, settings) -> str:
    """A fresh bucket, and the settings a deployment sets in its environment to use it."""
    name = f"newsroom-{uuid.uuid4().hex[:12]}"
    environment = {
        "MEDIA_STORAGE": "s3",
        "AWS_STORAGE_BUCKET_NAME": name,
        "AWS_S3_ENDPOINT_URL": object_store_url,
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_ACCESS_KEY_ID": "newsroom-test",
        "AWS_SECRET_ACCESS_KEY": "newsroom-test-secret",
        "AWS_S3_ADDRESSING_STYLE": "path",
    }
    s3 = boto3.client(
        "s3",
        endpoint_url=object_store_url,
        region_name="us-east-1",
        aws_access_key_id="newsroom-test",
        aws_secret_access_key="newsroom-test-secret",
    )
    s3.create_bucket(Bucket=name)
    # The policy of docs/production.md: anyone may read renditions, nothing else.
    s3.put_bucket_policy(Bucket=name, Policy=PUBLIC_RENDITIONS_POLICY.replace("BUCKET", name))
    settings.STORAGES = {**settings.STORAGES, **media_storages(environment)}
    return name


def fetch(url: str) -> tuple[bytes, dict]:
    """GET over HTTP as a reader's browser would, with no credentials; headers in lower case."""
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read(), {key.lower(): value for key, value in response.headers.items()}


def test_an_uploaded_photo_lives_in_the_bucket_and_readers_get_its_renditions_from_it(
    editor_client, client, bucket, object_store_url
):
    article = ArticleFactory()
    url = reverse("admin:articles_article_change", args=[article.pk])
    form = change_form_data(editor_client.get(url))
    form.update(photo=SimpleUploadedFile("kyiv.jpg", photo_with_gps("JPEG", (1600, 900))))
    assert editor_client.post(url, form).status_code == 302
    article.refresh_from_db()
    editor_client.logout()

    photo = client.get(f"/api/v1/articles/{article.slug}/").json()["photo"]

    # The original: private, in the bucket under originals/, reachable only by a signed link.
    original_url = article.photo.url
    assert original_url.startswith(f"{object_store_url}/{bucket}/originals/photos/")
    assert "Signature" in original_url
    original, _ = fetch(original_url)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD)
    # The renditions: public, unsigned, long cached, without EXIF.
    webp = photo["renditions"]["page-960-webp"]
    assert webp["url"].startswith(f"{object_store_url}/{bucket}/renditions/photos/")
    assert "Signature" not in webp["url"]
    data, headers = fetch(webp["url"])
    image = Image.open(io.BytesIO(data))
    assert (image.format, image.size) == ("WEBP", (960, 540))
    assert not image.getexif()
    assert headers["cache-control"] == RENDITION_CACHE_CONTROL
    assert headers["content-type"] == "image/webp"
    assert original_url.split("?")[0] not in str(photo)
    with pytest.raises(urllib.error.HTTPError) as refused:
        fetch(original_url.split("?")[0])
    assert refused.value.code == 403


def test_a_misconfigured_object_store_is_refused_at_start():
    with pytest.raises(ImproperlyConfigured, match="AWS_STORAGE_BUCKET_NAME"):
        media_storages({"MEDIA_STORAGE": "s3"})
    with pytest.raises(ImproperlyConfigured, match="MEDIA_STORAGE must be"):
        media_storages({"MEDIA_STORAGE": "ftp"})
