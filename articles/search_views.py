"""The public search page, /search/?q=, with the same search as the API."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from articles.search import search_articles, snippet_html, with_snippets
from articles.views import LIST_DEFERRED_FIELDS, PAGE_MAX_AGE, cached_publicly

RESULTS_PER_PAGE = 20
# Readers refine a search long before page 50; deeper offsets only cost the database.
MAX_PAGE = 50


class SearchForm(forms.Form):
    """The query string: ``?q=sécurité&page=2``."""

    q = forms.CharField(label=_("Search"), max_length=200, required=False, strip=True)
    page = forms.IntegerField(label=_("Page"), min_value=1, max_value=MAX_PAGE, required=False)


@cached_publicly(PAGE_MAX_AGE)
def search(request: HttpRequest) -> HttpResponse:
    """Visible articles matching the query, most relevant first, with the passages that match."""
    form = SearchForm(request.GET)
    if not form.is_valid():
        return render(request, "articles/search.html", {"form": form}, status=400)
    query = form.cleaned_data["q"]
    page = form.cleaned_data["page"] or 1
    context = {"form": form, "query": query, "page": page, "results": []}
    if query:
        articles = search_articles(Article.objects.visible().defer(*LIST_DEFERRED_FIELDS), query)
        start = (page - 1) * RESULTS_PER_PAGE
        # One row more than a page tells whether there is a next page, without a COUNT.
        found = list(with_snippets(articles, query)[start : start + RESULTS_PER_PAGE + 1])
        context["results"] = [
            {"article": article, "snippet": snippet_html(article.search_snippet)}
            for article in found[:RESULTS_PER_PAGE]
        ]
        context["has_next"] = len(found) > RESULTS_PER_PAGE and page < MAX_PAGE
    return render(request, "articles/search.html", context)
