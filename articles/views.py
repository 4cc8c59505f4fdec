"""Public pages: the home page, an article, an author, robots.txt.

Every read goes through ``Article.objects.visible()``: what is not published, or not
yet due, is a 404 here. Pages are cached publicly for a few minutes and answer
conditional requests (ETag from the content, Last-Modified where the data gives one).
"""

from __future__ import annotations

from django import forms
from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.http import ConditionalGetMiddleware
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.decorators import decorator_from_middleware
from django.utils.http import http_date
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control

from articles import presentation
from articles.models import Article, Author, Credit, CreditRole, Language

# A screenful of headlines on a phone, two on a desktop.
ARTICLES_PER_PAGE = 20
CREDITS_PER_PAGE = 50
# Short enough that a correction shows within minutes, long enough to absorb a rush.
PAGE_MAX_AGE = 5 * 60
ROBOTS_MAX_AGE = 24 * 60 * 60

# Lists never need the wire text kept for export; it is the heaviest column.
LIST_DEFERRED_FIELDS = ("source_text", "source_hash")

conditional_get = decorator_from_middleware(ConditionalGetMiddleware)


def cached_publicly(max_age: int):
    """Cache-Control: public with max_age, and 304 answers to If-None-Match/If-Modified-Since.

    The ETag is a hash of the rendered response, so it changes with anything the reader
    sees (a credit, an author's name, a template), not only with the article's own row.
    """

    def decorator(view):
        return conditional_get(cache_control(public=True, max_age=max_age)(view))

    return decorator


class ArticleListForm(forms.Form):
    """The home page's query string: ``?language=fr&page=2``."""

    language = forms.ChoiceField(
        label=_("Language"), choices=[("", _("All languages")), *Language.choices], required=False
    )
    page = forms.IntegerField(label=_("Page"), min_value=1, required=False)


class CreditListForm(forms.Form):
    """The author page's query string: ``?page=2``."""

    page = forms.IntegerField(label=_("Page"), min_value=1, required=False)


def page_or_404(paginator: Paginator, number: int | None) -> Page:
    """The page, or 404 past the last one (the list exists, that page of it does not)."""
    try:
        return paginator.page(number or 1)
    except InvalidPage as error:
        raise Http404(str(error)) from error


def language_filter_links(current: str) -> list[dict]:
    """ "All languages · français · English" links, each language named in itself."""
    links = [{"code": "", "label": _("All languages"), "url": reverse("articles:home")}]
    for code in Language.values:
        links.append(
            {
                "code": code,
                "label": get_language_info(code)["name_local"],
                "url": f"{reverse('articles:home')}?language={code}",
            }
        )
    for link in links:
        link["is_current"] = link["code"] == current
    return links


@cached_publicly(PAGE_MAX_AGE)
def home(request: HttpRequest) -> HttpResponse:
    """The latest visible articles, newest first, optionally in one language."""
    form = ArticleListForm(request.GET)
    if not form.is_valid():
        context = {"form": form, "language_links": language_filter_links("")}
        return render(request, "articles/home.html", context, status=400)

    language = form.cleaned_data["language"]
    articles = Article.objects.visible().defer(*LIST_DEFERRED_FIELDS)
    if language:
        articles = articles.filter(language=language)
    page = page_or_404(Paginator(articles, ARTICLES_PER_PAGE), form.cleaned_data["page"])
    context = {
        "form": form,
        "page_obj": page,
        "articles": page.object_list,
        "language": language,
        "language_links": language_filter_links(language),
        "page_query_prefix": f"language={language}&" if language else "",
    }
    return render(request, "articles/home.html", context)


def render_article(request: HttpRequest, article: Article, *, is_preview: bool = False):
    """The article page, entirely in the article's language (its <html lang> included)."""
    canonical_url = request.build_absolute_uri(article.get_absolute_url())
    with translation.override(article.language):
        structured_data = presentation.news_article_structured_data(
            article, canonical_url=canonical_url, absolute_url=request.build_absolute_uri
        )
        context = {
            "article": article,
            "is_preview": is_preview,
            "canonical_url": canonical_url,
            "description": presentation.summary(article),
            "date_text": presentation.date_at_precision(article),
            "dateline": presentation.dateline_text(article),
            "paragraphs": presentation.paragraphs(article),
            "credit_groups": presentation.credit_groups(article),
            "structured_data_script": presentation.json_ld_script(structured_data),
            "open_graph_locale": presentation.open_graph_locale(article.language),
            "photo_url": request.build_absolute_uri(article.photo.url) if article.photo else "",
            "byline_author_urls": [
                request.build_absolute_uri(presentation.author_url(author))
                for author in presentation.byline_authors(article)
            ],
        }
        response = render(request, "articles/article_detail.html", context)
    # LocaleMiddleware only fills it in when absent; the page speaks the article's language.
    response.headers["Content-Language"] = article.language
    return response


@cached_publicly(PAGE_MAX_AGE)
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """One visible article; 404 for drafts, articles in review and scheduled ones."""
    article = get_object_or_404(Article.objects.visible().with_credits(), slug=slug)
    response = render_article(request, article)
    # Publishing a scheduled article changes the page without touching updated_at.
    last_modified = max(article.updated_at, article.published_at)
    response.headers["Last-Modified"] = http_date(last_modified.timestamp())
    return response


def _role_order() -> Case:
    """Roles in the order the model declares them: reporting before translation, etc."""
    return Case(
        *(When(role=role, then=Value(index)) for index, role in enumerate(CreditRole.values)),
        output_field=IntegerField(),
    )


def visible_credits_of(author: Author) -> QuerySet[Credit]:
    """The author's credits on visible articles, by role then newest article first."""
    return (
        Credit.objects.filter(author=author, article__in=Article.objects.visible())
        .select_related("article")
        .defer(*(f"article__{field}" for field in (*LIST_DEFERRED_FIELDS, "body")))
        .order_by(_role_order(), "-article__date", "-article__id")
    )


@cached_publicly(PAGE_MAX_AGE)
def author_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """An author's visible work, grouped by role; 404 when none of it is visible yet."""
    author = get_object_or_404(Author, slug=slug)
    paginator = Paginator(visible_credits_of(author), CREDITS_PER_PAGE)
    if not paginator.count:
        # An author credited only on unpublished work must not be revealed.
        raise Http404("No visible work by this author.")
    form = CreditListForm(request.GET)
    if not form.is_valid():
        context = {"author": author, "form": form}
        return render(request, "articles/author_detail.html", context, status=400)
    page = page_or_404(paginator, form.cleaned_data["page"])
    context = {
        "author": author,
        "form": form,
        "page_obj": page,
        "credits": page.object_list,
        "canonical_url": request.build_absolute_uri(presentation.author_url(author)),
    }
    return render(request, "articles/author_detail.html", context)


@cached_publicly(ROBOTS_MAX_AGE)
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawl everything public; skip the admin, the API and previews; here are the sitemaps."""
    context = {
        "sitemap_urls": [
            request.build_absolute_uri(reverse("articles:sitemap")),
            request.build_absolute_uri(reverse("articles:sitemap-news")),
        ]
    }
    return render(request, "articles/robots.txt", context, content_type="text/plain; charset=utf-8")
