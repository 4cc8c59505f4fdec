"""Settings for the test suite: production settings with test-only conveniences."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")

from newsroom.settings import *  # noqa: F403

# The test client and live server speak plain HTTP on loopback.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# A second connection to the same test database, so tests/newsroom/test_routers.py can switch
# replicas on (override DATABASE_REPLICAS) and see which connection serves each query.
DATABASES = {
    **DATABASES,  # noqa: F405
    "replica_1": {**DATABASES["default"], "TEST": {"MIRROR": "default"}},  # noqa: F405
}
DATABASE_REPLICAS: list[str] = []

# A per-process cache and no response caching, even when REDIS_URL is set, so no test
# sees another's pages; tests/newsroom/test_caching.py turns caching on where it means to.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
RESPONSE_CACHE_SECONDS = 0

# Tests send many requests from one address; tests/api/test_api.py turns throttling on to test it.
API_THROTTLE_RATE = None

# On SQLite the test database is a file, not memory: the worker tests start `manage.py
# run_worker` in another process, which must see the same database.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    import tempfile

    DATABASES["default"]["TEST"] = {
        "NAME": os.path.join(tempfile.gettempdir(), f"newsroom-test-{os.getpid()}.sqlite3")
    }
