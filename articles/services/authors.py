"""The one author rule: one author per name (case, accents, spaces ignored), merged names too."""

from __future__ import annotations

import copy
from collections.abc import Iterable

import reversion
from django.db import IntegrityError, transaction

from articles.models import Author, AuthorAlias, AuthorKind
from articles.names import normalise_name
from articles.slugs import SlugAllocator, unique_slug


def new_author(name: str, kind: str, slug: str) -> Author:
    """An unsaved author for the name, its matching key set (bulk_create skips save())."""
    name = " ".join(name.split())
    return Author(name=name, name_key=normalise_name(name), kind=kind, slug=slug)


def find_author(name: str) -> Author | None:
    """The one author of this name, or of which it is a merged name; None if there is none."""
    key = normalise_name(name)
    author = Author.objects.filter(name_key=key).first()
    if author is not None:
        return author
    alias = AuthorAlias.objects.select_related("author").filter(name_key=key).first()
    # A name merged into another author: credited to that author, not created again.
    return alias.author if alias is not None else None


def author_for(name: str, kind: str = AuthorKind.PERSON) -> Author:
    """The one author of this name, created if there is none yet."""
    author = find_author(name)
    if author is not None:
        return author
    author = new_author(name, kind, unique_slug(Author, name))
    author.save()
    return author


def author_for_credit(name: str, *, user) -> tuple[Author, bool]:
    """The author a credit names, and whether it was created (with a revision by ``user``)."""
    author = find_author(name)
    if author is not None:
        return author, False
    try:
        with transaction.atomic(), reversion.create_revision():
            author = author_for(name)
            reversion.set_user(user)
    except IntegrityError:
        # Created by someone else in the meantime, under this name or its slug.
        author = find_author(name)
        if author is None:
            raise
        return author, False
    return author, True


def authors_for(
    names_and_kinds: Iterable[tuple[str, str]], slugs: SlugAllocator, *, save: bool = True
) -> list[Author]:
    """The authors of many names in two queries: those found, then those created in bulk.

    What author_for gives one name at a time; the first spelling of a name is kept, and
    slugs come from the run's allocator so that they agree across calls. With
    ``save=False`` the new authors are returned unsaved, for the caller to write.
    """
    wanted: dict[str, tuple[str, str]] = {}
    for name, kind in names_and_kinds:
        wanted.setdefault(normalise_name(name), (name, kind))
    found = {author.name_key: author for author in Author.objects.filter(name_key__in=wanted)}
    aliases = AuthorAlias.objects.select_related("author").filter(
        name_key__in=[key for key in wanted if key not in found]
    )
    for alias in aliases:
        # Callers index the result by name_key: the merged-into author under the alias's key
        # (an in-memory copy, same row; Author.save() recomputes the key from the name).
        author = copy.copy(alias.author)
        author.name_key = alias.name_key
        found[alias.name_key] = author
    missing = [(name, kind) for key, (name, kind) in wanted.items() if key not in found]
    slugs.learn_taken(name for name, _ in missing)
    created = [new_author(name, kind, slugs.allocate(name)) for name, kind in missing]
    if save:
        Author.objects.bulk_create(created)
    return [*found.values(), *created]
