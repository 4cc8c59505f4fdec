"""A large benchmark database from an imported one, in minutes.

    $PYTHON -m benchmarks.scale 40000 1000000    # from the repository root

Importing a million files takes about half an hour on this machine; the read
benchmarks (lists, admin, api) need the rows, not the import. This copies the
articles and credits of newsroom_bench_<SOURCE> (built by ``bench.py import``)
into newsroom_bench_<TARGET> until it holds TARGET articles: the same texts,
dates, languages, authors and search vectors, each copy with its own slug and
source identifier, so word frequencies and the spread over dates stay those of
the generated archive (25 articles a day where there was one). Triggers are
off while copying (the search vectors are copied, not computed); history and
the change log are not copied. Then VACUUM ANALYZE, as after a real import.
"""

from __future__ import annotations

import sys
import time

import psycopg

from benchmarks.bench import POSTGRES_URL

RENAMED = {"slug": "slug || '-c' || %(copy)s", "source_id": "source_id || '#c' || %(copy)s"}


def columns(connection: psycopg.Connection, table: str) -> list[str]:
    rows = connection.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
        "AND column_name <> 'id' ORDER BY ordinal_position",
        [table],
    ).fetchall()
    return [name for (name,) in rows]


def scale(source: int, target: int) -> None:
    source_name, target_name = f"newsroom_bench_{source}", f"newsroom_bench_{target}"
    with psycopg.connect(f"{POSTGRES_URL}/postgres", autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{target_name}" WITH (FORCE)')
        server.execute(f'CREATE DATABASE "{target_name}" TEMPLATE "{source_name}"')
    with psycopg.connect(f"{POSTGRES_URL}/{target_name}", autocommit=True) as connection:
        existing, last_id = connection.execute(
            "SELECT count(*), max(id) FROM articles_article"
        ).fetchone()
        article_columns = columns(connection, "articles_article")
        credit_columns = columns(connection, "articles_credit")
        copied_articles = ", ".join(RENAMED.get(name, name) for name in article_columns)
        copied_credits = ", ".join(
            "article_id + %(shift)s" if name == "article_id" else name for name in credit_columns
        )
        copies = -(-target // existing)
        for copy in range(1, copies):
            started = time.perf_counter()
            shift = copy * last_id
            wanted = min(existing, target - copy * existing)
            with connection.transaction():
                # Triggers off: the search vectors are copied as they are, the change log
                # and its announcements are left alone.
                connection.execute("SET LOCAL session_replication_role = replica")
                connection.execute(
                    f"INSERT INTO articles_article (id, {', '.join(article_columns)}) "
                    f"SELECT id + %(shift)s, {copied_articles} FROM articles_article "
                    "WHERE id <= %(last)s ORDER BY id LIMIT %(wanted)s",
                    {"shift": shift, "copy": copy, "last": last_id, "wanted": wanted},
                )
                connection.execute(
                    f"INSERT INTO articles_credit ({', '.join(credit_columns)}) "
                    f"SELECT {copied_credits} FROM articles_credit "
                    "WHERE article_id IN (SELECT id FROM articles_article "
                    "WHERE id <= %(last)s ORDER BY id LIMIT %(wanted)s)",
                    {"shift": shift, "last": last_id, "wanted": wanted},
                )
            print(f"copy {copy}/{copies - 1}: {time.perf_counter() - started:.1f} s", flush=True)
        connection.execute(
            "SELECT setval(pg_get_serial_sequence('articles_article', 'id'), "
            "(SELECT max(id) FROM articles_article))"
        )
        connection.execute("VACUUM ANALYZE")
        total = connection.execute("SELECT count(*) FROM articles_article").fetchone()[0]
    print(f"{target_name}: {total} articles")


if __name__ == "__main__":
    scale(int(sys.argv[1]), int(sys.argv[2]))
