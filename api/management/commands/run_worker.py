"""Run a worker in the foreground: webhook deliveries and scheduled publications (Celery)."""

from __future__ import annotations

import os
import socket

from celery.beat import EmbeddedService
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.module_loading import import_string

from api.tasks import TICK_TASK


class Command(BaseCommand):
    help = (
        "Deliver webhooks and announce scheduled articles at their time, until stopped"
        " (SIGTERM or Ctrl-C). Start as many as you like, on any machine."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--concurrency",
            type=int,
            default=settings.WORKER_CONCURRENCY,
            help="Deliveries made at once (threads); default WORKER_CONCURRENCY, 8.",
        )
        parser.add_argument("--loglevel", default="INFO", help="Celery's log level (default INFO).")

    def handle(self, *args, concurrency: int, loglevel: str, **options) -> None:
        if not settings.CELERY_BROKER_URL:
            raise CommandError(
                "The worker needs a broker: set REDIS_URL (or CELERY_BROKER_URL),"
                " e.g. redis://127.0.0.1:6379/0."
            )
        if not settings.NEWSROOM_PUBLIC_URL:
            raise CommandError(
                "Set NEWSROOM_PUBLIC_URL to the site's public address, e.g."
                " https://news.example.com: webhook bodies carry each article's API URL."
            )
        if concurrency < 1:
            raise CommandError("--concurrency must be 1 or more.")
        app = import_string(settings.TASK_QUEUE_APP)
        app.conf.beat_schedule = {
            "tick": {
                "task": TICK_TASK,
                "schedule": settings.WORKER_POLL_SECONDS,
                # A tick nobody ran in time is replaced by the next one.
                "options": {"expires": max(settings.WORKER_POLL_SECONDS * 5, 5)},
            }
        }
        # This worker's own clock, a thread that dies with it. Every worker has one: the tick
        # is safe to run from any number of them at once.
        clock = EmbeddedService(app, thread=True, scheduler_cls="celery.beat:Scheduler")
        clock.start()
        worker = app.Worker(
            hostname=f"newsroom@{socket.gethostname()}.{os.getpid()}",
            pool="threads",
            concurrency=concurrency,
            loglevel=loglevel,
            without_mingle=True,
            without_gossip=True,
            quiet=True,
        )
        worker.start()
        clock.stop()
        if worker.exitcode:
            raise SystemExit(worker.exitcode)
