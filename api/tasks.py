"""The worker's tasks (Celery): the clock's tick, and one delivery run per endpoint."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from api.webhooks import deliveries
from articles.services.changes import BATCH, emit_due_publications

TICK_TASK = "api.tasks.tick"


@shared_task(name=TICK_TASK, ignore_result=True)
def tick() -> None:
    """Announce the scheduled articles whose time has come; send each due endpoint its run.

    Every worker's clock sends a tick: all of this is safe to run at once from any
    number of them (see articles.services.changes and api.webhooks.deliveries).
    """
    while emit_due_publications() >= BATCH:
        pass
    for endpoint_id in deliveries.endpoints_to_serve():
        # An old run waiting in a backed-up queue is useless: the next tick sends another.
        deliver.apply_async(args=[endpoint_id], expires=max(settings.WORKER_POLL_SECONDS * 10, 10))


@shared_task(name="api.tasks.deliver", ignore_result=True)
def deliver(endpoint_id: int) -> None:
    """Deliver one endpoint's due events in order; a slow endpoint holds up only its own run."""
    deliveries.deliver_due(endpoint_id)
