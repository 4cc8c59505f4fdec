"""The key that tells whether two spellings name the same author."""

from __future__ import annotations

import functools
import unicodedata


# Cached: an import asks for every credit's key three times, and a wire's names recur.
@functools.lru_cache(maxsize=4096)
def normalise_name(name: str) -> str:
    """Key that makes one author of "Kate Entringer", "kate  entringer" and "Katé Entringer"."""
    decomposed = unicodedata.normalize("NFKD", name)
    without_accents = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(without_accents.casefold().split())
