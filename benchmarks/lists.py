"""Public lists by key and search by bounded ranking, in-process, on PostgreSQL (issue #13).

    $PYTHON -m benchmarks.lists 40000    # from the repository root, PYTHON as in bench.py

For N articles (the database newsroom_bench_<N>, built by ``bench.py import N``
when missing; ``BENCH_DATABASE_URL`` names another one), it times pages through
Django's test client, every middleware included but no network, medians of
ROUNDS requests:

- the home page, all languages and English only, first page against a page
  1,000 pages deep (or half the archive) and the last page, read by key;
- the same depth read the old way (Django's ``Paginator``: a count, then OFFSET),
  as the ORM query alone, for comparison;
- the search page for common words against rare ones (snippets included), and
  the same first page when every match is ranked (``candidates=None``), as before.

Results go to benchmarks/results/lists_<N>.json.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
import urllib.parse
from collections.abc import Callable

import psycopg

from benchmarks import api, bench

ROUNDS = 30
DEEP_PAGES = 1000


def median_ms(work: Callable[[], object], rounds: int = ROUNDS) -> float:
    work()  # warm caches, as a running server has them
    timings = []
    for _ in range(rounds):
        started = time.perf_counter()
        work()
        timings.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(timings), 1)


def key_at(position: int, language: str | None = None) -> str:
    """The home page's key of the article at `position` (0 is the newest)."""
    from articles import selectors
    from website.views import ARTICLE_ORDER

    articles = selectors.visible_articles().order_by(*selectors.NEWEST_FIRST)
    if language:
        articles = articles.filter(language=language)
    return ARTICLE_ORDER.key_of(articles.only("date")[position])


def deep_key(count: int) -> str:
    """The home page's key halfway through the archive: pages are read by key, not number."""
    with psycopg.connect(bench.database_url(count)) as connection:
        query = "SELECT date, id FROM articles_article ORDER BY date DESC, id DESC OFFSET %s"
        date, last_id = connection.execute(query + " LIMIT 1", [count // 2]).fetchone()
    return f"{date.isoformat()}_{last_id}"


def measure(count: int) -> dict:
    from django.core.paginator import Paginator
    from django.test import Client

    from articles import selectors
    from articles.search import search_articles, with_snippets
    from website.views import ARTICLES_PER_PAGE

    client = Client()

    def page(url: str) -> Callable[[], bytes]:
        def get() -> bytes:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            return response.content

        return get

    result: dict = {"articles": count, "rounds": ROUNDS}
    for name, language in (("home", None), ("home_en", "en")):
        visible = selectors.visible_articles(for_list=True)
        if language:
            visible = visible.filter(language=language)
        total = visible.count()
        depth = min(DEEP_PAGES, total // ARTICLES_PER_PAGE // 2)
        prefix = f"/?language={language}&" if language else "/?"
        first = median_ms(page(prefix.rstrip("?&")))
        deep = median_ms(page(f"{prefix}after={key_at(depth * ARTICLES_PER_PAGE, language)}"))
        last = median_ms(page(f"{prefix}after={key_at(total - 2, language)}"))
        paginator = Paginator(visible.order_by(*selectors.NEWEST_FIRST), ARTICLES_PER_PAGE)
        offset = median_ms(lambda p=paginator, d=depth: list(p.page(d + 1).object_list), 10)
        result[name] = {
            "first_page_ms": first,
            "pages_deep": depth,
            "deep_page_ms": deep,
            "last_page_ms": last,
            "deep_to_first": round(deep / first, 2),
            "last_to_first": round(last / first, 2),
            "before_offset_and_count_query_ms": offset,
        }
        print(name, result[name])

    def search_page(queries: list[str]) -> Callable[[], None]:
        urls = [f"/search/?q={urllib.parse.quote(query)}" for query in queries]
        return lambda: [page(url)() for url in urls]

    def every_match(queries: list[str]) -> Callable[[], None]:
        def rank_all() -> None:
            for query in queries:
                found = search_articles(
                    selectors.visible_articles(for_list=True), query, candidates=None
                )
                list(with_snippets(found, query)[: ARTICLES_PER_PAGE + 1])

        return rank_all

    common, rare = bench.COMMON_QUERIES, bench.company_names()[: len(bench.COMMON_QUERIES)]
    per_query = len(common)
    common_ms = median_ms(search_page(common)) / per_query
    rare_ms = median_ms(search_page(rare)) / per_query
    before_ms = median_ms(every_match(common), 5) / per_query
    result["search"] = {
        "common_words": common,
        "rare_words": rare,
        "common_ms": round(common_ms, 1),
        "rare_ms": round(rare_ms, 1),
        "common_to_rare": round(common_ms / rare_ms, 2),
        "common_every_match_ranked_query_ms": round(before_ms, 1),
        "each_word_ms": {word: median_ms(search_page([word]), 10) for word in [*common, rare[0]]},
    }
    print("search", result["search"])
    return result


def main() -> None:
    count = int(sys.argv[1])
    os.chdir(bench.REPO)
    if "BENCH_DATABASE_URL" not in os.environ:
        api.ensure_database(count)
    bench.manage(count, "collectstatic", "--noinput", "-v0")  # the pages' static manifest
    api.set_up_django(count)
    bench.write_result(f"lists_{count}", measure(count))


if __name__ == "__main__":
    main()
