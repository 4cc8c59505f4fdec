"""Who has an article's form open: shown to the others beside the conflict protection.

Presence only informs; it never locks. Two editors may still both save, and the
conflict check (articles/services/locking.py) still stops the second from
overwriting the first unseen.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def heartbeat_seconds() -> int:
    """How often an open form tells the server it is still open (PRESENCE_HEARTBEAT_SECONDS)."""
    return settings.PRESENCE_HEARTBEAT_SECONDS


def presence_timeout() -> datetime.timedelta:
    """How long a silent form still counts (a closed tab, a crashed browser stop beating)."""
    # Three beats: one lost request does not make an editor vanish.
    return datetime.timedelta(seconds=3 * heartbeat_seconds())


class EditingPresence(models.Model):
    """One editor with one article's form open, since ``since``, last heard at ``seen_at``."""

    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="presences",
        verbose_name=_("article"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, verbose_name=_("editor")
    )
    since = models.DateTimeField(_("editing since"))
    seen_at = models.DateTimeField(_("last heard"))

    class Meta:
        verbose_name = _("editing presence")
        verbose_name_plural = _("editing presences")
        constraints = [
            models.UniqueConstraint(fields=["article", "user"], name="presence_article_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.article_id}"
