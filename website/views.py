"""Public pages: the home page, an article, an author, robots.txt.

Every read goes through ``articles.selectors``: what is not published, or not yet due,
is a 404 here. Pages are cached publicly for a few minutes and answer
conditional requests (ETag from the content, Last-Modified where the data gives one).
"""

from __future__ import annotations

import datetime

from django import forms
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import http_date
from django.utils.translation import gettext_lazy as _

from articles import presentation, selectors
from articles.models import LANGUAGE_SUBTAG, Article, Author, Language
from website import keyset, public_facts
from website import photos as site_photos
from website import presentation as site_presentation
from website.caching import PAGE_MAX_AGE, ROBOTS_MAX_AGE, cached_publicly

# A screenful of headlines on a phone, two on a desktop.
ARTICLES_PER_PAGE = 20
CREDITS_PER_PAGE = 50
UPDATE_SHOWN_AFTER = datetime.timedelta(minutes=1)


ARTICLE_ORDER = keyset.Ordering(tuple(zip(selectors.NEWEST_FIRST, ("date", "int"), strict=True)))
CREDIT_ORDER = keyset.Ordering(
    (("role_rank", "int"), ("-article__date", "date"), ("-article__id", "int"), ("id", "int"))
)


class ArticleListForm(forms.Form):
    """The home page's query string: ``?language=fr&after=2023-09-01_4182``."""

    # Any language an article may be in, not only the two the site speaks.
    language = forms.RegexField(
        regex=LANGUAGE_SUBTAG,
        label=_("Language"),
        required=False,
        error_messages={"invalid": _("A language code such as fr, en or de.")},
    )
    after = keyset.KeyField(ARTICLE_ORDER, label=_("Older than"))
    before = keyset.KeyField(ARTICLE_ORDER, label=_("Newer than"))


class CreditListForm(forms.Form):
    """The author page's query string: ``?after=0_2023-09-01_4182_9120``."""

    after = keyset.KeyField(CREDIT_ORDER, label=_("Older than"))
    before = keyset.KeyField(CREDIT_ORDER, label=_("Newer than"))


def redirect_from_page_number(request: HttpRequest) -> HttpResponse | None:
    """Old ``?page=N`` links land on the list's first page, its other parameters kept.

    Pages are no longer numbered: page N of yesterday is not page N of today anyway.
    """
    if "page" not in request.GET:
        return None
    query = request.GET.copy()
    del query["page"]
    target = request.path + (f"?{query.urlencode()}" if query else "")
    return HttpResponsePermanentRedirect(target)


def language_filter_links(current: str) -> list[dict]:
    """ "All languages · français · English" links, each language named in itself."""
    links = [{"code": "", "label": _("All languages"), "url": reverse("website:home")}]
    codes = list(Language.values)
    if current and current not in codes:
        codes.append(current)
    for code in codes:
        links.append(
            {
                "code": code,
                "label": presentation.language_name_local(code),
                "url": f"{reverse('website:home')}?language={code}",
            }
        )
    for link in links:
        link["is_current"] = link["code"] == current
    return links


def publication_times(article: Article) -> dict[str, str]:
    """When the article went out and, if it changed since, when: in the page's language."""
    if article.published_at is None:
        return {"published_text": "", "updated_text": ""}
    modified = selectors.last_modified(article)
    # A save within the minute of publishing is the same news, not an update worth showing.
    updated = modified - article.published_at > UPDATE_SHOWN_AFTER
    return {
        "published_text": presentation.moment_text(article.published_at),
        "updated_text": presentation.moment_text(modified) if updated else "",
    }


@cached_publicly(PAGE_MAX_AGE)
def home(request: HttpRequest) -> HttpResponse:
    """The latest visible articles, newest first, optionally in one language."""
    if redirect := redirect_from_page_number(request):
        return redirect
    form = ArticleListForm(request.GET)
    if not form.is_valid():
        context = {"form": form, "language_links": language_filter_links("")}
        return render(request, "website/home.html", context, status=400)

    language = form.cleaned_data["language"]
    articles = selectors.visible_articles(for_list=True)
    if language:
        articles = articles.filter(language=language)
    page = keyset.paginate(
        articles,
        ARTICLE_ORDER,
        ARTICLES_PER_PAGE,
        after=form.cleaned_data["after"],
        before=form.cleaned_data["before"],
    )
    context = {
        "form": form,
        "page": page,
        "articles": page.items,
        "language": language,
        "language_links": language_filter_links(language),
        "page_links": page.links({"language": language}),
    }
    return render(request, "website/home.html", context)


