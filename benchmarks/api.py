"""API v1 against its floor, in-process, on PostgreSQL; run by hand (docs/performance.md).

    $PYTHON -m benchmarks.api 1000      # from the repository root, PYTHON as in bench.py
    $PYTHON -m benchmarks.api 100000

For N articles (the database newsroom_bench_<N>, built by ``bench.py import N``
when missing), it times three requests through Django's test client, the whole
middleware stack included but no network: the list of 100, a page 50 pages deep
(the cursor followed from the first page) and one article. Each is compared with
its floor: the same rows read by one hand-written ``values()`` query per table
(articles, credits, authors) and turned into the same JSON by ``json.dumps``.
The ratio is what the framework costs over the least any Python code must do.
Results go to benchmarks/results/api_floor_<N>.json.
"""

from __future__ import annotations

import json
import os
import secrets
import statistics
import subprocess
import sys
import time
from collections.abc import Callable

import psycopg

from benchmarks import bench

PAGE_SIZE = 100
DEEP_PAGES = 50
ROUNDS = 200
HOST = "http://testserver"


def ensure_database(count: int) -> None:
    with psycopg.connect(f"{bench.POSTGRES_URL}/postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [f"newsroom_bench_{count}"]
        ).fetchone()
    if not exists:
        subprocess.run(
            [sys.executable, "-m", "benchmarks.bench", "import", str(count)],
            cwd=bench.REPO,
            check=True,
        )


def set_up_django(count: int) -> None:
    os.environ.update(
        DATABASE_URL=bench.database_url(count),
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="testserver",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_LOG_LEVEL="ERROR",
        RESPONSE_CACHE_SECONDS="0",
        API_THROTTLE_RATE="off",
    )
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()


def median_milliseconds(work: Callable[[], object]) -> float:
    work()  # a warm connection and warm caches, as a running server has
    timings = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        work()
        timings.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(timings), 2)


def floor_payload(after: tuple | None = None, slug: str | None = None) -> bytes:
    """The API's JSON for a page (or one article by slug), by the shortest road."""
    from django.db.models import Q
    from django.utils import timezone

    from articles.models import Article, ArticleStatus, Author, Credit, DatePrecision

    articles = Article.objects.filter(
        status=ArticleStatus.PUBLISHED, published_at__lte=timezone.now()
    ).order_by("-date", "-id")
    fields = [
        "id", "slug", "source_id", "headline", "language", "date", "date_precision",
        "dateline_place", "dateline_source", "dateline_date", "photo_credit",
        "published_at", "updated_at",
    ]  # fmt: skip
    if slug is not None:
        rows = list(articles.filter(slug=slug).values(*fields, "body"))
    else:
        if after is not None:
            date, last_id = after
            # The bound on date alone lets PostgreSQL read the index as a range.
            articles = articles.filter(
                Q(date__lt=date) | Q(date=date, id__lt=last_id), date__lte=date
            )
        rows = list(articles.values(*fields)[:PAGE_SIZE])
    credits = list(
        Credit.objects.filter(article_id__in=[row["id"] for row in rows])
        .order_by("article_id", "position")
        .values("article_id", "author_id", "role", "note")
    )
    authors = {
        author["id"]: author
        for author in Author.objects.filter(
            id__in={credit["author_id"] for credit in credits}
        ).values("id", "name", "slug")
    }
    credits_of: dict[int, list] = {}
    for credit in credits:
        author = authors[credit["author_id"]]
        credits_of.setdefault(credit["article_id"], []).append(
            {
                "role": credit["role"],
                "note": credit["note"],
                "author": {
                    "name": author["name"],
                    "slug": author["slug"],
                    "url": f"{HOST}/api/v1/authors/{author['slug']}/",
                },
            }
        )
    results = []
    for row in rows:
        date = row["date"].isoformat()
        item = {
            "id": row["id"],
            "url": f"{HOST}/api/v1/articles/{row['slug']}/",
            "slug": row["slug"],
            "source_id": row["source_id"],
            "headline": row["headline"],
            "language": row["language"],
            "date": date[:7] if row["date_precision"] == DatePrecision.MONTH else date,
            "dateline": {"place": row["dateline_place"], "source": row["dateline_source"]}
            if row["dateline_place"]
            else None,
            "photo_credit": row["photo_credit"] or None,
            "photo": None,
            "credits": credits_of.get(row["id"], []),
            "published_at": row["published_at"].isoformat(),
            "updated_at": row["updated_at"].isoformat(),
        }
        if "body" in row:
            item["body"] = row["body"]
        results.append(item)
    if slug is not None:
        return json.dumps(results[0]).encode()
    return json.dumps({"next": None, "previous": None, "results": results}).encode()


def measure(count: int) -> dict:
    from django.test import Client

    from articles.models import Article

    client = Client()

    def get(url: str) -> bytes:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response.content

    first_page = f"/api/v1/articles/?page_size={PAGE_SIZE}"
    # 50 pages in, or the last page of a smaller archive.
    deep_page = first_page
    for _ in range(DEEP_PAGES):
        following = json.loads(get(deep_page))["next"]
        if following is None:
            break
        deep_page = following.removeprefix(HOST)
    # The floor's deep page starts after the last article the API's page before it showed
    # (from the start when the archive holds a single page).
    before_deep = json.loads(get(deep_page))["previous"]
    after = None
    if before_deep is not None:
        last_shown = json.loads(get(before_deep.removeprefix(HOST)))["results"][-1]
        after = Article.objects.values_list("date", "id").get(id=last_shown["id"])
    slug = Article.objects.visible().order_by("?").values_list("slug", flat=True).first()

    result: dict = {"articles": count, "rounds": ROUNDS}
    for name, url, floor in [
        ("list_100", first_page, lambda: floor_payload()),
        ("deep_page_100", deep_page, lambda: floor_payload(after=after)),
        ("detail", f"/api/v1/articles/{slug}/", lambda: floor_payload(slug=slug)),
    ]:
        api = median_milliseconds(lambda url=url: get(url))
        floor_ms = median_milliseconds(floor)
        result[name] = {
            "api_median_ms": api,
            "floor_median_ms": floor_ms,
            "ratio": round(api / floor_ms, 2),
        }
        print(f"{name:>14}: API {api} ms, floor {floor_ms} ms, ratio {api / floor_ms:.2f}")
    return result


def main() -> None:
    count = int(sys.argv[1])
    os.chdir(bench.REPO)
    ensure_database(count)
    set_up_django(count)
    bench.write_result(f"api_floor_{count}", measure(count))


if __name__ == "__main__":
    main()
