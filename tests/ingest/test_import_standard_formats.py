"""Importing agency items (contract section 5): identity, versions, withdrawal, embargo, export."""

from __future__ import annotations

import datetime
import itertools
import json
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.history_comments import render_in
from articles.models import Article, ArticleStatus
from ingest import importer
from ingest.results import ImportOutcome
from tests.ingest.formats.conftest import SAMPLES

FILES = Path(__file__).parent / "formats" / "files"
URI = "urn:example:test:item-1"


def ninjs_item(version: int, *, status: str = "usable", embargoed: str | None = None) -> bytes:
    item = {
        "uri": URI,
        "type": "text",
        "version": str(version),
        "language": "de-CH",
        "firstcreated": "2024-11-07T08:00:00Z",
        "versioncreated": f"2024-11-07T{8 + version:02d}:00:00Z",
        "pubstatus": status,
        "headline": f"Die Regierung tritt zurück (Fassung {version})",
        "body_html": f"<p>BERN (AFP) - Text der Fassung {version}.</p>"
        "<p>Schluss. (Reporting by Anna Muster)</p>",
    }
    if embargoed:
        item["embargoed"] = embargoed
    return json.dumps(item).encode()


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


@pytest.mark.django_db
class TestAFolderOfMixedAgencyFiles:
    def test_every_sample_but_the_empty_listing_becomes_an_article(self, capsys):
        with pytest.raises(Exception, match="1 of 16 files failed"):
            call_command("import_articles", str(SAMPLES))
        assert "newsmlg2_iptc_listing1.xml: the item has no body text" in capsys.readouterr().err
        # Two pairs are the same item and version in two encodings: the second is unchanged.
        assert Article.objects.count() == 13
        assert set(Article.objects.values_list("language", flat=True)) >= {"de", "it", "fi", "nb"}
        reuters = Article.objects.get(source_id="tag:reuters.com,0000:newsml_L4N1FL0N0")
        assert (reuters.source_format, reuters.agency_version) == ("newsml_g2", 1132689232)

    def test_the_django_fixture_beside_the_wire_files_is_left_alone(self):
        call_command("import_articles", "fixtures")
        assert Article.objects.count() == 1

    def test_both_paths_give_the_same_articles(self, tmp_path):
        importer.import_wire_files(sorted(SAMPLES.glob("*.[xj]*")))
        batch = sorted(Article.objects.values_list("source_id", "headline", "agency_version"))
        Article.objects.all().delete()
        for path in sorted(SAMPLES.glob("*.[xj]*")):
            importer.import_wire_file(path)
        assert sorted(Article.objects.values_list("source_id", "headline", "agency_version")) == (
            batch
        )


