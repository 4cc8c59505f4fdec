"""Announce in the change log the scheduled articles whose publication time has come."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from articles.services.changes import BATCH, emit_due_publications


class Command(BaseCommand):
    help = "Emit the 'published' changes of scheduled articles whose time has come."

    def handle(self, *args, **options) -> None:
        total = 0
        # In batches, each its own transaction, until none is left.
        while (emitted := emit_due_publications()) > 0:
            total += emitted
            if emitted < BATCH:
                break
        self.stdout.write(f"{total} scheduled articles announced")
