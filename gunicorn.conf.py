"""Gunicorn settings for production, read by `gunicorn` run from the project folder.

Every value comes from the environment, with defaults sized for a 2-core machine
(see docs/production.md). Run it with `make serve`.
"""

import os

from newsroom.environment import env_int, env_str

wsgi_app = "newsroom.wsgi:application"
bind = env_str("GUNICORN_BIND") or f"0.0.0.0:{env_int('PORT', default=8000)}"

# Processes run Python in parallel; threads overlap the time each request waits on
# PostgreSQL. 2 processes x 4 threads serves 8 requests at once on 2 cores and
# opens at most 8 database connections per replica of the app.
workers = env_int("GUNICORN_WORKERS", default=os.cpu_count() or 2)
threads = env_int("GUNICORN_THREADS", default=4)
worker_class = "gthread"

# A request slower than this is killed and logged, instead of holding a thread forever.
timeout = env_int("GUNICORN_TIMEOUT", default=30)
graceful_timeout = env_int("GUNICORN_GRACEFUL_TIMEOUT", default=30)
keepalive = env_int("GUNICORN_KEEPALIVE", default=5)
# Recycling workers now and then bounds the cost of any slow memory growth.
max_requests = env_int("GUNICORN_MAX_REQUESTS", default=10_000)
max_requests_jitter = env_int("GUNICORN_MAX_REQUESTS_JITTER", default=1_000)

# Trust X-Forwarded-* only from the load balancer in front (comma-separated addresses).
forwarded_allow_ips = env_str("GUNICORN_FORWARDED_ALLOW_IPS") or "127.0.0.1"

# Access and error logs as JSON lines on stdout/stderr, like the app's own logs.
accesslog = "-"
errorlog = "-"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "newsroom.json_logging.JsonFormatter"}},
    "handlers": {
        "access": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "stream": "ext://sys.stdout",
        },
        "error": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "stream": "ext://sys.stderr",
        },
    },
    "root": {"level": "INFO", "handlers": []},
    "loggers": {
        "gunicorn.access": {"level": "INFO", "handlers": ["access"], "propagate": False},
        "gunicorn.error": {"level": "INFO", "handlers": ["error"], "propagate": False},
    },
}
