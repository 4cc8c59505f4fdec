"""Load test: API clients and website readers mixing lists, details, filters and searches.

Headless, against gunicorn + PostgreSQL (see docs/performance.md):

    benchmarks/output/venv/bin/locust -f benchmarks/locustfile.py --headless \
        --users 50 --spawn-rate 10 --run-time 2m --host http://127.0.0.1:8765 \
        --csv benchmarks/results/load
"""

from __future__ import annotations

import os
import random
import re

from locust import HttpUser, between, constant, task

# Words of benchmarks/generate.py's articles, French and English, common and less so.
QUERIES = [
    "sanctions",
    "défense aérienne",
    "securite",
    "renforcement",
    "agreeing",
    "energy prices",
    "frappé",
    "pension reform",
]
LANGUAGES = ["fr", "en"]

# Readers pause 0.5 to 2 s, so 50 of them ask for about 40 requests a second: a server that
# keeps up cannot show more than that. LOAD_TEST_PACE=none takes the pause away, to measure
# what the server can answer rather than what 50 readers ask for.
READER_PAUSE = constant(0) if os.environ.get("LOAD_TEST_PACE") == "none" else between(0.5, 2)


class ApiReader(HttpUser):
    """Someone browsing the archive: mostly lists and articles, some filters and searches."""

    wait_time = READER_PAUSE

    def on_start(self) -> None:
        # What a reader would have clicked on: slugs and authors seen on the first pages.
        self.article_slugs: list[str] = []
        self.author_slugs: list[str] = []
        url = "/api/v1/articles/?page_size=100"
        for _ in range(3):
            response = self.client.get(url, name="/api/v1/articles/ (warm-up)")
            page = response.json()
            for article in page["results"]:
                self.article_slugs.append(article["slug"])
                self.author_slugs += [credit["author"]["slug"] for credit in article["credits"]]
            if not page["next"]:
                break
            url = page["next"]

    @task(4)
    def list_latest(self) -> None:
        response = self.client.get("/api/v1/articles/", name="list")
        next_url = response.json()["next"]
        if next_url and random.random() < 0.3:
            self.client.get(next_url, name="list, next page")

    @task(4)
    def read_an_article(self) -> None:
        slug = random.choice(self.article_slugs)
        self.client.get(f"/api/v1/articles/{slug}/", name="detail")

    @task(2)
    def filter(self) -> None:
        year = random.randint(2015, 2025)
        if random.random() < 0.5:
            params = {"language": random.choice(LANGUAGES), "date_from": year, "date_to": year}
        else:
            params = {"author": random.choice(self.author_slugs)}
        self.client.get("/api/v1/articles/", params=params, name="list, filtered")

    @task(2)
    def search(self) -> None:
        self.client.get("/api/v1/articles/", params={"q": random.choice(QUERIES)}, name="search")


ARTICLE_LINK = re.compile(r'href="(/articles/[^/"]+/)"')


class SiteReader(HttpUser):
    """Someone on the public website: the home page, articles, a language, a search."""

    wait_time = READER_PAUSE

    def on_start(self) -> None:
        page = self.client.get("/", name="/ (warm-up)").text
        self.article_paths = ARTICLE_LINK.findall(page) or ["/"]

    @task(4)
    def home(self) -> None:
        page = random.choice([1, 1, 1, 2, 3, 10])
        self.client.get("/", params={"page": page}, name="page: home")

    @task(4)
    def read_an_article(self) -> None:
        self.client.get(random.choice(self.article_paths), name="page: article")

    @task(2)
    def one_language(self) -> None:
        self.client.get("/", params={"language": random.choice(LANGUAGES)}, name="page: language")

    @task(2)
    def search(self) -> None:
        self.client.get("/search/", params={"q": random.choice(QUERIES)}, name="page: search")
