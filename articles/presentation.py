"""How an article reads, for the site, the feeds and the API alike: dates, dateline, bylines.

Everything an article says about itself (its date, its credit labels) is rendered in
the article's own language, whatever the reader's interface language is: a French
dispatch reads "septembre 2023" and "Reportage : ..." on an English page too.
What only the public site shows (credit groups, structured data) is in website.presentation.
"""

from __future__ import annotations

import datetime

from django.utils import formats, timezone, translation
from django.utils.text import Truncator, get_text_list
from django.utils.translation import get_language_info, gettext, pgettext, pgettext_lazy

from articles.models import (
    Article,
    ArticleStatus,
    Author,
    AuthorKind,
    CreditRole,
    DatePrecision,
    normalise_name,
)

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

# Who the byline names: those who reported or wrote it, not who translated or edited it.
BYLINE_ROLES = frozenset({CreditRole.REPORTING, CreditRole.WRITING})


def role_label(role: str) -> str:
    """ "Reportage :" / "Reporting:" in the active language."""
    label = CREDIT_ROLE_LABELS.get(CreditRole(role), role)
    # French puts a space before the colon ("Reportage :"); the translation decides.
    return pgettext("credits line", "%(role)s:") % {"role": label}


def join_names(names: list[str]) -> str:
    """ "A", "A et B", "A, B et C" in the active language."""
    return get_text_list(names, gettext("and"))


def byline_authors(article: Article) -> list[Author]:
    """Who wrote the article: its reporting and writing credits, each author once."""
    authors = {
        credit.author.pk: credit.author
        for credit in article.credit_list
        if credit.role in BYLINE_ROLES
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
    with translation.override(article.language):
        return date_text(article.date, article.date_precision)


def date_text(date: datetime.date, precision: str | None) -> str:
    """A date at its precision in the active language: "septembre 2023" for a month."""
    format_name = "YEAR_MONTH_FORMAT" if precision == DatePrecision.MONTH else "DATE_FORMAT"
    return formats.date_format(date, format_name)


def scheduled_time_text(moment: datetime.datetime) -> str:
    """ "2 décembre à 08:00" / "December 2 at 08:00" in the active language and time zone."""
    local = timezone.localtime(moment)
    return gettext("%(day)s at %(time)s") % {
        "day": formats.date_format(local, "MONTH_DAY_FORMAT"),
        "time": formats.date_format(local, "TIME_FORMAT"),
    }


def moment_text(moment: datetime.datetime) -> str:
    """ "15 mars 2024 à 08:00" / "March 15, 2024 at 08:00": a time in the active language."""
    local = timezone.localtime(moment)
    return gettext("%(day)s at %(time)s") % {
        "day": formats.date_format(local, "DATE_FORMAT"),
        "time": formats.date_format(local, "TIME_FORMAT"),
    }


def publication_state_text(article: Article) -> str:
    """ "programmé pour le 2 décembre à 08:00", else the status: what editors are told."""
    published_at = article.published_at
    if article.status == ArticleStatus.PUBLISHED and published_at and published_at > timezone.now():
        return gettext("scheduled for %(time)s") % {"time": scheduled_time_text(published_at)}
    return str(ArticleStatus(article.status).label)


def dateline_place_and_date(article: Article) -> str:
    """ "KYIV" or "KYIV, 7 novembre": where and when it was filed, as the dateline gives it."""
    return ", ".join(part for part in (article.dateline_place, article.dateline_date) if part)


def dateline_text(article: Article) -> str:
    """ "KYIV (Reuters) -" or "KYIV, 7 novembre (Reuters) -" as the wire opens the body."""
    if not (article.dateline_place or article.dateline_source):
        return ""
    source = f"({article.dateline_source})" if article.dateline_source else ""
    return " ".join(part for part in (dateline_place_and_date(article), source, "-") if part)


def paragraphs(article: Article) -> list[str]:
    """The body's paragraphs (separated by blank lines in the source), without empty ones."""
    return [paragraph.strip() for paragraph in article.body.split("\n\n") if paragraph.strip()]


def summary(article: Article, words: int = SUMMARY_WORDS) -> str:
    """The lead paragraph, cut at a word boundary: for lists, feeds and link previews."""
    body_paragraphs = paragraphs(article)
    lead = " ".join(body_paragraphs[0].split()) if body_paragraphs else ""
    return Truncator(lead).words(words, truncate="…")


def _agency_and_photographer(text: str) -> tuple[str, str]:
    # "Reuters/Manon Cruz/File Photo": the photographer is the part right after the agency.
    agency, _, after_slash = text.partition("/")
    return " ".join(agency.split()), " ".join(after_slash.partition("/")[0].split())


def photo_credit_text(article: Article) -> str:
    """The photo's credit as every output prints it after ©: "AFP/Manon Cruz".

    The one owner of the photo credit. The photo credit rows say who took the picture; the
    ``photo_credit`` field keeps the agency's text (verbatim while it agrees with the rows, so
    an unedited article exports byte for byte). When they disagree, the rows win: the agency
    of the field, then the photographers credited.
    """
    credited = [
        (credit.author.name, credit.author.kind)
        for credit in article.credit_list
        if credit.role == CreditRole.PHOTO
    ]
    return photo_credit_from(article.photo_credit, credited)


def photo_credit_from(photo_credit: str, credited: list[tuple[str, str]]) -> str:
    """``photo_credit_text`` from the field's text and the (name, kind) of each photo credit.

    For readers of rows rather than articles (the API's lists read values).
    """
    text = photo_credit.strip()
    if not credited:
        return text
    agency, photographer = _agency_and_photographer(text)
    named_by_text = photographer or agency
    if [normalise_name(name) for name, _kind in credited] == [normalise_name(named_by_text)]:
        return text
    people = [name for name, kind in credited if kind == AuthorKind.PERSON]
    organisations = [name for name, kind in credited if kind != AuthorKind.PERSON]
    if not people:
        return ", ".join(organisations)
    holder = agency if text else "/".join(organisations)
    return f"{holder}/{', '.join(people)}" if holder else ", ".join(people)


def photo_copyright_holder(article: Article) -> str:
    """The agency of the photo credit: "Reuters" of "Reuters/Manon Cruz"."""
    return _agency_and_photographer(photo_credit_text(article))[0]


def language_name(code: str) -> str:
    """The language named in the reader's language ("allemand"), or its code if unknown."""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        # Any BCP 47 subtag may arrive from an agency; Django names about a hundred.
        return code


def language_name_local(code: str) -> str:
    """The language named in itself ("Deutsch"), or its code if unknown."""
    try:
        return get_language_info(code)["name_local"]
    except KeyError:
        return code
