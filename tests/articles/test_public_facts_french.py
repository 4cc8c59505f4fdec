"""Every string that corrections and translations show is translated into French."""

from __future__ import annotations

import pytest
from django.utils import translation

from articles.admin import public_facts as admin_public_facts
from articles.models import ArticleCorrection, TranslationProposal

STRINGS = [
    "corrected at",
    "When the correction was made.",
    "text",
    "Shown to readers, e.g. “Correction: an earlier version misstated…”.",
    "corrections (shown to readers under the article)",
    "Corrections",
    "translation group",
    "translation link",
    "translation proposal",
    "translation proposals",
    "proposed translation",
    "proposed at",
    "proposed by the importer",
    "Translations",
    "translations",
    "The same story in other languages. Each is linked to all the others; readers see only"
    " those that are published.",
    "“%(first)s” and “%(second)s” are both in %(language)s: a translation is in another language.",
    "You may not change the links of: %(headlines)s.",
    "You may not change “%(headline)s”.",
    "Confirm this translation",
    "Confirm the selected translation proposals",
    "“%(first)s” and “%(second)s” are now linked as translations.",
    "Read in %(language)s",
]


@pytest.mark.parametrize("text", STRINGS)
def test_the_string_reads_in_french(text):
    with translation.override("fr"):
        assert translation.gettext(text) != text or text in {"Corrections"}


def test_the_models_are_named_in_french():
    with translation.override("fr"):
        assert str(ArticleCorrection._meta.verbose_name_plural) == "corrections"
        assert str(TranslationProposal._meta.verbose_name_plural) == "propositions de traduction"
        assert str(admin_public_facts.CorrectionInline.verbose_name_plural).startswith(
            "corrections (montrées"
        )


def test_the_plural_of_linked_translations_is_french():
    with translation.override("fr"):
        one = translation.ngettext(
            "%(count)d translation linked.", "%(count)d translations linked.", 1
        )
        many = translation.ngettext(
            "%(count)d translation linked.", "%(count)d translations linked.", 3
        )
    assert (one % {"count": 1}, many % {"count": 3}) == (
        "1 traduction liée.",
        "3 traductions liées.",
    )
