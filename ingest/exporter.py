"""Articles out as wire copy: the source verbatim while unchanged, a fresh rendering once edited."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from pathlib import Path

from articles.models import Article
from articles.presentation import photo_credit_text
from articles.vocabulary import SourceFormat
from ingest.formats import wire_copy
from ingest.formats.detection import parse_wire_item
from ingest.formats.items import ItemStatus
from ingest.wire_files import WIRE_FILE_SUFFIX

_EXTENSIONS = {SourceFormat.NINJS: ".json"}
_UNSAFE_IN_NAMES = re.compile(r"[^A-Za-z0-9._-]")


def wire_copy_from_article(article: Article) -> wire_copy.WireCopy:
    """The article as it stands now, in the parser's terms (credits in order)."""
    dateline = None
    if article.dateline_place or article.dateline_source:
        dateline = wire_copy.Dateline(
            place=article.dateline_place,
            source=article.dateline_source,
            date=article.dateline_date,
        )
    return wire_copy.WireCopy(
        source_id=article.source_id,
        language=article.language,
        date=article.date,
        date_precision=wire_copy.DatePrecision(article.date_precision),
        headline=article.headline,
        body=article.body,
        photo_credit=photo_credit_text(article) or None,
        dateline=dateline,
        credits=tuple(
            wire_copy.CreditEntry(
                role=wire_copy.CreditRole(credit.role),
                name=credit.author.name,
                note=credit.note,
                kind=wire_copy.AuthorKind(credit.author.kind),
            )
            for credit in article.credit_list
        ),
    )


def wire_text_for(article: Article) -> str:
    """The source verbatim while the article says what it says; a fresh rendering once edited."""
    current = wire_copy_from_article(article)
    if article.source_text and article.source_format == SourceFormat.WIRE_COPY:
        try:
            if wire_copy.parse_wire_copy(article.source_text, article.source_id) == current:
                return article.source_text
        except wire_copy.WireCopyError:
            pass
    return wire_copy.render_wire_copy(current)


def export_file_for(article: Article) -> tuple[str, bytes]:
    """(file name, bytes): the file it came in while unedited, else plain wire copy."""
    source_format = SourceFormat(article.source_format)
    if source_format == SourceFormat.WIRE_COPY:
        return f"{article.source_id}{WIRE_FILE_SUFFIX}", wire_text_for(article).encode("utf-8")
    stem = _UNSAFE_IN_NAMES.sub("_", article.source_id)
    data = article.source_text.encode(article.source_encoding or "utf-8")
    if _says_what_its_source_says(article, data):
        return f"{stem}{_EXTENSIONS.get(source_format, '.xml')}", data
    return f"{stem}{WIRE_FILE_SUFFIX}", wire_copy.render_wire_copy(
        wire_copy_from_article(article)
    ).encode("utf-8")


def _says_what_its_source_says(article: Article, data: bytes) -> bool:
    """Whether the article's content is still what its source file gives."""
    try:
        source = parse_wire_item(data, article.source_id)
    except wire_copy.WireCopyError:
        return False
    # Only what the plain format can say is compared; versions and bylines are the source's.
    content = dataclasses.replace(
        source,
        version=1,
        status=ItemStatus.USABLE,
        embargoed_until=None,
        bylines=(),
        source_format=SourceFormat.WIRE_COPY,
    )
    return content == wire_copy_from_article(article)


def export_articles(directory: Path, articles: Iterable[Article] | None = None) -> list[Path]:
    """Write each article as its source file, or as plain wire copy; returns the files written."""
    directory.mkdir(parents=True, exist_ok=True)
    if articles is None:
        articles = Article.objects.with_credits().order_by("source_id")
    written = []
    for article in articles:
        name, data = export_file_for(article)
        path = directory / name
        path.write_bytes(data)
        written.append(path)
    return written
