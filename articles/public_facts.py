"""What editors add to an article after the fact: dated corrections, and its translations.

Each lives in its own table, beside ``articles_article`` (never a column of it): the
change log's triggers (migration ``0011_corrections_and_translations``) make any write
to them an ``updated`` event of the articles concerned and touch their ``updated_at``,
so every Last-Modified, feed and sitemap follows without knowing about them.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ArticleCorrection(models.Model):
    """A correction note readers see under the article, with the time it was made."""

    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="corrections",
        verbose_name=_("article"),
    )
    at = models.DateTimeField(
        _("corrected at"), default=timezone.now, help_text=_("When the correction was made.")
    )
    text = models.TextField(
        _("text"),
        help_text=_("Shown to readers, e.g. “Correction: an earlier version misstated…”."),
    )

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return self.text


class TranslationGroup(models.Model):
    """The versions of one story in several languages; each member is every other's translation."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("translation group")
        verbose_name_plural = _("translation groups")

    def __str__(self) -> str:
        return str(self.pk)


class TranslationMember(models.Model):
    """An article's place in its translation group: at most one group per article."""

    article = models.OneToOneField(
        "articles.Article",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="translation_member",
        verbose_name=_("article"),
    )
    group = models.ForeignKey(
        TranslationGroup,
        on_delete=models.CASCADE,
        related_name="members",
        verbose_name=_("translation group"),
    )

    class Meta:
        verbose_name = _("translation link")
        verbose_name_plural = _("translation links")

    def __str__(self) -> str:
        return f"{self.article_id} in {self.group_id}"


class TranslationProposal(models.Model):
    """The importer's guess that two articles are one story in two languages, to confirm."""

    # The pair is stored lower id first, so that it is proposed once, whichever came in last.
    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="translation_proposals",
        verbose_name=_("article"),
    )
    candidate = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("proposed translation"),
    )
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("translation proposal")
        verbose_name_plural = _("translation proposals")
        ordering = ["-proposed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "candidate"], name="translation_proposal_once"
            ),
            models.CheckConstraint(
                condition=models.Q(article__lt=models.F("candidate")),
                name="translation_proposal_ordered_pair",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.article} ↔ {self.candidate}"
