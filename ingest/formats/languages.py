"""Which language, French or English, a wire text is written in."""

from __future__ import annotations

import re

# Strong language signals outweigh this many function words each.
STRONG_SIGNAL_WEIGHT = 10


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_WORD = re.compile(r"[^\W\d_]+")
_FRENCH_FUNCTION_WORDS = _word_set(
    """
    le la les des du de un une et est sont dans pour par sur avec qui que qu pas ne au aux
    ces cette leur leurs il elle ils elles nous vous mais ou où été était ont à l d n c j
    lors selon après avant contre entre aussi comme très sans depuis
    """
)
_ENGLISH_FUNCTION_WORDS = _word_set(
    """
    the of and to in is was were are that this with for by from has have had it its he
    she they said which who be been not at will would after their his her but than also
    about into over when if we our
    """
)
# "sept", "oct" and "nov" are abbreviations in both languages.
_FRENCH_MONTHS = _word_set(
    """
    janvier février fevrier mars avril mai juin juillet août aout septembre octobre
    novembre décembre decembre janv févr fevr avr juil déc
    """
)
_ENGLISH_MONTHS = _word_set(
    """
    january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep dec
    """
)
_FRENCH_DIACRITIC = re.compile(r"[àâçéèêëîïôûùüÿœæ]", re.IGNORECASE)


def month_languages(date_text: str) -> list[str]:
    """The languages ("fr", "en") of the month names in a dateline's day text."""
    words = [word.casefold() for word in _WORD.findall(date_text)]
    return [
        language
        for word in words
        for language, months in (("fr", _FRENCH_MONTHS), ("en", _ENGLISH_MONTHS))
        if word in months
    ]


def detect_language(text: str, signals: list[str]) -> str:
    """The language, "fr" or "en": strong signals, then function words, then diacritics."""
    words = [word.casefold() for word in _WORD.findall(text)]
    french = STRONG_SIGNAL_WEIGHT * signals.count("fr") + sum(
        word in _FRENCH_FUNCTION_WORDS for word in words
    )
    english = STRONG_SIGNAL_WEIGHT * signals.count("en") + sum(
        word in _ENGLISH_FUNCTION_WORDS for word in words
    )
    if french != english:
        return "fr" if french > english else "en"
    return "fr" if _FRENCH_DIACRITIC.search(text) else "en"
