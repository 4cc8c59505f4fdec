"""Import throughput by wire format, side by side in one run, on PostgreSQL (issue #10).

    $PYTHON -m benchmarks.formats 100000    # from the repository root, PYTHON as in bench.py

Writes N stories twice with ``benchmarks.generate`` (plain-text wire copy, then
the same stories as NewsML-G2 newsMessages with a picture item for the photo
credit), imports each set into its own empty database with ``import_articles``,
and prints the NewsML-G2 ÷ plain-text ratio of the import times. The target is
at most 1.5. Results go to benchmarks/results/formats_<N>.json.
"""

from __future__ import annotations

import subprocess
import sys
import time

import psycopg

from benchmarks.bench import OUTPUT, POSTGRES_URL, REPO, django_environment, write_result

FORMATS = {"text": "wire", "newsml-g2": "wire_newsml_g2"}


def database_name(wire_format: str, count: int) -> str:
    return f"newsroom_bench_format_{wire_format.replace('-', '_')}_{count}"


def import_seconds(wire_format: str, count: int) -> dict[str, float | int]:
    """Import the generated files of one format into a new database; its time and counts."""
    files = OUTPUT / f"{FORMATS[wire_format]}_{count}"
    if not files.exists():
        generate = [sys.executable, "-m", "benchmarks.generate", str(count), str(files)]
        subprocess.run([*generate, "--format", wire_format], cwd=REPO, check=True)
    name = database_name(wire_format, count)
    with psycopg.connect(f"{POSTGRES_URL}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    environment = django_environment(count, DATABASE_URL=f"{POSTGRES_URL}/{name}")

    def manage(*arguments: str) -> None:
        subprocess.run(
            [sys.executable, "manage.py", *arguments], cwd=REPO, env=environment, check=True
        )

    manage("migrate", "--noinput", "-v0")
    started = time.perf_counter()
    manage("import_articles", str(files), "-v0")
    seconds = time.perf_counter() - started
    with psycopg.connect(f"{POSTGRES_URL}/{name}") as connection:
        articles = connection.execute("SELECT count(*) FROM articles_article").fetchone()[0]
        credits = connection.execute("SELECT count(*) FROM articles_credit").fetchone()[0]
    return {"seconds": round(seconds, 1), "articles": articles, "credits": credits}


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    results = {wire_format: import_seconds(wire_format, count) for wire_format in FORMATS}
    plain, newsml = results["text"], results["newsml-g2"]
    write_result(
        f"formats_{count}",
        {
            "files": count,
            "plain_text": plain,
            "newsml_g2": newsml,
            "newsml_g2_to_plain_text_ratio": round(newsml["seconds"] / plain["seconds"], 2),
        },
    )


if __name__ == "__main__":
    main()
