"""One webhook POST: the body, its signature, and the request, bounded in time, never redirected."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import http.client
import socket
import ssl
import threading
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

from articles.changes import ChangeEvent

SIGNATURE_HEADER = "X-Newsroom-Signature"
EVENT_ID_HEADER = "X-Newsroom-Event-Id"
USER_AGENT = "newsroom-webhooks/1"
# What is read of an answer: its status; a little of the body only so the connection closes cleanly.
ANSWER_BYTES_READ = 64 * 1024


def event_body(event: ChangeEvent) -> bytes:
    """The JSON of the event as one `results` item of GET /api/v1/changes/."""
    # Imported here: the admin loads this module at every start of every process, and the
    # API's serializers (DRF, the schema) are only needed where a body is made.
    from api.changes import ChangeEventSerializer
    from api.renderers import JSONRenderer
    from api.serializers import Links

    links = Links.for_base_url(settings.NEWSROOM_PUBLIC_URL)
    data = ChangeEventSerializer(event, context={"links": links}).data
    return JSONRenderer().render(data)


def signature(secret: str, body: bytes) -> str:
    """The X-Newsroom-Signature value: sha256= and the HMAC-SHA256 of the raw body, in hex."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Answer:
    status: int | None
    error: str

    @property
    def delivered(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


def post(url: str, body: bytes, headers: dict[str, str], timeout: float) -> Answer:
    """POST once; the whole exchange gives up after ``timeout`` seconds. Redirects are answers."""
    parts = urlsplit(url)
    if parts.scheme == "https":
        connection: http.client.HTTPConnection = http.client.HTTPSConnection(
            parts.hostname, parts.port, timeout=timeout, context=ssl.create_default_context()
        )
    else:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    # The socket timeout bounds each read; a receiver that trickles its answer a byte at a
    # time would go on for ever without this watchdog, which cuts the connection.
    timed_out = threading.Event()

    def cut() -> None:
        timed_out.set()
        if connection.sock is not None:
            with contextlib.suppress(OSError):
                connection.sock.shutdown(socket.SHUT_RDWR)

    watchdog = threading.Timer(timeout, cut)
    watchdog.start()
    try:
        connection.request(
            "POST",
            target,
            body=body,
            headers={"Content-Type": "application/json", "User-Agent": USER_AGENT, **headers},
        )
        response = connection.getresponse()
        response.read(ANSWER_BYTES_READ)
        status = response.status
    except TimeoutError:
        return Answer(None, f"no answer within {timeout:g} s")
    except ssl.SSLError as error:
        return Answer(None, f"TLS error: {error.reason or error}")
    except (OSError, http.client.HTTPException) as error:
        if timed_out.is_set():
            return Answer(None, f"no answer within {timeout:g} s")
        return Answer(None, f"{type(error).__name__}: {error}"[:500])
    finally:
        watchdog.cancel()
        connection.close()
    if timed_out.is_set():
        return Answer(None, f"no answer within {timeout:g} s")
    if 200 <= status < 300:
        return Answer(status, "")
    return Answer(status, f"HTTP {status}")
