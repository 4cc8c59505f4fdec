"""The body's layout rule, shared by the parser and the renderer."""

from __future__ import annotations


def normalise_body(text: str) -> str:
    """Stripped lines; paragraphs separated by exactly one blank line."""
    paragraphs: list[list[str]] = [[]]
    for line in text.split("\n"):
        line = line.strip()
        if line:
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    return "\n\n".join("\n".join(lines) for lines in paragraphs if lines)
