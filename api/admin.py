"""Webhooks in the admin: Editors register endpoints, watch deliveries and retry them."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from api.models import DeliveryState, WebhookDelivery, WebhookEndpoint
from api.webhooks import deliveries, endpoints


class WebhookEndpointForm(forms.ModelForm):
    url = forms.URLField(label=_("URL"), max_length=2000, assume_scheme="https")
    secret = forms.CharField(
        label=_("secret"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("At least 16 characters. Leave empty to keep the current secret."),
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["url", "secret", "active"]

    def clean_secret(self) -> str:
        secret = self.cleaned_data["secret"]
        if not secret and self.instance.pk:
            return self.instance.secret
        if not secret:
            raise forms.ValidationError(_("Give the endpoint a secret."), code="required")
        return secret


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    form = WebhookEndpointForm
    list_display = ["url", "active", "pending", "failed", "created_by", "created_at"]
    list_filter = ["active"]
    search_fields = ["url"]

    def get_queryset(self, request):
        return deliveries.backlog()

    def save_model(self, request, obj: WebhookEndpoint, form, change: bool) -> None:
        if not change:
            obj.created_by = request.user
            endpoints.start_from_now(obj)
        super().save_model(request, obj, form, change)

    def deliveries_link(self, obj: WebhookEndpoint, state: str, count: int) -> str:
        url = reverse("admin:api_webhookdelivery_changelist")
        return format_html(
            '<a href="{}?endpoint__id__exact={}&amp;state__exact={}">{}</a>',
            url,
            obj.pk,
            state,
            count,
        )

    @admin.display(description=_("pending"), ordering="pending")
    def pending(self, obj: WebhookEndpoint) -> str:
        return self.deliveries_link(obj, DeliveryState.PENDING, obj.pending)

    @admin.display(description=_("failed"), ordering="failed")
    def failed(self, obj: WebhookEndpoint) -> str:
        return self.deliveries_link(obj, DeliveryState.FAILED, obj.failed)


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = [
        "event_id",
        "event_kind",
        "article",
        "endpoint",
        "state",
        "attempts",
        "last_status",
        "last_error",
        "next_try_at",
        "delivered_at",
    ]
    list_filter = ["state", "endpoint"]
    list_select_related = ["endpoint", "event"]
    search_fields = ["event__source_id", "event__slug"]
    actions = ["retry_selected"]
    readonly_fields = [
        "endpoint",
        "event",
        "state",
        "attempts",
        "last_status",
        "last_error",
        "next_try_at",
        "first_tried_at",
        "last_tried_at",
        "claimed_until",
        "delivered_at",
        "created_at",
    ]
    fields = readonly_fields

    def has_add_permission(self, request) -> bool:
        return False

    @admin.display(description=_("kind"), ordering="event__kind")
    def event_kind(self, obj: WebhookDelivery) -> str:
        return obj.event.get_kind_display()

    @admin.display(description=_("article"), ordering="event__slug")
    def article(self, obj: WebhookDelivery) -> str:
        return obj.event.slug

    @admin.action(description=_("Retry the selected deliveries now"), permissions=["change"])
    def retry_selected(self, request, queryset) -> None:
        outcome = deliveries.retry_now(queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d delivery will be tried again at once.",
                "%(count)d deliveries will be tried again at once.",
                outcome.retried,
            )
            % {"count": outcome.retried},
            messages.SUCCESS,
        )
        if outcome.in_flight:
            self.message_user(
                request,
                ngettext(
                    "%(count)d delivery was skipped: it is being sent right now.",
                    "%(count)d deliveries were skipped: they are being sent right now.",
                    outcome.in_flight,
                )
                % {"count": outcome.in_flight},
                messages.WARNING,
            )
