"""Factories for tests: realistic articles, authors and credits with little typing."""

import datetime
import importlib
import io
import struct
import zlib

import factory
from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from django.utils import timezone
from PIL import Image

from articles.models import (
    Article,
    ArticleStatus,
    Author,
    AuthorKind,
    Credit,
    CreditRole,
    DatePrecision,
    Language,
)

# Every user the factories create logs in with this password.
USER_PASSWORD = "correct-horse-battery-staple"


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Reporter Number{n}")
    slug = factory.LazyAttribute(lambda author: author.name.lower().replace(" ", "-"))
    kind = AuthorKind.PERSON


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published, visible article unless told otherwise."""

    class Meta:
        model = Article

    source_id = factory.Sequence(lambda n: f"test_{n:06d}")
    headline = factory.Sequence(lambda n: f"Headline number {n}")
    slug = factory.Sequence(lambda n: f"headline-number-{n}")
    language = Language.ENGLISH
    date = datetime.date(2024, 3, 12)
    date_precision = DatePrecision.DAY
    dateline_place = "KYIV"
    dateline_source = "Reuters"
    body = "First paragraph.\n\nSecond paragraph."
    status = ArticleStatus.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))

    class Params:
        draft = factory.Trait(status=ArticleStatus.DRAFT, published_at=None)
        scheduled = factory.Trait(
            published_at=factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=1))
        )


class CreditFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Credit

    article = factory.SubFactory(ArticleFactory)
    author = factory.SubFactory(AuthorFactory)
    role = CreditRole.REPORTING
    note = ""
    position = factory.Sequence(lambda n: n)


# The seed article's credits, in source order: photo first.
SEED_CREDITS = (
    (CreditRole.PHOTO, "Reuters"),
    (CreditRole.REPORTING, "Andrew Gray"),
    (CreditRole.TRANSLATION, "Victor Goury-Laffont"),
    (CreditRole.TRANSLATION, "Mariana Abreu"),
    (CreditRole.EDITING, "Kate Entringer"),
)
AGENCY_NAMES = frozenset({"Reuters"})


class CreditedArticleFactory(ArticleFactory):
    """An article with credits: the seed's by default, or ``credits=[(role, name), ...]``."""

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def credits(article, create, extracted, **kwargs):
        if not create:
            return
        entries = SEED_CREDITS if extracted is None else extracted
        for position, (role, name) in enumerate(entries):
            kind = AuthorKind.ORGANISATION if name in AGENCY_NAMES else AuthorKind.PERSON
            Credit.objects.create(
                article=article,
                author=AuthorFactory(name=name, kind=kind),
                role=role,
                position=position,
            )


def ensure_editorial_groups() -> None:
    """The Editors and Contributors groups exactly as the migrations make them.

    Tests that flush the database (browser tests with live_server) lose what migrations wrote;
    running the migration's own function brings the groups back without a second definition.
    """
    migration = importlib.import_module("articles.migrations.0002_editorial_groups")
    migration.create_editorial_groups(django_apps, None)
    importlib.import_module("articles.migrations.0006_login_lockouts").let_editors_unlock(
        django_apps, None
    )
    importlib.import_module(
        "api.migrations.0002_editors_manage_webhooks"
    ).let_editors_manage_webhooks(django_apps, None)


class UserFactory(factory.django.DjangoModelFactory):
    """A staff user who can log in to the admin; ``groups=["Editors"]`` gives a role."""

    class Meta:
        model = "auth.User"
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    first_name = factory.Sequence(lambda n: f"Staff{n}")
    last_name = "Member"
    email = factory.LazyAttribute(lambda user: f"{user.username}@newsroom.example")
    is_staff = True
    password = factory.django.Password(USER_PASSWORD)

    @factory.post_generation
    def groups(user, create, extracted, **kwargs):
        if not create or not extracted:
            return
        ensure_editorial_groups()
        user.groups.add(*Group.objects.filter(name__in=extracted))


def photo_bytes(
    image_format: str = "JPEG", size: tuple[int, int] = (64, 48), orientation: int = 1
) -> bytes:
    """A real image file made by Pillow: a red left half and a blue right half.

    ``orientation`` sets the EXIF orientation tag (6 = the camera was turned a quarter right).
    """
    image = Image.new("RGB", size, "blue")
    image.paste("red", (0, 0, size[0] // 2, size[1]))
    output = io.BytesIO()
    options = {}
    if orientation != 1:
        exif = Image.Exif()
        exif[0x0112] = orientation
        options["exif"] = exif.tobytes()
    image.save(output, format=image_format, **options)
    return output.getvalue()


# Where the phone was: the EXIF GPS block a public rendition must never carry.
GPS_IFD = 0x8825
PARIS_GPS = {1: "N", 2: (48.0, 51.0, 24.0), 3: "E", 4: (2.0, 21.0, 3.0)}


def exif_with_gps(orientation: int = 1) -> bytes:
    """EXIF as a phone writes it: the maker, the orientation and where the photo was taken."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    if orientation != 1:
        exif[0x0112] = orientation
    exif.get_ifd(GPS_IFD).update(PARIS_GPS)
    return exif.tobytes()


def photo_with_gps(
    image_format: str = "JPEG",
    size: tuple[int, int] = (64, 48),
    colour: str = "blue",
    orientation: int = 1,
) -> bytes:
    """A real photo with GPS EXIF; MPO is a phone's JPEG with a second frame."""
    image = Image.new("RGB", size, colour)
    output = io.BytesIO()
    options: dict = {"exif": exif_with_gps(orientation)}
    if image_format == "MPO":
        options.update(save_all=True, append_images=[Image.new("RGB", size, "green")])
    image.save(output, format=image_format, **options)
    return output.getvalue()


def decompression_bomb_png(width: int = 100_000, height: int = 100_000) -> bytes:
    """A tiny PNG whose header claims gigantic dimensions, as a decompression bomb does."""
    data = bytearray(photo_bytes("PNG", (8, 8)))
    # IHDR is the first chunk: 8-byte signature, 4-byte length, "IHDR", then width and height.
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)
