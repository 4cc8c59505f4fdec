"""Wire files the drop folder could not import, kept where the desk's dashboard can read them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportFailure(models.Model):
    """One file that failed in a watched folder: its name, where it went, and why."""

    file_name = models.CharField(_("file name"), max_length=255)
    folder = models.CharField(_("folder"), max_length=1000)
    reason = models.TextField(_("reason"))
    failed_at = models.DateTimeField(_("failed at"), auto_now=True)

    class Meta:
        verbose_name = _("failed import")
        verbose_name_plural = _("failed imports")
        ordering = ["-failed_at", "-id"]
        constraints = [
            # The same file failing again replaces its line: the desk reads the latest reason.
            models.UniqueConstraint(fields=["folder", "file_name"], name="import_failure_file"),
        ]

    def __str__(self) -> str:
        return f"{self.file_name}: {self.reason}"
