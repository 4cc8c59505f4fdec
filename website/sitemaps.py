"""Sitemaps of what is visible: articles, authors, and Google News' last 48 hours.

Every ``lastmod`` is ``articles.selectors.last_modified``: an article that goes live on
schedule changes its page (and its authors' pages) without touching ``updated_at``.
"""

from __future__ import annotations

import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.utils import timezone

from articles import selectors
from articles.models import Article, Author
from website.presentation import author_url

# Google News only takes articles published in the last two days, at most 1,000 per sitemap.
NEWS_WINDOW = datetime.timedelta(hours=48)
NEWS_SITEMAP_LIMIT = 1000
# Google reads at most 50,000 URLs a sitemap file: past that, the index (sitemap.xml)
# lists the section's pages, sitemap-articles.xml?p=2 and on, so every article stays
# reachable at any size. Crawlers, not readers, read these, 15 minutes apart at most.
SITEMAP_URL_LIMIT = 50_000


class ArticleSitemap(Sitemap):
    """Every visible article, with the time it last changed."""

    limit = SITEMAP_URL_LIMIT

    def items(self) -> QuerySet[Article]:
        return (
            selectors.visible_articles()
            .only("slug", "updated_at", "published_at")
            .order_by("-published_at", "-id")
        )

    def lastmod(self, article: Article) -> datetime.datetime:
        return selectors.last_modified(article)

    def get_latest_lastmod(self) -> datetime.datetime | None:
        # One aggregate instead of Django's default walk through every item.
        return selectors.latest_visible_modification()


class AuthorSitemap(Sitemap):
    """Every author with visible work; their page changes when one of those articles does."""

    limit = SITEMAP_URL_LIMIT

    def items(self) -> QuerySet[Author]:
        return selectors.with_last_modified(selectors.public_authors()).order_by("slug")

    def location(self, author: Author) -> str:
        return author_url(author)

    def lastmod(self, author: Author) -> datetime.datetime:
        return author.last_modified

    def get_latest_lastmod(self) -> datetime.datetime | None:
        return selectors.latest_visible_modification()


class GoogleNewsSitemap(Sitemap):
    """Articles published on this site in the last 48 hours, for the news template."""

    limit = NEWS_SITEMAP_LIMIT

    def items(self) -> QuerySet[Article]:
        since = timezone.now() - NEWS_WINDOW
        return (
            selectors.visible_articles()
            .filter(published_at__gte=since)
            .only("slug", "headline", "language", "published_at", "updated_at")
            .order_by("-published_at", "-id")
        )

    def lastmod(self, article: Article) -> datetime.datetime:
        return selectors.last_modified(article)


SITEMAPS = {"articles": ArticleSitemap, "authors": AuthorSitemap}
