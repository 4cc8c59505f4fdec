"""Public site URLs: pages, feeds, sitemaps, robots.txt and editors' previews."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from website import feeds, previews, search_views, views
from website.caching import PAGE_MAX_AGE, SITEMAP_MAX_AGE, cached_publicly
from website.sitemaps import SITEMAPS, GoogleNewsSitemap

app_name = "website"

sitemap = cached_publicly(SITEMAP_MAX_AGE)(sitemap_views.sitemap)
sitemap_index = cached_publicly(SITEMAP_MAX_AGE)(sitemap_views.index)
feed = cached_publicly(PAGE_MAX_AGE)

urlpatterns = [
    path("", views.home, name="home"),
    path("articles/<slug:slug>/", views.article_detail, name="article-detail"),
    path("authors/<slug:slug>/", views.author_detail, name="author-detail"),
    path("search/", search_views.search, name="search"),
    path("preview/<str:token>/", previews.article_preview, name="article-preview"),
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
        {"sitemaps": SITEMAPS, "sitemap_url_name": "website:sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-news.xml",
        sitemap,
        {"sitemaps": {"news": GoogleNewsSitemap}, "template_name": "website/sitemap_news.xml"},
        name="sitemap-news",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("robots.txt", views.robots_txt, name="robots-txt"),
]
