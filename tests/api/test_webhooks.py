"""Webhook endpoints and their queue, without a worker: addresses, commands, admin, order."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
import threading
import time
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from api.models import DeliveryState, WebhookDelivery, WebhookEndpoint
from api.webhooks import deliveries, endpoints
from api.webhooks.sending import event_body, signature
from articles.changes import ChangeEvent
from articles.services.changes import emit_due_publications
from newsroom.response_cache import content_generation
from tests.api.conftest import wait_for
from tests.articles.changes_helpers import publish_pending
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

SECRET = "a-secret-of-the-partner-0123"


def webhooks(*arguments: str) -> str:
    out = StringIO()
    call_command("webhooks", *arguments, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(
    "url",
    [
        "https://partner.example.com/hook",
        "https://partner.example.com:8443/hook?site=fr",
        "http://127.0.0.1:8080/hook",
        "http://localhost/hook",
        "http://[::1]:9000/hook",
    ],
)
def test_https_endpoints_and_plain_http_to_this_machine_are_accepted(url):
    endpoints.register(url, SECRET)
    assert WebhookEndpoint.objects.get().url == url


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://partner.example.com/hook", "HTTPS"),
        ("http://10.0.0.7/hook", "HTTPS"),
        ("ftp://partner.example.com/hook", "URL"),
        ("partner.example.com/hook", "URL"),
        ("https://user:password@partner.example.com/hook", "password"),
    ],
)
def test_other_endpoints_are_refused_with_the_reason(url, reason, settings):
    settings.LANGUAGE_CODE = "en"
    with pytest.raises(ValidationError) as refused:
        endpoints.register(url, SECRET)
    assert reason in str(refused.value)
    assert not WebhookEndpoint.objects.exists()


def test_the_command_adds_lists_and_removes_endpoints():
    added = webhooks("add", "https://partner.example.com/hook", "--secret", SECRET)
    endpoint = WebhookEndpoint.objects.get()
    assert added == f"Added webhook {endpoint.pk}: https://partner.example.com/hook\n"
    assert endpoint.secret == SECRET and endpoint.active

    listing = webhooks("list").splitlines()
    assert listing[0].split("\t") == ["id", "active", "pending", "failed", "oldest pending", "url"]
    assert listing[1].split("\t") == [str(endpoint.pk), "yes", "0", "0", "-", endpoint.url]

    assert webhooks("remove", str(endpoint.pk)) == f"Removed webhook {endpoint.pk}\n"
    assert webhooks("list") == "No webhooks.\n"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["add", "http://partner.example.com/hook", "--secret", SECRET], "HTTPS"),
        (["add", "https://partner.example.com/hook", "--secret", "short"], "16"),
        (["remove", "12345"], "No webhook with id 12345"),
        (["remove", "one"], "Not a webhook id: 'one'"),
    ],
)
def test_the_command_refuses_bad_input_with_a_clear_error(arguments, message, settings):
    settings.LANGUAGE_CODE = "en"
    with pytest.raises(CommandError, match=message):
        webhooks(*arguments)
    assert not WebhookEndpoint.objects.exists()


def test_a_new_endpoint_gets_the_changes_from_its_registration_on():
    ArticleFactory()
    publish_pending()
    endpoint = endpoints.register("https://partner.example.com/hook", SECRET)
    assert deliveries.endpoints_to_serve() == []
    later = ArticleFactory()
    publish_pending()

    assert deliveries.endpoints_to_serve() == [endpoint.pk]
    [delivery] = WebhookDelivery.objects.filter(endpoint=endpoint)
    assert (delivery.event.slug, delivery.event.kind) == (later.slug, "published")


def test_only_the_oldest_pending_delivery_of_an_endpoint_may_be_claimed_and_only_once():
    endpoint = endpoints.register("https://partner.example.com/hook", SECRET)
    ArticleFactory()
    ArticleFactory()
    publish_pending()
    deliveries.endpoints_to_serve()
    first, second = WebhookDelivery.objects.filter(endpoint=endpoint).order_by("event_id")

    claimed = deliveries.claim_next(endpoint.pk)
    assert claimed.pk == first.pk and claimed.attempts == 1
    # In flight: neither it nor the next event is handed to another worker.
    assert deliveries.claim_next(endpoint.pk) is None
    WebhookDelivery.objects.filter(pk=first.pk).update(state=DeliveryState.DELIVERED)
    assert deliveries.claim_next(endpoint.pk).pk == second.pk


def test_retries_back_off_exponentially_up_to_the_cap(settings):
    settings.WEBHOOK_RETRY_FIRST_DELAY_SECONDS = 10
    settings.WEBHOOK_RETRY_MAX_DELAY_SECONDS = 3600
    delays = [deliveries.retry_delay(attempt).total_seconds() for attempt in range(1, 12)]
    assert delays == [10, 20, 40, 80, 160, 320, 640, 1280, 2560, 3600, 3600]


def test_the_body_is_the_change_feed_item_and_the_signature_its_hmac(client, settings):
    settings.NEWSROOM_PUBLIC_URL = "http://testserver"
    ArticleFactory(slug="story")
    publish_pending()
    event = ChangeEvent.objects.get()
    body = event_body(event)

    assert client.get("/api/v1/changes/").json()["results"] == [json.loads(body)]
    digest = hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    assert signature(SECRET, body) == f"sha256={digest}"


def test_a_tick_that_announces_nothing_leaves_the_response_cache_alone(
    response_cache, django_capture_on_commit_callbacks
):
    ArticleFactory()
    publish_pending()
    before = content_generation()
    with django_capture_on_commit_callbacks(execute=True):
        assert emit_due_publications() == 0
    assert content_generation() == before


# Committed for real: one bump covers a whole transaction, so inside the test's own
# transaction the article's creation would already have claimed it.
@pytest.mark.django_db(transaction=True)
def test_a_tick_that_announces_a_scheduled_article_empties_the_response_cache(response_cache):
    ArticleFactory(published_at=timezone.now() + datetime.timedelta(seconds=0.2))
    publish_pending()
    time.sleep(0.3)
    before = content_generation()
    assert emit_due_publications() == 1
    assert content_generation() != before


@pytest.fixture
def failed_delivery() -> WebhookDelivery:
    endpoint = endpoints.register("https://partner.example.com/hook", SECRET)
    ArticleFactory()
    publish_pending()
    deliveries.endpoints_to_serve()
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    long_ago = timezone.now() - datetime.timedelta(days=2)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        state=DeliveryState.FAILED,
        attempts=17,
        last_status=503,
        last_error="HTTP 503",
        first_tried_at=long_ago,
        next_try_at=long_ago,
    )
    return delivery


def test_editors_see_failed_deliveries_and_retry_them_now(editor_client, failed_delivery):
    listing = editor_client.get("/admin/api/webhookdelivery/?state__exact=failed")
    assert listing.status_code == 200
    assert "HTTP 503" in listing.text

    response = editor_client.post(
        "/admin/api/webhookdelivery/",
        {"action": "retry_selected", "_selected_action": [failed_delivery.pk]},
        follow=True,
    )
    assert response.status_code == 200
    failed_delivery.refresh_from_db()
    assert failed_delivery.state == DeliveryState.PENDING
    assert failed_delivery.next_try_at <= timezone.now()
    assert failed_delivery.first_tried_at is None  # a new day of retries
    assert deliveries.claim_next(failed_delivery.endpoint_id).pk == failed_delivery.pk


def test_editors_register_endpoints_in_the_admin_over_https_only(editor_client, editor):
    refused = editor_client.post(
        "/admin/api/webhookendpoint/add/",
        {"url": "http://partner.example.com/hook", "secret": SECRET, "active": "on"},
    )
    assert refused.status_code == 200
    assert "HTTPS" in refused.text
    assert not WebhookEndpoint.objects.exists()

    added = editor_client.post(
        "/admin/api/webhookendpoint/add/",
        {"url": "https://partner.example.com/hook", "secret": SECRET, "active": "on"},
    )
    assert added.status_code == 302
    endpoint = WebhookEndpoint.objects.get()
    assert (endpoint.secret, endpoint.created_by) == (SECRET, editor)
    form = editor_client.get(f"/admin/api/webhookendpoint/{endpoint.pk}/change/")
    assert SECRET not in form.text  # the secret is never shown back

    kept = editor_client.post(
        f"/admin/api/webhookendpoint/{endpoint.pk}/change/",
        {"url": "https://partner.example.com/other", "secret": "", "active": "on"},
    )
    assert kept.status_code == 302
    endpoint.refresh_from_db()
    assert (endpoint.url, endpoint.secret) == ("https://partner.example.com/other", SECRET)


def test_contributors_cannot_see_webhooks(contributor_client, failed_delivery):
    assert contributor_client.get("/admin/api/webhookendpoint/").status_code == 403
    assert contributor_client.get("/admin/api/webhookdelivery/").status_code == 403


@pytest.mark.parametrize(
    ("setting", "message"),
    [("CELERY_BROKER_URL", "set REDIS_URL"), ("NEWSROOM_PUBLIC_URL", "Set NEWSROOM_PUBLIC_URL")],
)
def test_the_worker_refuses_to_start_without_what_it_needs(setting, message, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/0"
    settings.NEWSROOM_PUBLIC_URL = "https://news.example.com"
    setattr(settings, setting, "")
    with pytest.raises(CommandError, match=message):
        call_command("run_worker")


def queued_delivery(receiver, path: str = "/hook") -> WebhookDelivery:
    """One published article's delivery to an endpoint on the loopback receiver, due now."""
    endpoint = endpoints.register(receiver.url(path), SECRET)
    ArticleFactory()
    publish_pending()
    deliveries.endpoints_to_serve()
    return WebhookDelivery.objects.get(endpoint=endpoint)


