"""Markup to plain paragraphs: the body rule shared by every XML and JSON format.

One paragraph per block element (``p``, ``li``, headings); inside one, a blank
line starts another paragraph, and so does a line break followed by
indentation where the other lines are not indented (how Reuters and ANSA mark
paragraphs inside a single ``<p>``); any other run of whitespace is one space.
Markup is removed and entities decoded; agencies that escape their entities or
markup twice (STT's ``&amp;#39;``, NTB's ``&lt;div&gt;``) are decoded once more,
so no tag or entity is left in the text.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from lxml import etree


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


_BLOCKS = _names(
    "p li h1 h2 h3 h4 h5 h6 hl1 hl2 pre blockquote div section article ul ol dl dt dd"
    " table tr body.content block body"
)
# Whole elements whose text is not part of the story: page furniture and media.
_SKIPPED = _names(
    "head title header footer script style figure figcaption media object iframe nav"
    " body.head body.end tagline"
)
# Elements without an end tag in HTML: they must not unbalance the skip count.
_VOID = _names("br img meta link hr input area base col embed source track wbr")
_BLANK_LINE_BREAK = re.compile(r"\n[^\S\n]*\n")
_INDENTED_BREAK = re.compile(r"\n[^\S\n]*\n|\n[ \t]{3,}")
_LEFTOVER_MARKUP = re.compile(r"<[A-Za-z/!]|&(?:#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z]+);")


class _ParagraphCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._current: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        name = _local_name(tag)
        if name in _VOID:
            if name == "br" and not self._skipping:
                self._current.append(" ")
            return
        if self._skipping or name in _SKIPPED:
            self._skipping += 1  # counted so the matching end tag closes the skip
            return
        if name in _BLOCKS:
            self._flush()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self._skipping and _local_name(tag) == "br":
            self._current.append(" ")

    def handle_endtag(self, tag: str) -> None:
        name = _local_name(tag)
        if name in _VOID:
            return
        if self._skipping:
            self._skipping -= 1
            return
        if name in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._current.append(data)

    def close(self) -> None:
        super().close()
        self._flush()

    def _flush(self) -> None:
        text = "".join(self._current).strip()
        self._current = []
        breaks = _INDENTED_BREAK if _indentation_marks_paragraphs(text) else _BLANK_LINE_BREAK
        for part in breaks.split(text):
            paragraph = " ".join(part.split())
            if paragraph:
                self.paragraphs.append(paragraph)


def _indentation_marks_paragraphs(text: str) -> bool:
    """Whether indented lines open paragraphs: only when other lines are not indented.

    Reuters and ANSA indent a paragraph's first line only; a pretty-printer indents
    every line, and there indentation is layout.
    """
    lines = [line for line in text.split("\n")[1:] if line.strip()]
    indented = sum(line.startswith(("   ", "\t")) for line in lines)
    return 0 < indented < len(lines)


def _local_name(tag: str) -> str:
    return tag.rpartition(":")[2].lower()


def paragraphs_of_markup(markup: str, *, decode_twice: bool = True) -> list[str]:
    """The plain paragraphs of an HTML or XHTML fragment, in order, none empty."""
    collector = _ParagraphCollector()
    collector.feed(markup)
    collector.close()
    paragraphs: list[str] = []
    for paragraph in collector.paragraphs:
        if decode_twice and _LEFTOVER_MARKUP.search(paragraph):
            paragraphs.extend(paragraphs_of_markup(paragraph, decode_twice=False))
        else:
            paragraphs.append(paragraph)
    return [html.unescape(p) if "&" in p else p for p in paragraphs if p]


def paragraphs_of_element(element: etree._Element) -> list[str]:
    """The plain paragraphs of a parsed XML element's content."""
    return paragraphs_of_markup(etree.tostring(element, encoding="unicode", with_tail=False))
