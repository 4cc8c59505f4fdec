"""Who owns an article written at the desk, and with whom they share it.

A table of its own, beside ``articles_article``: altering that table on SQLite rebuilds it
and drops the change log's triggers. An article without a row here (wire copy, imported)
belongs to the desk: every contributor may work on it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ArticleOwnership(models.Model):
    article = models.OneToOneField(
        "articles.Article",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="ownership",
        verbose_name=_("article"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    shared_with = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="shared_articles",
        verbose_name=_("shared with"),
        help_text=_("Contributors who may edit this article too. Editors may edit every article."),
    )

    class Meta:
        verbose_name = _("article ownership")
        verbose_name_plural = _("article ownerships")

    def __str__(self) -> str:
        return str(self.article_id)
