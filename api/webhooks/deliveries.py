"""The delivery queue: one per endpoint, in change-event order, safe under any number of workers.

Everything is in the database, so a worker that dies loses nothing: the change log is
read after each endpoint's cursor, and each attempt claims its delivery by a
compare-and-set on its attempt count (the same on PostgreSQL and SQLite, and no
transaction stays open during a POST). Only the oldest pending delivery of an endpoint
is ever claimed, so event N+1 never leaves before N is delivered or failed; while it is
in flight (``in_flight``) it is not due, so no other worker takes it, until its claim runs
out, and an editor's "retry now" leaves it alone.
"""

from __future__ import annotations

import dataclasses
import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F, Min, Q, QuerySet
from django.utils import timezone

from api.models import DeliveryState, WebhookDelivery, WebhookEndpoint
from api.webhooks.sending import EVENT_ID_HEADER, SIGNATURE_HEADER, event_body, post, signature
from articles.changes import ChangeEvent

logger = logging.getLogger(__name__)

# Change events turned into deliveries per endpoint per pass, and POSTs per task run.
SCHEDULE_BATCH = 500
DELIVERIES_PER_RUN = 100


def latest_event_id() -> int:
    return ChangeEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


def schedule_new_events(endpoint_id: int) -> int:
    """Create this endpoint's deliveries for the events after its cursor; how many."""
    cursor = (
        WebhookEndpoint.objects.filter(pk=endpoint_id, active=True)
        .values_list("last_event_id", flat=True)
        .first()
    )
    if cursor is None:
        return 0
    event_ids = list(
        ChangeEvent.objects.filter(id__gt=cursor)
        .order_by("id")
        .values_list("id", flat=True)[:SCHEDULE_BATCH]
    )
    if not event_ids:
        return 0
    now = timezone.now()
    with transaction.atomic():
        # Compare and set: of two workers that read the same cursor, one moves it.
        moved = WebhookEndpoint.objects.filter(pk=endpoint_id, last_event_id=cursor).update(
            last_event_id=event_ids[-1]
        )
        if not moved:
            return 0
        WebhookDelivery.objects.bulk_create(
            [
                WebhookDelivery(endpoint_id=endpoint_id, event_id=event_id, next_try_at=now)
                for event_id in event_ids
            ],
            ignore_conflicts=True,
        )
    return len(event_ids)


def head(endpoint_id: int) -> dict | None:
    """The endpoint's oldest pending delivery: the only one that may be tried."""
    return (
        WebhookDelivery.objects.filter(
            endpoint_id=endpoint_id, endpoint__active=True, state=DeliveryState.PENDING
        )
        .order_by("event_id")
        .values("id", "attempts", "next_try_at", "first_tried_at")
        .first()
    )


def has_due_delivery(endpoint_id: int) -> bool:
    first = head(endpoint_id)
    return first is not None and first["next_try_at"] <= timezone.now()


def claim_time() -> datetime.timedelta:
    seconds = settings.WEBHOOK_TIMEOUT_SECONDS + settings.WEBHOOK_CLAIM_MARGIN_SECONDS
    return datetime.timedelta(seconds=seconds)


def in_flight(now: datetime.datetime | None = None) -> Q:
    """Deliveries a worker is posting now: claimed, and the claim not yet run out."""
    return Q(state=DeliveryState.PENDING, claimed_until__gt=now or timezone.now())


def claim_next(endpoint_id: int) -> WebhookDelivery | None:
    """Take the endpoint's head delivery if it is due and no other worker took it first."""
    first = head(endpoint_id)
    now = timezone.now()
    if first is None or first["next_try_at"] > now:
        return None
    claimed = WebhookDelivery.objects.filter(
        pk=first["id"], state=DeliveryState.PENDING, attempts=first["attempts"]
    ).update(
        attempts=F("attempts") + 1,
        next_try_at=now + claim_time(),
        claimed_until=now + claim_time(),
        last_tried_at=now,
        first_tried_at=first["first_tried_at"] or now,
    )
    if not claimed:
        return None
    return WebhookDelivery.objects.select_related("endpoint", "event").get(pk=first["id"])


