"""The public search page, /search/?q=, with the same search as the API."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from articles.search import search_articles, snippet_html, with_snippets
from articles.selectors import visible_articles
from website import keyset
from website.caching import PAGE_MAX_AGE, cached_publicly
from website.views import redirect_from_page_number

RESULTS_PER_PAGE = 20
# Results come by relevance, so the key follows that order: rank, then newest. A key of
# the date alone would skip or repeat results, as ranks are not in date order. An
# article's rank depends only on its own text and the query, so (rank, date, id) is a
# total order that stays put between requests: "Next" carries all three and continues
# exactly where the page stopped, on PostgreSQL (ts_rank, a double once cast) and on
# SQLite (headline match or not) alike.
SEARCH_ORDER = keyset.Ordering((("-search_rank", "float"), ("-date", "date"), ("-id", "int")))


class SearchForm(forms.Form):
    """The query string: ``?q=sécurité&after=0.0607927_2023-09-01_4182``."""

    q = forms.CharField(label=_("Search"), max_length=200, required=False, strip=True)
    after = keyset.KeyField(SEARCH_ORDER, label=_("After"))
    before = keyset.KeyField(SEARCH_ORDER, label=_("Before"))


@cached_publicly(PAGE_MAX_AGE)
def search(request: HttpRequest) -> HttpResponse:
    """Visible articles matching the query, most relevant first, with the passages that match."""
    if redirect := redirect_from_page_number(request):
        return redirect
    form = SearchForm(request.GET)
    if not form.is_valid():
        return render(request, "website/search.html", {"form": form}, status=400)
    query = form.cleaned_data["q"]
    context = {"form": form, "query": query, "results": [], "page_links": {}}
    if query:
        articles = search_articles(visible_articles(for_list=True), query)
        page = keyset.paginate(
            with_snippets(articles, query),
            SEARCH_ORDER,
            RESULTS_PER_PAGE,
            after=form.cleaned_data["after"],
            before=form.cleaned_data["before"],
        )
        context["results"] = [
            {"article": article, "snippet": snippet_html(article.search_snippet)}
            for article in page.items
        ]
        context["page_links"] = page.links({"q": query})
    return render(request, "website/search.html", context)
