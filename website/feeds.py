"""RSS 2.0 and Atom feeds of visible articles: the latest, per language, per author.

Items are ordered by publication time on this site (``published_at``), which is also
their pubDate: a wire story dated "2023-09" has no day to put in a feed date, while
the moment it was published here is exact.
"""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed
from django.utils.translation import gettext as _

from articles import presentation, selectors
from articles.models import Article, Author, Language
from articles.services import renditions
from website.photos import feed_enclosure
from website.presentation import author_url, publication_name

# Enough for a reader that polls a few times a day to miss nothing on a busy desk.
FEED_SIZE = 50


class LatestArticlesFeed(Feed):
    """The latest visible articles in every language, as RSS 2.0."""

    feed_type = Rss201rev2Feed
    request: HttpRequest | None = None

    def get_feed(self, obj, request: HttpRequest) -> SyndicationFeed:
        # Kept for the enclosures, whose URLs must be absolute.
        self.request = request
        return super().get_feed(obj, request)

    def articles(self, obj) -> QuerySet[Article]:
        return selectors.visible_articles()

    def items(self, obj) -> list[Article]:
        articles = (
            self.articles(obj)
            .with_credits()
            .defer(*selectors.LIST_DEFERRED_FIELDS)
            .order_by("-published_at", "-id")[:FEED_SIZE]
        )
        # The enclosures' renditions in one query for the whole feed, not one per item.
        return renditions.attach_public_renditions(articles)

    def title(self, obj) -> str:
        return _("%(publication)s: latest articles") % {"publication": publication_name()}

    def link(self, obj) -> str:
        return reverse("website:home")

    def description(self, obj) -> str:
        return _("Articles published by %(publication)s, newest first.") % {
            "publication": publication_name()
        }

    def subtitle(self, obj) -> str:
        return self.description(obj)

    def author_name(self, obj) -> str:
        # Atom requires an author for each entry or for the feed; unsigned copy falls back here.
        return publication_name()

    def item_title(self, article: Article) -> str:
        # Plain text: the feed generator escapes it for XML.
        return article.headline

    def item_description(self, article: Article) -> str:
        return presentation.summary(article)

    def item_pubdate(self, article: Article):
        return article.published_at

    def item_updateddate(self, article: Article):
        return article.updated_at

    def item_author_name(self, article: Article) -> str | None:
        return presentation.byline_names(article) or article.dateline_source or None

    def item_enclosures(self, article: Article) -> list:
        """The photo's feed rendition (never the original), when the article has a photo."""
        enclosure = feed_enclosure(article, self.request.build_absolute_uri)
        return [enclosure] if enclosure else []

    def item_categories(self, article: Article) -> list[str]:
        """Where it was filed and its language: the newsroom's only classifications."""
        language = presentation.language_name_local(article.language)
        return [category for category in (article.dateline_place, language) if category]


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed


class LanguageArticlesFeed(LatestArticlesFeed):
    """The latest visible articles in one language, titled in that language."""

    def get_object(self, request: HttpRequest, language: str) -> str:
        if language not in Language.values:
            raise Http404(f"No feed for language {language!r}.")
        return language

    def get_feed(self, obj: str, request: HttpRequest) -> SyndicationFeed:
        # The feed's <language> and titles follow the articles, not the reader's browser.
        with translation.override(obj):
            return super().get_feed(obj, request)

    def articles(self, language: str) -> QuerySet[Article]:
        return selectors.visible_articles().filter(language=language)

    def title(self, language: str) -> str:
        # One sentence per language: "en français" and "in French" do not share a pattern.
        titles = {
            Language.FRENCH: _("%(publication)s: latest articles in French"),
            Language.ENGLISH: _("%(publication)s: latest articles in English"),
        }
        return titles[language] % {"publication": publication_name()}

    def link(self, language: str) -> str:
        return f"{reverse('website:home')}?language={language}"


class LanguageArticlesAtomFeed(LanguageArticlesFeed):
    feed_type = Atom1Feed


class AuthorArticlesFeed(LatestArticlesFeed):
    """The latest visible articles that credit one author, in any role."""

    def get_object(self, request: HttpRequest, slug: str) -> Author:
        author = get_object_or_404(Author, slug=slug)
        # An author credited only on unpublished work must not be revealed.
        if not self.articles(author).exists():
            raise Http404("No visible work by this author.")
        return author

    def articles(self, author: Author) -> QuerySet[Article]:
        return selectors.visible_articles_of(author)

    def title(self, author: Author) -> str:
        return _("%(publication)s: articles by %(author)s") % {
            "publication": publication_name(),
            "author": author.name,
        }

    def link(self, author: Author) -> str:
        return author_url(author)


class AuthorArticlesAtomFeed(AuthorArticlesFeed):
    feed_type = Atom1Feed
