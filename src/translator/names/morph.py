"""pymorphy3, loaded once and asked once per word form.

Why cache: pymorphy3 analyses about 8,000 words a second, and a project of 50,000
paragraphs repeats the same few thousand capitalised word forms over and over.
"""

from __future__ import annotations

from functools import lru_cache

import pymorphy3
from pymorphy3.analyzer import Parse

NAME_TAGS = ("Name", "Surn", "Patr", "Geox", "Orgn")


@lru_cache(maxsize=1)
def analyzer() -> pymorphy3.MorphAnalyzer:
    """The analyser; loading its dictionaries takes a fraction of a second, so do it once."""
    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=131072)
def parses(word: str) -> tuple[Parse, ...]:
    """Every analysis of one word form (case-sensitive input, as pymorphy3 lower-cases)."""
    return tuple(analyzer().parse(word))


@lru_cache(maxsize=131072)
def name_parses(word: str) -> tuple[Parse, ...]:
    """Only the analyses that make `word` a first name, surname, patronymic, place or body."""
    return tuple(parse for parse in parses(word) if any(tag in parse.tag for tag in NAME_TAGS))


@lru_cache(maxsize=131072)
def is_known(word: str) -> bool:
    """Whether the dictionary holds `word` (a guess by suffix does not count)."""
    return bool(analyzer().word_is_known(word.lower()))


def feminine_nominative(parse: Parse) -> str:
    """журавлевой -> журавлёва: the form a woman's surname is quoted in."""
    inflected = parse.inflect({"nomn"})
    return str(inflected.word) if inflected is not None else str(parse.normal_form)
