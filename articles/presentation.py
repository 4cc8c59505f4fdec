"""How an article reads on the public site: credits by role, dates at their precision, metadata.

Everything an article says about itself (its date, its credit labels) is rendered in
the article's own language, whatever the reader's interface language is: a French
dispatch reads "septembre 2023" and "Reportage : ..." on an English page too.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import formats, translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator, get_text_list
from django.utils.translation import gettext, pgettext, pgettext_lazy

from articles.models import Article, Author, AuthorKind, Credit, CreditRole, DatePrecision

# Google News matches this against the publication's name there; override it in settings.
PUBLICATION_NAME: str = getattr(settings, "NEWSROOM_PUBLICATION_NAME", "Newsroom")

SUMMARY_WORDS = 40

# Labels of the credits line ("Reportage : Andrew Gray"): the wire's own phrasing.
CREDIT_ROLE_LABELS = {
    CreditRole.PHOTO: pgettext_lazy("credits line", "Photo"),
    CreditRole.REPORTING: pgettext_lazy("credits line", "Reporting"),
    CreditRole.ADDITIONAL_REPORTING: pgettext_lazy("credits line", "Additional reporting"),
    CreditRole.WRITING: pgettext_lazy("credits line", "Writing"),
    CreditRole.TRANSLATION: pgettext_lazy("credits line", "Translated by"),
    CreditRole.EDITING: pgettext_lazy("credits line", "Edited by"),
}

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
    CreditRole.REPORTING: "author",
    CreditRole.WRITING: "author",
    CreditRole.TRANSLATION: "translator",
    CreditRole.EDITING: "editor",
    CreditRole.ADDITIONAL_REPORTING: "contributor",
}

# The photo credit is shown with the photo, not in the credits line below the body.
CREDITS_LINE_EXCLUDED_ROLES = frozenset({CreditRole.PHOTO})

# Open Graph wants a language_TERRITORY locale; the newsroom's languages have one each.
OPEN_GRAPH_LOCALES = {"fr": "fr_FR", "en": "en_US"}


def role_label(role: str) -> str:
    """ "Reportage :" / "Reporting:" in the active language."""
    label = CREDIT_ROLE_LABELS.get(CreditRole(role), role)
    # French puts a space before the colon ("Reportage :"); the translation decides.
    return pgettext("credits line", "%(role)s:") % {"role": label}


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
    return reverse("articles:author-detail", kwargs={"slug": author.slug})


def _credited_name(credit: Credit) -> str:
    return f"{credit.author.name} {credit.note}" if credit.note else credit.author.name


def _credited_name_html(credit: Credit) -> SafeString:
    link = format_html('<a href="{}">{}</a>', author_url(credit.author), credit.author.name)
    return format_html("{} {}", link, credit.note) if credit.note else link


def join_names(names: list[str]) -> str:
    """ "A", "A et B", "A, B et C" in the active language."""
    return get_text_list(names, gettext("and"))


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


def credits_line(article: Article) -> str:
    """ "Reportage : Andrew Gray · Version française : V. Goury-Laffont et M. Abreu · ..." """
    return " · ".join(group.text for group in credit_groups(article))


def byline_authors(article: Article) -> list[Author]:
    """Who wrote the article: its reporting and writing credits, each author once."""
    authors = {
        credit.author.pk: credit.author
        for credit in article.credit_list
        if STRUCTURED_DATA_ROLES.get(CreditRole(credit.role)) == "author"
    }
    return list(authors.values())


def byline_names(article: Article) -> str:
    """The byline for feeds, in the article's language: "Andrew Gray et Mariana Abreu"."""
    with translation.override(article.language):
        return join_names([author.name for author in byline_authors(article)])


def date_at_precision(article: Article) -> str:
    """The article's date at its precision in its language: "septembre 2023", "12 mars 2024".

    A month-precision date never shows a day: the source did not give one.
    """
    format_name = (
        "YEAR_MONTH_FORMAT" if article.date_precision == DatePrecision.MONTH else "DATE_FORMAT"
    )
    with translation.override(article.language):
        return formats.date_format(article.date, format_name)


def dateline_text(article: Article) -> str:
    """ "KYIV (Reuters) -" or "KYIV, 7 novembre (Reuters) -" as the wire opens the body."""
    if not (article.dateline_place or article.dateline_source):
        return ""
    place = article.dateline_place
    if article.dateline_date:
        place = f"{place}, {article.dateline_date}"
    source = f"({article.dateline_source})" if article.dateline_source else ""
    return " ".join(part for part in (place, source, "-") if part)


def paragraphs(article: Article) -> list[str]:
    """The body's paragraphs (separated by blank lines in the source), without empty ones."""
    return [paragraph.strip() for paragraph in article.body.split("\n\n") if paragraph.strip()]


def summary(article: Article, words: int = SUMMARY_WORDS) -> str:
    """The lead paragraph, cut at a word boundary: for lists, feeds and link previews."""
    body_paragraphs = paragraphs(article)
    lead = " ".join(body_paragraphs[0].split()) if body_paragraphs else ""
    return Truncator(lead).words(words, truncate="…")


def photo_copyright_holder(article: Article) -> str:
    """The agency of a photo credit: "Reuters" of "Reuters/Manon Cruz"."""
    return article.photo_credit.split("/", 1)[0].strip()


def _party(author: Author, absolute_url: Callable[[str], str]) -> dict:
    kind = "Organization" if author.kind == AuthorKind.ORGANISATION else "Person"
    return {"@type": kind, "name": author.name, "url": absolute_url(author_url(author))}


def _image(article: Article, absolute_url: Callable[[str], str]) -> dict:
    image: dict = {"@type": "ImageObject", "url": absolute_url(article.photo.url)}
    image["contentUrl"] = image["url"]
    if article.photo_caption:
        image["caption"] = article.photo_caption
    if article.photo_credit:
        image["creditText"] = article.photo_credit
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
            "name": PUBLICATION_NAME,
            "url": absolute_url(reverse("articles:home")),
        },
    }
    dateline = ", ".join(part for part in (article.dateline_place, article.dateline_date) if part)
    if dateline:
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

    if article.photo:
        data["image"] = [_image(article, absolute_url)]
    return data


# What json_script escapes, so that no text can close the <script> element early.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld_script(data: dict) -> SafeString:
    """The data in a <script type="application/ld+json"> element, safe to put in HTML."""
    text = json.dumps(data, ensure_ascii=False, indent=2).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def open_graph_locale(language: str) -> str:
    return OPEN_GRAPH_LOCALES.get(language, language)
