"""An agency's update over an article the desk edited: merged field by field, never overwritten."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import reversion
from django.utils import translation
from reversion.models import Version

from articles.agency_updates import AgencyUpdateToReview
from articles.history_comments import render_comment
from articles.models import Article
from articles.services import agency_updates, editorial
from ingest import importer
from ingest.results import ImportOutcome

pytestmark = pytest.mark.django_db

URI = "urn:example:test:update-1"
BODY_V1 = "Le gouvernement démissionne. Le texte de l'agence."
ALT_BODY = "Le gouvernement démissionne. Le texte corrigé de l'agence."


def ninjs(version: int, *, headline: str, body: str, note: str = "") -> bytes:
    credit = "Reportage Anna Muster" + (f" {note}" if note else "")
    item = {
        "uri": URI,
        "type": "text",
        "version": str(version),
        "language": "fr",
        "firstcreated": "2024-11-07T08:00:00Z",
        "headline": headline,
        "body_html": f"<p>BERNE (AFP) - {body} ({credit})</p>",
    }
    return json.dumps(item).encode()


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def desk_edit(article: Article, user, **changes) -> Article:
    """An editor's save, as the admin makes it: with its revision."""
    article = Article.objects.get(pk=article.pk)
    for name, value in changes.items():
        setattr(article, name, value)
    with reversion.create_revision():
        editorial.save_article(article, user=user, expected_version=article.version)
        reversion.set_user(user)
    return article


@pytest.fixture
def imported(tmp_path) -> Article:
    path = write(tmp_path, "v1.json", ninjs(1, headline="Le gouvernement tombe", body=BODY_V1))
    return importer.import_wire_file(path).article


def test_an_update_of_fields_the_desk_left_alone_comes_in(imported, tmp_path):
    result = importer.import_wire_file(
        write(tmp_path, "v2.json", ninjs(2, headline="Le gouvernement tombe", body=ALT_BODY))
    )

    assert result.outcome == ImportOutcome.UPDATED
    article = Article.objects.get(pk=imported.pk)
    assert article.body == ALT_BODY
    assert not AgencyUpdateToReview.objects.exists()


def test_the_desk_edit_stays_and_the_agency_change_of_another_field_comes_in(
    imported, tmp_path, editor
):
    desk_edit(imported, editor, headline="Le gouvernement suisse tombe")

    importer.import_wire_file(
        write(tmp_path, "v2.json", ninjs(2, headline="Le gouvernement tombe", body=ALT_BODY))
    )

    article = Article.objects.get(pk=imported.pk)
    assert (article.headline, article.body) == ("Le gouvernement suisse tombe", ALT_BODY)
    assert not AgencyUpdateToReview.objects.exists()
    latest = Version.objects.get_for_object(article).first()
    with translation.override("en"):
        assert render_comment(latest.revision.comment) == (
            "Imported from v2.json (version 2) over the desk's edits. From the agency: body. "
            "The desk's edits kept: headline. Changed by both, the desk's text kept, agency "
            "update to review: —."
        )


def test_the_agency_changing_a_field_the_desk_changed_too_keeps_the_desk_text_for_review(
    imported, tmp_path, editor
):
    desk_edit(imported, editor, headline="Le gouvernement suisse tombe")

    importer.import_wire_file(
        write(tmp_path, "v2.json", ninjs(2, headline="Chute du gouvernement", body=ALT_BODY))
    )

    article = Article.objects.get(pk=imported.pk)
    assert (article.headline, article.body) == ("Le gouvernement suisse tombe", ALT_BODY)
    update = agency_updates.pending_for(article)
    assert update.fields == {
        "headline": {"agency": "Chute du gouvernement", "desk": "Le gouvernement suisse tombe"}
    }
    assert "Chute du gouvernement" in update.source_text
    comment = Version.objects.get_for_object(article).first().revision.comment
    with translation.override("en"):
        assert render_comment(comment).endswith("agency update to review: headline.")
    # The agency's text is also in the history, beside the desk's.
    assert (
        "Chute du gouvernement"
        in Version.objects.get_for_object(article).first().field_dict["source_text"]
    )


def test_credit_notes_merge_like_any_field(imported, tmp_path, editor):
    credit = imported.credits.get()
    credit.note = "à Berne"
    with reversion.create_revision():
        credit.save()

    importer.import_wire_file(
        write(tmp_path, "v2.json", ninjs(2, headline="Le gouvernement tombe", body=ALT_BODY))
    )

    article = Article.objects.get(pk=imported.pk)
    assert article.body == ALT_BODY
    assert list(article.credits.values_list("author__name", "note")) == [("Anna Muster", "à Berne")]
    assert not AgencyUpdateToReview.objects.exists()