def retry_in_the_admin(editor_client, delivery: WebhookDelivery) -> str:
    response = editor_client.post(
        "/admin/api/webhookdelivery/",
        {"action": "retry_selected", "_selected_action": [delivery.pk]},
        follow=True,
    )
    assert response.status_code == 200
    return response.text


# The worker posts from a thread of its own, with its own connection: committed rows.
@pytest.mark.django_db(transaction=True)
def test_a_retry_asked_while_the_delivery_is_being_posted_skips_it_and_it_is_posted_once(
    editor_client, receiver
):
    receiver.answer("/hook", "hold")
    delivery = queued_delivery(receiver)

    def worker() -> None:
        try:
            deliveries.deliver_due(delivery.endpoint_id)
        finally:
            connection.close()

    posting = threading.Thread(target=worker)
    posting.start()
    wait_for(lambda: receiver.event_ids("/hook"), message="the worker's POST")

    page = retry_in_the_admin(editor_client, delivery)

    assert "1 envoi ignoré : il part en ce moment." in page
    assert "0 envoi sera réessayé aussitôt." in page
    # Nothing for another worker to take while the first POST goes on.
    assert deliveries.claim_next(delivery.endpoint_id) is None
    receiver.release()
    posting.join(10)
    assert receiver.event_ids("/hook") == [delivery.event_id]
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts) == (DeliveryState.DELIVERED, 1)


