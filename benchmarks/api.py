"""API v1 against its floor, in-process, on PostgreSQL or SQLite; run by hand (performance.md).

    $PYTHON -m benchmarks.api 1000            # from the repository root, PYTHON as in bench.py
    $PYTHON -m benchmarks.api 100000
    $PYTHON -m benchmarks.api 2000 --sqlite   # benchmarks/output/api_2000.sqlite3

For N articles (the database newsroom_bench_<N>, built by ``bench.py import N``
when missing; ``BENCH_DATABASE_URL`` names another PostgreSQL database, created and
filled with N generated files when missing; with ``--sqlite``, a SQLite file made
the same way), it times three requests through Django's test client, the whole
middleware stack included but no network: the list of 100, a page 50 pages deep
(the cursor followed from the first page) and one article. Each is compared with
its floor: the same rows read by one hand-written ``values()`` query per table
(articles, credits with their authors, corrections, translation links) and turned
into the same JSON by orjson; the floor's results are checked equal to the API's
before anything is timed. The ratio is what the framework costs over the least
any Python code must do. Results go to benchmarks/results/api_floor_<N>.json
(``api_floor_sqlite_<N>.json`` with ``--sqlite``).
"""

from __future__ import annotations

import datetime
import json
import os
import secrets
import statistics
import subprocess
import sys
import time
from collections.abc import Callable

import orjson
import psycopg

from benchmarks import bench

PAGE_SIZE = 100
DEEP_PAGES = 50
ROUNDS = 200
HOST = "http://testserver"


