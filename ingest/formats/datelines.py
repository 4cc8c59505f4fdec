"""The dateline that opens a body: "KYIV, 7 novembre (Reuters) - "."""

from __future__ import annotations

import re

from ingest.formats.items import Dateline

# Every part is bounded: longer "datelines" are sentences that happen to hold a parenthesis
# and a dash, and the bounds keep the matching linear on long first lines.
_DATELINE = re.compile(
    r"""
    (?P<place> [^\W\d_] (?: [^\W\d_] | [ '\u2019.,-] ){0,99}? )   # KYIV, NEW YORK, N'DJAMENA
    (?: [^\S\n]* , [^\S\n]*
        (?P<date> (?= [^\n(),]{0,49} [0-9] ) [^\n(),]{1,50}? ) )?  # 7 novembre, Nov 7
    [^\S\n]* \( [^\S\n]* (?P<source> [^\n()]{1,100}? ) [^\S\n]* \)
    [^\S\n]* [-\u2013\u2014] (?: \s+ | \Z )                       # -, en or em dash, a space
    """,
    re.VERBOSE,
)
# Lowercase words a place name may hold: "Rio de Janeiro", "Côte d'Ivoire", "Frankfurt am Main".
_PLACE_PARTICLES_TEXT = (
    "de du des la le les d l sur en lès am an upon of the el al y da do dos das di van von der den"
)
_PLACE_PARTICLES = frozenset(_PLACE_PARTICLES_TEXT.split())
_WORD = re.compile(r"[^\W\d_]+")


def split_dateline(text: str) -> tuple[Dateline | None, str]:
    """The dateline opening the text, if any, and the text after it."""
    match = _DATELINE.match(text)
    if match is None:
        return None, text
    place, source, date = match["place"].strip(), match["source"], match["date"] or ""
    # "Le président (ex-ministre) - …" is a sentence: a place's words are capitalised.
    if not all(word[0].isupper() or word in _PLACE_PARTICLES for word in _WORD.findall(place)):
        return None, text
    return Dateline(place=place, source=source, date=date), text[match.end() :]
