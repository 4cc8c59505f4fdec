"""Agency updates to review: what an agency changed in fields the desk had changed too.

An import merges an agency's new version with the desk's edits (``articles/merging.py``);
where both changed a field, the desk's text stays in the article and the agency's waits here
until an editor takes it or keeps the desk's (``articles/services/agency_updates.py``).
A table of its own: the article's row, and the triggers on it, stay as they are.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AgencyUpdateQuerySet(models.QuerySet["AgencyUpdateToReview"]):
    def pending(self) -> AgencyUpdateQuerySet:
        """The updates no editor has reviewed yet."""
        return self.filter(resolved_at__isnull=True)


class AgencyUpdateToReview(models.Model):
    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="agency_updates",
        verbose_name=_("article"),
    )
    # {field: {"agency": value, "desk": value}}; "credits" holds the credits the article
    # would have with the agency's side taken: lists of {"name", "kind", "role", "note"}.
    fields = models.JSONField(_("fields"), default=dict)
    source_text = models.TextField(_("source text"), help_text=_("The agency's file as received."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    resolved_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )

    objects = AgencyUpdateQuerySet.as_manager()

    class Meta:
        verbose_name = _("agency update to review")
        verbose_name_plural = _("agency updates to review")
        ordering = ["-created_at", "-id"]
        constraints = [
            # At most one open review per article: a later update adds to it.
            models.UniqueConstraint(
                fields=["article"],
                condition=models.Q(resolved_at__isnull=True),
                name="one_pending_agency_update_per_article",
            )
        ]

    def __str__(self) -> str:
        return str(_("Agency update of “%(headline)s”") % {"headline": self.article})
