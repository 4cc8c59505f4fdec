"""Settings for newsroom, read from the environment (see docs/configuration.md).

Production is the default: DEBUG is off and a secret key is required unless
DJANGO_DEBUG turns the local run on.
"""

import os
import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
from corsheaders.defaults import default_headers as cors_default_headers
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from newsroom.environment import (
    env_bool,
    env_float,
    env_int,
    env_list,
    env_str,
    load_local_env_file,
    redis_cache,
)
from newsroom.media_storage import FILESYSTEM, media_storages

BASE_DIR = Path(__file__).resolve().parent.parent

# `make run` writes .env (DEBUG on, a random secret) so that every manage.py command of
# the local run works as written. A server has none; DJANGO_ENV_FILE="" turns it off.
LOCAL_ENV_FILE = os.environ.get("DJANGO_ENV_FILE", str(BASE_DIR / ".env"))
if LOCAL_ENV_FILE:
    load_local_env_file(Path(LOCAL_ENV_FILE))

DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off "
            "(generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))')."
        )
    # Only ever used by the local run, where DEBUG is on.
    SECRET_KEY = "django-insecure-local-run-only"
# Old keys still accepted for signatures (sessions, preview links) while a rotation settles
# (docs/production.md#rotating-the-secret-key); new signatures always use SECRET_KEY.
SECRET_KEY_FALLBACKS = env_list("DJANGO_SECRET_KEY_FALLBACKS", default=[])

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "corsheaders",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "reversion",
    # Drag-and-drop order of the credits in the article form (docs/admin.md).
    "adminsortable2",
    "axes",
    "csp",
    "easy_thumbnails",
    "articles",
    "ingest",
    "website",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside the response cache, so cached pages get the header too (docs/production.md).
    "newsroom.content_security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "newsroom.routers.ReplicaReadsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Before anything reads the database with the path or the query string.
    "newsroom.bounded_input.UnusableCharactersMiddleware",
    "django.middleware.common.CommonMiddleware",
    "newsroom.response_cache.PublicResponseCacheMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: it turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", default=60),
        conn_health_checks=True,
    )
}

# Read replicas (docs/scaling.md): reads of web requests go to them, writes to "default".
DATABASE_REPLICAS = []
for number, replica_url in enumerate(env_list("DATABASE_REPLICA_URLS", default=[]), start=1):
    DATABASE_REPLICAS.append(f"replica_{number}")
    DATABASES[f"replica_{number}"] = dj_database_url.parse(
        replica_url,
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", default=60),
        conn_health_checks=True,
        test_options={"MIRROR": "default"},
    )
DATABASE_ROUTERS = [
    "newsroom.content_changes.ContentChangeRouter",
    "newsroom.routers.PrimaryReplicaRouter",
]
# A database that does not answer must not hold a request slot for ever: connecting gives
# up after DATABASE_CONNECT_TIMEOUT, and each statement of a web request (not of the import
# or other commands, which may rightly run long) after DATABASE_WEB_STATEMENT_TIMEOUT;
# newsroom/database_timeouts.py sets the latter on each web connection.
DATABASE_CONNECT_TIMEOUT_SECONDS = env_int("DATABASE_CONNECT_TIMEOUT", default=5)
DATABASE_WEB_STATEMENT_TIMEOUT_SECONDS = env_int("DATABASE_WEB_STATEMENT_TIMEOUT", default=30)
for database in DATABASES.values():
    if database["ENGINE"] == "django.db.backends.postgresql":
        database.setdefault("OPTIONS", {})["connect_timeout"] = DATABASE_CONNECT_TIMEOUT_SECONDS

# How long a browser that wrote keeps reading from the primary: longer than replication lag.
DATABASE_REPLICA_PIN_SECONDS = env_int("DATABASE_REPLICA_PIN_SECONDS", default=10)

# Optional Redis (docs/production.md): a cache shared by every process and machine.
REDIS_URL = env_str("REDIS_URL")
REDIS_TIMEOUT_SECONDS = env_float("REDIS_TIMEOUT_SECONDS", default=0.25)
if REDIS_URL:
    CACHES = {"default": redis_cache(REDIS_URL, timeout=REDIS_TIMEOUT_SECONDS)}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Anonymous GET responses are cached only in a cache all processes share: a cache of one
