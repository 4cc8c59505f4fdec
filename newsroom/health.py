"""/healthz for load balancers: 200 while the database answers, 503 when it does not."""

from __future__ import annotations

import logging
import threading

from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)

# Load balancers wait about 2 s for an answer; a frozen database must get a 503 before that.
ANSWER_WITHIN_SECONDS = 1.5


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Whether this process can serve: it reaches its database, quickly."""
    if not database_answers(within=ANSWER_WITHIN_SECONDS):
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok"})


def database_answers(*, within: float) -> bool:
    """Whether SELECT 1 succeeds in time, asked on a connection of its own.

    A frozen server accepts the connection and never answers, and no client-side timeout
    covers a query: the check runs in a thread of its own that this request stops waiting
    for. The thread ends by itself once the connect timeout gives up.
    """
    outcome: list[bool] = []

    def check() -> None:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
            outcome.append(True)
        except DatabaseError:
            logger.exception("Health check: the database does not answer")
        finally:
            connection.close()

    checker = threading.Thread(target=check, name="healthz", daemon=True)
    checker.start()
    checker.join(timeout=within)
    if checker.is_alive():
        logger.error("Health check: the database did not answer within %s s", within)
    return bool(outcome)
