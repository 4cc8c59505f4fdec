"""Sitemaps of what is visible: articles, authors, and Google News' last 48 hours."""

from __future__ import annotations

import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, QuerySet
from django.utils import timezone

from articles import presentation
from articles.models import Article, Author

# Google News only takes articles published in the last two days, at most 1,000 per sitemap.
NEWS_WINDOW = datetime.timedelta(hours=48)
NEWS_SITEMAP_LIMIT = 1000


class ArticleSitemap(Sitemap):
    """Every visible article, with the time it last changed."""

    def items(self) -> QuerySet[Article]:
        return Article.objects.visible().only("slug", "updated_at").order_by("-published_at", "-id")

    def lastmod(self, article: Article) -> datetime.datetime:
        return article.updated_at

    def get_latest_lastmod(self) -> datetime.datetime | None:
        # One aggregate instead of Django's default walk through every item.
        return Article.objects.visible().aggregate(latest=Max("updated_at"))["latest"]


class AuthorSitemap(Sitemap):
    """Every author with visible work; their page changes when one of those articles does."""

    def items(self) -> QuerySet[Author]:
        return (
            Author.objects.filter(credits__article__in=Article.objects.visible())
            .annotate(last_modified=Max("credits__article__updated_at"))
            .order_by("slug")
        )

    def location(self, author: Author) -> str:
        return presentation.author_url(author)

    def lastmod(self, author: Author) -> datetime.datetime:
        return author.last_modified

    def get_latest_lastmod(self) -> datetime.datetime | None:
        return ArticleSitemap().get_latest_lastmod()


class GoogleNewsSitemap(Sitemap):
    """Articles published on this site in the last 48 hours, for the news template."""

    limit = NEWS_SITEMAP_LIMIT

    def items(self) -> QuerySet[Article]:
        since = timezone.now() - NEWS_WINDOW
        return (
            Article.objects.visible()
            .filter(published_at__gte=since)
            .only("slug", "headline", "language", "published_at", "updated_at")
            .order_by("-published_at", "-id")
        )

    def lastmod(self, article: Article) -> datetime.datetime:
        return article.updated_at


SITEMAPS = {"articles": ArticleSitemap, "authors": AuthorSitemap}
