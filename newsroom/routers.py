"""Read replicas: reads go to a replica, writes and the reads that follow them to the primary.

The primary is the `default` database; replicas are the aliases in
``settings.DATABASE_REPLICAS`` (from ``DATABASE_REPLICA_URLS``, see docs/scaling.md).
Replicas lag the primary by a little, so a reader must never read its own write
from one. Three rules keep that true:

- Only web requests read from replicas, through ``ReplicaReadsMiddleware``;
  commands, shells and background jobs use the primary for everything.
- Once a request writes (any ORM write asks the router for a database first),
  or runs inside a transaction, or is a POST/PUT/PATCH/DELETE, its reads are
  pinned to the primary for the rest of the request.
- A request that wrote sets a short-lived cookie that pins the same browser's
  next requests too, so the page shown after "Save" shows what was saved.
"""

from __future__ import annotations

import contextlib
import contextvars
import random
from collections.abc import Callable, Iterator

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpRequest, HttpResponse

PIN_COOKIE_NAME = "newsroom_primary"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

# True outside web requests: only the middleware lets a request read from replicas.
_pinned_to_primary: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "pinned_to_primary", default=True
)
_wrote: contextvars.ContextVar[bool] = contextvars.ContextVar("wrote", default=False)


def replica_aliases() -> list[str]:
    return list(getattr(settings, "DATABASE_REPLICAS", []))


def pin_to_primary() -> None:
    """Send this request's remaining reads to the primary (after a write, say)."""
    _pinned_to_primary.set(True)


@contextlib.contextmanager
def reads_from_replicas() -> Iterator[None]:
    """Let reads in this block go to replicas until something writes."""
    pinned_token, wrote_token = _pinned_to_primary.set(False), _wrote.set(False)
    try:
        yield
    finally:
        _pinned_to_primary.reset(pinned_token)
        _wrote.reset(wrote_token)


class PrimaryReplicaRouter:
    """Route reads to a random replica unless pinned; writes and migrations to the primary."""

    def db_for_read(self, model, **hints) -> str:
        replicas = replica_aliases()
        if not replicas or _pinned_to_primary.get():
            return DEFAULT_DB_ALIAS
        # A transaction is open on the primary: its reads must see its own writes.
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return random.choice(replicas)

    def db_for_write(self, model, **hints) -> str:
        # Every ORM write (save, delete, bulk_create, update, select_for_update) asks here first.
        pin_to_primary()
        _wrote.set(True)
        return DEFAULT_DB_ALIAS

    def allow_relation(self, first, second, **hints) -> bool:
        # Replicas hold the same rows as the primary, so objects from any of them relate.
        return True

    def allow_migrate(self, db: str, app_label: str, model_name=None, **hints) -> bool:
        # Replicas receive the schema through replication, never by migrate.
        return db not in replica_aliases()


class ReplicaReadsMiddleware:
    """Let each safe request read from replicas; pin what follows a write to the primary."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not replica_aliases():
            return self.get_response(request)
        with reads_from_replicas():
            if request.method not in SAFE_METHODS or PIN_COOKIE_NAME in request.COOKIES:
                pin_to_primary()
            response = self.get_response(request)
            wrote = _wrote.get()
        if wrote:
            response.set_cookie(
                PIN_COOKIE_NAME,
                "1",
                max_age=settings.DATABASE_REPLICA_PIN_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
