"""WSGI entry point, used by gunicorn in production (and by runserver)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

application = get_wsgi_application()

# Imported once Django is set up: web requests' statements are cut off after a timeout.
from newsroom.database_timeouts import limit_web_statements  # noqa: E402

limit_web_statements()
