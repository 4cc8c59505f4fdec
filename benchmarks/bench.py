"""Benchmarks on PostgreSQL, run by hand from the repository root; results in docs/performance.md.

From a virtualenv holding benchmarks/requirements.txt (the app's requirements too), as PYTHON:

    $PYTHON -m benchmarks.bench import N   # fresh database, import N files, COPY floor
    $PYTHON -m benchmarks.bench api N      # API latency, one client, under gunicorn
    $PYTHON -m benchmarks.bench pages N    # the same for the public website
    $PYTHON -m benchmarks.bench serve N    # gunicorn on that database, for the load test
    $PYTHON -m benchmarks.bench chart      # benchmarks/results/latency.png

Every program it starts (manage.py, the generator, gunicorn) runs on the interpreter that
runs this, so any virtualenv with the requirements will do. Also: lists.py, api.py.

Each N gets its own database, newsroom_bench_<N> (PostgreSQL at BENCH_POSTGRES_URL,
default postgres://postgres@127.0.0.1:5432), kept for the API benchmark and the load
test. Results are JSON files in benchmarks/results/.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import secrets
import signal
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager, suppress
from pathlib import Path

import psycopg

REPO = Path(__file__).resolve().parent.parent
OUTPUT = REPO / "benchmarks" / "output"
RESULTS = REPO / "benchmarks" / "results"
SERVER_URL = os.environ.get("BENCH_SERVER_URL", "http://127.0.0.1:8765")
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")

# Every table the import writes (triggers included), in an order COPY can load them.
COPIED_TABLES = [
    "articles_author", "articles_article", "articles_credit",
    "reversion_revision", "reversion_version",
    "articles_changeevent", "articles_announcement", "articles_translationproposal",
]  # fmt: skip
# Words of benchmarks/generate.py, from very common to rare (made-up company names).
COMMON_QUERIES = ["sanctions", "défense aérienne", "agreed", "frappes", "croissance"]


def database_url(count: int) -> str:
    # BENCH_DATABASE_URL: an existing database for the in-process benchmarks (lists, api).
    return os.environ.get("BENCH_DATABASE_URL") or f"{POSTGRES_URL}/newsroom_bench_{count}"


def django_environment(count: int, **extra: str) -> dict[str, str]:
    """A production environment, over plain HTTP on loopback."""
    return {
        **os.environ,
        "DATABASE_URL": database_url(count),
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
        **extra,
    }


def manage(count: int, *arguments: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=REPO,
        env=django_environment(count),
        check=True,
    )


def write_result(name: str, result: dict) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    print(f"written to {path.relative_to(REPO)}")


# Import ---------------------------------------------------------------------------------


def recreate_database(count: int) -> None:
    name = f"newsroom_bench_{count}"
    with psycopg.connect(f"{POSTGRES_URL}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def table_sizes(connection: psycopg.Connection) -> dict[str, int]:
    rows = connection.execute(
        "SELECT relname, pg_total_relation_size(oid) FROM pg_class "
        "WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace "
        "AND (relname LIKE 'articles_%' OR relname LIKE 'reversion_%')"
    ).fetchall()
    return dict(sorted(rows))


def copy_floor_seconds(connection: psycopg.Connection) -> dict[str, float | int]:
    """Time a COPY of the rows the import wrote into empty tables just like them.

    Same columns, constraints and indexes (the search vector's GIN index included), no
    triggers: the search vector is copied, not computed."""
    rows: dict[str, list[bytes]] = {}
    for table in COPIED_TABLES:
        with connection.cursor().copy(f"COPY {table} TO STDOUT (FORMAT binary)") as copy:
            rows[table] = list(copy)
    with connection.transaction():
        for table in COPIED_TABLES:
            connection.execute(f"DROP TABLE IF EXISTS floor_{table}")
            connection.execute(
                f"CREATE TABLE floor_{table} (LIKE {table} INCLUDING DEFAULTS "
                "INCLUDING CONSTRAINTS INCLUDING INDEXES)"
            )
    started = time.perf_counter()
    with connection.transaction():
        for table in COPIED_TABLES:
            with connection.cursor().copy(f"COPY floor_{table} FROM STDIN (FORMAT binary)") as copy:
                for block in rows[table]:
                    copy.write(block)
    seconds = time.perf_counter() - started
    with connection.transaction():
        for table in COPIED_TABLES:
            connection.execute(f"DROP TABLE floor_{table}")
    return {"seconds": round(seconds, 2)}


def benchmark_import(count: int) -> None:
    files = OUTPUT / f"wire_{count}"
    if not files.exists():
        generate = [sys.executable, "-m", "benchmarks.generate", str(count), str(files)]
        subprocess.run(generate, cwd=REPO, check=True)
    recreate_database(count)
    manage(count, "migrate", "--noinput", "-v0")

    started = time.perf_counter()
    manage(count, "import_articles", str(files))
    import_seconds = time.perf_counter() - started
    # The largest resident set of the processes run so far (the import's, its parsing
    # worker's, migrate's), in kilobytes on Linux.
    peak_rss_megabytes = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    started = time.perf_counter()
    manage(count, "import_articles", str(files))
    reimport_seconds = time.perf_counter() - started

    with psycopg.connect(database_url(count), autocommit=True) as connection:
        articles, credits, authors = (
            connection.execute(f"SELECT count(*) FROM articles_{table}").fetchone()[0]
            for table in ["article", "credit", "author"]
        )
        connection.execute("VACUUM ANALYZE")
        floor = copy_floor_seconds(connection)
        sizes = table_sizes(connection)
        database_size = "SELECT pg_database_size(current_database())"
        database_bytes = connection.execute(database_size).fetchone()[0]
    write_result(
        f"import_{count}",
        {
            "files": count,
            "articles": articles,
            "credits": credits,
            "authors": authors,
            "import_seconds": round(import_seconds, 1),
            "articles_per_second": round(articles / import_seconds),
            "unchanged_reimport_seconds": round(reimport_seconds, 1),
            "copy_floor_seconds": floor["seconds"],
            "import_to_copy_ratio": round(import_seconds / floor["seconds"], 1),
            "import_peak_rss_megabytes": round(peak_rss_megabytes),
            "database_megabytes": round(database_bytes / 2**20),
            "table_megabytes": {name: round(size / 2**20, 1) for name, size in sizes.items()},
        },
    )


# API latency ----------------------------------------------------------------------------


@contextmanager
def gunicorn_server(count: int, redis_url: str | None = None):
    """Serve the benchmark database with the production configuration.

    The response cache is off unless a Redis URL is given; API throttling is off, since
    every benchmark client comes from one address.
    """
    environment = django_environment(
        count,
        GUNICORN_BIND=urllib.parse.urlsplit(SERVER_URL).netloc,
        API_THROTTLE_RATE="off",
    )
    environment.pop("REDIS_URL", None)
    if redis_url:
        environment["REDIS_URL"] = redis_url
    else:
        environment["RESPONSE_CACHE_SECONDS"] = "0"
    # The pages link to hashed static files from the manifest `make serve` collects;
    # collected once (slow), since benchmarks do not change them. Delete staticfiles/ to redo.
    if not (REPO / "staticfiles" / "staticfiles.json").exists():
        manage(count, "collectstatic", "--noinput", "-v0")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--access-logfile", "/dev/null"],
        cwd=REPO,
        env=environment,
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{SERVER_URL}/healthz", timeout=1)
                break
            except urllib.error.HTTPError:
                break  # it answers
            except OSError:  # refused, or a worker still booting past the timeout
                time.sleep(0.2)
        yield
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def get(path_or_url: str) -> tuple[float, dict | str]:
    """Milliseconds to fetch a URL, and its body (JSON decoded when it is JSON)."""
    url = path_or_url if path_or_url.startswith("http") else SERVER_URL + path_or_url
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        body = response.read()
        is_json = response.headers.get_content_type() == "application/json"
    elapsed = time.perf_counter() - started
    return elapsed * 1000, json.loads(body) if is_json else body.decode()


def latencies(urls: list[str], rounds: int) -> dict[str, float]:
    get(urls[0])  # warm the worker and its connection
    timings = [get(urls[index % len(urls)])[0] for index in range(rounds)]
    timings.sort()
    return {
        "median_ms": round(statistics.median(timings), 1),
        "p99_ms": round(timings[min(len(timings) - 1, int(len(timings) * 0.99))], 1),
        "requests": len(timings),
    }


def company_names() -> list[str]:
    """Some of the made-up companies generate.py mentions, each in a few articles."""
    import random

    from benchmarks import generate

    rng = random.Random(generate.DEFAULT_SEED)
    generate.author_pool(generate.DEFAULT_AUTHORS, rng)
    return generate.company_pool(generate.COMPANIES, rng)[:20]


def benchmark_api(count: int, rounds: int) -> None:
    with gunicorn_server(count):
        slugs = sample_slugs(count)
        # A deep page: follow the cursor 50 pages of 100 in, then time that page.
        url = f"{SERVER_URL}/api/v1/articles/?page_size=100"
        for _ in range(50):
            url = get(url)[1]["next"] or url
        result = {
            "articles": count,
            "list": latencies(["/api/v1/articles/"], rounds),
            "list_filtered": latencies(
                ["/api/v1/articles/?language=en&date_from=2020&date_to=2021"], rounds
            ),
            "deep_page": latencies([url], rounds),
            "detail": latencies([f"/api/v1/articles/{slug}/" for slug in slugs], rounds),
            "search": latencies(
                [f"/api/v1/articles/?q={urllib.parse.quote(q)}" for q in COMMON_QUERIES], rounds
            ),
            "search_rare": latencies([f"/api/v1/articles/?q={q}" for q in company_names()], rounds),
        }
    write_result(f"api_{count}", result)


def sample_slugs(count: int, size: int = 200) -> list[str]:
    with psycopg.connect(database_url(count)) as connection:
        # Sampling 1 % of the pages is cheap on a big table but may find none on a small one.
        for query in [
            "SELECT slug FROM articles_article TABLESAMPLE SYSTEM (1) LIMIT %s",
            "SELECT slug FROM articles_article ORDER BY random() LIMIT %s",
        ]:
            slugs = [slug for (slug,) in connection.execute(query, [size])]
            if slugs:
                return slugs
        return []


def benchmark_pages(count: int, rounds: int) -> None:
    from benchmarks import lists  # it imports this module

    with gunicorn_server(count):
        slugs = sample_slugs(count)
        result = {
            "articles": count,
            "home": latencies(["/"], rounds),
            "home_language": latencies(["/?language=en"], rounds),
            "deep_page": latencies([f"/?after={lists.deep_key(count)}"], rounds),
            "article": latencies([f"/articles/{slug}/" for slug in slugs], rounds),
            "search": latencies(
                [f"/search/?q={urllib.parse.quote(q)}" for q in COMMON_QUERIES], rounds
            ),
            "search_rare": latencies([f"/search/?q={q}" for q in company_names()], rounds),
        }
    write_result(f"pages_{count}", result)


# Chart ----------------------------------------------------------------------------------


def chart() -> None:
    """Median and 99th percentile against N, for the API and the website."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    surfaces = []
    for surface in ["api", "pages"]:
        runs = sorted(
            (json.loads(path.read_text()) for path in RESULTS.glob(f"{surface}_[0-9]*.json")),
            key=lambda run: run["articles"],
        )
        if runs:
            surfaces.append((surface, runs))
    figure, axes = plt.subplots(
        len(surfaces), 2, figsize=(11, 4.2 * len(surfaces)), squeeze=False, sharey=True
    )
    for row, (surface, runs) in zip(axes, surfaces, strict=True):
        endpoints = [key for key in runs[0] if isinstance(runs[0][key], dict)]
        for axis, statistic in zip(row, ["median_ms", "p99_ms"], strict=True):
            for endpoint in endpoints:
                axis.plot(
                    [run["articles"] for run in runs],
                    [run[endpoint][statistic] for run in runs],
                    marker="o",
                    label=endpoint.replace("_", " "),
                )
            axis.set_xscale("log")
            axis.set_yscale("log")
            axis.set_xlabel("articles in the database")
            name = "API" if surface == "api" else "website"
            axis.set_title(f"{name}: {'median' if statistic == 'median_ms' else '99th percentile'}")
            axis.grid(True, which="both", alpha=0.3)
        row[0].set_ylabel("latency (ms), one client at a time")
        row[1].legend(fontsize="small")
    figure.tight_layout()
    path = RESULTS / "latency.png"
    figure.savefig(path, dpi=100)
    print(f"written to {path.relative_to(REPO)}")


def main() -> None:
    parser = argparse.ArgumentParser(description="Newsroom benchmarks on PostgreSQL.")
    commands = parser.add_subparsers(dest="command", required=True)
    import_command = commands.add_parser("import", help="import N generated files")
    import_command.add_argument("count", type=int)
    api_command = commands.add_parser("api", help="API latency on the database of N articles")
    api_command.add_argument("count", type=int)
    api_command.add_argument("--rounds", type=int, default=300)
    pages_command = commands.add_parser("pages", help="website latency, database of N articles")
    pages_command.add_argument("count", type=int)
    pages_command.add_argument("--rounds", type=int, default=300)
    serve_command = commands.add_parser(
        "serve", help="serve the database of N articles until interrupted (load tests)"
    )
    serve_command.add_argument("count", type=int)
    serve_command.add_argument("--redis", metavar="URL", help="with the Redis response cache")
    commands.add_parser("chart", help="plot latency against N")
    arguments = parser.parse_args()
    if arguments.command == "import":
        benchmark_import(arguments.count)
    elif arguments.command == "api":
        benchmark_api(arguments.count, arguments.rounds)
    elif arguments.command == "pages":
        benchmark_pages(arguments.count, arguments.rounds)
    elif arguments.command == "serve":
        with gunicorn_server(arguments.count, arguments.redis):
            print(f"serving newsroom_bench_{arguments.count} at {SERVER_URL}; Ctrl-C stops")
            # A kill (SIGTERM) stops gunicorn too, as Ctrl-C does.
            signal.signal(signal.SIGTERM, signal.default_int_handler)
            with suppress(KeyboardInterrupt):
                signal.pause()
    else:
        chart()


if __name__ == "__main__":
    sys.exit(main())
