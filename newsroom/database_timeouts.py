"""The statement timeout of web requests, set on each database connection the web app opens."""

from __future__ import annotations

from django.conf import settings
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.signals import connection_created


def limit_statement_time(sender, connection: BaseDatabaseWrapper, **kwargs) -> None:
    """PostgreSQL cancels any statement of this connection that runs past the web timeout."""
    if connection.vendor != "postgresql":
        return
    seconds = settings.DATABASE_WEB_STATEMENT_TIMEOUT_SECONDS
    with connection.cursor() as cursor:
        # set_config takes parameters where SET does not.
        cursor.execute("SELECT set_config('statement_timeout', %s, false)", [f"{seconds}s"])


def limit_web_statements() -> None:
    """Install the limit for this process: only the WSGI entry point calls it.

    Commands (the import, migrations) and workers never import newsroom.wsgi, so their
    statements run as long as they need.
    """
    connection_created.connect(limit_statement_time, dispatch_uid="newsroom-web-statement-timeout")
