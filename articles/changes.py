"""The change log: every change of what the public sees, written by database triggers.

The triggers (migration ``0005_change_log``) live in the database, like the search
vector's, so that no write path (admin, import, ``save()``, ``update()``, ``loaddata``,
raw SQL) can forget them. Python only adds the ``published`` events of scheduled
articles whose time has come (``articles.services.changes.emit_due_publications``).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ChangeKind(models.TextChoices):
    PUBLISHED = "published", _("published")
    UPDATED = "updated", _("updated")
    UNPUBLISHED = "unpublished", _("unpublished")
    WITHDRAWN = "withdrawn", _("withdrawn")
    DELETED = "deleted", _("deleted")


class ChangeEvent(models.Model):
    """One change of what the public sees; ``id`` grows in the order changes became visible."""

    id = models.BigAutoField(primary_key=True)
    at = models.DateTimeField(_("time"))
    kind = models.CharField(_("kind"), max_length=16, choices=ChangeKind.choices)
    # No foreign key: a deleted article's events stay, as tombstones.
    article_id = models.BigIntegerField(_("article id"), null=True)
    source_id = models.CharField(_("source identifier"), max_length=200)
    slug = models.CharField(_("slug"), max_length=255)

    class Meta:
        verbose_name = _("change event")
        verbose_name_plural = _("change events")
        ordering = ["id"]
        indexes = [models.Index(fields=["article_id", "id"], name="change_event_article")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=ChangeKind.values), name="change_event_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.id} {self.kind} {self.source_id}"


class Announcement(models.Model):
    """Marker: this article's being public has been announced (a published event is out)."""

    # No foreign key: the triggers keep it, and drop it when the article stops being public.
    article_id = models.BigIntegerField(primary_key=True)

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")

    def __str__(self) -> str:
        return str(self.article_id)


class PendingChange(models.Model):
    """PostgreSQL only: a transaction's events, moved to the log when it commits."""

    id = models.BigAutoField(primary_key=True)
    kind = models.CharField(max_length=16)
    article_id = models.BigIntegerField(null=True)
    source_id = models.CharField(max_length=200)
    slug = models.CharField(max_length=255)

    class Meta:
        verbose_name = _("pending change")
        verbose_name_plural = _("pending changes")

    def __str__(self) -> str:
        return f"{self.kind} {self.source_id}"
