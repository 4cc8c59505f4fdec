"""Articles, their authors and the ordered credits that join them."""

from __future__ import annotations

import datetime

import reversion
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from articles import vocabulary
from articles.names import normalise_name


class Language(models.TextChoices):
    """The languages the plain-text format knows; other formats bring any BCP 47 language."""

    FRENCH = "fr", _("French")
    ENGLISH = "en", _("English")


# A BCP 47 primary language subtag, as stored: "fr", "en", "de", "fil" (en-GB is stored "en").
# \Z as in Django's validators: Python's $ also matches before a final newline. In the
# database PostgreSQL's $ is the end (\Z there would rebuild SQLite's table for nothing).
LANGUAGE_SUBTAG = r"^[a-z]{2,3}\Z"
LANGUAGE_SUBTAG_IN_DATABASE = r"^[a-z]{2,3}$"


class DatePrecision(models.TextChoices):
    MONTH = vocabulary.DatePrecision.MONTH.value, _("month")
    DAY = vocabulary.DatePrecision.DAY.value, _("day")


class ArticleStatus(models.TextChoices):
    DRAFT = vocabulary.ArticleStatus.DRAFT.value, _("draft")
    IN_REVIEW = vocabulary.ArticleStatus.IN_REVIEW.value, _("in review")
    PUBLISHED = vocabulary.ArticleStatus.PUBLISHED.value, _("published")
    WITHDRAWN = vocabulary.ArticleStatus.WITHDRAWN.value, _("withdrawn")


class CreditRole(models.TextChoices):
    PHOTO = vocabulary.CreditRole.PHOTO.value, _("photo")
    REPORTING = vocabulary.CreditRole.REPORTING.value, _("reporting")
    ADDITIONAL_REPORTING = (
        vocabulary.CreditRole.ADDITIONAL_REPORTING.value,
        _("additional reporting"),
    )
    WRITING = vocabulary.CreditRole.WRITING.value, _("writing")
    TRANSLATION = vocabulary.CreditRole.TRANSLATION.value, _("translation")
    EDITING = vocabulary.CreditRole.EDITING.value, _("editing")


class SourceFormat(models.TextChoices):
    WIRE_COPY = vocabulary.SourceFormat.WIRE_COPY.value, _("plain wire copy")
    NEWSML_G2 = vocabulary.SourceFormat.NEWSML_G2.value, _("NewsML-G2")
    NEWSML_1 = vocabulary.SourceFormat.NEWSML_1.value, _("NewsML 1.2")
    NITF = vocabulary.SourceFormat.NITF.value, _("NITF")
    NINJS = vocabulary.SourceFormat.NINJS.value, _("ninjs")


class AuthorKind(models.TextChoices):
    PERSON = vocabulary.AuthorKind.PERSON.value, _("person")
    ORGANISATION = vocabulary.AuthorKind.ORGANISATION.value, _("organisation")


class AuthorManager(models.Manager["Author"]):
    def get_by_natural_key(self, slug: str) -> Author:
        return self.get(slug=slug)


class Author(models.Model):
    name = models.CharField(_("name"), max_length=200)
    name_key = models.CharField(
        _("matching key"),
        max_length=200,
        unique=True,
        editable=False,
        help_text=_("The name without case, accents or extra spaces; one author per key."),
    )
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=AuthorKind.choices, default=AuthorKind.PERSON
    )

    objects = AuthorManager()

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=AuthorKind.values), name="author_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.name_key = normalise_name(self.name)
        super().save(*args, **kwargs)

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class AuthorAlias(models.Model):
    """A name merged into an author: credits under it go to that author, never a new one."""

    name = models.CharField(_("name"), max_length=200)
    name_key = models.CharField(_("matching key"), max_length=200, unique=True, editable=False)
    author = models.ForeignKey(
        Author, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("author")
    )

    class Meta:
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.name_key = normalise_name(self.name)
        super().save(*args, **kwargs)


