"""The one slug rule: French letters kept, -2, -3 on a clash, the same on every path."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Author
from articles.slugs import SlugAllocator, slug_base, unique_slug, with_suffix
from ingest import importer
from tests.factories import ArticleFactory

HEADLINE = "Les vœux du président Œdipe"
SLUG = "les-voeux-du-president-oedipe"

WIRE = """\
 date 2024-03-12 {headline}

PARIS, 12 mars (Reuters) - Le président a présenté ses vœux{more}.

(Reportage {reporter} à Paris)
"""


def wire_file(folder: Path, name: str, *, headline: str = HEADLINE, more: str = "") -> Path:
    path = folder / f"{name}.txt"
    path.write_text(
        WIRE.format(headline=headline, more=more, reporter="Œdipe Lærsen"), encoding="utf-8"
    )
    return path


class TestSlugBase:
    def test_french_letters_that_nfkd_cannot_decompose_are_spelled_out(self):
        assert slug_base(HEADLINE, 255) == SLUG
        assert slug_base("Œdipe", 255) == "oedipe"
        assert slug_base("Les vœux", 255) == "les-voeux"

    @pytest.mark.parametrize(
        ("text", "slug"),
        [
            ("Æsop", "aesop"),
            ("Straße", "strasse"),
            ("Øresund", "oresund"),
            ("Łódź", "lodz"),
            ("Đakovo", "dakovo"),
            ("Þórr", "thorr"),
            ("Crème brûlée", "creme-brulee"),
        ],
    )
    def test_other_letters_are_spelled_the_way_readers_type_them(self, text, slug):
        assert slug_base(text, 255) == slug

    def test_a_text_with_no_letters_is_untitled_and_the_base_fits_its_column(self):
        assert slug_base("!!!", 255) == "untitled"
        assert slug_base("a" * 300, 255) == "a" * 255

    def test_a_suffix_shortens_the_base_so_the_slug_still_fits(self):
        assert with_suffix("abc", 2, 255) == "abc-2"
        assert with_suffix("a" * 255, 12, 255) == "a" * 252 + "-12"


@pytest.mark.django_db
class TestUniqueSlugs:
    def test_a_taken_slug_gets_the_next_free_suffix(self):
        ArticleFactory(slug=SLUG)
        ArticleFactory(slug=f"{SLUG}-2")

        assert unique_slug(Article, HEADLINE) == f"{SLUG}-3"

    def test_the_batch_allocator_gives_what_one_at_a_time_would(self):
        ArticleFactory(slug=SLUG)
        allocator = SlugAllocator(Article)
        allocator.learn_taken([HEADLINE, HEADLINE, "Autre titre"])

        given = [allocator.allocate(text) for text in (HEADLINE, HEADLINE, "Autre titre")]

        assert given == [f"{SLUG}-2", f"{SLUG}-3", "autre-titre"]
        assert unique_slug(Article, HEADLINE) == f"{SLUG}-2"  # nothing was saved

    def test_an_allocator_that_forgets_still_gives_what_one_at_a_time_would(self):
        ArticleFactory(slug=SLUG)
        for suffix in range(2, 31):
            ArticleFactory(slug=f"{SLUG}-{suffix}")
        allocator = SlugAllocator(Article)
        allocator.learn_taken([HEADLINE])
        ArticleFactory(slug=allocator.allocate(HEADLINE))  # -31, written before forgetting
        # Taken meanwhile, beyond the first suffixes it will check: it must not be given.
        ArticleFactory(slug=f"{SLUG}-50")

        fresh = allocator.forgetting(bound=10)
        fresh.learn_taken([HEADLINE])
        with CaptureQueriesContext(connection) as queries:
            given = [fresh.allocate(HEADLINE) for _ in range(20)]

        expected = []
        for _ in range(20):
            expected.append(unique_slug(Article, HEADLINE))
            ArticleFactory(slug=expected[-1])
        assert given == expected
        assert f"{SLUG}-50" not in given
        # A few exact look-ups from -32 on, not a read of every variant of the headline.
        assert len(queries) == 2
        assert not any("LIKE" in query["sql"] for query in queries)

    def test_past_its_bound_a_forgetting_allocator_remembers_nothing(self):
        ArticleFactory(slug=SLUG)
        allocator = SlugAllocator(Article)
        allocator.learn_taken([HEADLINE, "Autre titre"])
        allocator.allocate(HEADLINE)

        assert allocator.forgetting(bound=1).free_from == {SLUG: 3}
        assert allocator.forgetting(bound=0).free_from == {}


@pytest.mark.django_db
class TestImportPaths:
    def test_the_one_file_path_keeps_french_letters_for_articles_and_authors(self, tmp_path):
        result = importer.import_wire_file(wire_file(tmp_path, "one"))

        assert result.article.slug == SLUG
        assert Author.objects.get().slug == "oedipe-laersen"

    def test_the_batch_path_keeps_french_letters_for_articles_and_authors(self, tmp_path):
        files = [wire_file(tmp_path, "one"), wire_file(tmp_path, "two")]

        summary = importer.import_wire_files(files)

        assert str(summary) == "2 created, 0 updated, 0 unchanged, 0 failed"
        slugs = Article.objects.order_by("source_id").values_list("slug", flat=True)
        assert list(slugs) == [SLUG, f"{SLUG}-2"]
        assert Author.objects.get().slug == "oedipe-laersen"

    @pytest.mark.parametrize("path", ["one_file", "batch"])
    def test_an_existing_slug_never_changes_on_re_import(self, tmp_path, path):
        importer.import_wire_file(wire_file(tmp_path, "old"))
        # Slugs given before the French-letters rule, as Django's slugify alone made them.
        Article.objects.update(slug="les-vux-du-president-dipe")
        Author.objects.update(slug="dipe-lrsen")

        changed = wire_file(tmp_path, "old", more=" pour l'année")
        if path == "one_file":
            outcome = importer.import_wire_file(changed).outcome
        else:
            outcome = importer.import_wire_files([changed]).results[0].outcome

        assert outcome == importer.ImportOutcome.UPDATED
        assert Article.objects.get().slug == "les-vux-du-president-dipe"
        assert Author.objects.get().slug == "dipe-lrsen"
