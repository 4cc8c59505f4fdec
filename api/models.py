"""Webhooks (CONTRACT section 6): endpoints that consumers register, and each POST owed to them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from api.webhooks.addresses import validate_endpoint_url, validate_secret
from articles.changes import ChangeEvent


class WebhookEndpoint(models.Model):
    """A URL that receives every change event, signed with its secret."""

    url = models.URLField(
        _("URL"),
        max_length=2000,
        validators=[validate_endpoint_url],
        help_text=_("HTTPS only (plain HTTP is allowed to this machine, for tests)."),
    )
    secret = models.CharField(
        _("secret"),
        max_length=200,
        validators=[validate_secret],
        help_text=_("Signs each POST (HMAC-SHA256); at least 16 characters."),
    )
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("A paused endpoint gets what it missed once it is active again."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # The last change event that has a delivery for this endpoint: the worker's cursor.
    last_event_id = models.BigIntegerField(_("last event scheduled"), default=0, editable=False)

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.url


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("pending")
    DELIVERED = "delivered", _("delivered")
    FAILED = "failed", _("failed")


class WebhookDelivery(models.Model):
    """One change event owed to one endpoint, and how its attempts went."""

    endpoint = models.ForeignKey(
        WebhookEndpoint,
        verbose_name=_("endpoint"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    event = models.ForeignKey(
        ChangeEvent, verbose_name=_("change event"), on_delete=models.CASCADE, related_name="+"
    )
    state = models.CharField(
        _("state"), max_length=16, choices=DeliveryState.choices, default=DeliveryState.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_status = models.PositiveIntegerField(_("last HTTP status"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    # While an attempt is in flight, the time another worker may take it over.
    next_try_at = models.DateTimeField(_("next try"))
    first_tried_at = models.DateTimeField(_("first tried"), null=True, blank=True)
    last_tried_at = models.DateTimeField(_("last tried"), null=True, blank=True)
    # Set by the worker's claim, cleared with the attempt's outcome: next_try_at alone cannot
    # tell a POST in flight from a retry waiting out its delay.
    claimed_until = models.DateTimeField(_("claimed until"), null=True, blank=True, editable=False)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(fields=["endpoint", "event"], name="webhook_delivery_once"),
            models.CheckConstraint(
                condition=models.Q(state__in=DeliveryState.values),
                name="webhook_delivery_state_valid",
            ),
        ]
        indexes = [
            # The head of each endpoint's queue: its oldest pending event.
            models.Index(
                fields=["endpoint", "event"],
                condition=models.Q(state="pending"),
                name="webhook_delivery_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event_id} → {self.endpoint_id}"