# process would not hear that another process's editor just unpublished an article.
RESPONSE_CACHE_SECONDS = env_int("RESPONSE_CACHE_SECONDS", default=300 if REDIS_URL else 0)
# How often an open article form tells the others it is open (docs/admin.md, "Presence").
PRESENCE_HEARTBEAT_SECONDS = env_int("PRESENCE_HEARTBEAT_SECONDS", default=15)

# An import that writes at least this many files refreshes the planner statistics (ANALYZE).
IMPORT_ANALYZE_AFTER_FILES = env_int("IMPORT_ANALYZE_AFTER_FILES", default=1000)

# Login lockout (django-axes, docs/configuration.md): after LOGIN_FAILURE_LIMIT wrong passwords
# for one user from one address, that pair is refused for LOGIN_COOLOFF_MINUTES, before any
# password is hashed (axes' backend comes first). Editors unlock in the admin.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "newsroom.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
# The same client address as the API throttle: behind API_TRUSTED_PROXIES proxies.
AXES_CLIENT_IP_CALLABLE = "newsroom.client_address.client_address"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Editors work in French; English is the other admin language.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("DJANGO_TIME_ZONE") or "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT") or BASE_DIR / "media")
# Photos (docs/production.md#photos): the media folder of one machine, or an S3-compatible
# object store shared by several (MEDIA_STORAGE=s3 and the AWS_* variables).
MEDIA_STORAGE = (env_str("MEDIA_STORAGE") or FILESYSTEM).lower()
STORAGES = {
    **media_storages(os.environ),
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Renditions (articles/services/renditions.py): made by easy-thumbnails, stripped of EXIF.
THUMBNAIL_BASEDIR = "renditions"
THUMBNAIL_PROCESSORS = (
    "easy_thumbnails.processors.colorspace",
    "easy_thumbnails.processors.autocrop",
    "easy_thumbnails.processors.scale_and_crop",
    "easy_thumbnails.processors.filters",
    "easy_thumbnails.processors.background",
    "articles.services.renditions.strip_private_metadata",
)
# Sizes are kept in the database, so a page's srcset costs no read of the image files.
THUMBNAIL_CACHE_DIMENSIONS = True
# How long browsers may keep a rendition served by newsroom itself (MEDIA_STORAGE=filesystem).
MEDIA_CACHE_SECONDS = env_int("MEDIA_CACHE_SECONDS", default=3600)

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# Uploads above this stay on disk instead of in memory; images are capped separately.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024

# Security: strict unless the local run turns DEBUG on.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# The language cookie of the admin's language switch: HTTPS only, out of scripts' reach.
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Content-Security-Policy (django-csp 4). Public pages run no script at all; the admin and the
# API docs (newsroom/content_security.py) run their own files and nonced inline scripts only.
# Inline styles are allowed: the admin and the 500 page have some, and a style runs no code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [NONE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "report-uri": "/csp-report/",
    }
}
# Where scripts are needed, and what replaces script-src there.
CSP_SCRIPTED_PATH_PREFIXES = ("/admin/", "/api/v1/docs/")
CSP_SCRIPTED_SCRIPT_SRC = [SELF, NONCE]
# A violation report bigger than this is refused (413), not logged.
CSP_REPORT_MAX_BYTES = 16 * 1024
if env_bool("DJANGO_BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# How long browsers and shared caches may keep an API response (Cache-Control max-age).
API_CACHE_SECONDS = env_int("API_CACHE_SECONDS", default=60)
# Requests per client address: "600/minute", "20/second"; "off" turns throttling off.
API_THROTTLE_RATE = env_str("API_THROTTLE_RATE") or "600/minute"
if API_THROTTLE_RATE.lower() == "off":
    API_THROTTLE_RATE = None
elif not re.fullmatch(r"[1-9]\d*/(s|sec|second|m|min|minute|h|hour|d|day)", API_THROTTLE_RATE):
    raise ImproperlyConfigured(
        f'API_THROTTLE_RATE must be like "600/minute" or "20/second", or "off";'
        f" got {API_THROTTLE_RATE!r}."
    )
# Proxies in front of the app that append to X-Forwarded-For: with 0, the client is the
# connection's address, and a forged X-Forwarded-For cannot dodge throttling.
API_TRUSTED_PROXIES = env_int("API_TRUSTED_PROXIES", default=0)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["api.renderers.JSONRenderer"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.AnonymousRateThrottle"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": None,
    "NUM_PROXIES": API_TRUSTED_PROXIES,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Newsroom API",
    "DESCRIPTION": (
        "Published wire copy: articles, authors and their credits. Anonymous and read-only."
        " Lists use cursor pagination (follow `next`/`previous`); every response carries an"
        ' ETag and honours If-None-Match. Errors are JSON: `{"detail": ...}`, or for bad'
        ' query parameters `{"<parameter>": ["<message>"]}` with status 400.'
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.declare_usable_text",
    ],
}

# The name Google News and feed readers know the publication by.
NEWSROOM_PUBLICATION_NAME = env_str("NEWSROOM_PUBLICATION_NAME") or "Newsroom"

CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_URLS_REGEX = r"^/api/.*$"
# Browser scripts may revalidate (If-None-Match) and read the caching and throttling headers.
CORS_ALLOW_HEADERS = (*cors_default_headers, "if-none-match", "if-modified-since")
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After"]

# Production logs are JSON lines for a log collector; the local run keeps them readable.
LOG_FORMAT = env_str("DJANGO_LOG_FORMAT") or ("plain" if DEBUG else "json")
if LOG_FORMAT not in {"plain", "json"}:
    raise ImproperlyConfigured(f"DJANGO_LOG_FORMAT must be plain or json; got {LOG_FORMAT!r}.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "{asctime} {levelname} {name} {message}", "style": "{"},
        "json": {"()": "newsroom.json_logging.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL") or "INFO"},
    # watchfiles logs every batch of changes at INFO; the drop-folder watcher logs each file.
    # axes announces itself at every start of every command; its lockouts are warnings.
    # The worker's clock ticks every second: its tasks' routine lines would drown the rest.
    "loggers": {
        "watchfiles": {"level": "WARNING"},
        "axes.apps": {"level": "WARNING"},
        "celery.beat": {"level": "WARNING"},
        "celery.worker.strategy": {"level": "WARNING"},
        "celery.app.trace": {"level": "WARNING"},
    },
}

# Errors to Sentry (or a compatible service) only when SENTRY_DSN is set. No personal data:
# no cookies, user names, addresses or request bodies leave the server.
SENTRY_DSN = env_str("SENTRY_DSN")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        send_default_pii=False,
        environment=env_str("SENTRY_ENVIRONMENT") or "production",
        traces_sample_rate=0.0,
    )

