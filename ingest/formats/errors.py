"""The one error every wire-format reader raises, and the helpers its messages share."""

from __future__ import annotations


class WireCopyError(ValueError):
    """The text is not wire copy; the message says what is wrong, for a person."""


def quote(text: str, limit: int = 60) -> str:
    """Text fit for a one-line message: shortened, with invisible characters escaped."""
    shortened = text if len(text) <= limit else text[: limit - 1] + "…"
    return "".join(char if char.isprintable() else f"\\u{ord(char):04x}" for char in shortened)


def line_and_column(text: str, position: int) -> tuple[int, int]:
    """The 1-based line and column of a position in the text, for a message."""
    line_start = max(text.rfind("\n", 0, position), text.rfind("\r", 0, position)) + 1
    return text.count("\n", 0, position) + 1, position - line_start + 1


def check_length(what: str, value: str, limit: int) -> None:
    """Refuse a value longer than its database column, with a message."""
    if len(value) > limit:
        raise WireCopyError(
            f'{what} "{quote(value, 40)}" is {len(value)} characters long; the limit is {limit}'
        )
