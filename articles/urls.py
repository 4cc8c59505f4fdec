"""Public site URLs: pages, feeds, sitemaps, robots.txt and editors' previews."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from articles import feeds, preview, search_views, views
from articles.sitemaps import SITEMAPS, GoogleNewsSitemap

app_name = "articles"

# Sitemaps change when articles do; crawlers need not come back more often than this.
SITEMAP_MAX_AGE = 15 * 60

sitemap = views.cached_publicly(SITEMAP_MAX_AGE)(sitemap_views.sitemap)
sitemap_index = views.cached_publicly(SITEMAP_MAX_AGE)(sitemap_views.index)
feed = views.cached_publicly(views.PAGE_MAX_AGE)

urlpatterns = [
    path("", views.home, name="home"),
    path("articles/<slug:slug>/", views.article_detail, name="article-detail"),
    path("authors/<slug:slug>/", views.author_detail, name="author-detail"),
    path("search/", search_views.search, name="search"),
    path("preview/<str:token>/", preview.article_preview, name="article-preview"),
    # Feeds: RSS 2.0 and Atom of the latest articles, of one language, of one author.
    path("feeds/rss/", feed(feeds.LatestArticlesFeed()), name="feed-rss"),
    path("feeds/atom/", feed(feeds.LatestArticlesAtomFeed()), name="feed-atom"),
    path(
        "feeds/authors/<slug:slug>/rss/",
        feed(feeds.AuthorArticlesFeed()),
        name="author-feed-rss",
    ),
    path(
        "feeds/authors/<slug:slug>/atom/",
        feed(feeds.AuthorArticlesAtomFeed()),
        name="author-feed-atom",
    ),
    path(
        "feeds/<str:language>/rss/",
        feed(feeds.LanguageArticlesFeed()),
        name="language-feed-rss",
    ),
    path(
        "feeds/<str:language>/atom/",
        feed(feeds.LanguageArticlesAtomFeed()),
        name="language-feed-atom",
    ),
    # Sitemaps: an index of the sections, the sections, and Google News' own sitemap.
    path(
        "sitemap.xml",
        sitemap_index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "articles:sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-news.xml",
        sitemap,
        {"sitemaps": {"news": GoogleNewsSitemap}, "template_name": "articles/sitemap_news.xml"},
        name="sitemap-news",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path("search/", search_views.search, name="search"),
]
