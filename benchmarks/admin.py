"""The editors' article list at scale, in-process, on PostgreSQL (issue #13, target 4).

    $PYTHON -m benchmarks.admin 40000    # from the repository root, PYTHON as in bench.py

For N articles (the database newsroom_bench_<N>, built by ``bench.py import N``
when missing; ``BENCH_DATABASE_URL`` names another one), it times the admin's
article list through Django's test client as a logged-in superuser, medians of
ROUNDS requests, and counts the queries of each: the default view, a status
filter, a language filter, a search for a common word and for a rare one, and a
year of the date drill-down; then the desk's dashboard (the admin's index), before
meaning its panels counted in full. The target is under 300 ms each at 1,000,000 and
the same number of queries at any size. Results go to benchmarks/results/admin_<N>.json.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager

from benchmarks import api, bench
from benchmarks.lists import median_ms

ROUNDS = 20
VIEWS = {
    "default": {},
    "status_public": {"publication": "public"},
    "status_in_review": {"publication": "in_review"},
    "language_en": {"language": "en"},
    "search_common": {"q": "sanctions"},
    "search_rare": {"q": None},  # a company name of the generated archive
    "year_2020": {"date__year": "2020"},
}


@contextmanager
def as_before():
    """The list as it was: Django's Paginator (a full count twice) and every match ranked."""
    from django.contrib import admin
    from django.core.paginator import Paginator

    from articles.models import Article
    from articles.search import search_articles

    model_admin = admin.site.get_model_admin(Article)
    saved = model_admin.paginator, model_admin.show_full_result_count
    model_admin.paginator, model_admin.show_full_result_count = Paginator, True
    model_admin.get_search_results = lambda request, queryset, term: (
        search_articles(queryset, term, candidates=None),
        False,
    )
    try:
        yield
    finally:
        model_admin.paginator, model_admin.show_full_result_count = saved
        del model_admin.get_search_results


@contextmanager
def dashboard_as_before():
    """The dashboard as it was: each panel's rows counted in full."""
    from articles.admin import dashboard

    saved = dashboard.bounded_count
    dashboard.bounded_count = lambda queryset: queryset.count()
    try:
        yield
    finally:
        dashboard.bounded_count = saved


def measure(count: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    user, _ = get_user_model().objects.get_or_create(
        username="benchmark-editor", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    rare = bench.company_names()[0]
    result: dict = {"articles": count, "rounds": ROUNDS}
    views = {name: ("/admin/articles/article/", query) for name, query in VIEWS.items()}
    views["dashboard"] = ("/admin/", {})
    for name, (path, parameters) in views.items():
        query = {key: (rare if value is None else value) for key, value in parameters.items()}

        def get(path: str = path, query: dict = query) -> None:
            response = client.get(path, query)
            assert response.status_code == 200, (path, query, response.status_code)

        queries: list[str] = []

        def counted(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counted):
            get()
        result[name] = {"median_ms": median_ms(get, ROUNDS), "queries": len(queries)}
        with dashboard_as_before() if name == "dashboard" else as_before():
            result[name]["before_ms"] = median_ms(get, 5)
        print(name, result[name])
    return result


def main() -> None:
    count = int(sys.argv[1])
    os.chdir(bench.REPO)
    if "BENCH_DATABASE_URL" not in os.environ:
        api.ensure_database(count)
    bench.manage(count, "collectstatic", "--noinput", "-v0")
    api.set_up_django(count)
    bench.write_result(f"admin_{count}", measure(count))


if __name__ == "__main__":
    main()
