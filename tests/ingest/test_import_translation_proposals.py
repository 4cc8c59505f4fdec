"""The importer proposes a translation link for an editor to confirm; it never links itself.

Two articles that share date, dateline place and reporters, in two languages, are
proposed as one story; anything less is not.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from articles.models import Article, TranslationMember, TranslationProposal
from ingest import importer

pytestmark = pytest.mark.django_db

FRENCH = """ date 2023-09 Les forces ukrainiennes "gagnent du terrain" dit Stoltenberg

Crédit photo © Reuters

KYIV (Reuters) - Les troupes ukrainiennes "gagnent progressivement du terrain" dans leur \
contre-offensive contre les forces russes, a déclaré jeudi le secrétaire général de l'Otan, \
Jens Stoltenberg, lors d'une visite surprise à Kyiv. (Reportage {reporter}; version française \
Victor Goury-Laffont et Mariana Abreu ; édité par Kate Entringer)
"""

ENGLISH = """ date {date} Ukrainian forces 'gradually gaining ground', says Stoltenberg

Photo credit © Reuters

{place} (Reuters) - Ukrainian troops are "gradually gaining ground" in their counteroffensive \
against Russian forces, NATO Secretary General Jens Stoltenberg said on Thursday during a \
surprise visit to Kyiv. (Reporting by {reporter}; Editing by Kate Entringer)
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def english(**changes: str) -> str:
    values = {"date": "2023-09", "place": "KYIV", "reporter": "Andrew Gray", **changes}
    return ENGLISH.format(**values)


def proposed_pairs() -> set[frozenset[str]]:
    return {
        frozenset({proposal.article.language, proposal.candidate.language})
        for proposal in TranslationProposal.objects.select_related("article", "candidate")
    }


def test_one_file_after_the_other_proposes_the_pair(tmp_path):
    importer.import_wire_file(write(tmp_path, "en_story", english()))
    importer.import_wire_file(write(tmp_path, "fr_story", FRENCH.format(reporter="Andrew Gray")))

    assert proposed_pairs() == {frozenset({"fr", "en"})}
    # Proposed only: linking is the editor's decision.
    assert not TranslationMember.objects.exists()


def test_a_folder_imported_in_one_batch_proposes_the_pair_once(tmp_path):
    write(tmp_path, "en_story", english())
    write(tmp_path, "fr_story", FRENCH.format(reporter="Andrew Gray"))

    importer.import_wire_files(importer.find_wire_files([tmp_path]))

    assert TranslationProposal.objects.count() == 1
    assert Article.objects.count() == 2


def test_importing_again_proposes_nothing_more(tmp_path):
    write(tmp_path, "en_story", english())
    french = write(tmp_path, "fr_story", FRENCH.format(reporter="Andrew Gray"))
    importer.import_wire_files(importer.find_wire_files([tmp_path]))

    french.write_text(FRENCH.format(reporter="Andrew Gray") + "\n", encoding="utf-8")
    importer.import_wire_file(french)

    assert TranslationProposal.objects.count() == 1


@pytest.mark.parametrize(
    "english_text",
    [
        english(reporter="Anita Komuves"),
        english(place="BUDAPEST"),
        english(date="2023-10"),
    ],
    ids=["other reporter", "other place", "other date"],
)
def test_a_story_that_differs_is_not_proposed(tmp_path, english_text):
    write(tmp_path, "en_story", english_text)
    write(tmp_path, "fr_story", FRENCH.format(reporter="Andrew Gray"))

    importer.import_wire_files(importer.find_wire_files([tmp_path]))

    assert not TranslationProposal.objects.exists()


def test_two_versions_in_one_language_are_not_proposed(tmp_path):
    write(tmp_path, "en_story", english())
    write(tmp_path, "en_story_again", english().replace("Ukrainian troops", "Ukraine's troops"))

    importer.import_wire_files(importer.find_wire_files([tmp_path]))

    assert not TranslationProposal.objects.exists()