@pytest.mark.django_db
class TestVersions:
    @pytest.mark.parametrize("order", list(itertools.permutations([1, 2, 3])))
    def test_a_folder_of_versions_ends_with_the_highest_whatever_the_order(self, tmp_path, order):
        for position, version in enumerate(order):
            write(tmp_path, f"{position}.json", ninjs_item(version))
        summary = importer.import_wire_files(importer.find_wire_files([tmp_path]))
        article = Article.objects.get(source_id=URI)
        assert article.agency_version == 3
        assert article.headline.endswith("(Fassung 3)")
        assert summary.count(ImportOutcome.CREATED) == 1
        # A version after a higher one writes nothing.
        assert summary.count(ImportOutcome.UNCHANGED) == sum(
            1 for i, v in enumerate(order) if any(w > v for w in order[:i])
        )

    @pytest.mark.parametrize("order", list(itertools.permutations([1, 2, 3])))
    def test_one_file_at_a_time_ends_with_the_highest_too(self, tmp_path, order):
        for version in order:
            importer.import_wire_file(write(tmp_path, f"v{version}.json", ninjs_item(version)))
        assert Article.objects.get(source_id=URI).agency_version == 3

    @settings(
        max_examples=20,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        order=st.lists(st.integers(1, 9), min_size=1, max_size=6).flatmap(st.permutations),
        withdrawn=st.sets(st.integers(1, 9), max_size=2),
        one_file_at_a_time=st.booleans(),
    )
    def test_any_order_of_any_versions_ends_with_the_highest(
        self, tmp_path_factory, order, withdrawn, one_file_at_a_time
    ):
        Article.objects.filter(source_id=URI).delete()
        folder = tmp_path_factory.mktemp("versions")
        paths = [
            write(
                folder,
                f"{position}.json",
                ninjs_item(version, status="withdrawn" if version in withdrawn else "usable"),
            )
            for position, version in enumerate(order)
        ]
        if one_file_at_a_time:
            for path in paths:
                importer.import_wire_file(path)
        else:
            importer.import_wire_files(paths)
        article = Article.objects.get(source_id=URI)
        assert article.agency_version == max(order)
        assert article.headline.endswith(f"(Fassung {max(order)})")
        if max(order) in withdrawn:
            assert article.status == ArticleStatus.WITHDRAWN
        if not withdrawn & set(order):
            assert article.status == ArticleStatus.PUBLISHED

    def test_an_older_version_afterwards_writes_nothing(self, tmp_path):
        importer.import_wire_file(write(tmp_path, "v3.json", ninjs_item(3)))
        before = Article.objects.get(source_id=URI)
        result = importer.import_wire_file(write(tmp_path, "v1.json", ninjs_item(1)))
        after = Article.objects.get(source_id=URI)
        assert result.outcome == ImportOutcome.UNCHANGED
        assert (after.updated_at, after.version, after.headline) == (
            before.updated_at,
            before.version,
            before.headline,
        )

    def test_a_higher_version_keeps_the_previous_one_in_the_history(self, tmp_path):
        from reversion.models import Version

        importer.import_wire_file(write(tmp_path, "v1.json", ninjs_item(1)))
        importer.import_wire_file(write(tmp_path, "v2.json", ninjs_item(2)))
        article = Article.objects.get(source_id=URI)
        comments = [
            render_in("en", v.revision.comment) for v in Version.objects.get_for_object(article)
        ]
        assert comments == ["Imported from v2.json (version 2)", "Imported from v1.json"]


# Real commits: the response cache is told of a change when its transaction commits.
@pytest.mark.django_db(transaction=True)
class TestWithdrawal:
    LISTS = ["/", "/api/v1/articles/", "/feeds/rss/", "/feeds/atom/", "/sitemap-articles.xml"]

    def test_a_withdrawn_version_takes_the_article_off_every_public_url(
        self, tmp_path, client, response_cache
    ):
        importer.import_wire_file(write(tmp_path, "v1.json", ninjs_item(1)))
        article = Article.objects.get(source_id=URI)
        # Every page read once while public, so a stale cached copy would show.
        assert client.get(article.get_absolute_url()).status_code == 200
        for url in self.LISTS:
            assert article.slug in client.get(url).content.decode(), url

        importer.import_wire_file(write(tmp_path, "v2.json", ninjs_item(2, status="canceled")))
        article.refresh_from_db()
        assert article.status == ArticleStatus.WITHDRAWN
        assert client.get(article.get_absolute_url()).status_code == 410
        api = client.get(f"/api/v1/articles/{article.slug}/")
        assert (api.status_code, api.json()) == (
            410,
            {"detail": "Cet article a été retiré."},
        )
        for url in self.LISTS:
            response = client.get(url)
            assert response.status_code == 200, url
            assert article.slug not in response.content.decode(), url
        assert article.slug not in client.get("/search/?q=Regierung").content.decode()

    def test_an_item_withdrawn_before_it_was_ever_seen_is_kept_but_never_shown(
        self, tmp_path, client
    ):
        result = importer.import_wire_file(FILES / "newsmlg2_en_withdrawn.xml")
        assert result.article.status == ArticleStatus.WITHDRAWN
        # Never public: as unknown as a draft.
        assert client.get(result.article.get_absolute_url()).status_code == 404


