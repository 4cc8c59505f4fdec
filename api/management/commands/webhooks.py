"""Register, list and remove webhook endpoints: `webhooks add|list|remove`."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from api.models import WebhookEndpoint
from api.webhooks import deliveries, endpoints


def messages_of(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"{field}: {message}"
            for field, errors in error.message_dict.items()
            for message in errors
        )
    return "; ".join(error.messages)


class Command(BaseCommand):
    help = "Manage the endpoints that receive every change event as a signed POST."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="add|list|remove")
        add = actions.add_parser("add", help="Register an endpoint (HTTPS).")
        add.add_argument("url", help="e.g. https://partner.example.com/newsroom-hook")
        add.add_argument("--secret", required=True, help="Signs each POST; at least 16 characters.")
        actions.add_parser("list", help="Endpoints, with their pending and failed deliveries.")
        remove = actions.add_parser("remove", help="Remove an endpoint and its deliveries.")
        remove.add_argument("id", help="The endpoint's id, as `webhooks list` shows it.")

    def handle(self, *args, action: str, **options) -> None:
        getattr(self, f"handle_{action}")(**options)

    def handle_add(self, url: str, secret: str, **options) -> None:
        try:
            endpoint = endpoints.register(url, secret)
        except ValidationError as error:
            raise CommandError(messages_of(error)) from None
        self.stdout.write(f"Added webhook {endpoint.pk}: {endpoint.url}")

    def handle_list(self, **options) -> None:
        endpoints = list(deliveries.backlog())
        if not endpoints:
            self.stdout.write("No webhooks.")
            return
        self.stdout.write("id\tactive\tpending\tfailed\toldest pending\turl")
        for endpoint in endpoints:
            oldest = endpoint.oldest_pending_at.isoformat() if endpoint.oldest_pending_at else "-"
            active = "yes" if endpoint.active else "no"
            self.stdout.write(
                f"{endpoint.pk}\t{active}\t{endpoint.pending}\t{endpoint.failed}\t{oldest}"
                f"\t{endpoint.url}"
            )

    def handle_remove(self, id: str, **options) -> None:
        if not id.isascii() or not id.isdigit():
            raise CommandError(f"Not a webhook id: {id!r} (see `webhooks list`).")
        deleted, _ = WebhookEndpoint.objects.filter(pk=int(id)).delete()
        if not deleted:
            raise CommandError(f"No webhook with id {id} (see `webhooks list`).")
        self.stdout.write(f"Removed webhook {id}")