class ArticleQuerySet(models.QuerySet["Article"]):
    def visible(self, now: datetime.datetime | None = None) -> ArticleQuerySet:
        """What the public may see: published, and its publication time has come.

        The one visibility rule: every public view, feed, sitemap and API goes through it.
        """
        return self.filter(status=ArticleStatus.PUBLISHED, published_at__lte=now or timezone.now())

    def with_credits(self) -> ArticleQuerySet:
        """Each article's credits with their authors, in two queries in all: see credit_list."""
        # Into a plain list (to_attr): a prefetch into the related manager's cache would
        # build a queryset per article, which costs more than the query on a page of 100.
        return self.prefetch_related(
            models.Prefetch(
                "credits",
                queryset=Credit.objects.select_related("author"),
                to_attr="prefetched_credits",
            )
        )


class ArticleManager(models.Manager.from_queryset(ArticleQuerySet)):  # type: ignore[misc]
    def get_queryset(self) -> ArticleQuerySet:
        # The search vector is large and only the database writes it (a trigger): never
        # load it, so that saving a loaded article never writes it back either.
        return super().get_queryset().defer("search_vector")

    def get_by_natural_key(self, source_id: str) -> Article:
        return self.get(source_id=source_id)


@reversion.register(follow=["credits"], exclude=["search_vector"])
class Article(models.Model):
    source_id = models.CharField(
        _("source identifier"),
        max_length=200,
        unique=True,
        help_text=_("The agency's identifier of the item; for plain wire copy, the file's name."),
    )
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    headline = models.CharField(_("headline"), max_length=1000)
    language = models.CharField(
        _("language"),
        max_length=8,
        validators=[RegexValidator(LANGUAGE_SUBTAG, _("A language code such as fr, en or de."))],
        help_text=_("The BCP 47 primary language subtag: fr, en, de, it…"),
    )
    date = models.DateField(
        _("date"), help_text=_("The first of the month when only the month is known.")
    )
    date_precision = models.CharField(
        _("date precision"), max_length=8, choices=DatePrecision.choices
    )
    dateline_place = models.CharField(_("dateline place"), max_length=200, blank=True)
    dateline_source = models.CharField(_("dateline source"), max_length=200, blank=True)
    dateline_date = models.CharField(
        _("dateline date"),
        max_length=100,
        blank=True,
        help_text=_('The day as the dateline gives it, e.g. "7 novembre".'),
    )
    photo_credit = models.CharField(
        _("photo credit"), max_length=300, blank=True, help_text=_("Verbatim, after ©.")
    )
    body = models.TextField(_("body"), help_text=_("Paragraphs separated by a blank line."))

    photo = models.ImageField(_("photo"), upload_to="photos/%Y/%m/", blank=True)
    photo_caption = models.CharField(_("photo caption"), max_length=500, blank=True)
    photo_alt_text = models.CharField(_("photo alternative text"), max_length=500, blank=True)

    status = models.CharField(
        _("status"), max_length=16, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT
    )
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_("A time in the future schedules the article."),
    )

    source_text = models.TextField(
        _("source text"), blank=True, help_text=_("The wire file exactly as received.")
    )
    # Indexed: an import recognises a file it has seen by its hash before parsing it.
    source_hash = models.CharField(
        _("source hash"),
        max_length=64,
        blank=True,
        db_index=True,
        help_text=_("SHA-256 of the source file."),
    )
    source_format = models.CharField(
        _("source format"),
        max_length=16,
        choices=SourceFormat.choices,
        default=SourceFormat.WIRE_COPY,
    )
    # The source file's own encoding when it is not UTF-8 (an ISO-8859-1 NITF, say), so that
    # the text kept here turns back into the very bytes received.
    source_encoding = models.CharField(_("source encoding"), max_length=32, blank=True)
    agency_version = models.PositiveBigIntegerField(
        _("agency version"),
        default=1,
        help_text=_("The agency's version of the item; a lower or equal one is never imported."),
    )
    embargoed_until = models.DateTimeField(
        _("embargoed until"),
        null=True,
        blank=True,
        help_text=_("The agency's embargo: the article may not appear before this time."),
    )
    # Optimistic locking: every save increments it; a save based on an older value is refused.
    version = models.PositiveIntegerField(_("version"), default=1)
    # PostgreSQL full-text search document, kept by triggers (migration 0003); NULL on SQLite.
    search_vector = SearchVectorField(_("search vector"), null=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ArticleManager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-date", "-id"]
        get_latest_by = "date"
        # Editing a draft and publishing it are different jobs: only Editors get this one.
        permissions = [("publish_article", _("Can publish, schedule and unpublish articles"))]
        indexes = [
            models.Index(fields=["language", "-date", "-id"], name="article_language_date"),
            models.Index(fields=["-date", "-id"], name="article_date"),
            models.Index(fields=["status", "published_at"], name="article_visibility"),
            # The dashboard's "recently changed", and the list sorted by its "updated" column.
            models.Index(fields=["-updated_at", "-id"], name="article_updated"),
            # The importer's translation proposals ask for the articles of a day and place.
            models.Index(F("date"), Upper("dateline_place"), name="article_day_and_place"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(language__regex=LANGUAGE_SUBTAG_IN_DATABASE),
                name="article_language_subtag",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ArticleStatus.values), name="article_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(date_precision__in=DatePrecision.values),
                name="article_date_precision_valid",
            ),
            # A month-precision date is stored as the 1st; anything else would be an invented day.
            models.CheckConstraint(
                condition=Q(date_precision=DatePrecision.DAY) | Q(date__day=1),
                name="article_month_precision_on_first",
            ),
            models.CheckConstraint(
                condition=~Q(status=ArticleStatus.PUBLISHED) | Q(published_at__isnull=False),
                name="article_published_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.headline

    def get_absolute_url(self) -> str:
        return reverse("website:article-detail", kwargs={"slug": self.slug})

    def natural_key(self) -> tuple[str]:
        return (self.source_id,)

    def clean(self) -> None:
        # The one month-date rule (the database's constraint says the same): a day given with
        # the precision "month" is refused, never silently moved to the 1st.
        if (
            self.date_precision == DatePrecision.MONTH
            and self.date is not None
            and self.date.day != 1
        ):
            raise ValidationError(
                {
                    "date": ValidationError(
                        _(
                            "With the precision “month”, the date must be the 1st of the month: "
                            "enter %(first)s, or choose the precision “day” to keep %(given)s."
                        ),
                        code="month_date_not_first",
                        params={
                            "first": date_format(self.date.replace(day=1), "SHORT_DATE_FORMAT"),
                            "given": date_format(self.date, "SHORT_DATE_FORMAT"),
                        },
                    )
                }
            )

    @property
    def credit_list(self) -> list[Credit]:
        """The credits in order with their authors: prefetched by with_credits(), or read now."""
        try:
            return self.prefetched_credits
        except AttributeError:
            return list(self.credits.select_related("author"))

    @property
    def date_text(self) -> str:
        """The date as the source gives it: "2023-09" or "2024-03-12"."""
        return vocabulary.partial_date_text(self.date, self.date_precision)

    @property
    def is_visible(self) -> bool:
        return (
            self.status == ArticleStatus.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )


@reversion.register()
class Credit(models.Model):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="credits", verbose_name=_("article")
    )
    author = models.ForeignKey(
        Author, on_delete=models.PROTECT, related_name="credits", verbose_name=_("author")
    )
    role = models.CharField(_("role"), max_length=32, choices=CreditRole.choices)
    note = models.CharField(
        _("note"), max_length=200, blank=True, help_text=_('E.g. the place: "à Kyiv".')
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("credit")
        verbose_name_plural = _("credits")
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["author", "role"], name="credit_author_role")]
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=CreditRole.values), name="credit_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.author}"


# Tables defined beside this module, imported here so Django finds them: the agency updates to
# review, the change log's (written by database triggers), who owns and who is editing what.
from articles.agency_updates import AgencyUpdateToReview  # noqa: E402, F401
from articles.changes import Announcement, ChangeEvent, PendingChange  # noqa: E402, F401
from articles.import_failures import ImportFailure  # noqa: E402, F401
from articles.ownership import ArticleOwnership  # noqa: E402, F401
from articles.presence import EditingPresence  # noqa: E402, F401
from articles.public_facts import (  # noqa: E402, F401
    ArticleCorrection,
    TranslationGroup,
    TranslationMember,
    TranslationProposal,
)