@pytest.mark.django_db
class TestEmbargo:
    def test_an_embargoed_item_is_published_at_the_embargo_and_hidden_until_then(
        self, tmp_path, client
    ):
        end = (timezone.now() + datetime.timedelta(hours=2)).replace(microsecond=0)
        importer.import_wire_file(
            write(tmp_path, "e.json", ninjs_item(1, embargoed=end.isoformat()))
        )
        article = Article.objects.get(source_id=URI)
        assert (article.status, article.published_at) == (ArticleStatus.PUBLISHED, end)
        assert client.get(article.get_absolute_url()).status_code == 404
        assert article.slug not in client.get("/api/v1/articles/").content.decode()


@pytest.mark.django_db
class TestExport:
    @pytest.mark.parametrize(
        "name", ["nitf_fr_latin1.xml", "ninjs2_fr.json", "newsml12_afp_fr_iso8859.xml"]
    )
    def test_an_unedited_item_goes_out_as_the_very_file_it_came_in(self, tmp_path, name):
        folder = FILES if (FILES / name).exists() else SAMPLES
        importer.import_wire_file(folder / name)
        [path] = importer.export_articles(tmp_path / "out")
        assert path.suffix == os.path.splitext(name)[1]
        assert path.read_bytes() == (folder / name).read_bytes()

    def test_an_edited_item_goes_out_as_plain_wire_copy(self, tmp_path):
        importer.import_wire_file(FILES / "ninjs2_fr.json")
        Article.objects.update(headline="Titre corrigé")
        [path] = importer.export_articles(tmp_path / "out")
        assert path.name == "urn_example_fr_ninjs2_0001.txt"
        assert "Titre corrigé" in path.read_text()


@pytest.mark.django_db(transaction=True)
class TestReinstating:
    def test_an_editor_reinstates_a_withdrawn_article_from_the_list(
        self, tmp_path, client, editor_client
    ):
        importer.import_wire_file(write(tmp_path, "v1.json", ninjs_item(1)))
        importer.import_wire_file(write(tmp_path, "v2.json", ninjs_item(2, status="withdrawn")))
        article = Article.objects.get(source_id=URI)
        listing = editor_client.get("/admin/articles/article/?status__exact=withdrawn")
        assert article.headline in listing.content.decode()

        response = editor_client.post(
            "/admin/articles/article/",
            {"action": "reinstate_selected", "_selected_action": [article.pk]},
            follow=True,
        )
        assert "1 article reinstated." in response.content.decode() or (
            "1 article rétabli" in response.content.decode()
        )
        article.refresh_from_db()
        assert article.status == ArticleStatus.PUBLISHED
        assert client.get(article.get_absolute_url()).status_code == 200

    def test_a_contributor_cannot_reinstate(self, tmp_path, contributor_client):
        importer.import_wire_file(write(tmp_path, "v2.json", ninjs_item(2, status="withdrawn")))
        article = Article.objects.get(source_id=URI)
        contributor_client.post(
            "/admin/articles/article/",
            {"action": "reinstate_selected", "_selected_action": [article.pk]},
        )
        article.refresh_from_db()
        assert article.status == ArticleStatus.WITHDRAWN


@pytest.mark.django_db
def test_the_home_page_filters_by_any_language(tmp_path, client):
    importer.import_wire_file(write(tmp_path, "v1.json", ninjs_item(1)))
    german = Article.objects.get(source_id=URI)
    page = client.get("/?language=de")
    assert page.status_code == 200
    assert german.headline in page.content.decode()
    assert "Deutsch" in page.content.decode()
    assert client.get("/?language=german").status_code == 400
    assert 'lang="de"' in client.get(german.get_absolute_url()).content.decode()
