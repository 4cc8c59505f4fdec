"""Corrections and translations on the public site: the page's notes and links, and JSON-LD.

What the public may see of them comes from ``articles.selectors`` (only published
translations); this module only says how the page and its structured data show them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils import formats, translation
from django.utils.timezone import localtime
from django.utils.translation import gettext

from articles import presentation, selectors
from articles.models import Article, CreditRole


@dataclass(frozen=True)
class TranslationLink:
    language: str
    url: str
    headline: str
    # "Lire en français", "Read in English": in the translation's own language.
    label: str


@dataclass(frozen=True)
class CorrectionNote:
    at_iso: str
    at_text: str
    text: str


def translation_links(
    article: Article, absolute_url: Callable[[str], str]
) -> list[TranslationLink]:
    """Links to the article's published translations, each labelled in its language."""
    links = []
    for other in selectors.visible_translations_of(article):
        with translation.override(other.language):
            label = gettext("Read in %(language)s") % {
                "language": presentation.language_name_local(other.language)
            }
        links.append(
            TranslationLink(
                language=other.language,
                url=absolute_url(other.get_absolute_url()),
                headline=other.headline,
                label=label,
            )
        )
    return links


def correction_notes(article: Article) -> list[CorrectionNote]:
    """The article's corrections, oldest first, dated in the active language."""
    return [
        CorrectionNote(
            at_iso=correction.at.isoformat(),
            at_text=formats.date_format(localtime(correction.at), "DATETIME_FORMAT"),
            text=correction.text,
        )
        for correction in selectors.corrections_of(article)
    ]


def structured_data_facts(article: Article, absolute_url: Callable[[str], str]) -> dict:
    """schema.org ``correction`` (CorrectionComment) and the translation properties.

    An article credited with translators is the translation (``translationOfWork``) of
    its other versions; any other is the original of its translations (``workTranslation``).
    """
    data: dict = {}
    if corrections := selectors.corrections_of(article):
        data["correction"] = [
            {
                "@type": "CorrectionComment",
                "text": correction.text,
                "datePublished": correction.at.isoformat(),
            }
            for correction in corrections
        ]
    if others := selectors.visible_translations_of(article):
        is_translation = any(
            credit.role == CreditRole.TRANSLATION for credit in article.credit_list
        )
        data["translationOfWork" if is_translation else "workTranslation"] = [
            {
                "@type": "NewsArticle",
                "@id": absolute_url(other.get_absolute_url()),
                "url": absolute_url(other.get_absolute_url()),
                "headline": other.headline,
                "inLanguage": other.language,
            }
            for other in others
        ]
    return data