def test_a_credit_note_both_changed_is_for_review(imported, tmp_path):
    imported.credits.update(note="à Berne")

    importer.import_wire_file(
        write(
            tmp_path,
            "v2.json",
            ninjs(2, headline="Le gouvernement tombe", body=BODY_V1, note="à Zurich"),
        )
    )

    article = Article.objects.get(pk=imported.pk)
    assert list(article.credits.values_list("note", flat=True)) == ["à Berne"]
    update = agency_updates.pending_for(article)
    assert update.fields["credits"]["agency"][0]["note"] == "à Zurich"


@pytest.mark.parametrize("order", [(2, 3), (3, 2)])
def test_versions_in_either_order_over_a_desk_edit_end_with_the_highest_merged(
    imported, tmp_path, editor, order
):
    desk_edit(imported, editor, headline="Le gouvernement suisse tombe")
    bodies = {2: "Texte de la version 2.", 3: "Texte de la version 3."}

    for version in order:
        importer.import_wire_file(
            write(
                tmp_path,
                f"v{version}.json",
                ninjs(version, headline="Le gouvernement tombe", body=bodies[version]),
            )
        )

    article = Article.objects.get(pk=imported.pk)
    assert (article.headline, article.body, article.agency_version) == (
        "Le gouvernement suisse tombe",
        "Texte de la version 3.",
        3,
    )


def test_a_desk_edit_after_the_update_is_a_plain_edit(imported, tmp_path, editor):
    importer.import_wire_file(
        write(tmp_path, "v2.json", ninjs(2, headline="Chute du gouvernement", body=BODY_V1))
    )
    desk_edit(imported, editor, headline="Le gouvernement suisse tombe")

    article = Article.objects.get(pk=imported.pk)
    assert article.headline == "Le gouvernement suisse tombe"
    assert not AgencyUpdateToReview.objects.exists()


def test_an_editor_takes_the_agency_text_of_one_field_and_keeps_the_desk_text_of_another(
    imported, tmp_path, editor
):
    imported.credits.update(note="à Berne")
    desk_edit(imported, editor, headline="Le gouvernement suisse tombe")
    importer.import_wire_file(
        write(
            tmp_path,
            "v2.json",
            ninjs(2, headline="Chute du gouvernement", body=BODY_V1, note="à Zurich"),
        )
    )
    update = agency_updates.pending_for(imported)
    assert set(update.fields) == {"headline", "credits"}

    agency_updates.resolve(update, accepted=["credits"], user=editor)

    article = Article.objects.get(pk=imported.pk)
    assert article.headline == "Le gouvernement suisse tombe"
    assert list(article.credits.values_list("note", flat=True)) == ["à Zurich"]
    assert agency_updates.pending_for(article) is None
    comment = Version.objects.get_for_object(article).first().revision.comment
    assert "Crédits" in comment and "Titre" in comment


def test_an_article_with_no_readable_previous_source_keeps_everything_the_desk_has(
    imported, tmp_path, editor
):
    Article.objects.filter(pk=imported.pk).update(source_text="")
    desk_edit(imported, editor, headline="Le gouvernement suisse tombe")

    importer.import_wire_file(
        write(tmp_path, "v2.json", ninjs(2, headline="Chute du gouvernement", body=ALT_BODY))
    )

    article = Article.objects.get(pk=imported.pk)
    assert (article.headline, article.body) == ("Le gouvernement suisse tombe", BODY_V1)
    assert set(agency_updates.pending_for(article).fields) == {"headline", "body"}


def test_a_changed_plain_text_wire_file_over_a_desk_edit_merges_too(seed_path, tmp_path, editor):
    source = write(tmp_path, seed_path.name, seed_path.read_bytes())
    article = importer.import_wire_file(source).article
    desk_edit(article, editor, headline="Stoltenberg : l'Ukraine gagne du terrain")
    changed = seed_path.read_text(encoding="utf-8").replace(
        "Kate Entringer)", "Kate Entringer à Bruxelles)"
    )

    result = importer.import_wire_file(write(tmp_path, seed_path.name, changed.encode()))

    assert result.outcome == ImportOutcome.UPDATED
    article.refresh_from_db()
    assert article.headline == "Stoltenberg : l'Ukraine gagne du terrain"
    assert article.credits.get(author__name="Kate Entringer").note == "à Bruxelles"
    assert article.source_text == changed
    assert agency_updates.pending_for(article) is None
