"""Structured logs: one JSON object per line, for log collectors to index without parsing."""

from __future__ import annotations

import datetime
import json
import logging
from collections.abc import Mapping

# Gunicorn passes its access-log atoms as the record's args; these are the ones worth indexing.
GUNICORN_ACCESS_FIELDS = {
    "h": "remote_address",
    "m": "method",
    "U": "path",
    "q": "query",
    "s": "status",
    "B": "response_bytes",
    "M": "duration_ms",
    "a": "user_agent",
}

# Attributes every LogRecord has; anything else was passed with `extra=` and is worth keeping.
STANDARD_RECORD_ATTRIBUTES = frozenset(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {
    "message",
    "asctime",
    "taskName",
}


class JsonFormatter(logging.Formatter):
    """Format a log record as one line of JSON: time, level, logger, message and context."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "process": record.process,
        }
        if record.name == "gunicorn.access" and isinstance(record.args, Mapping):
            for atom, field in GUNICORN_ACCESS_FIELDS.items():
                value = record.args.get(atom)
                if value not in (None, "-", ""):
                    entry[field] = value
        for key, value in record.__dict__.items():
            if key in STANDARD_RECORD_ATTRIBUTES or key.startswith("_"):
                continue
            # django.request attaches the request object itself; its path is what helps.
            if key == "request":
                entry["path"] = getattr(value, "path", str(value))
                entry["method"] = getattr(value, "method", None)
                continue
            entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
