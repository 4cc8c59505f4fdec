"""What only the public site shows of an article: credit groups, author headings, metadata.

The text rules the API shares (dates, dateline, bylines, role labels) are in
articles.presentation; this module builds on them for HTML pages and feeds.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import get_text_list
from django.utils.translation import gettext, pgettext_lazy

from articles.models import Article, Author, AuthorKind, Credit, CreditRole
from articles.presentation import (
    BYLINE_ROLES,
    dateline_place_and_date,
    join_names,
    photo_copyright_holder,
    photo_credit_text,
    role_label,
    summary,
)
from website.photos import large_image
from website.public_facts import structured_data_facts

DEFAULT_PUBLICATION_NAME = "Newsroom"

# Headings of an author's page, one per role they worked in.
AUTHOR_ROLE_HEADINGS = {
    CreditRole.PHOTO: pgettext_lazy("author page heading", "Photographs"),
    CreditRole.REPORTING: pgettext_lazy("author page heading", "Reporting"),
    CreditRole.ADDITIONAL_REPORTING: pgettext_lazy("author page heading", "Additional reporting"),
    CreditRole.WRITING: pgettext_lazy("author page heading", "Writing"),
    CreditRole.TRANSLATION: pgettext_lazy("author page heading", "Translations"),
    CreditRole.EDITING: pgettext_lazy("author page heading", "Editing"),
}

# schema.org properties of a NewsArticle that each credited role fills.
STRUCTURED_DATA_ROLES = {
    **{role: "author" for role in BYLINE_ROLES},
    CreditRole.TRANSLATION: "translator",
    CreditRole.EDITING: "editor",
    CreditRole.ADDITIONAL_REPORTING: "contributor",
}

# The photo credit is shown with the photo, not in the credits line below the body.
CREDITS_LINE_EXCLUDED_ROLES = frozenset({CreditRole.PHOTO})

# Open Graph wants a language_TERRITORY locale; the newsroom's languages have one each.
OPEN_GRAPH_LOCALES = {"fr": "fr_FR", "en": "en_US"}


def publication_name() -> str:
    """The site's name in feeds and metadata: NEWSROOM_PUBLICATION_NAME, read on each use.

    Google News matches it against the publication's name there.
    """
    return getattr(settings, "NEWSROOM_PUBLICATION_NAME", DEFAULT_PUBLICATION_NAME)


def author_role_heading(role: str) -> str:
    """ "Translations", "Editing"...: the heading of an author's work in one role."""
    return str(AUTHOR_ROLE_HEADINGS.get(role, role))


@dataclass(frozen=True)
class CreditGroup:
    """Everyone credited in one role of one article, in source order."""

    role: str
    label: str  # "Reportage :" / "Reporting:" in the article's language
    credits: tuple[Credit, ...]
    names: str  # "Victor Goury-Laffont et Mariana Abreu"
    names_html: SafeString  # the same, each name linked to its author page

    @property
    def text(self) -> str:
        return f"{self.label} {self.names}"


def author_url(author: Author) -> str:
    """The path of the author's public page."""
    return reverse("website:author-detail", kwargs={"slug": author.slug})


def _credited_name(credit: Credit) -> str:
    return f"{credit.author.name} {credit.note}" if credit.note else credit.author.name


def _credited_name_html(credit: Credit) -> SafeString:
    link = format_html('<a href="{}">{}</a>', author_url(credit.author), credit.author.name)
    return format_html("{} {}", link, credit.note) if credit.note else link


def credit_groups(article: Article) -> list[CreditGroup]:
    """Credits grouped by role, in order of first appearance, labelled in the article's language.

    Reads ``article.credit_list``: prefetch them (``with_credits()``) to keep one query.
    """
    credits_by_role: dict[str, list[Credit]] = {}
    for credit in article.credit_list:
        if credit.role in CREDITS_LINE_EXCLUDED_ROLES:
            continue
        credits_by_role.setdefault(credit.role, []).append(credit)

    groups = []
    with translation.override(article.language):
        for role, credits in credits_by_role.items():
            names_html = [conditional_escape(_credited_name_html(credit)) for credit in credits]
            groups.append(
                CreditGroup(
                    role=role,
                    label=role_label(role),
                    credits=tuple(credits),
                    names=join_names([_credited_name(credit) for credit in credits]),
                    # Each part is escaped above, and the separators come from the catalogues.
                    names_html=mark_safe(
                        get_text_list(names_html, conditional_escape(gettext("and")))
                    ),
                )
            )
    return groups


def _party(author: Author, absolute_url: Callable[[str], str]) -> dict:
    kind = "Organization" if author.kind == AuthorKind.ORGANISATION else "Person"
    return {"@type": kind, "name": author.name, "url": absolute_url(author_url(author))}


def _image(article: Article, absolute_url: Callable[[str], str]) -> dict:
    image: dict = {"@type": "ImageObject"}
    if large := large_image(article):
        # The largest rendition, without EXIF: the original upload is never public.
        image.update(url=absolute_url(large.url), width=large.width, height=large.height)
        image["contentUrl"] = image["url"]
        image["encodingFormat"] = large.content_type
    if article.photo_caption:
        image["caption"] = article.photo_caption
    if credit_text := photo_credit_text(article):
        image["creditText"] = credit_text
        image["copyrightHolder"] = {
            "@type": "Organization",
            "name": photo_copyright_holder(article),
        }
    photographers = [
        _party(credit.author, absolute_url)
        for credit in article.credit_list
        if credit.role == CreditRole.PHOTO
    ]
    if photographers:
        image["creator"] = photographers
    return image


def news_article_structured_data(
    article: Article, *, canonical_url: str, absolute_url: Callable[[str], str]
) -> dict:
    """schema.org NewsArticle for the article, as Google's Article structured data expects.

    ``absolute_url`` turns a path into a full URL (``request.build_absolute_uri``).
    """
    data: dict = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical_url},
        "url": canonical_url,
        "headline": article.headline,
        "description": summary(article),
        "inLanguage": article.language,
        # ISO 8601 at the source's precision ("2023-09"): a full date would invent a day.
        "datePublished": article.date_text,
        "dateModified": article.updated_at.isoformat(),
        "isAccessibleForFree": True,
        "publisher": {
            "@type": "Organization",
            "name": publication_name(),
            "url": absolute_url(reverse("website:home")),
        },
    }
    if dateline := dateline_place_and_date(article):
        data["dateline"] = dateline

    for credit in article.credit_list:
        property_name = STRUCTURED_DATA_ROLES.get(CreditRole(credit.role))
        if property_name is None:
            continue
        party = _party(credit.author, absolute_url)
        if party not in data.setdefault(property_name, []):
            data[property_name].append(party)
    if "author" not in data and article.dateline_source:
        # Unsigned wire copy: the agency of the dateline is its author.
        data["author"] = [{"@type": "Organization", "name": article.dateline_source}]

    if article.photo and (image := _image(article, absolute_url)).get("url"):
        data["image"] = [image]
    data.update(structured_data_facts(article, absolute_url))
    return data


# What json_script escapes, so that no text can close the <script> element early.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld_script(data: dict) -> SafeString:
    """The data in a <script type="application/ld+json"> element, safe to put in HTML."""
    text = json.dumps(data, ensure_ascii=False, indent=2).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def open_graph_locale(language: str) -> str:
    """ "fr_FR" for "fr": the locale Open Graph expects."""
    return OPEN_GRAPH_LOCALES.get(language, language)