# The task queue (Celery, docs/production.md#the-worker): `manage.py run_worker` delivers the
# webhooks and announces scheduled articles at their time. Its broker is Redis.
# Named, not imported: only the worker loads Celery, so web processes and commands start faster.
TASK_QUEUE_APP = "newsroom.task_queue.app"
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL") or REDIS_URL
# Several sites may share one Redis: each its own queue name.
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_QUEUE") or "newsroom"
CELERY_TASK_IGNORE_RESULT = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# How often each worker looks for new changes, due deliveries and scheduled articles.
WORKER_POLL_SECONDS = env_float("WORKER_POLL_SECONDS", default=1.0)
WORKER_CONCURRENCY = env_int("WORKER_CONCURRENCY", default=8)
# Webhooks (docs/api.md#webhooks): a POST taking longer fails; failures are retried after
# 10 s, 20 s, 40 s... (at most an hour apart) for a day, then the delivery is failed.
WEBHOOK_TIMEOUT_SECONDS = env_float("WEBHOOK_TIMEOUT_SECONDS", default=10.0)
WEBHOOK_RETRY_FIRST_DELAY_SECONDS = env_float("WEBHOOK_RETRY_FIRST_DELAY_SECONDS", default=10.0)
WEBHOOK_RETRY_MAX_DELAY_SECONDS = env_float("WEBHOOK_RETRY_MAX_DELAY_SECONDS", default=3600.0)
WEBHOOK_RETRY_FOR_SECONDS = env_float("WEBHOOK_RETRY_FOR_SECONDS", default=86400.0)
# A delivery left claimed by a dead worker is retried once its POST's time and this pass.
WEBHOOK_CLAIM_MARGIN_SECONDS = env_float("WEBHOOK_CLAIM_MARGIN_SECONDS", default=20.0)
# The site's public address: webhook bodies carry each article's API URL, and a worker has
# no request to read it from.
NEWSROOM_PUBLIC_URL = (
    env_str("NEWSROOM_PUBLIC_URL") or ("http://127.0.0.1:8000" if DEBUG else "")
).rstrip("/")
