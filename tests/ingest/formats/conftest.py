"""The shared real wire samples, and checks every parsed item must pass."""

from __future__ import annotations

import re
from pathlib import Path

# A copy of ../shared/wire-samples kept in the tree, so a clone tests on its own.
SAMPLES = Path(__file__).resolve().parent / "samples"

_MARKUP_OR_ENTITY = re.compile(r"<[A-Za-z/!][^>]*>|&(?:#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z]+);")
_MOJIBAKE = re.compile("[ÃÂ][\u0080-\u00bf]|\ufffd")


def assert_clean_text(text: str) -> None:
    """No markup, no entity, no mojibake left in a parsed text."""
    assert not _MARKUP_OR_ENTITY.search(text), _MARKUP_OR_ENTITY.search(text)
    assert not _MOJIBAKE.search(text), _MOJIBAKE.search(text)