def test_a_delivery_waiting_out_its_retry_delay_is_not_in_flight_and_retries_at_once(
    editor_client, receiver
):
    receiver.answer("/hook", "500")
    delivery = queued_delivery(receiver)
    assert not deliveries.attempt(deliveries.claim_next(delivery.endpoint_id))
    delivery.refresh_from_db()
    assert delivery.next_try_at > timezone.now()  # backing off, not being posted

    page = retry_in_the_admin(editor_client, delivery)

    assert "1 envoi sera réessayé aussitôt." in page
    assert "ignoré" not in page
    assert deliveries.deliver_due(delivery.endpoint_id) == 1
    assert receiver.event_ids("/hook") == [delivery.event_id, delivery.event_id]


def test_a_delivery_whose_worker_died_mid_post_is_retried_once_its_claim_ran_out(receiver):
    delivery = queued_delivery(receiver)
    deliveries.claim_next(delivery.endpoint_id)  # and the worker dies: no outcome recorded
    assert deliveries.retry_now(WebhookDelivery.objects.all()) == deliveries.Retried(0, 1)

    long_ago = timezone.now() - datetime.timedelta(minutes=5)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        claimed_until=long_ago, next_try_at=long_ago
    )

    assert deliveries.retry_now(WebhookDelivery.objects.all()) == deliveries.Retried(1, 0)
    assert deliveries.deliver_due(delivery.endpoint_id) == 1
    assert receiver.event_ids("/hook") == [delivery.event_id]
