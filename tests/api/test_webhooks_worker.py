"""Webhooks end to end: real `manage.py run_worker` processes, Redis, and a receiver on loopback."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import time

from django.core.cache import cache
from django.utils import timezone

from api.models import DeliveryState, WebhookDelivery, WebhookEndpoint
from api.webhooks import endpoints
from articles.changes import ChangeEvent
from newsroom.environment import redis_cache
from tests.api.conftest import BROKER_URL, wait_for
from tests.factories import ArticleFactory

SECRET = "a-secret-of-the-partner-0123"


def register(receiver, path: str) -> WebhookEndpoint:
    return endpoints.register(receiver.url(path), SECRET)


def publish(count: int) -> list[int]:
    """Publish articles; the ids of the change events they made, in order."""
    last = ChangeEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    for _ in range(count):
        ArticleFactory()
    return list(ChangeEvent.objects.filter(id__gt=last).order_by("id").values_list("id", flat=True))


def states(endpoint: WebhookEndpoint) -> dict[int, str]:
    return dict(
        WebhookDelivery.objects.filter(endpoint=endpoint)
        .order_by("event_id")
        .values_list("event_id", "state")
    )


def test_each_change_is_posted_signed_in_order_once_and_a_dead_endpoint_delays_no_other(
    client, receiver, workers
):
    receiver.answer("/dead", then="slow")
    live, dead = register(receiver, "/live"), register(receiver, "/dead")
    worker = workers.start()
    events = publish(3)

    wait_for(lambda: receiver.event_ids("/live") == events, message=workers.log_text())
    # The live endpoint got everything while the dead one was still stuck on the first event.
    assert set(receiver.event_ids("/dead")) == {events[0]}
    wait_for(lambda: set(states(live).values()) == {DeliveryState.DELIVERED})
    # The feed's items of these events (another test may have left earlier ones behind).
    feed = [i for i in client.get("/api/v1/changes/").json()["results"] if i["id"] in events]
    for request, item in zip(receiver.received("/live"), feed, strict=True):
        expected = "sha256=" + hmac.new(SECRET.encode(), request.body, hashlib.sha256).hexdigest()
        assert hmac.compare_digest(request.signature, expected)
        assert request.json == item
    assert states(dead)[events[0]] == DeliveryState.PENDING
    assert workers.stop(worker) == 0
    assert receiver.event_ids("/live") == events  # nothing twice


def test_failures_are_retried_with_backoff_in_order_then_given_up_after_the_retry_window(
    receiver, workers
):
    receiver.answer("/flaky", "500", "500")
    receiver.answer("/slow-once", "slow")
    receiver.answer("/broken", then="500")
    flaky = register(receiver, "/flaky")
    slow_once = register(receiver, "/slow-once")
    broken = register(receiver, "/broken")
    workers.start(WEBHOOK_RETRY_FOR_SECONDS="2.5")
    first, second = publish(2)

    wait_for(lambda: receiver.event_ids("/flaky") == [first, first, first, second])
    wait_for(lambda: receiver.event_ids("/slow-once") == [first, first, second])
    first_flaky = WebhookDelivery.objects.get(endpoint=flaky, event_id=first)
    assert first_flaky.state == DeliveryState.DELIVERED
    assert (first_flaky.attempts, first_flaky.last_status) == (3, 204)
    timed_out = WebhookDelivery.objects.get(endpoint=slow_once, event_id=first)
    assert (timed_out.state, timed_out.attempts) == ("delivered", 2)

    # Always 500: the first event is given up after the window, and only then the second tried.
    wait_for(lambda: states(broken).get(first) == DeliveryState.FAILED, timeout=20)
    given_up = WebhookDelivery.objects.get(endpoint=broken, event_id=first)
    assert given_up.last_status == 500 and given_up.last_error == "HTTP 500"
    tries = receiver.event_ids("/broken")
    assert tries == sorted(tries) and tries.count(first) >= 3
    wait_for(lambda: second in receiver.event_ids("/broken"))


def test_a_delivery_cut_off_by_a_killed_worker_is_made_again_by_the_next_one(receiver, workers):
    receiver.answer("/hook", "hold")
    endpoint = register(receiver, "/hook")
    # A time-out longer than the test takes to kill the worker: the POST is still in flight.
    first_worker = workers.start(WEBHOOK_TIMEOUT_SECONDS="4")
    first, second = publish(2)
    wait_for(lambda: receiver.event_ids("/hook") == [first], message=workers.log_text())

    workers.kill(first_worker)
    receiver.release()
    assert states(endpoint) == {first: DeliveryState.PENDING, second: DeliveryState.PENDING}
    workers.start(WEBHOOK_TIMEOUT_SECONDS="4")

    # At least once: the cut-off event again, once its claim ran out, then the next, in order.
    wait_for(lambda: receiver.event_ids("/hook") == [first, first, second], timeout=20)
    wait_for(lambda: set(states(endpoint).values()) == {DeliveryState.DELIVERED})


def test_two_workers_deliver_each_event_once_in_order(receiver, workers):
    one, other = register(receiver, "/one"), register(receiver, "/other")
    workers.start()
    workers.start()
    events = publish(12)

    for path in ("/one", "/other"):
        wait_for(lambda path=path: len(receiver.event_ids(path)) >= len(events), timeout=20)
    time.sleep(1)  # time for a double delivery to show up, were there one
    assert receiver.event_ids("/one") == events
    assert receiver.event_ids("/other") == events
    assert set(states(one).values()) == set(states(other).values()) == {DeliveryState.DELIVERED}


def test_a_scheduled_article_is_announced_and_shown_in_cached_pages_at_its_time(
    client, settings, receiver, workers
):
    # The worker's cache: the Redis the test reads its pages from.
    settings.CACHES = {"default": redis_cache(BROKER_URL, timeout=1)}
    settings.RESPONSE_CACHE_SECONDS = 300
    register(receiver, "/hook")
    article = ArticleFactory(
        headline="Embargoed until now", published_at=timezone.now() + datetime.timedelta(seconds=3)
    )
    try:
        assert "Embargoed until now" not in client.get("/").text
        workers.start()
        wait_for(lambda: timezone.now() > article.published_at, timeout=10)
        wait_for(lambda: "Embargoed until now" in client.get("/").text, timeout=10)
        wait_for(lambda: len(receiver.received("/hook")) == 1)
        [announced] = receiver.received("/hook")
        assert announced.json["kind"] == "published"
        assert announced.json["article"]["slug"] == article.slug
    finally:
        cache.clear()