def retry_delay(attempts: int) -> datetime.timedelta:
    """Exponential backoff: the first delay, doubled after each failed attempt, capped."""
    seconds = settings.WEBHOOK_RETRY_FIRST_DELAY_SECONDS * 2 ** min(attempts - 1, 40)
    return datetime.timedelta(seconds=min(seconds, settings.WEBHOOK_RETRY_MAX_DELAY_SECONDS))


def attempt(delivery: WebhookDelivery) -> bool:
    """POST a claimed delivery and record the outcome; whether it was delivered."""
    body = event_body(delivery.event)
    headers = {
        SIGNATURE_HEADER: signature(delivery.endpoint.secret, body),
        EVENT_ID_HEADER: str(delivery.event_id),
    }
    answer = post(delivery.endpoint.url, body, headers, settings.WEBHOOK_TIMEOUT_SECONDS)
    now = timezone.now()
    # Only the claim this worker holds is recorded: one taken over after it ran out is not.
    mine = WebhookDelivery.objects.filter(
        pk=delivery.pk, state=DeliveryState.PENDING, attempts=delivery.attempts
    )
    outcome = {"last_status": answer.status, "last_error": answer.error, "claimed_until": None}
    logger.info(
        "Webhook delivered" if answer.delivered else "Webhook attempt failed",
        extra={
            "endpoint": delivery.endpoint_id,
            "event": delivery.event_id,
            "attempt": delivery.attempts,
            "status": answer.status,
            "error": answer.error,
        },
    )
    if answer.delivered:
        mine.update(state=DeliveryState.DELIVERED, delivered_at=now, next_try_at=now, **outcome)
    elif now - delivery.first_tried_at >= datetime.timedelta(
        seconds=settings.WEBHOOK_RETRY_FOR_SECONDS
    ):
        mine.update(state=DeliveryState.FAILED, next_try_at=now, **outcome)
        logger.warning(
            "Webhook delivery failed for good",
            extra={"endpoint": delivery.endpoint_id, "event": delivery.event_id},
        )
    else:
        mine.update(next_try_at=now + retry_delay(delivery.attempts), **outcome)
    return answer.delivered


def deliver_due(endpoint_id: int) -> int:
    """Deliver the endpoint's due deliveries in order, until one fails or none is due."""
    delivered = 0
    for _ in range(DELIVERIES_PER_RUN):
        delivery = claim_next(endpoint_id)
        if delivery is None or not attempt(delivery):
            break
        delivered += 1
    return delivered


@dataclasses.dataclass(frozen=True)
class Retried:
    retried: int
    in_flight: int


def retry_now(deliveries: QuerySet[WebhookDelivery]) -> Retried:
    """Try these pending or failed deliveries again at once, with a new day of retries.

    One in flight is left alone: made due again, another worker would POST it a second time
    while the first POST is still going.
    """
    now = timezone.now()
    waiting = deliveries.exclude(state=DeliveryState.DELIVERED)
    # One UPDATE whose condition excludes what is in flight: a claim made between a count and
    # the update cannot be retried by it.
    retried = waiting.exclude(in_flight(now)).update(
        state=DeliveryState.PENDING, next_try_at=now, first_tried_at=None
    )
    return Retried(retried=retried, in_flight=waiting.filter(in_flight(now)).count())


def endpoints_to_serve() -> list[int]:
    """Schedule the new events of every active endpoint; those with a delivery due now."""
    due = []
    for endpoint_id in WebhookEndpoint.objects.filter(active=True).values_list("pk", flat=True):
        schedule_new_events(endpoint_id)
        if has_due_delivery(endpoint_id):
            due.append(endpoint_id)
    return due


def backlog() -> QuerySet:
    """Per endpoint: pending deliveries, failed ones, and the oldest pending event's time."""
    return WebhookEndpoint.objects.annotate(
        pending=Count("deliveries", filter=Q(deliveries__state=DeliveryState.PENDING)),
        failed=Count("deliveries", filter=Q(deliveries__state=DeliveryState.FAILED)),
        oldest_pending_at=Min(
            "deliveries__event__at", filter=Q(deliveries__state=DeliveryState.PENDING)
        ),
    ).order_by("id")
