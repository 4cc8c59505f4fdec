"""The one slug rule for articles and authors: a base from the text, then -2, -3, ...

Slugs are permanent URLs: they are given once, when an article or an author is
created, and never recomputed, so a change to this rule only affects new ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db import models
from django.utils.text import slugify

# Letters NFKD cannot decompose, which slugify would drop ("Œdipe" -> "dipe"): spelled
# the way a reader types them instead. Upper case needs no entry of its own when
# slugify's lower-casing gives the same letters; these are all the ones that differ.
_SPELLED_LETTERS = str.maketrans(
    {
        "œ": "oe",
        "Œ": "oe",
        "æ": "ae",
        "Æ": "ae",
        "ß": "ss",
        "ẞ": "ss",
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "Ð": "d",
        "þ": "th",
        "Þ": "th",
        "ħ": "h",
        "Ħ": "h",
        "\u0131": "i",  # dotless i
        "ŧ": "t",
        "Ŧ": "t",
        "ŋ": "ng",
        "Ŋ": "ng",
        "ĸ": "k",
    }
)
UNTITLED = "untitled"
# Room a "-N" suffix may take from the base: the stem every variant of a base shares.
MAX_SUFFIX_LENGTH = 8
# Variants of a remembered base looked up per query: usually the first is free.
SUFFIXES_CHECKED_AT_ONCE = 16


def slug_base(text: str, max_length: int) -> str:
    """The slug the text asks for, before any suffix: ASCII, lower case, at most max_length."""
    # slugify folds accents to ASCII ("é" -> "e"), which is what readers type in URLs.
    return slugify(text.translate(_SPELLED_LETTERS))[:max_length].strip("-") or UNTITLED


def with_suffix(base: str, suffix: int, max_length: int) -> str:
    """The base with "-suffix", shortened so the whole still fits max_length."""
    tail = f"-{suffix}"
    return base[: max_length - len(tail)].rstrip("-") + tail


def candidates(base: str, max_length: int) -> Iterator[str]:
    """The slugs to try for a base, in order: the base itself, then -2, -3, ..."""
    yield base
    suffix = 2
    while True:
        yield with_suffix(base, suffix, max_length)
        suffix += 1


def slug_max_length(model: type[models.Model]) -> int:
    return model._meta.get_field("slug").max_length


def unique_slug(model: type[models.Model], text: str) -> str:
    """A slug for the text that no object of the model has yet; a query per candidate."""
    max_length = slug_max_length(model)
    for slug in candidates(slug_base(text, max_length), max_length):
        if not model.objects.filter(slug=slug).exists():
            return slug
    raise AssertionError("candidates() never ends")  # pragma: no cover


class SlugAllocator:
    """Unique slugs of a model for a whole run of imports: a query per chunk, not per object.

    Gives the slugs ``unique_slug`` would, one after the other, from the same rule.
    """

    def __init__(self, model: type[models.Model], free_from: dict[str, int] | None = None) -> None:
        self.model = model
        self.max_length = slug_max_length(model)
        self.taken: set[str] = set()
        # Per base: the suffix to try next, every one below it being taken.
        self.next_suffix: dict[str, int] = {}
        # Per base known from before forgetting: where the suffixes checked end.
        self.checked_until: dict[str, int] = {}
        self.free_from = dict(free_from or {})

    def base(self, text: str) -> str:
        return slug_base(text, self.max_length)

    def forgetting(self, bound: int) -> SlugAllocator:
        """A fresh allocator that still knows where each repeated base's free suffixes start.

        Without it, a run that forgets re-reads every "-N" variant of each repeated
        headline (thousands in a large archive); with it, it checks a few suffixes from
        there. Beyond ``bound`` bases it knows nothing, so memory stays bounded.
        """
        remembered = {**self.free_from, **self.next_suffix}
        return SlugAllocator(self.model, remembered if len(remembered) <= bound else None)

    def learn_taken(self, texts: Iterable[str]) -> None:
        """Find, in one query, which of these texts' base slugs are taken already."""
        bases = {self.base(text) for text in texts} - self.taken
        # order_by(): the model's default ordering would sort what is only a set.
        taken = self.model.objects.filter(slug__in=bases).order_by()
        self.taken.update(taken.values_list("slug", flat=True))

    def allocate(self, text: str) -> str:
        """The text's slug, from bases learnt by learn_taken; reserved for this run."""
        base = self.base(text)
        if base not in self.taken:
            self.taken.add(base)
            return base
        suffix = self.next_suffix.get(base)
        if suffix is None:
            suffix = self._first_suffix_to_try(base)
        while True:
            if base in self.checked_until and suffix >= self.checked_until[base]:
                self._check_suffixes(base, suffix)
            slug = with_suffix(base, suffix, self.max_length)
            suffix += 1
            if slug not in self.taken:
                break
        self.next_suffix[base] = suffix
        self.taken.add(slug)
        return slug

    def _first_suffix_to_try(self, base: str) -> int:
        """Learn the taken variants of a base: a few from a remembered suffix, else all."""
        if base in self.free_from:
            suffix = self.free_from.pop(base)
            self._check_suffixes(base, suffix)
            return suffix
        # Every "-N" variant shares this prefix, even when the suffix shortened the base.
        stem = base[: self.max_length - MAX_SUFFIX_LENGTH]
        self.taken.update(
            self.model.objects.filter(slug__startswith=stem)
            .order_by()
            .values_list("slug", flat=True)
        )
        return 2

    def _check_suffixes(self, base: str, start: int) -> None:
        """Learn which of the next SUFFIXES_CHECKED_AT_ONCE variants from start are taken."""
        end = start + SUFFIXES_CHECKED_AT_ONCE
        variants = [with_suffix(base, suffix, self.max_length) for suffix in range(start, end)]
        taken = self.model.objects.filter(slug__in=variants).order_by()
        self.taken.update(taken.values_list("slug", flat=True))
        self.checked_until[base] = end