def ensure_database(count: int) -> None:
    url = bench.database_url(count)
    name = url.rsplit("/", 1)[-1]
    with psycopg.connect(f"{bench.POSTGRES_URL}/postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists and "BENCH_DATABASE_URL" in os.environ:
            connection.execute(f'CREATE DATABASE "{name}"')
    if exists:
        return
    if "BENCH_DATABASE_URL" in os.environ:
        fill_database(url, count)
    else:
        subprocess.run(
            [sys.executable, "-m", "benchmarks.bench", "import", str(count)],
            cwd=bench.REPO,
            check=True,
        )


def sqlite_url(count: int) -> str:
    """The SQLite benchmark database of N articles, made by ensure_sqlite_database."""
    return f"sqlite:///{bench.OUTPUT / f'api_{count}.sqlite3'}"


def ensure_sqlite_database(count: int) -> None:
    if not (bench.OUTPUT / f"api_{count}.sqlite3").exists():
        fill_database(sqlite_url(count), count)


def fill_database(url: str, count: int) -> None:
    """Migrate the empty database at ``url`` and import N generated wire files into it."""
    files = bench.OUTPUT / f"wire_{count}"
    if not files.exists():
        subprocess.run(
            [sys.executable, "-m", "benchmarks.generate", str(count), str(files)],
            cwd=bench.REPO,
            check=True,
        )
    environment = bench.django_environment(count, DATABASE_URL=url)
    for arguments in (["migrate", "--noinput", "-v0"], ["import_articles", str(files)]):
        subprocess.run(
            [sys.executable, "manage.py", *arguments], cwd=bench.REPO, env=environment, check=True
        )


def set_up_django(count: int, database_url: str | None = None) -> None:
    os.environ.update(
        DATABASE_URL=database_url or bench.database_url(count),
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


def paired_medians(
    first: Callable[[], object], second: Callable[[], object]
) -> tuple[float, float]:
    """Medians of both, timed in turns: a shared machine's load then weighs on both alike."""
    first(), second()  # a warm connection and warm caches, as a running server has
    timings: tuple[list[float], list[float]] = ([], [])
    for _ in range(ROUNDS):
        for work, kept in ((first, timings[0]), (second, timings[1])):
            started = time.perf_counter()
            work()
            kept.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(timings[0]), 2), round(statistics.median(timings[1]), 2)


def utc(moment) -> str:
    return moment.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")


def floor_payload(after: tuple | None = None, slug: str | None = None) -> bytes:
    """The API's JSON for a page (or one article by slug), by the shortest road.

    Generated articles have no photo: the floor leaves renditions out (and says so).
    """
    from django.db.models import Q
    from django.utils import timezone

    from articles.models import (
        Article,
        ArticleCorrection,
        ArticleStatus,
        Credit,
        CreditRole,
        DatePrecision,
        TranslationMember,
    )
    from articles.presentation import photo_credit_from

    now = timezone.now()
    articles = Article.objects.filter(
        status=ArticleStatus.PUBLISHED, published_at__lte=now
    ).order_by("-date", "-id")
    fields = [
        "id", "slug", "source_id", "agency_version", "headline", "language", "date",
        "date_precision", "dateline_place", "dateline_source", "dateline_date",
        "photo_credit", "photo", "published_at", "updated_at",
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
    assert not any(row["photo"] for row in rows), "the floor has no renditions"
    ids = [row["id"] for row in rows]
    # Credits with their authors in one query, as the API reads them.
    credits = list(
        Credit.objects.filter(article_id__in=ids)
        .order_by("article_id", "position")
        .values("article_id", "role", "note", "author__name", "author__slug", "author__kind")
    )
    corrections_of: dict[int, list] = {}
    for correction in ArticleCorrection.objects.filter(article_id__in=ids).values(
        "article_id", "at", "text"
    ):
        corrections_of.setdefault(correction["article_id"], []).append(
            {"at": utc(correction["at"]), "text": correction["text"]}
        )
    group_of = dict(
        TranslationMember.objects.filter(article_id__in=ids).values_list("article_id", "group_id")
    )
    members: dict[int, list] = {}
    if group_of:
        for member in (
            TranslationMember.objects.filter(
                group_id__in=set(group_of.values()),
                article__status=ArticleStatus.PUBLISHED,
                article__published_at__lte=now,
            )
            .order_by("article__language", "article_id")
            .values("group_id", "article_id", "article__language", "article__slug")
        ):
            members.setdefault(member["group_id"], []).append(member)
    credits_of: dict[int, list] = {}
    photographers_of: dict[int, list] = {}
    for credit in credits:
        author_slug = credit["author__slug"]
        credits_of.setdefault(credit["article_id"], []).append(
            {
                "role": credit["role"],
                "note": credit["note"],
                "author": {
                    "name": credit["author__name"],
                    "slug": author_slug,
                    "url": f"{HOST}/api/v1/authors/{author_slug}/",
                },
            }
        )
        if credit["role"] == CreditRole.PHOTO:
            photographers_of.setdefault(credit["article_id"], []).append(
                (credit["author__name"], credit["author__kind"])
            )
    results = []
    for row in rows:
        date = row["date"].isoformat()
        dateline = None
        if row["dateline_place"]:
            dateline = {"place": row["dateline_place"], "source": row["dateline_source"]}
            if row["dateline_date"]:
                dateline["date"] = row["dateline_date"]
        photo_credit = photo_credit_from(row["photo_credit"], photographers_of.get(row["id"], []))
        item = {
            "id": row["id"],
            "url": f"{HOST}/api/v1/articles/{row['slug']}/",
            "slug": row["slug"],
            "source_id": row["source_id"],
            "version": row["agency_version"],
            "headline": row["headline"],
            "language": row["language"],
            "date": date[:7] if row["date_precision"] == DatePrecision.MONTH else date,
            "dateline": dateline,
            "photo_credit": photo_credit or None,
            "photo": None,
            "credits": credits_of.get(row["id"], []),
            "corrections": corrections_of.get(row["id"], []),
            "translations": [
                {
                    "language": member["article__language"],
                    "slug": member["article__slug"],
                    "url": f"{HOST}/api/v1/articles/{member['article__slug']}/",
                }
                for member in members.get(group_of.get(row["id"]), [])
                if member["article_id"] != row["id"]
            ],
            "published_at": utc(row["published_at"]),
            "updated_at": utc(row["updated_at"]),
        }
        if "body" in row:
            item["body"] = row["body"]
        results.append(item)
    # orjson, as the API encodes: json.dumps would cost the floor a few milliseconds more.
    if slug is not None:
        return orjson.dumps(results[0])
    return orjson.dumps({"next": None, "previous": None, "results": results})


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
        # The floor is only a floor if it says what the API says.
        api_json, floor_json = json.loads(get(url)), json.loads(floor())
        if name != "detail":
            api_json, floor_json = api_json["results"], floor_json["results"]
        assert api_json == floor_json, f"{name}: the floor's JSON is not the API's"
        api, floor_ms = paired_medians(lambda url=url: get(url), floor)
        result[name] = {
            "api_median_ms": api,
            "floor_median_ms": floor_ms,
            "ratio": round(api / floor_ms, 2),
        }
        print(f"{name:>14}: API {api} ms, floor {floor_ms} ms, ratio {api / floor_ms:.2f}")
    return result


def main() -> None:
    count = int(sys.argv[1])
    on_sqlite = sys.argv[2:] == ["--sqlite"]
    os.chdir(bench.REPO)
    if on_sqlite:
        ensure_sqlite_database(count)
        set_up_django(count, sqlite_url(count))
    else:
        ensure_database(count)
        set_up_django(count)
    result = measure(count)
    from django.db import connection

    result["database"] = connection.vendor
    bench.write_result(f"api_floor_{'sqlite_' if on_sqlite else ''}{count}", result)


if __name__ == "__main__":
    main()
