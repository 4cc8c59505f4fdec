"""Create a superuser for the local run, once, with a random password printed once."""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create the local superuser 'admin' with a random password, unless a superuser exists."

    def handle(self, *args, **options) -> None:
        from django.conf import settings

        if not settings.DEBUG:
            raise CommandError("create_local_superuser is for the local run only (DJANGO_DEBUG=1).")
        user_model = get_user_model()
        if user_model.objects.filter(is_superuser=True).exists():
            self.stdout.write("A superuser exists already; its password is unchanged.")
            return
        password = secrets.token_urlsafe(12)
        user_model.objects.create_superuser("admin", "admin@localhost", password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Local superuser created: admin / {password} (shown only this once)"
            )
        )