def render_article(
    request: HttpRequest, article: Article, *, is_preview: bool = False, preview_token: str = ""
) -> HttpResponse:
    """The article page, entirely in the article's language (its <html lang> included)."""
    if preview_token:
        # The photo of an article not yet public is fetched with the preview's own token.
        site_photos.open_renditions_with_preview_token(article, preview_token)
    canonical_url = request.build_absolute_uri(article.get_absolute_url())
    social_image = site_photos.social_image(article)
    with translation.override(article.language):
        structured_data = site_presentation.news_article_structured_data(
            article, canonical_url=canonical_url, absolute_url=request.build_absolute_uri
        )
        context = {
            "article": article,
            "is_preview": is_preview,
            "publication_state": presentation.publication_state_text(article),
            "canonical_url": canonical_url,
            "description": presentation.summary(article),
            "date_text": presentation.date_at_precision(article),
            "photo_credit": presentation.photo_credit_text(article),
            **publication_times(article),
            "dateline": presentation.dateline_text(article),
            "paragraphs": presentation.paragraphs(article),
            "credit_groups": site_presentation.credit_groups(article),
            "structured_data_script": site_presentation.json_ld_script(structured_data),
            "translation_links": public_facts.translation_links(
                article, request.build_absolute_uri
            ),
            "corrections": public_facts.correction_notes(article),
            "open_graph_locale": site_presentation.open_graph_locale(article.language),
            "photo": site_photos.page_photo(article),
            "social_image": social_image,
            "social_image_url": (
                request.build_absolute_uri(social_image.url) if social_image else ""
            ),
            "byline_author_urls": [
                request.build_absolute_uri(site_presentation.author_url(author))
                for author in presentation.byline_authors(article)
            ],
        }
        response = render(request, "website/article_detail.html", context)
    # LocaleMiddleware only fills it in when absent; the page speaks the article's language.
    response.headers["Content-Language"] = article.language
    return response


@cached_publicly(PAGE_MAX_AGE)
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """One visible article; 404 for drafts, articles in review and scheduled ones, 410 withdrawn."""
    articles = selectors.with_public_facts(selectors.visible_articles().with_credits())
    article = articles.filter(slug=slug).first()
    if article is None:
        if selectors.was_withdrawn(slug=slug):
            return render(request, "410.html", status=410)
        raise Http404("No visible article at this address.")
    response = render_article(request, article)
    last_modified = selectors.last_modified(article)
    response.headers["Last-Modified"] = http_date(last_modified.timestamp())
    return response


@cached_publicly(PAGE_MAX_AGE)
def author_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """An author's visible work, grouped by role; 404 when none of it is visible yet."""
    if redirect := redirect_from_page_number(request):
        return redirect
    author = get_object_or_404(Author, slug=slug)
    credits = selectors.visible_credits_of(author)
    # The author's own credits, not the archive: a few thousand at most, on an index.
    total = credits.count()
    if not total:
        # An author credited only on unpublished work must not be revealed.
        raise Http404("No visible work by this author.")
    form = CreditListForm(request.GET)
    if not form.is_valid():
        context = {"author": author, "form": form}
        return render(request, "website/author_detail.html", context, status=400)
    page = keyset.paginate(
        credits,
        CREDIT_ORDER,
        CREDITS_PER_PAGE,
        after=form.cleaned_data["after"],
        before=form.cleaned_data["before"],
    )
    context = {
        "author": author,
        "form": form,
        "total": total,
        "credits": page.items,
        "page_links": page.links({}),
        "canonical_url": request.build_absolute_uri(site_presentation.author_url(author)),
    }
    return render(request, "website/author_detail.html", context)


@cached_publicly(ROBOTS_MAX_AGE)
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawl everything public; skip the admin, the API and previews; here are the sitemaps."""
    context = {
        "sitemap_urls": [
            request.build_absolute_uri(reverse("website:sitemap")),
            request.build_absolute_uri(reverse("website:sitemap-news")),
        ]
    }
    return render(request, "website/robots.txt", context, content_type="text/plain; charset=utf-8")
